package dev.nettune.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ChangePoints finds where the mean of a short series shifts: PELT (Killick, Fearnhead &amp; Eckley,
 * "Optimal Detection of Changepoints With a Linear Computational Cost", JASA 2012) with the normal
 * mean-change cost, the detector Barrett et al. used to classify VM warm-up ("Virtual Machine Warmup
 * Blows Hot and Cold", OOPSLA 2017).
 *
 * <p>The cost of a segment is its sum of squared deviations from its mean over σ² (twice the negative
 * normal log-likelihood with known variance); each change-point costs {@link #PENALTY_FACTOR}·ln n,
 * Barrett's penalty. σ is estimated from first differences (median absolute deviation × 1.4826 / √2),
 * as changepoint's {@code cpt.mean} does, so a mean shift does not inflate it; it is floored at
 * {@link #SIGMA_FLOOR} so a very quiet series does not turn sub-percent wobbles into change-points.
 * Minimum segment length is 1: on this suite's forks the common warm-up is one slow first second.
 *
 * <p>Checked against an independent Python implementation
 * ({@code src/test/resources/analysis/reference/reference_calibration.py}).
 */
public final class ChangePoints {
    /** Penalty per change-point in units of ln n (Barrett et al. used 15·ln n). */
    public static final double PENALTY_FACTOR = 15.0;
    /** Smallest σ used, in ln units (0.5%): below it a series is taken as quieter than this machine can be. */
    public static final double SIGMA_FLOOR = 0.005;

    private ChangePoints() {
    }

    /** σ of {@code x} as the cost uses it: MAD of first differences × 1.4826 / √2, at least {@link #SIGMA_FLOOR}. */
    public static double sigma(double[] x) {
        if (x.length < 3) {
            return SIGMA_FLOOR;
        }
        double[] d = new double[x.length - 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i + 1] - x[i];
        }
        double med = median(d);
        double[] dev = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            dev[i] = Math.abs(d[i] - med);
        }
        return Math.max(median(dev) * 1.4826 / Math.sqrt(2), SIGMA_FLOOR);
    }

    /** The change-points of {@code x} (0-based index of the first value of each new segment), ascending. */
    public static List<Integer> pelt(double[] x, double sigma) {
        int n = x.length;
        if (n < 2) {
            return List.of();
        }
        double beta = PENALTY_FACTOR * Math.log(n);
        double[] cs = new double[n + 1];
        double[] cs2 = new double[n + 1];
        for (int i = 0; i < n; i++) {
            cs[i + 1] = cs[i] + x[i];
            cs2[i + 1] = cs2[i] + x[i] * x[i];
        }
        double s2 = sigma * sigma;
        double[] f = new double[n + 1];
        int[] last = new int[n + 1];
        Arrays.fill(f, Double.POSITIVE_INFINITY);
        f[0] = -beta;
        List<Integer> candidates = new ArrayList<>(List.of(0));
        for (int t = 1; t <= n; t++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = 0;
            double[] v = new double[candidates.size()];
            for (int k = 0; k < candidates.size(); k++) {
                int r = candidates.get(k);
                int m = t - r;
                double sum = cs[t] - cs[r];
                double cost = (cs2[t] - cs2[r] - sum * sum / m) / s2;
                v[k] = f[r] + cost + beta;
                if (v[k] < best - 1e-12) {
                    best = v[k];
                    arg = r;
                }
            }
            f[t] = best;
            last[t] = arg;
            List<Integer> kept = new ArrayList<>();
            for (int k = 0; k < candidates.size(); k++) {
                if (v[k] - beta <= f[t] + 1e-12) { // PELT's pruning: this start can never be optimal again
                    kept.add(candidates.get(k));
                }
            }
            kept.add(t);
            candidates = kept;
        }
        List<Integer> cps = new ArrayList<>();
        for (int t = n; last[t] > 0; t = last[t]) {
            cps.add(0, last[t]);
        }
        return List.copyOf(cps);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
