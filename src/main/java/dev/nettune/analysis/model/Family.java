package dev.nettune.analysis.model;

/**
 * A Family is a group of benchmarks answering one tuning question, recognised by Java package (or,
 * for the round trip, by class). Anything else (including other projects' benchmarks) is
 * {@link #OTHER}.
 */
public enum Family {
    /** The plainest probe of a JDK's socket path: one connection, 64 B request and reply. */
    ROUND_TRIP("Round trip", "dev.nettune.bench.RoundTripBenchmark."),
    MODEL("I/O model", "dev.nettune.bench.model."),
    BUFFERS("Socket buffers", "dev.nettune.bench.buffers."),
    COALESCING("Write coalescing", "dev.nettune.bench.coalescing."),
    REUSE("Connection reuse", "dev.nettune.bench.reuse."),
    OTHER("Other benchmarks", "");

    /** Heading shown in the report. */
    public final String title;
    private final String packagePrefix;

    Family(String title, String packagePrefix) {
        this.title = title;
        this.packagePrefix = packagePrefix;
    }

    /** The family of a fully qualified benchmark name such as {@code dev.nettune.bench.model.X.m}; prefixes end with '.'. */
    public static Family of(String benchmark) {
        for (Family f : values()) {
            if (f != OTHER && benchmark.startsWith(f.packagePrefix)) {
                return f;
            }
        }
        return OTHER;
    }

    /** A short name for files: "model", "buffers", ... */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
