package dev.nettune.stats;

import dev.nettune.analysis.Fixtures;

import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Statistics against reference values computed independently with SciPy 1.17.1 by
 * {@code python3 src/test/resources/analysis/reference/reference_stats.py} (the script, and the data
 * sets A..H, are in that file; each expected value below is one line of its output).
 */
class StatisticsTest {

    static final double TOL = 1e-6;

    static final double[] A = {10.1, 10.4, 9.8, 10.0, 10.3, 10.2};
    static final double[] B = {10.9, 11.2, 10.7, 11.0, 11.4, 10.8};
    static final double[] C = {1.2, 3.4, 2.2, 5.1, 4.4};
    static final double[] D = {2.9, 3.9, 4.8, 6.0, 5.5, 6.3, 1.9};
    static final double[] E = {1, 2, 2, 3, 4, 4, 5};
    static final double[] F = {3, 4, 4, 5, 6, 6, 7, 8};
    // rng = np.random.default_rng(42); G, H = normal(100, 5, 20), normal(103, 5, 20) rounded to 6 places
    static final double[] G = {101.523585, 94.800079, 103.752256, 104.702824, 90.244824, 93.489102, 100.639202,
        98.418787, 99.915994, 95.73478, 104.39699, 103.88896, 100.330153, 105.636206, 102.337547, 95.703538,
        101.843754, 95.205587, 104.392252, 99.75037};
    static final double[] H = {102.075688, 99.595352, 109.112707, 102.227353, 100.858361, 101.239332, 105.661546,
        104.82722, 105.063663, 105.154105, 113.708238, 100.967925, 100.438786, 98.931136, 106.079897, 108.644861,
        102.430263, 98.799218, 98.877594, 106.252964};

    @Test
    void summaryMatchesScipy() {
        Summary a = Summary.of(A);
        assertEquals(10.133333333333333, a.mean(), TOL);          // A.mean
        assertEquals(10.149999999999999, a.median(), TOL);        // A.median
        assertEquals(0.21602468994692864, a.stdev(), TOL);        // A.sd
        assertEquals(0.6057735683633584, a.ci999(), TOL);         // A.ci999 = t.ppf(0.9995, 5)*sd/sqrt(6)
        assertEquals(0.22670400872778668, a.ci95(), TOL);         // A.ci95
        Summary c = Summary.of(C);
        assertEquals(3.2599999999999993, c.mean(), TOL);          // C.mean
        assertEquals(3.4, c.median(), TOL);                       // C.median
        assertEquals(1.586820720812531, c.stdev(), TOL);          // C.sd
        assertEquals(6.110281574290472, c.ci999(), TOL);          // C.ci999
        assertEquals(1.970298160636666, c.ci95(), TOL);           // C.ci95
        assertTrue(c.warnings().stream().anyMatch(w -> w.startsWith("noisy")), c.warnings().toString());
        assertFalse(a.weak());
    }

    @Test
    void exactMannWhitneyMatchesScipy() {
        // mannwhitneyu(x, y, alternative='two-sided', method='exact')
        assertEquals(0.0021645021645021645, exact(A, B), TOL);    // mwu.AB.exact
        assertEquals(0.26767676767676774, exact(C, D), TOL);      // mwu.CD.exact
        assertEquals(0.016742393803863068, exact(G, H), TOL);     // mwu.GH.exact
        assertEquals(exact(A, B), exact(B, A), 1e-15, "symmetric");
    }

    private static double exact(double[] x, double[] y) {
        MannWhitney.Outcome o = MannWhitney.test(x, y);
        assertTrue(o.exact());
        return o.p();
    }

    @Test
    void asymptoticMannWhitneyWithTiesMatchesScipy() {
        // mannwhitneyu(E, F, alternative='two-sided', method='asymptotic', use_continuity=True)
        MannWhitney.Outcome o = MannWhitney.test(E, F);
        assertFalse(o.exact(), "ties force the normal approximation");
        assertEquals(0.02228731901455301, o.p(), TOL);            // mwu.EF.asymptotic
        assertEquals(1.0, MannWhitney.test(new double[] {3, 3}, new double[] {3, 3, 3}).p());
    }

    @Test
    void exactDistributionCountsAllArrangements() {
        double[] d = MannWhitney.distribution(4, 6);
        double total = 0;
        for (double v : d) {
            total += v;
        }
        assertEquals(210, total, 0);                               // C(10, 4)
        assertArrayEquals(new double[] {1, 1, 2, 3, 5}, java.util.Arrays.copyOf(d, 5), 0); // partitions
    }

    @Test
    void holmMatchesRPAdjust() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") -> 0.03 0.06 0.06 0.02 (by hand: sorted
        // 0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, 0.04*1=0.04 -> running max 0.06); NaN stays NaN
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, Double.NaN, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, Double.NaN, 0.06, 0.02}, adj, 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, Holm.adjust(new double[] {0.6, 0.9}), 1e-12);
    }

    /** JMH itself is a reference: our 99.9% half-width must equal JMH's scoreError. */
    @Test
    void ci999EqualsJmhScoreErrorOnRealRuns() {
        ResultSet set = InputFinder.load(List.of(Fixtures.SUITE));
        int checked = 0;
        for (Result r : set.results()) {
            if (r.key().mode().equals("sample")) {
                continue; // JMH's sample-mode error is over individual samples, ours over iterations
            }
            Summary s = Summary.of(r.primary().flatSamples());
            assertEquals(r.primary().score(), s.mean(), 1e-9 * Math.abs(s.mean()), r.key().toString());
            assertEquals(r.primary().scoreError(), s.ci999(), 1e-9 * Math.abs(s.ci999()), r.key().toString());
            checked++;
        }
        assertEquals(20, checked);
    }
}
