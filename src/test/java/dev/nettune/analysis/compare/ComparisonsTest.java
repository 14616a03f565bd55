package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.IoModel;
import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparisons end to end from files, against {@code reference_stats.py}'s {@code blocks.*} (the
 * hand-made interleaved run, paired by forks.jsonl) and {@code suite.ping.*} (a run without
 * forks.jsonl, two forks per JVM: unpaired, Holm over the table's six rows). Tuples are
 * (ratio, low, high, p, then pAdjusted when printed, detectable).
 */
class ComparisonsTest {

    static final double TOL = 1e-6;
    /** The hand-made interleaved run (outside analysis/, whose whole tree AnalyzeTest counts). */
    static final Path BLOCKS = Path.of("src/test/resources/analysis-blocks/2026-11-30T10-00-00Z-quick");

    @Test
    void anInterleavedRunIsPairedByBlock() {
        List<JvmPair> pairs = Comparisons.build(InputFinder.load(List.of(BLOCKS)));
        assertEquals(1, pairs.size());
        JvmPair pair = pairs.get(0);
        assertEquals("jdk17", pair.baseline().label(), "the oldest JDK of the run");
        assertEquals("jdk25", pair.candidate().label());
        assertEquals(JvmPair.Relation.JDKS, pair.relation());
        assertEquals(List.of("thrpt", "sample"), pair.tables().stream().map(ComparisonTable::mode).collect(Collectors.toList()));

        ComparisonTable thrpt = pair.tables().get(0);
        RowComparison r = row(thrpt, "64");
        assertEquals(Design.PAIRED, r.design());
        assertEquals(3, r.n(), "blocks 1, 2 and 4: jdk25's fork of block 3 failed");
        assertEquals(4, r.baselineForks());
        assertEquals(3, r.candidateForks());
        // blocks.thrpt = (ratio, low, high, p, detectable, order effect), adjusted for which fork ran first
        // (jdk17 first in blocks 2 and 4, jdk25 first in block 1): linregress intercept, t on n - 2 = 1 df
        assertEquals(0.9605770175187696, r.ratio(), TOL);
        assertEquals(0.9539950393675389, r.low(), TOL);
        assertEquals(0.9672044072650249, r.high(), TOL);
        assertEquals(0.008564468019417014, r.p(), TOL);
        assertEquals(r.p(), r.pAdjusted(), 1e-15, "one tested row: Holm changes nothing");
        assertEquals(0.008877978726438666, r.detectable(), TOL);
        assertEquals(Verdict.WORSE, r.verdict(), "lower throughput, significant");

        RowComparison one = row(thrpt, "1024");
        assertEquals(Design.TOO_FEW, one.design());
        assertEquals(Verdict.CANNOT_TELL, one.verdict());
        assertEquals("1 block: cannot separate JVM from run-to-run noise", one.note());
        assertEquals(8802.75 / 9175.0, one.ratio(), 1e-12, "the one block's ratio is still shown");
        assertTrue(Double.isNaN(one.p()) && Double.isNaN(one.pAdjusted()) && Double.isNaN(one.low()));
        assertEquals(1, thrpt.tested());
        assertEquals(1, thrpt.geomeanRows());
        assertEquals(r.ratio(), thrpt.geomeanRatio(), 1e-12);

        RowComparison sample = pair.tables().get(1).rows().get(0);
        // blocks.sample = (ratio, low, high, p, detectable, order effect), adjusted as above
        assertEquals(Design.PAIRED, sample.design());
        assertEquals(0.963290592299526, sample.ratio(), TOL);
        assertEquals(0.8679754476168028, sample.low(), TOL);
        assertEquals(1.0690725961898835, sample.high(), TOL);
        assertEquals(0.13740601447748912, sample.p(), TOL);
        assertEquals(0.1433241295929566, sample.detectable(), TOL);
        assertEquals(Verdict.SAME, sample.verdict(), "with the order taken out, 3 blocks cannot separate the JVMs");
    }

    @Test
    void aRunWithoutBlocksIsComparedUnpairedWithHolmOverTheTable() {
        List<JvmPair> pairs = Comparisons.build(InputFinder.load(List.of(Fixtures.RUN)));
        assertEquals(1, pairs.size());
        ComparisonTable ping = pairs.get(0).tables().stream().filter(t -> t.family() == Families.get(IoModel.class))
                .findFirst().orElseThrow();
        assertEquals(6, ping.tested());
        // suite.ping.<clientModel>.<connections> = (ratio, low, high, p, pAdjusted, detectable at 0.05/6)
        check(ping, "blocking", "1", 1.021647975590972, 0.9496111681193278, 1.099149442498945, 0.280875530609923, 1.0,
                0.3327025270623144);
        check(ping, "blocking", "4", 1.0005195600990935, 0.846511002854672, 1.1825474054856921, 0.9902214438089895, 1.0,
                0.74670503816215);
        check(ping, "blocking", "16", 0.9803269120133944, 0.8219232942022481, 1.1692585685267576, 0.490556989790544,
                1.0, 1.7121630133398433);
        check(ping, "nio", "1", 1.0200349526674517, 0.9122620443927648, 1.140539947988153, 0.4055060132201176, 1.0,
                0.6678864034091099);
        check(ping, "nio", "4", 1.093806301490035, 0.7947372234542917, 1.505418633821069, 0.17436446191470506,
                0.8718223095735254, 10.62743670492313);
        RowComparison nio16 = check(ping, "nio", "16", 1.020502102114974, 1.0046022479429906, 1.0366536035067482,
                0.03318762397087225, 0.19912574382523351, 0.06251684293627544);
        assertEquals(Design.UNPAIRED, nio16.design());
        assertEquals(2, nio16.n());
        assertEquals(Verdict.SAME, nio16.verdict());
        assertEquals("95% CI excludes 1; not significant after Holm over 6 rows; forks not interleaved (no block records):"
                + " unpaired", nio16.note());
        assertEquals(0, ping.flagged());
    }

    /**
     * The fourteen committed runs of 2026-11-24 predate the interleaved schedule: no forks.jsonl.
     * Twelve have one fork per JVM: every row is CANNOT_TELL. Two (16-05-04Z, 16-26-11Z) ran three
     * forks per JVM, one JVM after the other: their rows get the unpaired test on fork scores (3 against
     * 3), and none is flagged. Nothing is claimed from pooled iterations.
     */
    @Test
    void theOldCommittedRunsClaimNothing() throws Exception {
        List<Path> old;
        try (var s = Files.list(Path.of("bench-results"))) {
            old = s.filter(p -> p.getFileName().toString().startsWith("2026-11-24T")).sorted().collect(Collectors.toList());
        }
        assertEquals(14, old.size());
        ResultSet set = InputFinder.load(old);
        List<String> threeForkRuns = List.of("2026-11-24T16-05-04Z-quick", "2026-11-24T16-26-11Z-quick");
        for (boolean across : new boolean[] {false, true}) {
            List<JvmPair> pairs = Comparisons.build(set, new Comparisons.Options(0.05, null, across));
            assertEquals(across ? 40 : 17, pairs.size());
            List<RowComparison> rows = pairs.stream().flatMap(p -> p.tables().stream()).flatMap(t -> t.rows().stream())
                    .collect(Collectors.toList());
            int unpaired = 0;
            for (RowComparison r : rows) {
                assertTrue(!r.flagged(), r.toString());
                boolean bothThreeForks = threeForkRuns.contains(r.baseline().runId())
                        && threeForkRuns.contains(r.candidate().runId());
                if (bothThreeForks) {
                    assertEquals(Design.UNPAIRED, r.design(), r.toString());
                    assertEquals(3, r.n());
                    assertTrue(r.note().contains("no block records"), r.note());
                    unpaired++;
                } else {
                    assertEquals(Design.TOO_FEW, r.design(), r.toString());
                    assertEquals(Verdict.CANNOT_TELL, r.verdict(), r.toString());
                    assertTrue(r.note().endsWith("fork per JVM: cannot separate JVM from run-to-run noise")
                            || r.note().equals("1 fork on the baseline: cannot separate JVM from run-to-run noise"), r.note());
                }
            }
            assertEquals(6, unpaired);
            if (!across) {
                assertEquals(270, rows.size());
                assertTrue(rows.stream().filter(r -> r.design() == Design.TOO_FEW).allMatch(r ->
                        r.note().equals("1 fork per JVM: cannot separate JVM from run-to-run noise")));
            }
        }
        // the run with variants compares each variant with its own base JDK of the same run
        List<JvmPair> pairs = Comparisons.build(InputFinder.load(List.of(Path.of("bench-results/2026-11-24T15-07-53Z-quick"))));
        assertEquals(List.of("JDKS jdk17 jdk25", "VARIANT jdk17 jdk17-cpu0", "VARIANT jdk17 jdk17-plainsocket",
                "VARIANT jdk25 jdk25-cpu0"), pairs.stream().map(p -> p.relation() + " " + p.baseline().label() + " "
                + p.candidate().label()).collect(Collectors.toList()));
    }

    @Test
    void foreignFilesThatShareRowsAreAlwaysCompared(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        Files.createDirectories(tmp.resolve("b"));
        Files.copy(BLOCKS.resolve("jdk25/RoundTripBenchmark.json"), tmp.resolve("a/new.json"));
        Files.copy(BLOCKS.resolve("jdk17/RoundTripBenchmark.json"), tmp.resolve("b/old.json"));
        List<JvmPair> pairs = Comparisons.build(InputFinder.load(List.of(tmp)));
        assertEquals(1, pairs.size());
        JvmPair pair = pairs.get(0);
        assertEquals(JvmPair.Relation.ACROSS_RUNS, pair.relation());
        assertTrue(pair.baseline().version().startsWith("17"), "the oldest is the baseline: " + pair.baseline());
        RowComparison r = row(pair.tables().get(0), "64");
        assertEquals(Design.UNPAIRED, r.design(), "no run metadata: no blocks, unpaired");
        assertEquals(3, r.n());
        assertEquals(Verdict.CANNOT_TELL, row(pair.tables().get(0), "1024").verdict());
        assertEquals("1 fork per JVM: cannot separate JVM from run-to-run noise", row(pair.tables().get(0), "1024").note());
    }

    @Test
    void aNamedBaselineIsUsed() {
        List<JvmPair> pairs = Comparisons.build(InputFinder.load(List.of(BLOCKS)),
                new Comparisons.Options(0.05, "jdk25", false));
        assertEquals("jdk25", pairs.get(0).baseline().label());
        RowComparison r = row(pairs.get(0).tables().get(0), "64");
        assertEquals(1 / 0.9605770175187696, r.ratio(), TOL);
        assertEquals(Verdict.BETTER, r.verdict());
    }

    @Test
    void variantsAndSelfChecksAreFoundFromRunJson() {
        String home17 = "/jdk17";
        String run = "r1";
        Synthetic s = new Synthetic().run(run,
                Synthetic.jvm("a", home17, "17.0.15", "free"),
                Synthetic.jvm("jdk25", "/jdk25", "25.0.3", "free", "--sun-misc-unsafe-memory-access=allow"),
                Synthetic.jvm("b", home17, "17.0.15", "free"),
                Synthetic.jvm("a-cpu0", home17, "17.0.15", "taskset -c 0"),
                Synthetic.jvm("a-zgc", home17, "17.0.15", "free", "-XX:+UseZGC"));
        for (String label : List.of("jdk25", "a", "b", "a-cpu0", "a-zgc")) {
            s.forks(Synthetic.id(run, label, label.equals("jdk25") ? "25.0.3" : "17.0.15"), "thrpt", "64", 100, 110, 90);
        }
        List<String> got = Comparisons.build(s.set()).stream().map(p -> p.relation() + " " + p.baseline().label() + " "
                + p.candidate().label()).collect(Collectors.toList());
        assertEquals(List.of("JDKS a jdk25", "VARIANT a a-cpu0", "VARIANT a a-zgc", "SELF_CHECK a b"), got);
    }

    @Test
    void aRowMeasuredOnOneSideOnlyIsNotCompared() {
        JvmId a = Synthetic.id("r", "jdk17", "17");
        JvmId b = Synthetic.id("r", "jdk25", "25");
        Synthetic s = new Synthetic().run("r", Synthetic.jvm("jdk17", "/17", "17", "free"),
                Synthetic.jvm("jdk25", "/25", "25", "free"));
        s.forks(a, "thrpt", "64", 100, 120, 90, 110).forks(b, "thrpt", "64", 101, 119, 92, 111);
        s.forks(a, "thrpt", "128", 100, 120, 90, 110); // skipped on jdk25
        ComparisonTable t = Comparisons.build(s.set()).get(0).tables().get(0);
        assertEquals(1, t.rows().size());
        assertEquals(1, t.tested());
    }

    static RowComparison row(ComparisonTable t, String payload) {
        return t.rows().stream().filter(r -> payload.equals(r.row().params().get("payload"))).findFirst().orElseThrow();
    }

    private static RowComparison check(ComparisonTable t, String model, String connections, double ratio, double low,
                                       double high, double p, double adjusted, double detectable) {
        RowComparison r = t.rows().stream().filter(x -> model.equals(x.row().params().get("clientModel"))
                && connections.equals(x.row().params().get("connections"))).findFirst().orElseThrow();
        assertEquals(ratio, r.ratio(), TOL, "ratio");
        assertEquals(low, r.low(), TOL, "low");
        assertEquals(high, r.high(), TOL, "high");
        assertEquals(p, r.p(), TOL, "p");
        assertEquals(adjusted, r.pAdjusted(), TOL, "pAdjusted");
        assertEquals(detectable, r.detectable(), Math.max(TOL, TOL * detectable), "detectable");
        return r;
    }
}
