package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fork scores read from committed runs: the real vectors of {@code reference_stats.py} (RX, RY), and
 * JMH itself as the reference for a fork's score (a one-fork entry's score is its fork's score, in
 * every mode, sample mode included).
 */
class ForkScoresTest {

    @Test
    void theReferenceScriptsRealVectorsAreWhatTheReaderReads() throws Exception {
        List<Path> runs;
        try (Stream<Path> s = Files.list(Path.of("bench-results"))) {
            runs = s.filter(p -> p.getFileName().toString().matches("2026-11-24T16-3[2-7]-\\d\\dZ-quick")).sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(6, runs.size());
        double[] x = new double[6];
        double[] y = new double[6];
        for (int i = 0; i < 6; i++) {
            ResultSet set = InputFinder.load(List.of(runs.get(i)));
            x[i] = selector16(set, "jdk17");
            y[i] = selector16(set, "jdk25");
        }
        // RX, RY as printed by reference_stats.py
        assertArrayEquals(new double[] {151802.97060783923, 148576.5759795969, 154966.67466873414, 131640.11469461577,
            165108.92862252804, 139485.68596722928}, x, 1e-9 * 165000);
        assertArrayEquals(new double[] {151190.89673071372, 137248.56597494427, 165444.92023226185, 153644.85987817543,
            132620.56304665134, 126412.02742382586}, y, 1e-9 * 165000);
    }

    @Test
    void aOneForkEntrysForkScoreIsJmhsScore() {
        ResultSet set = InputFinder.load(List.of(Path.of("bench-results/2026-11-24T14-46-07Z-quick")));
        int sample = 0;
        int unweightedWouldFail = 0;
        for (Result r : set.results()) {
            double[] f = r.primary().forkScores();
            assertEquals(1, f.length);
            assertEquals(r.primary().score(), f[0], 1e-9 * Math.abs(f[0]), r.key().toString());
            if (r.key().mode().equals("sample")) {
                sample++;
                double unweighted = java.util.Arrays.stream(r.primary().samples()[0]).average().orElseThrow();
                unweightedWouldFail += Math.abs(unweighted - f[0]) > 1e-9 * f[0] ? 1 : 0;
            }
        }
        assertEquals(28, sample, "sample-mode entries checked: the sample-weighted mean is JMH's score");
        assertTrue(unweightedWouldFail >= 20, unweightedWouldFail
                + " of 28: the mean of iteration means is not JMH's score of the fork");
    }

    private static double selector16(ResultSet set, String jvm) {
        Result r = set.results().stream().filter(x -> x.key().jvm().label().equals(jvm)
                && "16".equals(x.key().params().get("connections"))).findFirst().orElseThrow();
        double[] f = r.primary().forkScores();
        assertEquals(1, f.length);
        return f[0];
    }
}
