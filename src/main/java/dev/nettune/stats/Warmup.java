package dev.nettune.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A Warmup is the classification of one fork's per-iteration scores by where they stop changing,
 * after Barrett et al., "Virtual Machine Warmup Blows Hot and Cold" (OOPSLA 2017): flat, warm-up,
 * slow-down or no steady state, with the iteration its steady state starts at.
 *
 * <p>Steps, on ln(score) (a relative change is the same size at every score): change-points by
 * {@link ChangePoints#pelt}; consecutive segments whose means differ by less than
 * {@link #EQUIVALENT} are one segment (Barrett treated such segments as equivalent); a one-iteration
 * segment between two segments equivalent to each other is an outlier (a GC pause, a CPU migration)
 * and is merged with them, so one bad second mid-fork does not move the steady state after it. Then:
 * one segment left: {@link Kind#FLAT}; the last segment starts in the last {@link #TAIL_FRACTION} of
 * the fork: {@link Kind#NO_STEADY_STATE} (Barrett's rule, scaled to a short fork); else
 * {@link Kind#WARM_UP} when the last segment is at least as fast as every earlier one (within
 * {@link #EQUIVALENT}), {@link Kind#SLOW_DOWN} otherwise. The steady state starts at the last
 * segment's first iteration (0 for flat).
 *
 * <p>Adapted to 20 × 1 s throughput forks: Barrett's series had 2,000 in-process iterations, so their
 * penalty (15·ln n) is strict here — only shifts of several σ are found, which is the intent (a
 * calibration that sees change-points in noise would choose warm-ups by chance). {@link #EQUIVALENT}
 * is 2%, not Barrett's 1%: this VM's scores wander by about that much between seconds without any
 * change in the code running. Checked against the Python reference
 * ({@code src/test/resources/analysis/reference/reference_calibration.py}).
 *
 * @param kind        the classification
 * @param changePoints PELT's change-points (before merging), 0-based first iterations of new segments
 * @param segments    the segments after merging, as {start, end} (end exclusive)
 * @param steadyStart 0-based iteration the steady state starts at, or -1 for no steady state
 * @param sigma       the σ the detector used, ln units
 */
public record Warmup(Kind kind, List<Integer> changePoints, List<int[]> segments, int steadyStart, double sigma) {
    /** Segments whose mean ln(score) differ by less than this are equivalent (2%). */
    public static final double EQUIVALENT = 0.02;
    /** A last segment starting in this final share of the fork means no steady state. */
    public static final double TAIL_FRACTION = 0.25;

    /** A fork's classification. */
    public enum Kind {
        FLAT("flat"), WARM_UP("warm-up"), SLOW_DOWN("slow-down"), NO_STEADY_STATE("no-steady-state");

        /** The name in reports, profile files and calibration.json. */
        public final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    /** Whether a point's forks agree (Barrett's consistent, good inconsistent and bad inconsistent). */
    public enum Consistency {
        /** Every fork has the same class. */
        CONSISTENT("consistent"),
        /** Forks mix flat and warm-up only: each reaches a steady state, some sooner. */
        GOOD_INCONSISTENT("good-inconsistent"),
        /** Forks mix classes of which one is slow-down or no steady state. */
        BAD_INCONSISTENT("bad-inconsistent");

        public final String id;

        Consistency(String id) {
            this.id = id;
        }
    }

    public Warmup {
        changePoints = List.copyOf(changePoints);
        segments = List.copyOf(segments);
    }

    /** Classifies one fork's per-iteration scores; higher is better unless {@code higherIsBetter} is false. */
    public static Warmup classify(double[] scores, boolean higherIsBetter) {
        int n = scores.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(scores[i] > 0) || !Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("iteration " + (i + 1) + " has score " + scores[i] + ": needs a finite positive score");
            }
            x[i] = Math.log(scores[i]);
        }
        double sigma = ChangePoints.sigma(x);
        List<Integer> cps = ChangePoints.pelt(x, sigma);
        List<int[]> segs = merge(x, cps);
        if (segs.size() == 1) {
            return new Warmup(Kind.FLAT, cps, segs, 0, sigma);
        }
        int start = segs.get(segs.size() - 1)[0];
        if (start > n - (int) Math.ceil(TAIL_FRACTION * n)) {
            return new Warmup(Kind.NO_STEADY_STATE, cps, segs, -1, sigma);
        }
        double sign = higherIsBetter ? 1 : -1;
        double last = sign * mean(x, start, n);
        boolean slower = false;
        for (int i = 0; i < segs.size() - 1; i++) {
            slower |= sign * mean(x, segs.get(i)[0], segs.get(i)[1]) - last >= EQUIVALENT;
        }
        return new Warmup(slower ? Kind.SLOW_DOWN : Kind.WARM_UP, cps, segs, start, sigma);
    }

    /** The segments between change-points, equivalent neighbours and one-iteration outliers merged. */
    static List<int[]> merge(double[] x, List<Integer> cps) {
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        bounds.addAll(cps);
        bounds.add(x.length);
        List<int[]> merged = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            int a = bounds.get(i);
            int b = bounds.get(i + 1);
            if (!merged.isEmpty()) {
                int[] prev = merged.get(merged.size() - 1);
                if (Math.abs(mean(x, prev[0], prev[1]) - mean(x, a, b)) < EQUIVALENT) {
                    merged.set(merged.size() - 1, new int[]{prev[0], b});
                    continue;
                }
            }
            merged.add(new int[]{a, b});
        }
        int i = 1;
        while (i < merged.size() - 1) {
            int[] p = merged.get(i - 1);
            int[] s = merged.get(i);
            int[] q = merged.get(i + 1);
            if (s[1] - s[0] == 1 && Math.abs(mean(x, p[0], p[1]) - mean(x, q[0], q[1])) < EQUIVALENT) {
                merged.subList(i - 1, i + 2).clear();
                merged.add(i - 1, new int[]{p[0], q[1]});
                i = Math.max(1, i - 1);
            } else {
                i++;
            }
        }
        return merged;
    }

    private static double mean(double[] x, int a, int b) {
        double s = 0;
        for (int i = a; i < b; i++) {
            s += x[i];
        }
        return s / (b - a);
    }

    /** How the forks of one point on one JVM agree. */
    public static Consistency consistency(Collection<Kind> kinds) {
        Set<Kind> set = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
        if (set.size() <= 1) {
            return Consistency.CONSISTENT;
        }
        return EnumSet.of(Kind.FLAT, Kind.WARM_UP).containsAll(set) ? Consistency.GOOD_INCONSISTENT : Consistency.BAD_INCONSISTENT;
    }
}
