package dev.nettune.stats;

import static dev.nettune.stats.ReferenceVectors.RX;
import static dev.nettune.stats.ReferenceVectors.RY;
import static dev.nettune.stats.ReferenceVectors.UX;
import static dev.nettune.stats.ReferenceVectors.UY;
import static dev.nettune.stats.ReferenceVectors.VX;
import static dev.nettune.stats.ReferenceVectors.VY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * UnpairedRatio against SciPy: {@code ttest_ind(log(y), log(x), equal_var=False)} and the Welch t
 * interval, printed by {@code reference_stats.py} as {@code unpaired.U}, {@code unpaired.V} and
 * {@code unpaired.R} (ratio, low, high, p, Welch df).
 */
class UnpairedRatioTest {

    static final double TOL = 1e-6;

    @Test
    void syntheticForksMatchScipy() {
        UnpairedRatio r = UnpairedRatio.of(UX, UY, 0.95);
        // unpaired.U = (1.1694103300229206, 1.064627841473738, 1.2845056898674483, 0.004415364505880176, 8.982946570938257)
        assertEquals(6, r.nBaseline());
        assertEquals(5, r.nCandidate());
        assertEquals(1.1694103300229206, r.ratio(), TOL);
        assertEquals(1.064627841473738, r.low(), TOL);
        assertEquals(1.2845056898674483, r.high(), TOL);
        assertEquals(0.004415364505880176, r.p(), TOL);
        assertEquals(8.982946570938257, r.df(), TOL);
    }

    @Test
    void twoAgainstThreeMatchesScipy() {
        UnpairedRatio r = UnpairedRatio.of(VX, VY, 0.95);
        // unpaired.V = (1.0465220359015557, 0.8130975676536335, 1.346958120644727, 0.5728647190110191, 2.4902815456585388)
        assertEquals(1.0465220359015557, r.ratio(), TOL);
        assertEquals(0.8130975676536335, r.low(), TOL);
        assertEquals(1.346958120644727, r.high(), TOL);
        assertEquals(0.5728647190110191, r.p(), TOL);
        assertEquals(2.4902815456585388, r.df(), TOL);
    }

    @Test
    void realForksMatchScipy() {
        UnpairedRatio r = UnpairedRatio.of(RX, RY, 0.95);
        // unpaired.R = (0.9703039558371319, 0.8616956938886875, 1.0926012203500777, 0.5818213664061189, 9.465394167944396)
        assertEquals(0.9703039558371319, r.ratio(), TOL);
        assertEquals(0.8616956938886875, r.low(), TOL);
        assertEquals(1.0926012203500777, r.high(), TOL);
        assertEquals(0.5818213664061189, r.p(), TOL);
        assertEquals(9.465394167944396, r.df(), TOL);
    }

    @Test
    void oneForkASideGivesARatioButNoTest() {
        UnpairedRatio r = UnpairedRatio.of(new double[] {100}, new double[] {120, 130}, 0.95);
        assertEquals(Math.sqrt(120 * 130) / 100, r.ratio(), 1e-12);
        assertTrue(Double.isNaN(r.p()) && Double.isNaN(r.low()) && Double.isNaN(r.high()));
        assertTrue(Double.isNaN(UnpairedRatio.of(new double[0], new double[] {1, 2}, 0.95).ratio()));
        UnpairedRatio flat = UnpairedRatio.of(new double[] {5, 5}, new double[] {6, 6, 6}, 0.95);
        assertTrue(flat.p() < 1e-20, "no spread (up to rounding of the logs): the ratio is all but exact");
        assertEquals(1.2, flat.low(), 1e-12);
    }
}
