package dev.nettune.analysis.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A RatioInterval is the confidence interval of the ratio of two independent means, mean(y)/mean(x),
 * by Fieller's theorem.
 *
 * <p>With a = mean(x), b = mean(y), va = s²x/nx, vb = s²y/ny (independent samples, no covariance),
 * the bounds are the roots of (b − R·a)² = t²·(vb + R²·va):
 * {@code R = (a·b ± t·√(a²·vb + b²·va − t²·va·vb)) / (a² − t²·va)}. The t quantile uses the
 * Welch–Satterthwaite degrees of freedom of b − R·a at the point estimate R = b/a:
 * {@code df = (vb + R²va)² / (vb²/(ny−1) + R⁴va²/(nx−1))}. When the baseline mean is not
 * significantly different from zero (t²·va ≥ a²) the interval is unbounded and reported as NaN.
 *
 * @param ratio the point estimate b / a
 * @param low   lower bound, or NaN when unbounded or too few samples
 * @param high  upper bound, or NaN when unbounded or too few samples
 */
public record RatioInterval(double ratio, double low, double high) {

    /** Fieller interval of mean(y)/mean(x) at {@code level} (e.g. 0.95). */
    public static RatioInterval fieller(double[] x, double[] y, double level) {
        int nx = x.length;
        int ny = y.length;
        double a = mean(x);
        double b = mean(y);
        double r = b / a;
        if (nx < 2 || ny < 2 || a == 0) {
            return new RatioInterval(r, Double.NaN, Double.NaN);
        }
        double va = var(x, a) / nx;
        double vb = var(y, b) / ny;
        double num = vb + r * r * va;
        double den = vb * vb / (ny - 1) + r * r * r * r * va * va / (nx - 1);
        if (num == 0) {
            return new RatioInterval(r, r, r); // no spread at all: the ratio is what it is
        }
        double df = num * num / den;
        double t = new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - level) / 2);
        double q = a * a - t * t * va;
        double disc = a * a * vb + b * b * va - t * t * va * vb;
        if (q <= 0 || disc < 0) {
            return new RatioInterval(r, Double.NaN, Double.NaN);
        }
        double lo = (a * b - t * Math.sqrt(disc)) / q;
        double hi = (a * b + t * Math.sqrt(disc)) / q;
        return new RatioInterval(r, Math.min(lo, hi), Math.max(lo, hi));
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    public static double var(double[] v, double mean) {
        double s = 0;
        for (double d : v) {
            s += (d - mean) * (d - mean);
        }
        return s / (v.length - 1);
    }
}
