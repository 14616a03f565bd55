package dev.nettune.bench.model;

import dev.nettune.client.load.Load;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Warm-up iterations must swap the load's latency recorder as measured ones do: each swap flips the
 * phase the drivers' recordValue branches on, and a first flip at measurement start deoptimised the
 * drivers' compiled loop there (docs/steady-state.md).
 */
class WarmupSwapsRecorderTest {
    /** A load with no drivers that counts the recorder swaps asked of it. */
    private static final class CountingLoad extends Load {
        int swaps;

        CountingLoad() {
            super(1);
        }

        @Override
        public Histogram intervalHistogram(Histogram recycle) {
            swaps++;
            return super.intervalHistogram(recycle);
        }

        @Override
        public int threads() {
            return 0;
        }

        @Override
        public long minCompletedPerConnection() {
            return 0;
        }

        @Override
        protected void stop() {
        }
    }

    @Test
    void everyWarmupIterationSwapsTheRecorderAsItBeginsAndEnds() throws Exception {
        ConnectionScalingBenchmark bench = new ConnectionScalingBenchmark();
        CountingLoad load = new CountingLoad();
        bench.load = load;
        IterationParams warmup = new IterationParams(IterationType.WARMUP, 2, TimeValue.seconds(1), 1);
        bench.beginIteration(warmup);
        bench.endIteration();
        assertEquals(2, load.swaps, "first warm-up iteration");
        bench.beginIteration(warmup);
        bench.endIteration();
        assertEquals(4, load.swaps, "second warm-up iteration");
    }
}
