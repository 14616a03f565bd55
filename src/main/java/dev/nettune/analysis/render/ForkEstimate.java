package dev.nettune.analysis.render;

import dev.nettune.analysis.model.Metric;
import dev.nettune.stats.Summary;
import java.util.Arrays;

/**
 * A ForkEstimate is the value a chart shows for one result: the mean of its forks' values with a
 * 95% Student-t interval over forks, because the fork (one JVM invocation) is the unit of
 * replication; iterations of one fork are never treated as independent samples. With fewer than
 * two forks there is no interval. For a non-negative quantity the lower bound is clamped at 0.
 *
 * <p>A fork's value is the mean of its measurement iterations ({@link Metric#forkScores()}), except
 * for event counters in the style of this suite's load counters (unit {@code #}, zero in every
 * iteration but the last, which holds the whole measurement's value): there the last iteration is
 * the fork's value. A result without raw data shows JMH's score with n = 0 and no interval.
 *
 * @param center mean of the fork values (NaN when there is nothing to show)
 * @param low    lower bound of the 95% interval, NaN when none
 * @param high   upper bound of the 95% interval, NaN when none
 * @param n      forks with a finite value
 */
public record ForkEstimate(double center, double low, double high, int n) {

    /** Confidence level of the intervals drawn. */
    public static final double LEVEL = Summary.CONFIDENCE_95;

    /** The estimate of {@code m}; {@code nonNegative} clamps the interval at 0. */
    public static ForkEstimate of(Metric m, boolean nonNegative) {
        double[] v = Arrays.stream(forkValues(m)).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return new ForkEstimate(Double.isFinite(m.score()) ? m.score() : Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Summary s = Summary.of(v);
        if (v.length < 2 || !Double.isFinite(s.ci95())) {
            return new ForkEstimate(s.mean(), Double.NaN, Double.NaN, v.length);
        }
        double lo = s.mean() - s.ci95();
        return new ForkEstimate(s.mean(), nonNegative ? Math.max(0, lo) : lo, s.mean() + s.ci95(), v.length);
    }

    /** One value per fork (NaN for a fork without finite samples). */
    public static double[] forkValues(Metric m) {
        if (!"#".equals(m.unit())) {
            return m.forkScores();
        }
        double[] scores = m.forkScores();
        double[] out = new double[m.samples().length];
        for (int f = 0; f < out.length; f++) {
            double[] it = m.samples()[f];
            out[f] = lastHoldsAll(it) ? it[it.length - 1] : scores[f];
        }
        return out;
    }

    /** True when every iteration but the last is exactly 0 and the last is not. */
    private static boolean lastHoldsAll(double[] it) {
        if (it.length < 2 || it[it.length - 1] == 0 || !Double.isFinite(it[it.length - 1])) {
            return false;
        }
        for (int i = 0; i < it.length - 1; i++) {
            if (it[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when an interval can be drawn. */
    public boolean hasInterval() {
        return Double.isFinite(low) && Double.isFinite(high);
    }
}
