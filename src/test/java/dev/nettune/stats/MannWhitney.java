package dev.nettune.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * MannWhitney is the two-sided Mann–Whitney U test (Wilcoxon rank-sum), the test benchstat uses.
 *
 * <p>Commons Math 3 offers only the normal approximation, which is poor for the few samples a JMH
 * run has. Here, when neither sample has more than {@link #EXACT_MAX_N} values and there are no ties,
 * the p-value is exact: the null distribution of U is counted with the recursion
 * {@code N(m, n, u) = N(m-1, n, u-n) + N(m, n-1, u)} (all arrangements equally likely), and
 * {@code p = min(1, 2·min(P(U ≤ u), P(U ≥ u)))}. Otherwise the normal approximation with tie
 * correction and continuity correction is used. Both agree with SciPy's
 * {@code mannwhitneyu(x, y, alternative='two-sided', method='exact' | 'asymptotic')}.
 *
 * <p>Test code only: the suite's method no longer uses it; {@code MethodSimulationTest} keeps it as
 * the unpaired design the paired one is measured against.
 */
public final class MannWhitney {

    /** Largest sample size for which the exact distribution is used (when there are no ties). */
    public static final int EXACT_MAX_N = 50;

    /** A Outcome is the U statistic of the first sample, the p-value, and whether it is exact. */
    public record Outcome(double u, double p, boolean exact) {
    }

    private MannWhitney() {
    }

    /** The two-sided test of {@code x} against {@code y}; both must be non-empty. */
    public static Outcome test(double[] x, double[] y) {
        int m = x.length;
        int n = y.length;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("both samples need at least one value (got " + m + " and " + n + ")");
        }
        double[] all = new double[m + n];
        System.arraycopy(x, 0, all, 0, m);
        System.arraycopy(y, 0, all, m, n);
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        // average ranks, and the tie term sum(t^3 - t)
        double tieTerm = 0;
        double r1 = 0;
        for (double v : x) {
            r1 += averageRank(sorted, v);
        }
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            tieTerm += t * t * t - t;
            i = j;
        }
        double u1 = r1 - m * (m + 1) / 2.0;
        if (tieTerm == 0 && m <= EXACT_MAX_N && n <= EXACT_MAX_N) {
            return new Outcome(u1, exactP(m, n, (int) Math.round(u1)), true);
        }
        double mu = m * (double) n / 2;
        int total = m + n;
        double var = m * (double) n / 12 * ((total + 1) - tieTerm / (total * (double) (total - 1)));
        if (!(var > 0)) {
            return new Outcome(u1, 1.0, false); // every value tied: no evidence of a difference
        }
        double z = (Math.abs(u1 - mu) - 0.5) / Math.sqrt(var);
        double p = 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(z));
        return new Outcome(u1, Math.min(1, p), false);
    }

    private static double averageRank(double[] sorted, double v) {
        int lo = lowerBound(sorted, v);
        int hi = lowerBound(sorted, Math.nextUp(v));
        return (lo + 1 + hi) / 2.0; // ranks lo+1 .. hi, averaged
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Exact two-sided p-value for U = u with sample sizes m and n, no ties. */
    static double exactP(int m, int n, int u) {
        double[] counts = distribution(m, n);
        double total = 0;
        double le = 0;
        double ge = 0;
        for (int k = 0; k < counts.length; k++) {
            total += counts[k];
            if (k <= u) {
                le += counts[k];
            }
            if (k >= u) {
                ge += counts[k];
            }
        }
        return Math.min(1, 2 * Math.min(le, ge) / total);
    }

    /** counts[u] = number of arrangements of m x's and n y's with U = u (u = 0 .. m·n). */
    static double[] distribution(int m, int n) {
        // prev[j] = distribution for (i-1, j); cur[j] for (i, j); base: (0, j) and (i, 0) have U = 0 only.
        double[][] prev = new double[n + 1][];
        for (int j = 0; j <= n; j++) {
            prev[j] = new double[] {1};
        }
        for (int i = 1; i <= m; i++) {
            double[][] cur = new double[n + 1][];
            cur[0] = new double[] {1};
            for (int j = 1; j <= n; j++) {
                double[] c = new double[i * j + 1];
                double[] a = prev[j];      // (i-1, j), shifted by j: the largest value is an x
                for (int k = 0; k < a.length; k++) {
                    c[k + j] += a[k];
                }
                double[] b = cur[j - 1];   // (i, j-1): the largest value is a y
                for (int k = 0; k < b.length; k++) {
                    c[k] += b[k];
                }
                cur[j] = c;
            }
            prev = cur;
        }
        return prev[n];
    }
}
