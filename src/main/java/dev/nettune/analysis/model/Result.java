package dev.nettune.analysis.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Result is one JMH result entry: its key, the primary metric, secondary metrics by name (in file
 * order), where it was read from, and JMH's run settings.
 *
 * @param key        benchmark, params, mode, unit, JVM
 * @param primary    the primary metric (the score)
 * @param secondary  secondary metrics by name, "·" prefix removed
 * @param file       the JSON file it came from
 * @param index      its position in the file's array, from 0
 * @param jmhVersion JMH version from the entry, or "" when absent (before JMH 1.2x)
 * @param threads    benchmark threads (JMH's {@code threads}), 0 when unknown
 */
public record Result(ResultKey key, Metric primary, Map<String, Metric> secondary, Path file, int index,
                     String jmhVersion, int threads) {

    /** The family of this result's benchmark. */
    public Family family() {
        return Family.of(key.benchmark());
    }
}
