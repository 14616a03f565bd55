package dev.nettune.analysis.family;

import java.util.List;

/**
 * A ChartRule is how one benchmark class is charted: which of its parameters is the x axis, which
 * make the lines, the panels or the rows, and what is drawn. The render layer draws it; parameters
 * a rule does not place split the results into several charts.
 *
 * @param kind       line or dot chart
 * @param x          LINE: the x parameter
 * @param numericX   LINE: true for a numeric (log) x axis, false for ordered categories
 * @param series     LINE: parameters whose combination is a line (empty: one line per JVM, and then
 *                   panels are {@code panels}); when not empty, one panel per JVM
 * @param panels     parameters whose combination is a panel (when series are JVMs)
 * @param rows       DOT: parameters whose combination is a row (other unplaced varying categorical
 *                   parameters join them)
 * @param quantities what to draw, one chart each
 * @param question   title after the benchmark name, e.g. "round trips/s vs connections"
 */
public record ChartRule(Kind kind, String x, boolean numericX, List<String> series, List<String> panels,
                        List<String> rows, List<Quantity> quantities, String question) {

    /** The primary score, in the result's unit and direction. */
    public static final Quantity SCORE = new Quantity(null, null, null, null, false);
    /** The "gbit" secondary metric of the bulk-stream benchmarks. */
    public static final Quantity GBIT = new Quantity("gbit", "throughput", "Gbit/s", true, false);

    /** A Kind is a chart type. */
    public enum Kind { LINE, DOT }

    /**
     * A Quantity is what a chart's values are: the primary score (metric null) or a secondary metric,
     * in words, with a fixed unit label when the JMH unit does not say it, and its direction (null:
     * the result's own); an optional one is left out when no result has it.
     */
    public record Quantity(String metric, String words, String fixedUnit, Boolean higherIsBetter, boolean optional) {
    }

    /** A line chart over {@code x} with one line per JVM and one panel per combination of {@code panels}. */
    public static ChartRule linePerJvm(String x, List<String> panels, Quantity q, String question) {
        return new ChartRule(Kind.LINE, x, false, List.of(), panels, List.of(), List.of(q), question);
    }

    /** A dot plot with one row per combination of {@code rows}, one panel per combination of {@code panels}. */
    public static ChartRule dots(List<String> panels, List<String> rows, String question) {
        return new ChartRule(Kind.DOT, null, false, List.of(), panels, rows, List.of(SCORE), question);
    }
}
