package dev.nettune.stats;

import static dev.nettune.stats.ReferenceVectors.SEL1;
import static dev.nettune.stats.ReferenceVectors.SND4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Drift against SciPy: per fork {@code linregress(range(k), log(row)).slope}, then
 * {@code ttest_1samp(slopes, 0)} and the t interval of the mean slope, printed by
 * {@code reference_stats.py} as {@code drift.*} (n, slope, low, high, p, sd).
 */
class DriftTest {

    static final double TOL = 1e-9;

    /** 6 forks of 3 iterations, each about 5% slower per iteration. */
    static final double[][] DT = {{100.0, 95.2, 90.1}, {120.0, 113.5, 108.9}, {90.0, 86.0, 80.8}, {110.0, 104.1, 99.5},
        {105.0, 100.9, 94.7}, {98.0, 93.3, 88.2}};
    /** 6 forks of 3 iterations without a trend. */
    static final double[][] DF = {{100.0, 102.1, 99.0}, {120.0, 118.2, 121.5}, {90.0, 91.3, 89.2}, {110.0, 108.5, 111.9},
        {105.0, 106.2, 103.8}, {98.0, 97.1, 99.4}};

    private static void assertScipy(Drift d, int n, double slope, double low, double high, double p, double sd) {
        assertEquals(n, d.n());
        assertEquals(slope, d.slope(), TOL);
        assertEquals(low, d.low(), TOL);
        assertEquals(high, d.high(), TOL);
        assertEquals(p, d.p(), 1e-12 + p * 1e-6);
        assertEquals(sd, d.sdSlope(), TOL);
    }

    @Test
    void trendWithinForksMatchesScipy() {
        Drift d = Drift.of(DT, 0.95);
        // drift.DT = (6, -0.051506168855944466, -0.053510844646818566, -0.049501493065070366, 1.5066245631243693e-08, 0.0019102417667774228)
        assertScipy(d, 6, -0.051506168855944466, -0.053510844646818566, -0.049501493065070366, 1.5066245631243693e-08,
                0.0019102417667774228);
        assertEquals(3, d.iterations());
        assertEquals(Math.expm1(2 * -0.051506168855944466), d.change(), TOL, "first to last spans two steps");
        assertTrue(d.changeHigh() < 0);
    }

    @Test
    void noTrendMatchesScipyAndItsIntervalHoldsZero() {
        Drift d = Drift.of(DF, 0.95);
        // drift.DF = (6, 0.0011049215410365112, -0.006060299863693816, 0.008270142945766838, 0.7081621576819254, 0.006827690172062874)
        assertScipy(d, 6, 0.0011049215410365112, -0.006060299863693816, 0.008270142945766838, 0.7081621576819254,
                0.006827690172062874);
        assertTrue(d.changeLow() < 0 && d.changeHigh() > 0);
    }

    @Test
    void realForksOfTheReferenceRunMatchScipy() {
        // drift.SEL1 = (8, -0.2437072430112197, -0.3492548564635672, -0.13815962955887223, 0.0009460021265779665, 0.1262499666235583)
        Drift sel = Drift.of(SEL1, 0.95);
        assertScipy(sel, 8, -0.2437072430112197, -0.3492548564635672, -0.13815962955887223, 0.0009460021265779665,
                0.1262499666235583);
        assertEquals(-0.216, sel.change(), 0.001, "with two iterations the change is the mean log ratio second/first");
        // drift.SND4 = (8, 1.0451442194956213, 0.032167733365965345, 2.058120705625277, 0.0447777105147323, 1.2116640384489346)
        assertScipy(Drift.of(SND4, 0.95), 8, 1.0451442194956213, 0.032167733365965345, 2.058120705625277,
                0.0447777105147323, 1.2116640384489346);
    }

    @Test
    void oneIterationOrOneForkGivesNoTest() {
        Drift single = Drift.of(new double[][] {{100}, {110}, {90}}, 0.95);
        assertEquals(0, single.n(), "a fork needs two iterations for a slope");
        assertEquals(1, single.iterations());
        assertFalse(single.tested());
        Drift oneFork = Drift.of(new double[][] {{100, 90}}, 0.95);
        assertEquals(1, oneFork.n());
        assertEquals(Math.log(0.9), oneFork.slope(), 1e-12);
        assertFalse(oneFork.tested());
        Drift bad = Drift.of(new double[][] {{100, Double.NaN}, {0, 5}, {100, 90, 81}}, 0.95);
        assertEquals(1, bad.n(), "NaN and zero iterations have no log");
    }

    @Test
    void identicalSlopesAreAPointInterval() {
        Drift d = Drift.of(new double[][] {{100, 110}, {50, 55}, {20, 22}}, 0.95);
        assertEquals(Math.log(1.1), d.low(), 1e-12);
        assertEquals(Math.log(1.1), d.high(), 1e-12);
        assertTrue(d.p() < 1e-12, "the logs of 110/100 and 55/50 differ in the last bit only");
        assertEquals(1.0, Drift.of(new double[][] {{100, 100}, {50, 50}}, 0.95).p());
    }
}
