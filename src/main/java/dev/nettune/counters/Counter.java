package dev.nettune.counters;

/**
 * A Counter is one counted quantity of one fork, per operation, as JMH wrote it in a secondary metric.
 *
 * @param name   the secondary metric's name ({@link CounterNames}), e.g. {@code syscalls:sys_enter_write}
 * @param unit   its unit as JMH wrote it, e.g. {@code #/op}, {@code us/op}, {@code B/op}
 * @param perOp  the fork's value: the mean over its iterations (one value for perfnorm, which counts
 *               the whole fork; for /proc's context switches, over the iterations in which no thread
 *               exited, when there are any); ≥ 0, or NaN when the fork did no operation; for a
 *               count whose unit has no {@code /op} ({@code gc.count}), the fork's total
 * @param source which profiler made it
 * @param lowerBound true when threads exited in every iteration of the fork, so /proc's context
 *               switches miss theirs ({@code proc:exited_threads}); false otherwise
 */
public record Counter(String name, String unit, double perOp, CounterNames.Source source, boolean lowerBound) {
}
