package dev.nettune.stats;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * TTestPower is the power of a two-sided t test: the probability that |T'| exceeds the critical
 * value t(1 − α/2, df) when T' follows the noncentral t distribution with df degrees of freedom and
 * noncentrality λ (the true effect divided by its standard error); and, inversely, the λ a wanted
 * power needs. SciPy: {@code nct.sf(c, df, λ) + nct.cdf(−c, df, λ)}.
 *
 * <p>Commons Math has no noncentral t, so the probability is integrated here. With T' = (Z + λ)/(S/√df),
 * Z standard normal and S chi-distributed with df degrees of freedom, independent, and r = c/√df:
 * <ul>
 *   <li>r &gt; 1 (few degrees of freedom or a strict α): P = ∫ φ(z) · G(|z + λ| / r) dz, G the chi
 *       distribution function (a regularized incomplete gamma), integrated over z;</li>
 *   <li>otherwise: P = ∫ f(s) · [Φ(λ − r·s) + Φ(−λ − r·s)] ds, f the chi density, over s.</li>
 * </ul>
 * Each choice integrates over the variable whose weight is the narrower of the two factors, so the
 * other factor is smooth on the integration grid (composite 8-point Gauss–Legendre, panels of
 * {@value #PANEL}, ±{@value #REACH} standard units, split at the kink z = −λ with a square-root
 * substitution beside it): agreement with SciPy's nct is about 1e-10.
 */
public final class TTestPower {

    /** Half-width of the integration range, in standard units of the integrating variable. */
    static final double REACH = 9;
    /** Widest integration panel, in standard units (each smooth factor varies on a scale ≥ 0.7). */
    static final double PANEL = 0.5;
    private static final GaussIntegrator RULE = new GaussIntegratorFactory().legendre(8);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final int MAX_EVALUATIONS = 500;

    private TTestPower() {
    }

    /** The power of the two-sided level-{@code alpha} t test with {@code df} degrees of freedom at noncentrality λ. */
    public static double power(double lambda, double df, double alpha) {
        return powerAt(critical(df, alpha), Math.abs(lambda), df);
    }

    /**
     * The noncentrality λ ≥ 0 at which the two-sided level-{@code alpha} t test with {@code df}
     * degrees of freedom reaches {@code power} (which must exceed {@code alpha}).
     */
    public static double noncentrality(double power, double df, double alpha) {
        if (!(power > alpha && power < 1) || !(df > 0) || !(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("need alpha < power < 1 and df > 0 (got power " + power + ", df " + df
                    + ", alpha " + alpha + ")");
        }
        double c = critical(df, alpha);
        double hi = Math.max(1, c + 1);
        while (powerAt(c, hi, df) < power) {
            hi *= 2; // power rises to 1 as λ grows, so a bracket exists
        }
        return new BrentSolver(1e-13, 1e-12).solve(MAX_EVALUATIONS, l -> powerAt(c, l, df) - power, 0, hi);
    }

    private static double critical(double df, double alpha) {
        return new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2);
    }

    static double powerAt(double c, double lambda, double df) {
        double r = c / Math.sqrt(df);
        if (r > 1) {
            // over z: the chi factor, seen through |z + λ|/r, varies no faster than φ
            double half = df / 2;
            double kink = -lambda;
            java.util.function.DoubleUnaryOperator f = z -> phi(z) * Gamma.regularizedGammaP(half,
                    sq((z + lambda) / r) / 2);
            if (kink <= -REACH) {
                return integrate(f, -REACH, REACH);
            }
            // next to the kink the chi factor grows like |z + λ|^df, not smooth for non-integer df:
            // z = kink ± w² over the unit beside it makes the integrand smooth in w
            double left = Math.max(-REACH, kink - 1);
            double right = Math.min(REACH, kink + 1);
            return integrate(f, -REACH, left) + integrate(w -> 2 * w * f.applyAsDouble(kink - w * w), 0, Math.sqrt(kink - left))
                    + integrate(w -> 2 * w * f.applyAsDouble(kink + w * w), 0, Math.sqrt(right - kink))
                    + integrate(f, right, REACH);
        }
        // over s: the normal factor, seen through r·s, varies no faster than the chi density
        double mode = Math.sqrt(Math.max(df - 1, 0));
        double logNorm = (df / 2 - 1) * Math.log(2) + Gamma.logGamma(df / 2);
        java.util.function.DoubleUnaryOperator f = s -> s <= 0 ? 0 : Math.exp((df - 1) * Math.log(s) - s * s / 2 - logNorm)
                * (normalCdf(lambda - r * s) + normalCdf(-lambda - r * s));
        return integrate(f, Math.max(0, mode - REACH), mode + REACH);
    }

    /** Composite Gauss–Legendre over [a, b] with panels no wider than {@link #PANEL}. */
    private static double integrate(java.util.function.DoubleUnaryOperator f, double a, double b) {
        if (b <= a) {
            return 0;
        }
        int panels = (int) Math.ceil((b - a) / PANEL);
        double h = (b - a) / panels;
        double sum = 0;
        for (int k = 0; k < panels; k++) {
            double mid = a + (k + 0.5) * h;
            for (int i = 0; i < RULE.getNumberOfPoints(); i++) {
                sum += RULE.getWeight(i) * f.applyAsDouble(mid + RULE.getPoint(i) * h / 2);
            }
        }
        return sum * h / 2;
    }

    private static double phi(double z) {
        return Math.exp(-z * z / 2 - LOG_SQRT_2PI);
    }

    private static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x / Math.sqrt(2));
    }

    private static double sq(double x) {
        return x * x;
    }
}
