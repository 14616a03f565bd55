package dev.nettune.analysis.model;

import java.util.List;
import java.util.Map;

/**
 * A RunInfo is what this suite's {@code run.json} says about a run: when and where it ran, on
 * which JVMs, and how it ended. Every field may be missing in the file; missing strings are "" and
 * missing maps and lists empty.
 *
 * @param runId      the run's id
 * @param profile    suite profile (e.g. "quick")
 * @param startedAt  ISO-8601 start time
 * @param gitCommit  commit of the suite
 * @param jmhVersion JMH version
 * @param host       host facts (os, kernel, cpuModel, cpus, memoryBytes, ulimitNofile, ...) as text
 * @param sysctls    network sysctls as text
 * @param jvms       the JVMs of the run
 * @param status     running, interrupted, complete or complete-with-failures; "" when not recorded
 * @param selfCheck  true when the run is an A/A self-check (one JDK under two labels)
 * @param method     the run's method (design, order, blocks, seed, ...) as text; empty for older runs. Per
 *                   class also {@value #WARMUP_PREFIX}Class (its forks' warm-up iterations) and
 *                   {@value #UNSTEADY_PREFIX}Class (the points its calibration found without a steady state,
 *                   "slow-down:connections=1;server=SELECTOR,...") and {@value #PINNED_PREFIX}Class (its points
 *                   pinned to CPUs, "0:connections=1"), when run.json records them
 * @param counting   what run.json says of the counters per operation: which were missing and why
 */
public record RunInfo(String runId, String profile, String startedAt, String gitCommit, String jmhVersion,
                      Map<String, String> host, Map<String, String> sysctls, List<JvmInfo> jvms, String status,
                      boolean selfCheck, Map<String, String> method, Counting counting) {

    /** A RunInfo whose run.json says nothing of counters. */
    public RunInfo(String runId, String profile, String startedAt, String gitCommit, String jmhVersion,
                   Map<String, String> host, Map<String, String> sysctls, List<JvmInfo> jvms, String status,
                   boolean selfCheck, Map<String, String> method) {
        this(runId, profile, startedAt, gitCommit, jmhVersion, host, sysctls, jvms, status, selfCheck, method,
                Counting.NOT_RECORDED);
    }

    /**
     * Counting is run.json's {@code counters}: whether the run recorded what it could count, and each
     * counter (a perf event, or the /proc profiler) it could not, with the reason and fix in one line.
     *
     * @param recorded whether run.json has the field at all
     * @param missing  counter name to reason, in the file's order; empty when nothing was missing
     */
    public record Counting(boolean recorded, Map<String, String> missing) {
        /** A run.json without the field (every run before counters). */
        public static final Counting NOT_RECORDED = new Counting(false, Map.of());

        public Counting {
            missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missing));
        }
    }

    /** Key prefix in {@link #method} of a class's warm-up iterations. */
    public static final String WARMUP_PREFIX = "warm-up ";
    /** Key prefix in {@link #method} of a class's points without a steady state, by calibration. */
    public static final String UNSTEADY_PREFIX = "unsteady ";
    /** Key prefix in {@link #method} of a class's points pinned to CPUs by its profile ("0:connections=1"). */
    public static final String PINNED_PREFIX = "pinned ";

    /** A RunInfo without status, self-check flag or method (older run.json files). */
    public RunInfo(String runId, String profile, String startedAt, String gitCommit, String jmhVersion,
                   Map<String, String> host, Map<String, String> sysctls, List<JvmInfo> jvms) {
        this(runId, profile, startedAt, gitCommit, jmhVersion, host, sysctls, jvms, "", false, Map.of());
    }

    /**
     * A JvmInfo is one entry of {@code run.json}'s {@code jvms}: label, home, vendor, version, flags,
     * placement, the full runtime version, the variant's name (e.g. "cpu0"; "" for a plain JDK) and
     * the JVM's point counts.
     *
     * @param label          folder label
     * @param javaHome       JAVA_HOME
     * @param vendor         vendor
     * @param version        version, e.g. "17.0.15"
     * @param flags          flags every fork of this JVM got
     * @param placement      CPU placement, e.g. "free" or "taskset -c 0"
     * @param runtimeVersion full runtime version, e.g. "17.0.15+6-Debian-1deb12u1"; "" when not recorded
     * @param variantName    the variant's name, "" for a plain JDK
     * @param summary        point counts and failures; {@link Summary#NONE} when not recorded
     */
    public record JvmInfo(String label, String javaHome, String vendor, String version, List<String> flags,
                          String placement, String runtimeVersion, String variantName, Summary summary) {

        /** A JvmInfo without runtime version, variant name or summary. */
        public JvmInfo(String label, String javaHome, String vendor, String version, List<String> flags,
                       String placement) {
            this(label, javaHome, vendor, version, flags, placement, "", "", Summary.NONE);
        }
    }

    /**
     * A Summary is a JVM's point counts at the end of (or during) a run, as {@code run.json} records them.
     *
     * @param points        points planned
     * @param ok            points with a result
     * @param skipped       points skipped with a reason
     * @param failed        points that failed (no result, no skip reason)
     * @param failedPoints  the failed points, as text
     * @param errors        errors the runner recorded, as text
     */
    public record Summary(int points, int ok, int skipped, int failed, List<String> failedPoints,
                          List<String> errors) {
        /** No summary recorded. */
        public static final Summary NONE = new Summary(0, 0, 0, 0, List.of(), List.of());
    }

    /** The JVM entry with this label, or null. */
    public JvmInfo jvm(String label) {
        return jvms.stream().filter(j -> j.label().equals(label)).findFirst().orElse(null);
    }

    /** True when the run did not finish (status running or interrupted). */
    public boolean unfinished() {
        return status.equals("running") || status.equals("interrupted");
    }
}
