package dev.nettune.analysis.model;

import java.util.Map;

/**
 * A SkippedPoint is what one line of {@code skips.jsonl} ({@link dev.nettune.results.SkipLine}) says: a benchmark point a JVM could not run, with the reason
 * the benchmark gave (e.g. virtual threads before JDK 21). A skip is not a failure: the point has no
 * score on that JVM by design.
 *
 * @param jvm       the JVM (run and label) of the folder the line came from
 * @param benchmark fully qualified benchmark name
 * @param params    the point's parameters
 * @param reason    why it was skipped
 */
public record SkippedPoint(JvmId jvm, String benchmark, Map<String, String> params, String reason) {
}
