package dev.nettune.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * RandomEffectsPool against statsmodels' {@code combine_effects(method_re="pm")}: the values are the
 * saved output of {@code reference_pooling.py} (reference_pooling.out beside it; the script's header
 * has the command), read here line by line, for the same four cases.
 */
class RandomEffectsPoolTest {

    static final double TOL = 1e-6;
    static final Path OUT = Path.of("src/test/resources/analysis/reference/reference_pooling.out");

    static final Map<String, double[][]> CASES = Map.of(
            "roundtrip", new double[][]{{-0.010348, -0.039832, -0.009066, -0.004016, -0.045004},
                    {0.006390, 0.012950, 0.011020, 0.009870, 0.014210}},
            "agree", new double[][]{{0.010, 0.012, 0.011}, {0.010, 0.012, 0.015}},
            "disagree", new double[][]{{Math.log(102), Math.log(21.9), Math.log(0.807), Math.log(1.075)},
                    {0.29, 0.30, 0.051, 0.06}},
            "two", new double[][]{{-0.010348, -0.039832}, {0.006390, 0.012950}});

    static Map<String, Double> reference() throws IOException {
        Map<String, Double> m = new HashMap<>();
        for (String line : Files.readAllLines(OUT)) {
            String[] kv = line.split(" = ");
            m.put(kv[0], Double.parseDouble(kv[1]));
        }
        return m;
    }

    @Test
    void everyCaseMatchesStatsmodels() throws IOException {
        Map<String, Double> ref = reference();
        assertEquals(CASES.size() * 9, ref.size(), "reference_pooling.out holds nine values per case");
        for (var e : CASES.entrySet()) {
            String c = e.getKey();
            RandomEffectsPool r = RandomEffectsPool.of(e.getValue()[0], e.getValue()[1], 0.95);
            assertEquals(e.getValue()[0].length, r.k(), c);
            assertEquals(ref.get(c + ".tau2"), r.tau2(), TOL, c + " tau2");
            assertEquals(ref.get(c + ".mu"), r.mu(), TOL, c + " mu");
            assertEquals(ref.get(c + ".se"), r.se(), TOL, c + " se");
            assertEquals(ref.get(c + ".low"), r.low(), TOL * Math.max(1, ref.get(c + ".low")), c + " low");
            assertEquals(ref.get(c + ".high"), r.high(), TOL * Math.max(1, ref.get(c + ".high")), c + " high");
            assertEquals(ref.get(c + ".p"), r.p(), TOL, c + " p");
            assertEquals(ref.get(c + ".q"), r.q(), TOL, c + " Q");
            assertEquals(ref.get(c + ".pQ"), r.pQ(), TOL, c + " pQ");
            assertEquals(ref.get(c + ".i2"), r.i2(), TOL, c + " I2");
        }
    }

    @Test
    void agreeingRunsAreNeverNarrowerThanThePlainRandomEffectsInterval() {
        double[][] c = CASES.get("agree");
        RandomEffectsPool r = RandomEffectsPool.of(c[0], c[1], 0.95);
        assertEquals(0, r.tau2());
        double sw = 0;
        for (double s : c[1]) {
            sw += 1 / (s * s);
        }
        assertEquals(Math.sqrt(1 / sw), r.se(), 1e-15, "HKSJ scale floored at 1");
    }

    @Test
    void heterogeneityWidensTheInterval() {
        double[][] c = CASES.get("roundtrip");
        RandomEffectsPool r = RandomEffectsPool.of(c[0], c[1], 0.95);
        assertTrue(r.tau2() > 0 && r.i2() > 0.5, "the five runs disagree more than their intervals allow");
        assertTrue(r.low() < 1 && r.high() > 1, "so the pooled interval reaches 1");
    }

    @Test
    void oneOrNoEstimateHasNoInterval() {
        RandomEffectsPool one = RandomEffectsPool.of(new double[]{0.1}, new double[]{0.01}, 0.95);
        assertEquals(1, one.k());
        assertEquals(Math.exp(0.1), one.ratio(), 1e-15);
        assertTrue(Double.isNaN(one.low()) && Double.isNaN(one.i2()));
        RandomEffectsPool none = RandomEffectsPool.of(new double[]{Double.NaN}, new double[]{0.01}, 0.95);
        assertEquals(0, none.k());
        assertThrows(IllegalArgumentException.class, () -> RandomEffectsPool.of(new double[2], new double[3], 0.95));
    }
}
