package dev.nettune.results;

import java.nio.file.Path;

/**
 * ResultFiles names the files of a run folder and the system properties that point a benchmark
 * fork at them: the one place where the benchmarks (which write the sidecar files), the suite
 * runner (which writes the run's logs and passes the properties) and the analysis (which reads
 * them all) agree. Layout of {@code <results>/<runId>/}:
 * <pre>
 * run.json, forks.jsonl, points.jsonl       the runner's
 * &lt;jvm label&gt;/&lt;Class&gt;.json                  JMH's JSON, merged by the runner
 * &lt;jvm label&gt;/sockopts.jsonl, skips.jsonl   written by the benchmarks, one JSON object per line
 * &lt;jvm label&gt;/reuse.jsonl                     written by the connection-reuse benchmark
 * &lt;jvm label&gt;/placements.jsonl                where a point's server ran, when not in process
 * </pre>
 */
public final class ResultFiles {
    /** The run's plan, method, environment and status. */
    public static final String RUN = "run.json";
    /** One line per fork attempted. */
    public static final String FORKS = "forks.jsonl";
    /** One line per point whose blocks are all done. */
    public static final String POINTS = "points.jsonl";
    /** Socket options requested, read back by Java and held by the kernel, per benchmark point. */
    public static final String SOCKOPTS = "sockopts.jsonl";
    /** Points a JVM cannot run, with the reason. */
    public static final String SKIPS = "skips.jsonl";
    /** Per-iteration latency, TIME_WAIT and port settings of the connection-reuse family. */
    public static final String REUSE = "reuse.jsonl";
    /** Per trial of a point whose server ran outside the benchmark's JVM: where, on which link, which server JVM. */
    public static final String PLACEMENTS = "placements.jsonl";

    /** Prefix of every nettune system property. */
    public static final String PROPERTY_PREFIX = "nettune.";
    /** System property naming the {@link #SOCKOPTS} file a fork appends to; unset: nothing is written. */
    public static final String SOCKOPTS_PROPERTY = PROPERTY_PREFIX + "sockopts.file";
    /** System property naming the {@link #SKIPS} file a fork appends to; unset: the reason is only printed. */
    public static final String SKIPS_PROPERTY = PROPERTY_PREFIX + "skips.file";
    /** System property naming the {@link #REUSE} file; unset: {@link #REUSE} beside the sockopts file. */
    public static final String REUSE_PROPERTY = PROPERTY_PREFIX + "reuse.file";

    private ResultFiles() {
    }

    /** The file a property names in this JVM, or null when it is not set. */
    public static Path fromProperty(String property) {
        String f = System.getProperty(property);
        return f == null ? null : Path.of(f);
    }

    /** The file {@code name} in the folder of the sockopts file (the fork's JVM folder), or null when that is not set. */
    public static Path besideSockopts(String name) {
        Path sockopts = fromProperty(SOCKOPTS_PROPERTY);
        if (sockopts == null) {
            return null;
        }
        Path parent = sockopts.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }
}
