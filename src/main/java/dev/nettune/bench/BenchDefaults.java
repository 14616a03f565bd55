package dev.nettune.bench;

/**
 * BenchDefaults are the JMH settings every nettune benchmark starts from, as named constants for
 * annotations. The suite runner's profiles (smoke, quick, full) override them from the command line.
 */
public final class BenchDefaults {
    private BenchDefaults() {
    }

    public static final int FORKS = 1;
    public static final int WARMUP_ITERATIONS = 3;
    public static final int WARMUP_SECONDS = 1;
    public static final int MEASUREMENT_ITERATIONS = 5;
    public static final int MEASUREMENT_SECONDS = 1;
    /** Heap for forks: fixed so that GC behaviour does not differ with the machine's memory. */
    public static final String HEAP = "-Xmx1g";
    public static final String HEAP_MIN = "-Xms1g";
}
