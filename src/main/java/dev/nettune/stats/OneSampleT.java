package dev.nettune.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * OneSampleT is the one-sample t interval and test of a mean against 0 over the first n values:
 * x̄ ± t(1 − (1 − level)/2, n − 1) · s/√n and the two-sided p of x̄ = 0 (SciPy: {@code ttest_1samp}).
 * Test and interval come from one t computation, so a p below 1 − level always comes with an interval
 * that excludes 0. When every value is the same the interval is that value and p is 1 or 0.
 *
 * @param n    values used
 * @param mean their mean; NaN when n = 0
 * @param low  lower bound; NaN when n &lt; 2
 * @param high upper bound; NaN when n &lt; 2
 * @param p    two-sided p; NaN when n &lt; 2
 * @param sd   standard deviation (n − 1 denominator); NaN when n &lt; 2
 */
public record OneSampleT(int n, double mean, double low, double high, double p, double sd) {

    /** The t of {@code values[0..n)}. */
    public static OneSampleT of(double[] values, int n, double level) {
        if (n == 0) {
            return new OneSampleT(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += values[i];
        }
        mean /= n;
        if (n < 2) {
            return new OneSampleT(n, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (values[i] - mean) * (values[i] - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double se = sd / Math.sqrt(n);
        if (se == 0) {
            return new OneSampleT(n, mean, mean, mean, mean == 0 ? 1.0 : 0.0, 0);
        }
        TDistribution t = new TDistribution(null, n - 1);
        double q = t.inverseCumulativeProbability(1 - (1 - level) / 2);
        double p = 2 * t.cumulativeProbability(-Math.abs(mean / se));
        return new OneSampleT(n, mean, mean - q * se, mean + q * se, p, sd);
    }
}
