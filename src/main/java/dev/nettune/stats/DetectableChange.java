package dev.nettune.stats;

/**
 * DetectableChange is the smallest relative change a comparison's design detects with a given power
 * (80% by default), two-sided, at a given level: the minimum detectable effect, from the spread
 * observed in the data. A row that shows no difference is only reassuring when this is small.
 *
 * <p>The test is a t test on a log scale with standard error se and df degrees of freedom. Its
 * power at a true log change δ is that of the noncentral t with noncentrality δ/se
 * ({@link TTestPower}, exact, not the normal approximation (z(1−α/2) + z(power))·se, which
 * understates the change badly for the few blocks a run has). With λ* the noncentrality reaching the
 * power, the detectable change is exp(λ*·se) − 1: a ratio of at least 1 + that, or at most its
 * reciprocal, is detected with that power (on the log scale the two are the same distance from 1).
 * <ul>
 *   <li>paired blocks: se = s/√n of the n log ratios, df = n − 1;</li>
 *   <li>unpaired forks: se = √(s²x/nx + s²y/ny) of the log scores, Welch–Satterthwaite df (the usual
 *       approximation of Welch's test power by a noncentral t).</li>
 * </ul>
 */
public final class DetectableChange {

    /** Default power: 80%, the customary design target. */
    public static final double DEFAULT_POWER = 0.80;

    private DetectableChange() {
    }

    /**
     * The smallest relative change detected with {@code power} by a two-sided level-{@code alpha} t
     * test of standard error {@code se} (log scale) with {@code df} degrees of freedom; 0 when se is 0
     * (any change is detected), NaN when se or df is not usable, +∞ beyond the range of a double.
     */
    public static double of(double se, double df, double alpha, double power) {
        if (se == 0) {
            return 0;
        }
        if (!(se > 0) || !(df > 0) || Double.isInfinite(se)) {
            return Double.NaN;
        }
        return fromNoncentrality(TTestPower.noncentrality(power, df, alpha), se);
    }

    /** The change for a noncentrality λ* already solved (rows of a table share df and α): exp(λ*·se) − 1. */
    public static double fromNoncentrality(double lambda, double se) {
        return Math.expm1(lambda * se);
    }

    /** Paired design: n log ratios with standard deviation {@code sdLog}. */
    public static double paired(double sdLog, int n, double alpha, double power) {
        return n < 2 ? Double.NaN : of(sdLog / Math.sqrt(n), n - 1, alpha, power);
    }

    /** Unpaired design: log scores with standard deviations and sizes per side (each n ≥ 2). */
    public static double unpaired(double sdX, int nX, double sdY, int nY, double alpha, double power) {
        if (nX < 2 || nY < 2) {
            return Double.NaN;
        }
        double se = Math.sqrt(sdX * sdX / nX + sdY * sdY / nY);
        return of(se, UnpairedRatio.welchDf(sdX, nX, sdY, nY), alpha, power);
    }
}
