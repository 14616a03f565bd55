package dev.nettune.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * An AbstractBenchmark carries the JMH settings every nettune benchmark starts from, written once
 * (as Netty's microbench does): forks, warm-up and measurement iterations, the forks' heap, and
 * throughput in operations per second as the default mode. A benchmark that reports another mode
 * or unit says so on its own class, which JMH reads before its superclass's. The suite runner's
 * profiles (smoke, quick, full, scale) override the iteration counts and times from the command line.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = AbstractBenchmark.WARMUP_ITERATIONS, time = AbstractBenchmark.WARMUP_SECONDS)
@Measurement(iterations = AbstractBenchmark.MEASUREMENT_ITERATIONS, time = AbstractBenchmark.MEASUREMENT_SECONDS)
@Fork(value = AbstractBenchmark.FORKS, jvmArgsAppend = {AbstractBenchmark.HEAP, AbstractBenchmark.HEAP_MIN})
public abstract class AbstractBenchmark {
    public static final int FORKS = 1;
    public static final int WARMUP_ITERATIONS = 3;
    public static final int WARMUP_SECONDS = 1;
    public static final int MEASUREMENT_ITERATIONS = 5;
    public static final int MEASUREMENT_SECONDS = 1;
    /** Heap for forks: fixed so that GC behaviour does not differ with the machine's memory. */
    public static final String HEAP = "-Xmx1g";
    public static final String HEAP_MIN = "-Xms1g";
}
