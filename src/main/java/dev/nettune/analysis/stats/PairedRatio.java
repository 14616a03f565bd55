package dev.nettune.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A PairedRatio is the change from a baseline to a candidate measured in matched pairs (blocks of a
 * randomized interleaved run: in each block both sides ran one fork, seconds apart): the geometric
 * mean of the per-pair ratios candidate/baseline, its confidence interval, and a two-sided paired t
 * test on the log ratios.
 *
 * <p>With d_i = ln(candidate_i / baseline_i), n pairs, mean d̄ and standard deviation s:
 * ratio = exp(d̄); interval exp(d̄ ± t(1 − (1 − level)/2, n − 1) · s/√n); t = d̄ / (s/√n) with n − 1
 * degrees of freedom. The test and the interval are the same computation, so a p below 1 − level
 * always comes with an interval that excludes 1 (SciPy: {@code ttest_rel(log(y), log(x))}).
 * Log ratios because a JVM's effect on a point is multiplicative and drift between blocks moves both
 * sides of a pair alike.
 *
 * @param n      number of pairs used (pairs with a non-finite or non-positive value are left out)
 * @param ratio  geometric mean of candidate/baseline; NaN when n = 0
 * @param low    lower bound of the interval; NaN when n &lt; 2
 * @param high   upper bound of the interval; NaN when n &lt; 2
 * @param p      two-sided p-value of the paired t test on log ratios; NaN when n &lt; 2
 * @param sdLog  standard deviation of the log ratios (n − 1 denominator); NaN when n &lt; 2
 * @param level  confidence level of the interval, e.g. 0.95
 */
public record PairedRatio(int n, double ratio, double low, double high, double p, double sdLog, double level) {

    /** The paired comparison of {@code candidate[i]} against {@code baseline[i]}. */
    public static PairedRatio of(double[] baseline, double[] candidate, double level) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("pairs need equal lengths (got " + baseline.length + " and "
                    + candidate.length + ")");
        }
        double[] d = new double[baseline.length];
        int n = 0;
        for (int i = 0; i < baseline.length; i++) {
            double x = baseline[i];
            double y = candidate[i];
            if (Double.isFinite(x) && Double.isFinite(y) && x > 0 && y > 0) {
                d[n++] = Math.log(y / x);
            }
        }
        if (n == 0) {
            return new PairedRatio(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, level);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += d[i];
        }
        mean /= n;
        if (n < 2) {
            return new PairedRatio(n, Math.exp(mean), Double.NaN, Double.NaN, Double.NaN, Double.NaN, level);
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (d[i] - mean) * (d[i] - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double se = sd / Math.sqrt(n);
        if (se == 0) {
            // every pair gave the same ratio: the interval is that ratio, and it differs from 1 or not
            return new PairedRatio(n, Math.exp(mean), Math.exp(mean), Math.exp(mean), mean == 0 ? 1.0 : 0.0, 0, level);
        }
        TDistribution t = new TDistribution(null, n - 1);
        double q = t.inverseCumulativeProbability(1 - (1 - level) / 2);
        double p = 2 * t.cumulativeProbability(-Math.abs(mean / se));
        return new PairedRatio(n, Math.exp(mean), Math.exp(mean - q * se), Math.exp(mean + q * se), p, sd, level);
    }

    /** Standard error of the mean log ratio, sdLog/√n; NaN when n &lt; 2. */
    public double se() {
        return n < 2 ? Double.NaN : sdLog / Math.sqrt(n);
    }

    /**
     * The interval's relative half-width: the larger of high/ratio − 1 and 1 − low/ratio (on a log
     * scale the interval is symmetric, so this is its upper arm); NaN without an interval.
     */
    public double halfWidth() {
        return Math.max(high / ratio - 1, 1 - low / ratio);
    }
}
