package dev.nettune.stats;

/**
 * A Drift is the trend of a score across the measurement iterations of its forks: how much a fork's
 * score moves from one iteration to the next, estimated over forks, with a t interval and test.
 *
 * <p>Per fork, the least-squares slope b_f of ln(score) against the iteration index (0, 1, …) over
 * the fork's finite positive iterations; with two iterations that is ln(second / first). The forks are
 * the independent replicates (iterations inside a fork share its JIT state and CPU placement and are
 * not), so the estimate is the mean slope b̄ over the n forks that have one, with the one-sample t
 * interval b̄ ± t(1 − (1 − level)/2, n − 1) · s/√n and the two-sided t test of b̄ = 0 (SciPy: the
 * {@code slope} of {@code linregress} per fork, then {@code ttest_1samp(slopes, 0)}). A slope on the
 * log scale is a relative change, so fast and slow points are judged alike.
 *
 * <p>What it sees: a steady trend within forks. With two iterations it sees a step between them, not
 * the shape of warm-up; it cannot see warm-up that ended before the first measurement iteration, and
 * a trend shared by every fork cannot be told from a trend in the machine during each fork.
 *
 * @param n          forks with a slope (at least two finite positive iterations)
 * @param iterations measurement iterations of the longest fork used; the span of {@link #change()}
 * @param slope      mean slope of ln(score) per iteration; NaN when n = 0
 * @param low        lower bound of the slope's interval; NaN when n &lt; 2
 * @param high       upper bound of the slope's interval; NaN when n &lt; 2
 * @param p          two-sided p of the t test of a zero slope; NaN when n &lt; 2
 * @param sdSlope    standard deviation of the forks' slopes (n − 1 denominator); NaN when n &lt; 2
 * @param level      confidence level of the interval, e.g. 0.95
 */
public record Drift(int n, int iterations, double slope, double low, double high, double p, double sdSlope,
                    double level) {

    /** The drift of {@code samples[fork][iteration]}; never throws. */
    public static Drift of(double[][] samples, double level) {
        double[] slopes = new double[samples.length];
        int n = 0;
        int iterations = 0;
        for (double[] fork : samples) {
            double s = slope(fork);
            if (Double.isFinite(s)) {
                slopes[n++] = s;
                iterations = Math.max(iterations, fork.length);
            }
        }
        if (n == 0) {
            return new Drift(0, maxLength(samples), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, level);
        }
        OneSampleT t = OneSampleT.of(slopes, n, level);
        return new Drift(n, iterations, t.mean(), t.low(), t.high(), t.p(), t.sd(), level);
    }

    /** Least-squares slope of ln(v) against the index over finite positive values; NaN with fewer than two. */
    static double slope(double[] v) {
        int k = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && v[i] > 0) {
                k++;
                sx += i;
                sy += Math.log(v[i]);
            }
        }
        if (k < 2) {
            return Double.NaN;
        }
        double mx = sx / k;
        double my = sy / k;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i]) && v[i] > 0) {
                sxy += (i - mx) * (Math.log(v[i]) - my);
                sxx += (i - mx) * (i - mx);
            }
        }
        return sxy / sxx;
    }

    private static int maxLength(double[][] samples) {
        int m = 0;
        for (double[] f : samples) {
            m = Math.max(m, f.length);
        }
        return m;
    }

    /** True when the forks have at least two iterations each to compare and an interval could be formed. */
    public boolean tested() {
        return Double.isFinite(p);
    }

    /** Relative change from the first to the last measurement iteration, exp(slope · (iterations − 1)) − 1. */
    public double change() {
        return Math.expm1(slope * (iterations - 1));
    }

    /** Lower bound of {@link #change()}'s interval; NaN without one. */
    public double changeLow() {
        return Math.expm1(low * (iterations - 1));
    }

    /** Upper bound of {@link #change()}'s interval; NaN without one. */
    public double changeHigh() {
        return Math.expm1(high * (iterations - 1));
    }
}
