package dev.nettune.stats;

import static dev.nettune.stats.ReferenceVectors.SEL1;
import static dev.nettune.stats.ReferenceVectors.SND4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Spread against SciPy: {@code gstd(x) - 1} and the range of the fork scores (means of rawData rows),
 * printed by {@code reference_stats.py} as {@code spread.*} (n, min, max, gcv).
 */
class SpreadTest {

    private static double[] forkScores(double[][] raw) {
        return Arrays.stream(raw).mapToDouble(r -> Arrays.stream(r).average().orElseThrow()).toArray();
    }

    @Test
    void matchesScipy() {
        Spread s = Spread.of(forkScores(SND4));
        // spread.SND4 = (8, 3.5820931504052487, 32.93679961584719, 0.9380363543729748)
        assertEquals(8, s.n());
        assertEquals(3.5820931504052487, s.min(), 1e-9);
        assertEquals(32.93679961584719, s.max(), 1e-9);
        assertEquals(0.9380363543729748, s.gcv(), 1e-9);
        // spread.SEL1 = (8, 15436.383999108659, 23262.302867074508, 0.13699033394230264)
        assertEquals(0.13699033394230264, Spread.of(forkScores(SEL1)).gcv(), 1e-9);
    }

    @Test
    void badOrFewScores() {
        Spread one = Spread.of(new double[] {5, Double.NaN, 0, -1});
        assertEquals(1, one.n());
        assertEquals(5, one.min());
        assertTrue(Double.isNaN(one.gcv()));
        assertEquals(0, Spread.of(new double[0]).n());
        assertEquals(0.0, Spread.of(new double[] {3, 3, 3}).gcv());
    }
}
