package dev.nettune.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A PairedRatio is the change from a baseline to a candidate measured in matched pairs (blocks of a
 * randomized interleaved run: in each block both sides ran one fork, seconds apart): the geometric
 * mean ratio candidate/baseline, its confidence interval, and a two-sided t test on the log ratios.
 *
 * <p>Plain ({@link #of(double[], double[], double)}): with d_i = ln(candidate_i / baseline_i), n pairs,
 * mean d̄ and standard deviation s: ratio = exp(d̄); interval exp(d̄ ± t(1 − (1 − level)/2, n − 1) ·
 * s/√n); t = d̄ / (s/√n) with n − 1 degrees of freedom (SciPy: {@code ttest_rel(log(y), log(x))}).
 *
 * <p>Adjusted for position ({@link #of(double[], double[], boolean[], double)}): the two forks of a
 * pair ran one after the other, and on a shared machine the later fork of a block can score
 * systematically higher or lower than the earlier one (warmer caches, the kernel's socket state
 * after the earlier fork). With s_i = +1 when the baseline ran first and −1 when the candidate did,
 * the model d_i = μ + π·s_i + ε_i (the AB/BA crossover of clinical trials, with π the period effect)
 * gives μ̂ = (d̄₊ + d̄₋)/2, the mean of the two orders' mean log ratios, whatever the order effect;
 * its standard error is √(σ̂²/4 · (1/n₊ + 1/n₋)) with σ̂² pooled within the two orders, on n − 2
 * degrees of freedom (SciPy: the intercept of {@code linregress(s, d)}). A run's blocks come in
 * mirrored pairs, so n₊ = n₋ and an order effect neither biases the ratio nor widens its interval.
 * When one order is missing or n &lt; 3 the plain computation is used ({@link #orderAdjusted()} false).
 *
 * <p>In both, the test and the interval are the same t computation, so a p below 1 − level always
 * comes with an interval that excludes 1. Log ratios because a JVM's effect on a point is
 * multiplicative and drift between blocks moves both sides of a pair alike.
 *
 * @param n           number of pairs used (pairs with a non-finite or non-positive value are left out)
 * @param ratio       estimated candidate/baseline, exp of the (adjusted) mean log ratio; NaN when n = 0
 * @param low         lower bound of the interval; NaN without one
 * @param high        upper bound of the interval; NaN without one
 * @param p           two-sided p-value of the t test; NaN without one
 * @param sdLog       residual standard deviation of the log ratios (n − 1 or, adjusted, n − 2
 *                    denominator); NaN without an interval
 * @param level       confidence level of the interval, e.g. 0.95
 * @param se          standard error of the (adjusted) mean log ratio; NaN without an interval
 * @param df          degrees of freedom of the t distribution used; NaN without an interval
 * @param orderEffect adjusted only: exp(π), how the later fork of a block scored against the earlier
 *                    one (1.1: 10% higher); NaN when not adjusted
 */
public record PairedRatio(int n, double ratio, double low, double high, double p, double sdLog, double level,
                          double se, double df, double orderEffect) {

    /** The plain paired comparison of {@code candidate[i]} against {@code baseline[i]}, order unknown. */
    public static PairedRatio of(double[] baseline, double[] candidate, double level) {
        return of(baseline, candidate, null, level);
    }

    /**
     * The paired comparison of {@code candidate[i]} against {@code baseline[i]}, adjusted for which
     * of the two ran first when {@code baselineFirst} is given and both orders occur (n ≥ 3).
     *
     * @param baselineFirst per pair, whether the baseline's fork ran before the candidate's; null when unknown
     */
    public static PairedRatio of(double[] baseline, double[] candidate, boolean[] baselineFirst, double level) {
        if (baseline.length != candidate.length || baselineFirst != null && baselineFirst.length != baseline.length) {
            throw new IllegalArgumentException("pairs need equal lengths (got " + baseline.length + ", " + candidate.length
                    + (baselineFirst == null ? "" : " and " + baselineFirst.length + " orders") + ")");
        }
        double[] d = new double[baseline.length];
        boolean[] first = new boolean[baseline.length];
        int n = 0;
        int nFirst = 0;
        for (int i = 0; i < baseline.length; i++) {
            double x = baseline[i];
            double y = candidate[i];
            if (Double.isFinite(x) && Double.isFinite(y) && x > 0 && y > 0) {
                first[n] = baselineFirst != null && baselineFirst[i];
                nFirst += first[n] ? 1 : 0;
                d[n++] = Math.log(y / x);
            }
        }
        boolean adjust = baselineFirst != null && n >= 3 && nFirst > 0 && nFirst < n;
        return adjust ? adjusted(d, first, n, nFirst, level) : plain(d, n, level);
    }

    private static PairedRatio plain(double[] d, int n, double level) {
        if (n == 0) {
            return none(0, Double.NaN, level);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += d[i];
        }
        mean /= n;
        if (n < 2) {
            return none(n, mean, level);
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (d[i] - mean) * (d[i] - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        return interval(n, mean, sd, sd / Math.sqrt(n), n - 1, Double.NaN, level);
    }

    private static PairedRatio adjusted(double[] d, boolean[] first, int n, int nFirst, double level) {
        int nSecond = n - nFirst;
        double sumFirst = 0;
        double sumSecond = 0;
        for (int i = 0; i < n; i++) {
            if (first[i]) {
                sumFirst += d[i];
            } else {
                sumSecond += d[i];
            }
        }
        double meanFirst = sumFirst / nFirst;   // baseline ran first: the candidate was the later fork
        double meanSecond = sumSecond / nSecond; // candidate ran first
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double m = first[i] ? meanFirst : meanSecond;
            ss += (d[i] - m) * (d[i] - m);
        }
        double sd = Math.sqrt(ss / (n - 2));
        double se = sd / 2 * Math.sqrt(1.0 / nFirst + 1.0 / nSecond);
        double later = Math.exp((meanFirst - meanSecond) / 2);
        return interval(n, (meanFirst + meanSecond) / 2, sd, se, n - 2, later, level);
    }

    private static PairedRatio none(int n, double meanLog, double level) {
        return new PairedRatio(n, Math.exp(meanLog), Double.NaN, Double.NaN, Double.NaN, Double.NaN, level, Double.NaN,
                Double.NaN, Double.NaN);
    }

    private static PairedRatio interval(int n, double mean, double sd, double se, int df, double orderEffect,
                                        double level) {
        double r = Math.exp(mean);
        if (se == 0) {
            // every pair gave the same (adjusted) ratio: the interval is that ratio, and it differs from 1 or not
            return new PairedRatio(n, r, r, r, mean == 0 ? 1.0 : 0.0, 0, level, 0, df, orderEffect);
        }
        TDistribution t = new TDistribution(null, df);
        double q = t.inverseCumulativeProbability(1 - (1 - level) / 2);
        double p = 2 * t.cumulativeProbability(-Math.abs(mean / se));
        return new PairedRatio(n, r, Math.exp(mean - q * se), Math.exp(mean + q * se), p, sd, level, se, df, orderEffect);
    }

    /** True when the estimate is adjusted for which fork of each pair ran first. */
    public boolean orderAdjusted() {
        return Double.isFinite(orderEffect);
    }

    /**
     * The interval's relative half-width: the larger of high/ratio − 1 and 1 − low/ratio (on a log
     * scale the interval is symmetric, so this is its upper arm); NaN without an interval.
     */
    public double halfWidth() {
        return Math.max(high / ratio - 1, 1 - low / ratio);
    }
}
