package dev.nettune.analysis.model;

import java.util.List;
import java.util.Map;

/**
 * A RunInfo is what this suite's {@code run.json} says about a run: when and where it ran, and on
 * which JVMs. Every field may be missing in the file; missing strings are "" and missing maps empty.
 *
 * @param runId   the run's id
 * @param profile suite profile (e.g. "quick")
 * @param startedAt ISO-8601 start time
 * @param gitCommit commit of the suite
 * @param jmhVersion JMH version
 * @param host    host facts (os, kernel, cpuModel, cpus, memoryBytes, ulimitNofile, ...) as text
 * @param sysctls network sysctls as text
 * @param jvms    the JVMs of the run
 */
public record RunInfo(String runId, String profile, String startedAt, String gitCommit, String jmhVersion,
                      Map<String, String> host, Map<String, String> sysctls, List<JvmInfo> jvms) {

    /** A JvmInfo is one entry of {@code run.json}'s {@code jvms}: label, home, vendor, version, flags, placement. */
    public record JvmInfo(String label, String javaHome, String vendor, String version, List<String> flags,
                          String placement) {
    }

    /** The JVM entry with this label, or null. */
    public JvmInfo jvm(String label) {
        return jvms.stream().filter(j -> j.label().equals(label)).findFirst().orElse(null);
    }
}
