package dev.nettune.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm is the Holm–Bonferroni step-down adjustment of p-values for multiple comparisons: sort the
 * m p-values ascending, multiply the k-th smallest (from 0) by m − k, make the sequence
 * non-decreasing, cap at 1 (R's {@code p.adjust(p, "holm")}). NaN p-values (no test possible) stay
 * NaN and do not count towards m.
 */
public final class Holm {

    private Holm() {
    }

    /** Adjusted p-values, in the order given. */
    public static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            if (!Double.isNaN(p[i])) {
                m++;
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Double.isNaN(p[i]) ? Double.POSITIVE_INFINITY : p[i]));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            running = Math.max(running, Math.min(1, (m - k) * p[i]));
            out[i] = running;
        }
        return out;
    }
}
