package dev.nettune.analysis.compare;

import dev.nettune.analysis.stats.Holm;
import dev.nettune.analysis.stats.MannWhitney;
import dev.nettune.analysis.stats.RatioInterval;
import dev.nettune.analysis.stats.Summary;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * A Comparison is one candidate JVM's result set against the baseline JVM's for the same row
 * (benchmark, params, mode, unit): the ratio of means with its 95% Fieller interval, a two-sided
 * p-value from the chosen test, the Holm-adjusted p-value within its table, and whether the
 * difference is significant and better or worse (mode-aware: higher is better for throughput,
 * lower for time modes).
 *
 * @param baseline     baseline summary
 * @param candidate    candidate summary
 * @param ratio        candidate mean / baseline mean, with 95% interval
 * @param test         the test used
 * @param p            raw two-sided p-value, NaN when no test was possible
 * @param pAdjusted    Holm-adjusted p-value (equal to p until {@link #withAdjusted} is applied)
 * @param alpha        significance level
 * @param higherIsBetter direction of goodness for this row
 */
public record Comparison(Summary baseline, Summary candidate, RatioInterval ratio, Test test, double p,
                         double pAdjusted, double alpha, boolean higherIsBetter) {

    /** Default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Confidence level of the ratio interval. */
    public static final double RATIO_CONFIDENCE = 0.95;

    /** A Test is the significance test used for comparisons. */
    public enum Test {
        /** Two-sided Mann–Whitney U (exact for small samples without ties), as benchstat. */
        UTEST("Mann-Whitney U"),
        /** Two-sided Welch's unequal-variance t-test (Commons Math {@code TTest.tTest}). */
        WELCH("Welch's t-test");

        /** Name shown in reports. */
        public final String title;

        Test(String title) {
            this.title = title;
        }

        /** Parses "utest" / "welch" (case-insensitive); null when unknown. */
        public static Test parse(String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "utest": case "u": case "mannwhitney": case "mann-whitney": return UTEST;
                case "welch": case "t": case "ttest": return WELCH;
                default: return null;
            }
        }
    }

    /** Compares {@code candidate} samples with {@code baseline} samples. */
    public static Comparison of(double[] baseline, double[] candidate, Test test, double alpha,
                                boolean higherIsBetter) {
        double[] x = Arrays.stream(baseline).filter(Double::isFinite).toArray();
        double[] y = Arrays.stream(candidate).filter(Double::isFinite).toArray();
        double p = Double.NaN;
        if (x.length >= 1 && y.length >= 1) {
            if (test == Test.UTEST) {
                p = MannWhitney.test(x, y).p();
            } else if (x.length >= 2 && y.length >= 2) {
                double vx = RatioInterval.var(x, RatioInterval.mean(x));
                double vy = RatioInterval.var(y, RatioInterval.mean(y));
                if (vx + vy > 0) {
                    p = new TTest().tTest(x, y);
                } else {
                    p = RatioInterval.mean(x) == RatioInterval.mean(y) ? 1.0 : 0.0; // no spread at all
                }
            }
        }
        RatioInterval r = x.length > 0 && y.length > 0 ? RatioInterval.fieller(x, y, RATIO_CONFIDENCE)
                : new RatioInterval(Double.NaN, Double.NaN, Double.NaN);
        return new Comparison(Summary.of(x), Summary.of(y), r, test, p, p, alpha, higherIsBetter);
    }

    /** This comparison with a Holm-adjusted p-value. */
    public Comparison withAdjusted(double adjusted) {
        return new Comparison(baseline, candidate, ratio, test, p, adjusted, alpha, higherIsBetter);
    }

    /** True when the adjusted p-value is below alpha. */
    public boolean significant() {
        return pAdjusted < alpha;
    }

    /** +1 when significantly better, -1 when significantly worse, 0 otherwise ("~"). */
    public int verdict() {
        if (!significant() || Double.isNaN(ratio.ratio()) || ratio.ratio() == 1) {
            return 0;
        }
        boolean up = ratio.ratio() > 1;
        return up == higherIsBetter ? 1 : -1;
    }
}
