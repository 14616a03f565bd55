package dev.nettune.stats;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A RandomEffectsPool is what several independent estimates of the same log ratio say together
 * (one per run, or per placement): a random-effects meta-analysis that lets the true ratio differ
 * from run to run, so that run-to-run heterogeneity widens the pooled interval instead of being
 * averaged away.
 *
 * <p>Model: y_i = μ + u_i + e_i with e_i ~ N(0, v_i) (v_i the run's own squared standard error of its
 * log ratio, taken as known) and u_i ~ N(0, τ²). Estimators, chosen for few studies (2–5 runs):
 * <ul>
 *   <li>τ² by <b>Paule–Mandel</b>: the τ² ≥ 0 at which the generalised Q, Σ w_i (y_i − μ̂)² with
 *       w_i = 1/(v_i + τ²), equals k − 1 (0 when Q at τ² = 0 is already below k − 1). With few studies
 *       DerSimonian–Laird's moment estimate is biased low; Paule–Mandel is the estimator recommended
 *       for this case (Veroniki et al., Res. Synth. Methods 2016; Langan et al. 2019).</li>
 *   <li>μ̂ = Σ w_i y_i / Σ w_i with those weights.</li>
 *   <li>Interval by <b>Hartung–Knapp–Sidik–Jonkman</b>: variance q · 1/Σw_i with
 *       q = Σ w_i (y_i − μ̂)² / (k − 1), on a t distribution with k − 1 degrees of freedom; with
 *       q floored at 1 (the "modified" HKSJ, Röver et al. 2015), so the interval is never narrower
 *       than the plain random-effects one when the runs agree better than their own intervals say.
 *       With Paule–Mandel and τ² &gt; 0, q is 1 by construction: the interval is the random-effects
 *       one on t(k − 1) rather than on the normal distribution, which with 2–5 runs is the honest
 *       width (the normal interval undercovers badly at small k: IntHout et al. 2014).</li>
 *   <li>Heterogeneity: Cochran's Q (fixed-effect weights 1/v_i) with its χ²(k − 1) p-value, and
 *       I² = max(0, (Q − (k − 1)) / Q), the share of the spread between runs not explained by
 *       their own intervals.</li>
 * </ul>
 * Checked against statsmodels' {@code combine_effects(method_re="pm")} (its "random effect" and
 * "random effect wls" rows) by {@code reference_pooling.py}.
 *
 * @param k        number of estimates pooled (non-finite ones and those with a non-positive variance left out)
 * @param ratio    exp(μ̂): the pooled ratio; NaN when k = 0
 * @param low      lower bound of the interval, exp; NaN when k &lt; 2
 * @param high     upper bound of the interval, exp; NaN when k &lt; 2
 * @param p        two-sided p of μ = 0 on the same t(k − 1); NaN when k &lt; 2
 * @param mu       μ̂, the pooled log ratio
 * @param se       standard error of μ̂ used for the interval (HKSJ, floored); NaN when k &lt; 2
 * @param tau2     Paule–Mandel τ², between-run variance of the log ratio
 * @param q        Cochran's Q with fixed-effect weights
 * @param pQ       p of the χ²(k − 1) test of homogeneity; NaN when k &lt; 2
 * @param i2       I², in [0, 1]; NaN when k &lt; 2
 * @param level    confidence level, e.g. 0.95
 */
public record RandomEffectsPool(int k, double ratio, double low, double high, double p, double mu, double se,
                                double tau2, double q, double pQ, double i2, double level) {

    /** Name of the method, for reports. */
    public static final String METHOD = "random effects: Paule–Mandel τ², Hartung–Knapp–Sidik–Jonkman interval on t(k − 1)";
    /** Convergence of the Paule–Mandel root: |Q(τ²) − (k − 1)| below this. */
    static final double TOLERANCE = 1e-12;
    private static final int MAX_ITERATIONS = 200;

    /**
     * Pools {@code logRatio[i]} with standard errors {@code se[i]}.
     *
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static RandomEffectsPool of(double[] logRatio, double[] se, double level) {
        if (logRatio.length != se.length) {
            throw new IllegalArgumentException("estimates and standard errors differ in length (" + logRatio.length
                    + ", " + se.length + ")");
        }
        double[] y = new double[logRatio.length];
        double[] v = new double[logRatio.length];
        int k = 0;
        for (int i = 0; i < logRatio.length; i++) {
            if (Double.isFinite(logRatio[i]) && Double.isFinite(se[i]) && se[i] > 0) {
                y[k] = logRatio[i];
                v[k++] = se[i] * se[i];
            }
        }
        if (k == 0) {
            return new RandomEffectsPool(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, level);
        }
        if (k == 1) {
            return new RandomEffectsPool(1, Math.exp(y[0]), Double.NaN, Double.NaN, Double.NaN, y[0], Double.NaN,
                    Double.NaN, 0, Double.NaN, Double.NaN, level);
        }
        double q = generalisedQ(y, v, k, 0);
        double tau2 = pauleMandel(y, v, k, q);
        double sw = sumOfWeights(v, k, tau2);
        double mu = weightedMean(y, v, k, tau2, sw);
        double scale = Math.max(1, generalisedQ(y, v, k, tau2) / (k - 1));
        double sePooled = Math.sqrt(scale / sw);
        TDistribution t = new TDistribution(null, k - 1);
        double crit = t.inverseCumulativeProbability(1 - (1 - level) / 2);
        double p = sePooled == 0 ? (mu == 0 ? 1 : 0) : 2 * t.cumulativeProbability(-Math.abs(mu / sePooled));
        double pQ = 1 - new ChiSquaredDistribution(null, k - 1).cumulativeProbability(q);
        double i2 = q > 0 ? Math.max(0, (q - (k - 1)) / q) : 0;
        return new RandomEffectsPool(k, Math.exp(mu), Math.exp(mu - crit * sePooled), Math.exp(mu + crit * sePooled), p, mu,
                sePooled,
                tau2, q, pQ, i2, level);
    }

    /** Σ w_i with w_i = 1/(v_i + tau2). */
    private static double sumOfWeights(double[] v, int k, double tau2) {
        double sw = 0;
        for (int i = 0; i < k; i++) {
            sw += 1 / (v[i] + tau2);
        }
        return sw;
    }

    /** μ̂_w = Σ w_i y_i / Σ w_i. */
    private static double weightedMean(double[] y, double[] v, int k, double tau2, double sw) {
        double swy = 0;
        for (int i = 0; i < k; i++) {
            swy += y[i] / (v[i] + tau2);
        }
        return swy / sw;
    }

    /** Σ w_i (y_i − μ̂_w)² with w_i = 1/(v_i + tau2). */
    private static double generalisedQ(double[] y, double[] v, int k, double tau2) {
        double m = weightedMean(y, v, k, tau2, sumOfWeights(v, k, tau2));
        double q = 0;
        for (int i = 0; i < k; i++) {
            q += (y[i] - m) * (y[i] - m) / (v[i] + tau2);
        }
        return q;
    }

    /**
     * The root of Q(τ²) = k − 1. Q decreases in τ², so bisection on a bracket is safe; the bracket's
     * top is doubled until Q falls below k − 1.
     */
    private static double pauleMandel(double[] y, double[] v, int k, double q0) {
        if (q0 <= k - 1) {
            return 0;
        }
        double lo = 0;
        double hi = 1e-12;
        for (int i = 0; i < k; i++) {
            hi = Math.max(hi, v[i]);
        }
        while (generalisedQ(y, v, k, hi) > k - 1) {
            lo = hi;
            hi *= 2;
        }
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double mid = (lo + hi) / 2;
            double f = generalisedQ(y, v, k, mid) - (k - 1);
            if (Math.abs(f) < TOLERANCE || hi - lo <= Math.ulp(mid)) {
                return mid;
            }
            if (f > 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The interval's relative half-width, like {@link PairedRatio#halfWidth()}; NaN without one. */
    public double halfWidth() {
        return Math.max(high / ratio - 1, 1 - low / ratio);
    }

    /** √τ² as a relative spread of the true ratio between runs (0.02: about ±2% from run to run). */
    public double tauRelative() {
        return Math.exp(Math.sqrt(tau2)) - 1;
    }
}
