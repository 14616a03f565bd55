package dev.nettune.analysis.model;

/**
 * A Family is a group of benchmarks answering one tuning question, recognised by Java package.
 * Anything not in a known package (including other projects' benchmarks) is {@link #OTHER}.
 */
public enum Family {
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

    /** The family of a fully qualified benchmark name such as {@code dev.nettune.bench.model.X.m}. */
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
