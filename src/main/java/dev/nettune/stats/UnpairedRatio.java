package dev.nettune.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * An UnpairedRatio is the change from a baseline to a candidate measured in two independent sets of
 * fork scores (other runs, other projects' files, or forks without a block record): the ratio of
 * the two geometric means, its confidence interval, and Welch's two-sided t test on the log scores.
 *
 * <p>With x = ln(baseline), y = ln(candidate), means x̄, ȳ, variances s²x, s²y (n − 1 denominators)
 * and sizes nx, ny: d = ȳ − x̄, se = √(s²x/nx + s²y/ny), Welch–Satterthwaite
 * df = se⁴ / ((s²x/nx)²/(nx − 1) + (s²y/ny)²/(ny − 1)); ratio = exp(d), interval
 * exp(d ± t(1 − (1 − level)/2, df) · se), t = d / se. Test and interval are one computation, so a
 * p below 1 − level always comes with an interval that excludes 1 (SciPy:
 * {@code ttest_ind(log(y), log(x), equal_var=False)}). Logs because a JVM's effect is
 * multiplicative and the spread of throughput grows with its level; Welch because the two JVMs need
 * not be equally noisy.
 *
 * @param nBaseline   baseline scores used (non-finite and non-positive scores are left out)
 * @param nCandidate  candidate scores used
 * @param ratio       geometric mean of candidate / geometric mean of baseline; NaN when a side is empty
 * @param low         lower bound of the interval; NaN when a side has fewer than 2 scores
 * @param high        upper bound of the interval; NaN when a side has fewer than 2 scores
 * @param p           two-sided p-value of Welch's t test on log scores; NaN when a side has fewer than 2
 * @param df          Welch–Satterthwaite degrees of freedom; NaN when undefined (fewer than 2, or no spread)
 * @param sdBaseline  standard deviation of the baseline's log scores; NaN when nBaseline &lt; 2
 * @param sdCandidate standard deviation of the candidate's log scores; NaN when nCandidate &lt; 2
 * @param level       confidence level of the interval, e.g. 0.95
 */
public record UnpairedRatio(int nBaseline, int nCandidate, double ratio, double low, double high, double p,
                            double df, double sdBaseline, double sdCandidate, double level) {

    /** The unpaired comparison of {@code candidate} scores against {@code baseline} scores. */
    public static UnpairedRatio of(double[] baseline, double[] candidate, double level) {
        double[] x = logs(baseline);
        double[] y = logs(candidate);
        int nx = x.length;
        int ny = y.length;
        if (nx == 0 || ny == 0) {
            return new UnpairedRatio(nx, ny, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, level);
        }
        double mx = mean(x);
        double my = mean(y);
        double d = my - mx;
        double sx = nx < 2 ? Double.NaN : Math.sqrt(variance(x, mx));
        double sy = ny < 2 ? Double.NaN : Math.sqrt(variance(y, my));
        if (nx < 2 || ny < 2) {
            return new UnpairedRatio(nx, ny, Math.exp(d), Double.NaN, Double.NaN, Double.NaN, Double.NaN, sx, sy,
                    level);
        }
        double vx = sx * sx / nx;
        double vy = sy * sy / ny;
        double se = Math.sqrt(vx + vy);
        if (se == 0) {
            // no spread on either side: the ratio is what it is, and it differs from 1 or not
            return new UnpairedRatio(nx, ny, Math.exp(d), Math.exp(d), Math.exp(d), d == 0 ? 1.0 : 0.0, Double.NaN,
                    sx, sy, level);
        }
        double df = welchDf(sx, nx, sy, ny);
        TDistribution t = new TDistribution(null, df);
        double q = t.inverseCumulativeProbability(1 - (1 - level) / 2);
        double p = 2 * t.cumulativeProbability(-Math.abs(d / se));
        return new UnpairedRatio(nx, ny, Math.exp(d), Math.exp(d - q * se), Math.exp(d + q * se), p, df, sx, sy,
                level);
    }

    /**
     * Welch–Satterthwaite degrees of freedom of the difference of two means, from the two standard
     * deviations and sizes (each n ≥ 2); NaN when both standard deviations are 0.
     */
    public static double welchDf(double sdX, int nX, double sdY, int nY) {
        double vx = sdX * sdX / nX;
        double vy = sdY * sdY / nY;
        double den = vx * vx / (nX - 1) + vy * vy / (nY - 1);
        return den == 0 ? Double.NaN : (vx + vy) * (vx + vy) / den;
    }

    /** Standard error of the log ratio, √(s²x/nx + s²y/ny); NaN when a side has fewer than 2 scores. */
    public double se() {
        return Math.sqrt(sdBaseline * sdBaseline / nBaseline + sdCandidate * sdCandidate / nCandidate);
    }

    /**
     * The interval's relative half-width, high/ratio − 1 (the larger arm: the interval is symmetric
     * on a log scale); NaN without an interval.
     */
    public double halfWidth() {
        return Math.max(high / ratio - 1, 1 - low / ratio);
    }

    /** Natural logs of the finite, positive values (the others have no log and are left out). */
    static double[] logs(double[] v) {
        double[] out = new double[v.length];
        int n = 0;
        for (double d : v) {
            if (Double.isFinite(d) && d > 0) {
                out[n++] = Math.log(d);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double variance(double[] v, double mean) {
        double s = 0;
        for (double d : v) {
            s += (d - mean) * (d - mean);
        }
        return s / (v.length - 1);
    }
}
