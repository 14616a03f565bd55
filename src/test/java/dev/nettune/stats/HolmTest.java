package dev.nettune.stats;

import static dev.nettune.stats.ReferenceVectors.PX;
import static dev.nettune.stats.ReferenceVectors.PY;
import static dev.nettune.stats.ReferenceVectors.RX;
import static dev.nettune.stats.ReferenceVectors.RY;
import static dev.nettune.stats.ReferenceVectors.UX;
import static dev.nettune.stats.ReferenceVectors.UY;
import static dev.nettune.stats.ReferenceVectors.VX;
import static dev.nettune.stats.ReferenceVectors.VY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Holm against the hand-written step-down in {@code reference_stats.py} ({@code holm},
 * {@code holm.tests}): rows without a p (NaN) stay NaN and do not count towards m.
 */
class HolmTest {

    @Test
    void matchesTheReferenceStepDown() {
        double[] p = {0.01, 0.04, Double.NaN, 0.03, 0.005, 0.2, 0.0125};
        // holm = [0.05, 0.09, nan, 0.09, 0.03, 0.2, 0.05]: m = 6, the NaN row does not count
        assertArrayEquals(new double[] {0.05, 0.09, Double.NaN, 0.09, 0.03, 0.2, 0.05}, Holm.adjust(p), 1e-12);
    }

    @Test
    void adjustsThePValuesOfTheTests() {
        double[] p = {PairedRatio.of(PX, PY, 0.95).p(), UnpairedRatio.of(UX, UY, 0.95).p(),
            PairedRatio.of(RX, RY, 0.95).p(), UnpairedRatio.of(VX, VY, 0.95).p()};
        // holm.tests = [0.0005914887848823212, 0.013246093517640528, 1.0, 1.0]
        assertArrayEquals(new double[] {0.0005914887848823212, 0.013246093517640528, 1.0, 1.0}, Holm.adjust(p), 1e-6);
    }

    @Test
    void nothingToAdjust() {
        assertArrayEquals(new double[] {Double.NaN, Double.NaN}, Holm.adjust(new double[] {Double.NaN, Double.NaN}));
        assertArrayEquals(new double[0], Holm.adjust(new double[0]));
    }
}
