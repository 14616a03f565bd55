package dev.nettune.bench.buffers;

import dev.nettune.bench.AbstractBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;

/**
 * BulkStreamBenchmarkBase is what the bulk-stream benchmarks share: one {@link StreamFixture} per
 * trial, one verified stream per operation, Gbit/s counted in {@link GbitCounter}. Subclasses hold
 * the parameters (each its own grid) and say how to build the fixture.
 */
public abstract class BulkStreamBenchmarkBase extends AbstractBenchmark {
    private StreamFixture fixture;
    private double gbitPerStream;

    /** The fixture for this trial's parameters. */
    protected abstract StreamFixture openFixture(BenchmarkParams params) throws IOException, InterruptedException;

    /** Payload bytes per stream (one operation). */
    protected abstract int streamBytes();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException, InterruptedException {
        fixture = openFixture(params);
        fixture.record(params);
        gbitPerStream = streamBytes() * 8.0 / 1e9;
    }

    @Benchmark
    public void stream(GbitCounter counter) throws IOException {
        fixture.send();
        counter.gbit += gbitPerStream;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        fixture.close();
    }
}
