package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A ForkCounter is one counter of one fork as {@value ResultFiles#FORKS} carries it under
 * {@code "counters"}, keyed by the counter's metric name: {@code {"perOp":2.03,"unit":"#/op",
 * "source":"perfnorm","lowerBound":false}}. The same value is the fork's row of the secondary metric
 * of that name in the merged JMH JSON.
 *
 * @param perOp      the fork's value per operation (a count such as {@code gc.count}: the fork's total);
 *                   null when the fork did no operation (JMH's NaN)
 * @param unit       the unit as JMH wrote it: {@code #/op}, {@code us/op}, {@code B/op}, {@code counts}, {@code #}
 * @param source     the profiler that made it: {@code perfnorm}, {@code proc} or {@code gc}
 * @param lowerBound true when /proc's context switches missed those of threads that exited in every
 *                   iteration of the fork, so the value is a lower bound
 */
@JsonPropertyOrder({"perOp", "unit", "source", "lowerBound"})
public record ForkCounter(Double perOp, String unit, String source, Boolean lowerBound) {
}
