package dev.nettune.stats;

/**
 * A PairedDifference is the change from a baseline to a candidate measured in matched pairs, as a
 * difference in the quantity's own unit: with d_i = candidate_i − baseline_i over n pairs, mean d̄
 * and standard deviation s, the estimate d̄, its interval d̄ ± t(1 − (1 − level)/2, n − 1) · s/√n and
 * a two-sided t test of d̄ = 0 on n − 1 degrees of freedom (SciPy: {@code ttest_rel(y, x)}).
 *
 * <p>The form for a quantity that is 0 on one side in some pair (poll(2) per operation on a JDK that
 * never polls), where {@link PairedRatio}'s log ratio does not exist. Test and interval are one t
 * computation, so a p below 1 − level always comes with an interval that excludes 0.
 *
 * @param n     pairs used (pairs with a non-finite value are left out)
 * @param diff  mean of candidate − baseline; NaN when n = 0
 * @param low   lower bound of the interval; NaN without one (n &lt; 2)
 * @param high  upper bound of the interval; NaN without one
 * @param p     two-sided p-value; NaN without a test
 * @param sd    standard deviation of the differences (n − 1 denominator); NaN when n &lt; 2
 * @param level confidence level of the interval, e.g. 0.95
 */
public record PairedDifference(int n, double diff, double low, double high, double p, double sd, double level) {

    /** The paired difference {@code candidate[i] − baseline[i]}. */
    public static PairedDifference of(double[] baseline, double[] candidate, double level) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("pairs need equal lengths (got " + baseline.length + ", "
                    + candidate.length + ")");
        }
        double[] d = new double[baseline.length];
        int n = 0;
        for (int i = 0; i < baseline.length; i++) {
            if (Double.isFinite(baseline[i]) && Double.isFinite(candidate[i])) {
                d[n++] = candidate[i] - baseline[i];
            }
        }
        OneSampleT t = OneSampleT.of(d, n, level);
        return new PairedDifference(t.n(), t.mean(), t.low(), t.high(), t.p(), t.sd(), level);
    }
}
