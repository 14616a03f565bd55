package dev.nettune.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A Summary is the description of one set of samples: count, mean, median, standard deviation,
 * two Student-t confidence intervals of the mean (99.9% as JMH prints, and 95%), the coefficient of
 * variation, and warnings when the data is weak.
 *
 * <p>The 99.9% half-width is computed exactly as JMH computes {@code scoreError} over all iterations
 * of all forks: {@code t(0.9995, n-1) · s / √n}. Non-finite samples are left out and counted.
 *
 * @param n          number of finite samples used
 * @param mean       arithmetic mean (NaN when n = 0)
 * @param median     median (mean of the two middle values for even n)
 * @param stdev      sample standard deviation (n-1 denominator; NaN when n &lt; 2)
 * @param ci999      half-width of the 99.9% interval of the mean (NaN when n &lt; 2)
 * @param ci95       half-width of the 95% interval of the mean (NaN when n &lt; 2)
 * @param cv         coefficient of variation, stdev / |mean| (NaN when undefined)
 * @param warnings   short texts such as "only 3 samples (want ≥ 5)"; empty when none
 */
public record Summary(int n, double mean, double median, double stdev, double ci999, double ci95, double cv,
                      List<String> warnings) {

    /** JMH's confidence level for {@code scoreError}. */
    public static final double JMH_CONFIDENCE = 0.999;
    /** The second confidence level shown. */
    public static final double CONFIDENCE_95 = 0.95;
    /** Fewer samples than this draw a warning. */
    public static final int MIN_SAMPLES = 5;
    /** A coefficient of variation above this draws a "noisy" warning. */
    public static final double MAX_CV = 0.10;

    /** Summarises {@code samples}; never throws. */
    public static Summary of(double[] samples) {
        double[] x = Arrays.stream(samples).filter(Double::isFinite).toArray();
        List<String> warnings = new ArrayList<>();
        int dropped = samples.length - x.length;
        if (dropped > 0) {
            warnings.add(dropped + " non-finite sample(s) ignored");
        }
        int n = x.length;
        if (n == 0) {
            warnings.add("no samples");
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    List.copyOf(warnings));
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        double sd = Double.NaN;
        double ci999 = Double.NaN;
        double ci95 = Double.NaN;
        if (n >= 2) {
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(ss / (n - 1));
            ci999 = halfWidth(sd, n, JMH_CONFIDENCE);
            ci95 = halfWidth(sd, n, CONFIDENCE_95);
        }
        double cv = mean != 0 && n >= 2 ? sd / Math.abs(mean) : Double.NaN;
        if (n < MIN_SAMPLES) {
            warnings.add("only " + n + " sample" + (n == 1 ? "" : "s") + " (want ≥ " + MIN_SAMPLES + ")");
        }
        if (cv > MAX_CV) {
            warnings.add(String.format(Locale.ROOT, "noisy: CV %.0f%% > %.0f%%", cv * 100, MAX_CV * 100));
        }
        return new Summary(n, mean, median, sd, ci999, ci95, cv, List.copyOf(warnings));
    }

    /** Student-t half-width of the mean's two-sided interval at {@code level}. */
    static double halfWidth(double sd, int n, double level) {
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        return t * sd / Math.sqrt(n);
    }

    /** True when the data drew any warning. */
    public boolean weak() {
        return !warnings.isEmpty();
    }
}
