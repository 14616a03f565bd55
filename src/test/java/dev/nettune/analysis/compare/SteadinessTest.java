package dev.nettune.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.stats.Drift;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Steadiness: which JVM × points drift within forks (Holm over the run's cells, and a minimum size),
 * which are erratic (geometric CV of fork scores), the family's known cause, the marks of a
 * comparison row; and on the committed reference and A/A runs.
 */
class SteadinessTest {

    static final String RUN = "2026-11-30T11-00-00Z-quick";
    static final JvmId J17 = new JvmId(RUN, "jdk17", "Debian", "17.0.15", "", "free", "HotSpot", "17.0.15+6");
    static final JvmId J25 = new JvmId(RUN, "jdk25", "Eclipse Adoptium", "25.0.3", "", "free", "HotSpot", "25.0.3+9");
    static final String RT = "dev.nettune.bench.RoundTripBenchmark.roundTrip";
    static final String STREAM = "dev.nettune.bench.buffers.SocketBufferStreamBenchmark.stream";

    private final List<Result> results = new ArrayList<>();

    private Result add(JvmId jvm, String bench, Map<String, String> params, double[][] samples) {
        Metric m = new Metric("primary", "ops/s", Double.NaN, Double.NaN, samples, null, Map.of());
        Result r = new Result(new ResultKey(bench, params, "thrpt", "ops/s", jvm), m, Map.of(),
                Path.of(jvm.label() + ".json"), results.size(), "1.37", 1);
        results.add(r);
        return r;
    }

    private Result add(JvmId jvm, String payload, double[][] samples) {
        return add(jvm, RT, Map.of("payload", payload), samples);
    }

    private Steadiness check() {
        return Steadiness.of(ResultSet.of(results, List.of(), Map.of()), 0.05);
    }

    /** 8 forks of 2 iterations: fork f scores base·(1 + 0.03·(f mod 3)), its second iteration times step·(1 ± jitter). */
    static double[][] forks(double base, double step, double jitter) {
        double[][] out = new double[8][];
        for (int f = 0; f < 8; f++) {
            double first = base * (1 + 0.03 * (f % 3));
            out[f] = new double[] {first, first * step * (1 + (f % 2 == 0 ? jitter : -jitter))};
        }
        return out;
    }

    @Test
    void aTrendWithinForksIsFlaggedAndAFlatPointIsNot() {
        Result down = add(J25, "64", forks(20_000, 0.80, 0.03));
        Result flat = add(J25, "128", forks(20_000, 1.00, 0.03));
        Steadiness s = check();
        Steadiness.Cell d = s.cell(J25, down.key().row());
        Steadiness.Cell f = s.cell(J25, flat.key().row());
        assertTrue(d.drifting());
        assertFalse(f.drifting());
        assertEquals(Drift.of(down.primary().samples(), 0.95), d.drift(), "the cell's drift is stats.Drift of its samples");
        assertEquals(-0.2, d.drift().change(), 0.005);
        assertTrue(d.drift().changeHigh() < 0);
        assertEquals(List.of(d), s.drifting());
        assertEquals(2, d.drift().iterations());
    }

    @Test
    void holmRunsOverTheCellsOfOneRunOnly() {
        double[][] weak = {{100, 80}, {100, 95}, {100, 70}, {100, 99}, {100, 85}, {100, 90}, {100, 75}, {100, 96}};
        Result alone = add(J17, "64", weak);
        Steadiness s = check();
        double p = s.cell(J17, alone.key().row()).drift().p();
        assertTrue(p > 0.05 / 34 && p < 0.05, "a drift significant alone, not after Holm over 34: p " + p);
        assertTrue(s.cell(J17, alone.key().row()).drifting());
        for (int i = 0; i < 33; i++) {
            add(J17, Integer.toString(1000 + i), forks(20_000, 1.0, 0.02 + i * 0.001));
        }
        // a run of 34 cells: the same drift no longer passes the correction
        Steadiness many = check();
        Steadiness.Cell c = many.cell(J17, alone.key().row());
        assertEquals(Math.min(1, 34 * p), c.pAdjusted(), 1e-12);
        assertFalse(c.drifting());
        // the same 33 cells in another run leave this run's correction alone
        List<Result> moved = new ArrayList<>(results.subList(0, 1));
        JvmId other = new JvmId("2026-12-01T00-00-00Z-quick", "jdk17", "Debian", "17.0.15", "", "free", "HotSpot", "17.0.15+6");
        for (Result r : results.subList(1, results.size())) {
            moved.add(new Result(new ResultKey(r.key().benchmark(), r.key().params(), "thrpt", "ops/s", other),
                    r.primary(), Map.of(), r.file(), r.index(), "1.37", 1));
        }
        Steadiness split = Steadiness.of(ResultSet.of(moved, List.of(), Map.of()), 0.05);
        assertTrue(split.cell(J17, alone.key().row()).drifting());
    }

    @Test
    void aSignificantDriftBelowTheMinimumIsNotFlagged() {
        Result small = add(J17, "64", forks(20_000, 0.97, 0.001));
        Steadiness.Cell c = check().cell(J17, small.key().row());
        assertTrue(c.pAdjusted() < 0.001, "tiny spread: very significant");
        assertTrue(Math.abs(c.drift().change()) < Steadiness.MIN_DRIFT);
        assertFalse(c.drifting());
    }

    @Test
    void oneIterationIsNotCheckedAndSaysSo() {
        Result one = add(J17, "64", new double[][] {{100}, {120}, {90}});
        Steadiness s = check();
        Steadiness.Cell c = s.cell(J17, one.key().row());
        assertTrue(c.oneIteration());
        assertFalse(c.drifting());
        assertEquals(List.of(c), s.unchecked());
        assertTrue(Double.isNaN(c.pAdjusted()));
    }

    @Test
    void erraticPointsByTheGeometricCvOfForkScores() {
        double[][] wide = {{3.6}, {12}, {17}, {33}, {5}, {8}, {20}, {10}};
        double[][] usual = {{100}, {130}, {80}, {110}, {95}, {120}, {70}, {105}};
        double[][] twoForks = {{3}, {30}};
        Result w = add(J25, "64", wide);
        Result u = add(J25, "128", usual);
        Result t = add(J25, "256", twoForks);
        Steadiness s = check();
        assertTrue(s.cell(J25, w.key().row()).spread().gcv() >= Steadiness.ERRATIC_GCV);
        assertTrue(s.cell(J25, w.key().row()).erratic());
        assertEquals("", s.cell(J25, w.key().row()).cause(), "RoundTrip knows no cause");
        assertTrue(s.cell(J25, u.key().row()).spread().gcv() < Steadiness.ERRATIC_GCV);
        assertFalse(s.cell(J25, u.key().row()).erratic());
        assertFalse(s.cell(J25, t.key().row()).erratic(), "two forks are too few to call a point erratic");
        assertEquals(1, s.erratic().size());
    }

    @Test
    void theSocketBufferFamilyNamesTheKnownCauseOnJdk17Only() {
        double[][] wide = {{10.8, 40}, {1, 22.8}, {17, 9.9}, {11.5, 54.4}, {4.2, 2.9}, {4.6, 26.3}, {6.4, 20}, {8.4, 12.1}};
        Map<String, String> small = Map.of("path", "STREAM", "sndBuf", "4096", "writeSize", "65536");
        Result on17 = add(J17, STREAM, small, wide);
        Result on25 = add(J25, STREAM, small, wide);
        Result channel = add(J17, STREAM, Map.of("path", "CHANNEL_HEAP", "sndBuf", "4096", "writeSize", "65536"), wide);
        Result flat17 = add(J17, STREAM, Map.of("path", "STREAM", "sndBuf", "0", "writeSize", "65536"), forks(1100, 1, 0.01));
        Steadiness s = check();
        assertTrue(s.cell(J17, on17.key().row()).cause().contains("java.net.Socket blocks in one write(2)"));
        assertEquals("", s.cell(J25, on25.key().row()).cause());
        assertEquals("", s.cell(J17, channel.key().row()).cause());
        assertEquals("", s.cell(J17, flat17.key().row()).cause(), "not erratic: no cause");
    }

    @Test
    void aRowIsMarkedWhenEitherSideDriftsOrIsErratic() {
        Result base = add(J17, "64", forks(20_000, 0.8, 0.02));
        add(J25, "64", forks(20_000, 1.0, 0.02));
        add(J17, "128", new double[][] {{3.6, 3}, {12, 13}, {17, 16}, {33, 30}, {5, 5}, {8, 9}, {20, 21}, {10, 10}});
        add(J25, "128", forks(20_000, 1.0, 0.02));
        add(J17, "256", forks(20_000, 1.0, 0.02));
        add(J25, "256", forks(20_000, 1.0, 0.02));
        Steadiness s = check();
        JvmPair pair = new JvmPair(J17, J25, JvmPair.Relation.JDKS, List.of());
        assertEquals(Steadiness.DRIFT_MARK, s.marks(pair, row(base.key().row(), "64")));
        assertEquals(Steadiness.ERRATIC_MARK, s.marks(pair, row(base.key().row(), "128")));
        assertEquals("", s.marks(pair, row(base.key().row(), "256")));
        assertEquals("", Steadiness.none().marks(pair, row(base.key().row(), "64")));
    }

    private static RowComparison row(ResultKey.Row like, String payload) {
        ResultKey.Row r = new ResultKey.Row(like.benchmark(), Map.of("payload", payload), "thrpt", "ops/s");
        return new RowComparison(r, J17, J25, Design.PAIRED, 8, 8, 8, 1, 1, 1, 1, 1, 1, 1, 0, Verdict.SAME, "", true);
    }

    @Test
    void withoutDriftAWarningIsRareInARunOfThirtyFourCells() {
        // the false-warning rate: 34 cells of 8 forks × 2 iterations, fork-to-fork spread 10% and
        // iteration-to-iteration noise 5%, no trend; Holm keeps the chance of any warning in a run ≤ α
        Random rnd = new Random(22);
        int runs = 400;
        int warned = 0;
        for (int k = 0; k < runs; k++) {
            List<Result> rs = new ArrayList<>();
            for (int c = 0; c < 34; c++) {
                double[][] s = new double[8][2];
                for (int f = 0; f < 8; f++) {
                    double fork = 1000 * Math.exp(0.1 * rnd.nextGaussian());
                    s[f][0] = fork * Math.exp(0.05 * rnd.nextGaussian());
                    s[f][1] = fork * Math.exp(0.05 * rnd.nextGaussian());
                }
                Metric m = new Metric("primary", "ops/s", Double.NaN, Double.NaN, s, null, Map.of());
                rs.add(new Result(new ResultKey(RT, Map.of("payload", Integer.toString(c)), "thrpt", "ops/s", J17), m,
                        Map.of(), Path.of("x.json"), c, "1.37", 1));
            }
            if (!Steadiness.of(ResultSet.of(rs, List.of(), Map.of()), 0.05).drifting().isEmpty()) {
                warned++;
            }
        }
        assertTrue(warned <= runs * 0.07, warned + " of " + runs + " trendless runs warned");
    }

    @Test
    void theReferenceRunFlagsTheSelectorPairAndCallsSmallSendBuffersOnJdk17Erratic() {
        ResultSet set = InputFinder.load(List.of(Path.of("bench-results/2026-11-30T14-41-49Z-quick")));
        Steadiness s = Steadiness.of(set, 0.05);
        assertEquals(34, s.cells().size());
        assertEquals(1, s.drifting().size());
        Steadiness.Cell d = s.drifting().get(0);
        assertEquals("jdk25", d.jvm().label());
        assertEquals("SELECTOR", d.row().params().get("client"));
        assertEquals("1", d.row().params().get("connections"));
        assertEquals(-0.216, d.drift().change(), 0.001);
        assertEquals(8, d.drift().n());
        assertEquals(11, s.cells().stream().filter(c -> c.drift().p() < 0.05).count(), "before the correction");
        assertEquals(1, s.erratic().size());
        Steadiness.Cell e = s.erratic().get(0);
        assertEquals("jdk17", e.jvm().label());
        assertEquals("4096", e.row().params().get("sndBuf"));
        assertEquals(0.938, e.spread().gcv(), 0.001);
        assertFalse(e.cause().isEmpty());
    }

    @Test
    void pointsTheCalibrationNamedComeFromTheRunRecord() {
        Result unsteady = add(J17, RT, Map.of("payload", "64", "placement", "inprocess"), forks(50000, 1.0, 0.01));
        Result other = add(J17, RT, Map.of("payload", "1024", "placement", "inprocess"), forks(50000, 1.0, 0.01));
        dev.nettune.analysis.model.RunInfo info = new dev.nettune.analysis.model.RunInfo(RUN, "quick", "", "", "1.37", Map.of(), Map.of(),
                List.of(), "complete", false, Map.of(dev.nettune.analysis.model.RunInfo.UNSTEADY_PREFIX + "RoundTripBenchmark",
                "slow-down:payload=64;placement=inprocess", dev.nettune.analysis.model.RunInfo.WARMUP_PREFIX + "RoundTripBenchmark", "3"));
        Steadiness s = Steadiness.of(ResultSet.of(results, List.of(), Map.of(RUN, info)), 0.05);
        assertEquals("slow-down", s.calibration(unsteady));
        assertEquals(null, s.calibration(other));
        assertEquals(1, s.calibrated().size());
        // a run without the record names nothing, whatever today's profile files say
        assertEquals(List.of(), check().calibrated());
    }
}
