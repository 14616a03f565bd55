package dev.nettune.stats;

import static dev.nettune.stats.ReferenceVectors.PX;
import static dev.nettune.stats.ReferenceVectors.PY;
import static dev.nettune.stats.ReferenceVectors.RX;
import static dev.nettune.stats.ReferenceVectors.RY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * PairedRatio against SciPy: {@code ttest_rel(log(y), log(x))} and the t interval of the mean log
 * ratio, printed by {@code reference_stats.py} as {@code paired.P} and {@code paired.R}
 * (ratio, low, high, p, sd of log ratios).
 */
class PairedRatioTest {

    static final double TOL = 1e-6;

    @Test
    void syntheticBlocksMatchScipy() {
        PairedRatio r = PairedRatio.of(PX, PY, 0.95);
        // paired.P = (0.9700677231588642, 0.9607086846887279, 0.9795179355743198, 0.0001478721962205803, 0.011596194742334122)
        assertEquals(8, r.n());
        assertEquals(0.9700677231588642, r.ratio(), TOL);
        assertEquals(0.9607086846887279, r.low(), TOL);
        assertEquals(0.9795179355743198, r.high(), TOL);
        assertEquals(0.0001478721962205803, r.p(), TOL);
        assertEquals(0.011596194742334122, r.sdLog(), TOL);
        assertEquals(r.high() / r.ratio() - 1, r.halfWidth(), 1e-15);
    }

    @Test
    void realForksPairedByRunMatchScipy() {
        PairedRatio r = PairedRatio.of(RX, RY, 0.95);
        // paired.R = (0.9703039558371337, 0.8450535456604095, 1.1141184739689078, 0.5992033072705671, 0.1316987728407679)
        assertEquals(0.9703039558371337, r.ratio(), TOL);
        assertEquals(0.8450535456604095, r.low(), TOL);
        assertEquals(1.1141184739689078, r.high(), TOL);
        assertEquals(0.5992033072705671, r.p(), TOL);
        assertEquals(0.1316987728407679, r.sdLog(), TOL);
    }

    @Test
    void fewOrBadPairsGiveNoTest() {
        PairedRatio one = PairedRatio.of(new double[] {100}, new double[] {90}, 0.95);
        assertEquals(1, one.n());
        assertEquals(0.9, one.ratio(), 1e-12);
        assertTrue(Double.isNaN(one.p()) && Double.isNaN(one.low()) && Double.isNaN(one.halfWidth()));
        PairedRatio dropped = PairedRatio.of(new double[] {100, Double.NaN, 0, 100}, new double[] {90, 90, 90, -1}, 0.95);
        assertEquals(1, dropped.n(), "NaN, zero and negative scores have no log ratio");
        assertEquals(0, PairedRatio.of(new double[0], new double[0], 0.95).n());
        assertThrows(IllegalArgumentException.class, () -> PairedRatio.of(new double[2], new double[3], 0.95));
    }

    @Test
    void identicalRatiosAreAPointInterval() {
        PairedRatio r = PairedRatio.of(new double[] {10, 20, 40}, new double[] {11, 22, 44}, 0.95);
        assertEquals(1.1, r.low(), 1e-12);
        assertEquals(1.1, r.high(), 1e-12);
        assertEquals(0.0, r.p());
        assertEquals(1.0, PairedRatio.of(new double[] {10, 20}, new double[] {10, 20}, 0.95).p());
    }
}
