package dev.nettune.stats;

import static dev.nettune.stats.ReferenceVectors.PX;
import static dev.nettune.stats.ReferenceVectors.PY;
import static dev.nettune.stats.ReferenceVectors.RX;
import static dev.nettune.stats.ReferenceVectors.RY;
import static dev.nettune.stats.ReferenceVectors.UX;
import static dev.nettune.stats.ReferenceVectors.UY;
import static dev.nettune.stats.ReferenceVectors.VX;
import static dev.nettune.stats.ReferenceVectors.VY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The power of the two-sided t test and the detectable change against SciPy's noncentral t
 * ({@code nct.sf(c, df, λ) + nct.sf(c, df, −λ)}, λ solved with {@code brentq}), printed by
 * {@code reference_stats.py} as {@code power(...)}, {@code noncentrality(...)} and {@code detectable.*}.
 */
class DetectableChangeTest {

    static final double TOL = 1e-6;

    /** Tighter than TOL: the power is solved for, so its error feeds the detectable change. */
    static final double POWER_TOL = 1e-9;

    @Test
    void powerMatchesScipyNct() {
        // both integration forms: r = c/sqrt(df) > 1 (few df, strict alpha) and r <= 1 (many df); df
        // between 1 and 2 with a small noncentrality exercises the kink at z = -lambda
        assertEquals(0.026326370641414142, TTestPower.power(1.5, 7, 0.0025), POWER_TOL);  // power(1.5, 7, 0.0025)
        assertEquals(0.18104623449226853, TTestPower.power(3.0, 7, 0.0025), POWER_TOL);   // power(3.0, 7, 0.0025)
        assertEquals(0.21830707484678252, TTestPower.power(2.0, 2, 0.05), POWER_TOL);     // power(2.0, 2, 0.05)
        assertEquals(0.5831997311056054, TTestPower.power(4.0, 39, 0.0005), POWER_TOL);   // power(4.0, 39, 0.0005)
        assertEquals(0.19930559374016396, TTestPower.power(2.5, 1.3, 0.05), POWER_TOL);   // power(2.5, 1.3, 0.05)
        assertEquals(0.567306566401922, TTestPower.power(10.0, 1, 0.05), POWER_TOL);      // power(10.0, 1, 0.05)
        assertEquals(0.078535361385245, TTestPower.power(0.5, 100, 0.05), POWER_TOL);     // power(0.5, 100, 0.05)
        assertEquals(0.056398591091500874, TTestPower.power(0.5, 1.05, 0.05), POWER_TOL); // power(0.5, 1.05, 0.05)
        assertEquals(0.05899582012201264, TTestPower.power(0.5, 1.5, 0.05), POWER_TOL);   // power(0.5, 1.5, 0.05)
        assertEquals(0.8501682388120401, TTestPower.power(3.0, 1000, 0.05), POWER_TOL);   // power(3.0, 1000, 0.05)
        assertEquals(0.21881038131470756, TTestPower.power(3.0, 30, 0.0005), POWER_TOL);  // power(3.0, 30, 0.0005)
        assertEquals(0.05, TTestPower.power(0, 9, 0.05), POWER_TOL, "no effect: the level");
    }

    @Test
    void noncentralityMatchesScipy() {
        assertEquals(5.268688610336502, TTestPower.noncentrality(0.8, 7, 0.05 / 12), TOL);
        assertEquals(3.5139027291710923, TTestPower.noncentrality(0.8, 5, 0.05), TOL);
        assertEquals(4.687926819841667, TTestPower.noncentrality(0.8, 39, 0.0005), TOL);
        assertEquals(9.72054704854924, TTestPower.noncentrality(0.8, 1.3, 0.05), TOL);
        assertEquals(5.653489266197127, TTestPower.noncentrality(0.8, 2, 0.05), TOL);
        assertThrows(IllegalArgumentException.class, () -> TTestPower.noncentrality(0.04, 5, 0.05));
    }

    @Test
    void pairedDetectableMatchesScipy() {
        // detectable.P: sd of PX/PY log ratios, n = 8, at alpha/m = 0.05/12
        PairedRatio p = PairedRatio.of(PX, PY, 0.95);
        assertEquals(0.02183594895665923, DetectableChange.paired(p.sdLog(), p.n(), 0.05 / 12, 0.8), TOL);
        // detectable.R: the real forks paired by run, at 0.05
        PairedRatio r = PairedRatio.of(RX, RY, 0.95);
        assertEquals(0.2079537198301588, DetectableChange.paired(r.sdLog(), r.n(), 0.05, 0.8), TOL);
        assertTrue(Double.isNaN(DetectableChange.paired(0.1, 1, 0.05, 0.8)), "one block: no spread known");
    }

    @Test
    void unpairedDetectableMatchesScipy() {
        UnpairedRatio u = UnpairedRatio.of(UX, UY, 0.95);
        assertEquals(0.17417624982014598, DetectableChange.unpaired(u.sdBaseline(), u.nBaseline(), u.sdCandidate(),
                u.nCandidate(), 0.05 / 3, 0.8), TOL);                                // detectable.U
        UnpairedRatio v = UnpairedRatio.of(VX, VY, 0.95);
        assertEquals(0.39747524221040037, DetectableChange.unpaired(v.sdBaseline(), v.nBaseline(), v.sdCandidate(),
                v.nCandidate(), 0.05, 0.8), TOL);                                    // detectable.V
        assertEquals(0.0, DetectableChange.of(0, 3, 0.05, 0.8), "no spread: any change is detected");
    }

    @Test
    void strictLevelsAndFewBlocksNeedLargerChanges() {
        double loose = DetectableChange.of(0.02, 7, 0.05, 0.8);
        double strict = DetectableChange.of(0.02, 7, 0.05 / 50, 0.8);
        double fewer = DetectableChange.of(0.02, 2, 0.05, 0.8);
        assertTrue(strict > loose && fewer > loose, loose + " " + strict + " " + fewer);
    }
}
