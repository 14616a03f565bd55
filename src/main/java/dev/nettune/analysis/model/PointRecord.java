package dev.nettune.analysis.model;

import java.util.Map;

/**
 * A PointRecord is one line of a run's {@code points.jsonl}: a benchmark point whose blocks are all
 * done, how many blocks it got and why it stopped.
 *
 * @param point      0-based index of the point in the run's plan
 * @param className  benchmark class, fully qualified
 * @param benchmark  benchmark method as JMH's "benchmark"
 * @param mode       JMH mode
 * @param params     parameters (strings); empty when none
 * @param blocks     blocks run
 * @param stop       why it stopped: "planned", "ci" (the interval target was met) or "cap"
 * @param target     the relative half-width aimed at (e.g. 0.03); NaN when none
 * @param halfWidths each compared JVM's paired 95% relative half-width against its baseline, by label
 */
public record PointRecord(int point, String className, String benchmark, String mode, Map<String, String> params,
                          int blocks, String stop, double target, Map<String, Double> halfWidths) {
}
