package dev.nettune.stats;

/**
 * A Spread is how far apart the fork scores of one point lie: their range and their geometric
 * coefficient of variation, exp(s) − 1 with s the standard deviation (n − 1 denominator) of the log
 * scores (SciPy: {@code gstd(x) - 1}). On the log scale, so a point that doubles between forks has
 * the same spread at any magnitude.
 *
 * @param n   positive finite scores used
 * @param min smallest score; NaN when n = 0
 * @param max largest score; NaN when n = 0
 * @param gcv geometric coefficient of variation (0.5: a typical fork is a factor 1.5 from the
 *            geometric mean); NaN when n &lt; 2
 */
public record Spread(int n, double min, double max, double gcv) {

    /** The spread of {@code scores}, leaving out non-finite and non-positive ones; never throws. */
    public static Spread of(double[] scores) {
        int n = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double sum = 0;
        for (double v : scores) {
            if (Double.isFinite(v) && v > 0) {
                n++;
                sum += Math.log(v);
                min = n == 1 ? v : Math.min(min, v);
                max = n == 1 ? v : Math.max(max, v);
            }
        }
        if (n < 2) {
            return new Spread(n, min, max, Double.NaN);
        }
        double mean = sum / n;
        double ss = 0;
        for (double v : scores) {
            if (Double.isFinite(v) && v > 0) {
                ss += (Math.log(v) - mean) * (Math.log(v) - mean);
            }
        }
        return new Spread(n, min, max, Math.expm1(Math.sqrt(ss / (n - 1))));
    }
}
