package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Points;
import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.stats.PairedRatio;
import dev.nettune.stats.UnpairedRatio;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Placements are compared as JVMs are, never mixed with them: a JVM pair's row pairs each
 * placement with the same placement, and a placement pair contrasts two points of one JVM,
 * unpaired.
 */
class PlacementComparisonsTest {
    static final double TOL = 1e-12;
    static final double[] IN17 = {100, 110, 90, 105, 98, 102};
    static final double[] NS17 = {50, 56, 44, 52, 47, 53};
    static final double[] IN25 = {120, 126, 111, 125, 118, 119};
    static final double[] NS25 = {51, 55, 46, 50, 49, 54};

    static ResultSet set() {
        String run = "r";
        JvmId a = Synthetic.id(run, "jdk17", "17.0.15");
        JvmId b = Synthetic.id(run, "jdk25", "25.0.3");
        return new Synthetic().run(run, Synthetic.jvm("jdk17", "/17", "17.0.15", "free"), Synthetic.jvm("jdk25", "/25", "25.0.3", "free"))
                .forks(a, "thrpt", params("inprocess"), IN17).forks(a, "thrpt", params("netns"), NS17)
                .forks(b, "thrpt", params("inprocess"), IN25).forks(b, "thrpt", params("netns"), NS25)
                .set();
    }

    static Map<String, String> params(String placement) {
        return Map.of("payload", "64", "placement", placement);
    }

    @Test
    void theJvmComparisonPairsEachPlacementWithItself() {
        List<JvmPair> pairs = Comparisons.build(set());
        assertEquals(1, pairs.size());
        List<RowComparison> rows = pairs.get(0).tables().get(0).rows();
        assertEquals(2, rows.size());
        for (RowComparison r : rows) {
            boolean netns = r.row().params().get("placement").equals("netns");
            double[] x = netns ? NS17 : IN17;
            double[] y = netns ? NS25 : IN25;
            assertEquals(Design.PAIRED, r.design());
            assertEquals(Points.geomean(x), r.baselineCenter(), TOL);
            assertEquals(Points.geomean(y), r.candidateCenter(), TOL);
            assertEquals(PairedRatio.of(x, y, Comparisons.CONFIDENCE).ratio(), r.ratio(), TOL, "the blocks' ratios of one placement");
        }
    }

    @Test
    void aPlacementIsContrastedWithInProcessWithinEachJvmUnpaired() {
        List<JvmPair> pairs = PlacementComparisons.build(set(), Comparisons.Options.defaults());
        assertEquals(List.of("jdk17 inprocess -> jdk17 netns", "jdk25 inprocess -> jdk25 netns"),
                pairs.stream().map(p -> p.baseline().label() + " -> " + p.candidate().label()).toList());
        for (JvmPair p : pairs) {
            assertEquals(JvmPair.Relation.PLACEMENT, p.relation());
            RowComparison r = p.tables().get(0).rows().get(0);
            assertEquals(Map.of("payload", "64"), r.row().params(), "the row is the point without its placement");
            assertFalse(r.row().params().containsKey("placement"));
            boolean j17 = p.baseline().label().startsWith("jdk17");
            UnpairedRatio u = UnpairedRatio.of(j17 ? IN17 : IN25, j17 ? NS17 : NS25, Comparisons.CONFIDENCE);
            assertEquals(Design.UNPAIRED, r.design(), "points of one JVM never share a block");
            assertEquals(u.ratio(), r.ratio(), TOL);
            assertEquals(u.low(), r.low(), TOL);
            assertEquals(u.high(), r.high(), TOL);
            assertEquals(u.p(), r.p(), TOL);
            assertEquals(Verdict.WORSE, r.verdict(), "half the round trips: clearly worse");
        }
    }

    @Test
    void theAnswersHoldThePlacementInProcess() {
        Answer a = Answers.byRun(set()).get("r").stream().filter(x -> x.question().id().equals("ROUND_TRIP")).findFirst().orElseThrow();
        for (Answer.Finding f : a.findings()) {
            assertEquals("inprocess", f.contrasts().get(0).subject().key().params().get("placement"), f.jvm().label());
        }
        assertEquals(2, a.findings().size());
    }

    @Test
    void placementsAreOrderedAsNumbersReadThem() {
        assertEquals(-1, Integer.signum(PlacementComparisons.natural("netns:rate=1gbit", "netns:rate=10gbit")));
        assertEquals(-1, Integer.signum(PlacementComparisons.natural("netns", "netns:rate=1gbit")));
        assertEquals(0, PlacementComparisons.natural("process", "process"));
    }

    /**
     * One run, two JVMs, two placements, as the runner now runs them: block b is forks 4b − 3 … 4b,
     * every JVM x placement once, the in-process fork first in odd blocks and last in even ones.
     */
    static ResultSet interleaved(boolean interleaved) {
        String run = "r";
        JvmId a = Synthetic.id(run, "jdk17", "17.0.15");
        JvmId b = Synthetic.id(run, "jdk25", "25.0.3");
        int n = IN17.length;
        int[][] seqs = new int[4][n]; // jdk17 inprocess, jdk17 netns, jdk25 inprocess, jdk25 netns
        for (int i = 0; i < n; i++) {
            int base = 4 * i;
            boolean odd = i % 2 == 0;
            seqs[0][i] = base + (odd ? 1 : 4);
            seqs[1][i] = base + (odd ? 2 : 3);
            seqs[2][i] = base + (odd ? 3 : 2);
            seqs[3][i] = base + (odd ? 4 : 1);
            if (!interleaved) { // the old runner: all blocks of inprocess (2 JVMs each), then all of netns
                seqs[0][i] = 2 * i + (odd ? 1 : 2);
                seqs[2][i] = 2 * i + (odd ? 2 : 1);
                seqs[1][i] = 2 * n + 2 * i + (odd ? 1 : 2);
                seqs[3][i] = 2 * n + 2 * i + (odd ? 2 : 1);
            }
        }
        return new Synthetic().run(run, Synthetic.jvm("jdk17", "/17", "17.0.15", "free"), Synthetic.jvm("jdk25", "/25", "25.0.3", "free"))
                .forks(a, "thrpt", params("inprocess"), seqs[0], IN17).forks(a, "thrpt", params("netns"), seqs[1], NS17)
                .forks(b, "thrpt", params("inprocess"), seqs[2], IN25).forks(b, "thrpt", params("netns"), seqs[3], NS25)
                .set();
    }

    @Test
    void placementsInterleavedInBlocksArePairedByBlockAsJvmsAre() {
        List<JvmPair> pairs = PlacementComparisons.build(interleaved(true), Comparisons.Options.defaults());
        assertEquals(2, pairs.size());
        for (JvmPair p : pairs) {
            boolean j17 = p.baseline().label().startsWith("jdk17");
            double[] x = j17 ? IN17 : IN25;
            double[] y = j17 ? NS17 : NS25;
            boolean[] inFirst = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                inFirst[i] = i % 2 == 0; // in process before netns in odd blocks, after it in even ones (mirrored)
            }
            PairedRatio expected = PairedRatio.of(x, y, inFirst, Comparisons.CONFIDENCE);
            RowComparison r = p.tables().get(0).rows().get(0);
            assertEquals(Design.PAIRED, r.design(), p.baseline().label());
            assertEquals(x.length, r.n());
            assertEquals(expected.ratio(), r.ratio(), TOL);
            assertEquals(expected.low(), r.low(), TOL);
            assertEquals(expected.high(), r.high(), TOL);
            assertEquals(expected.p(), r.p(), TOL);
            assertEquals(Verdict.WORSE, r.verdict());
            assertTrue(PlacementComparisons.paired(p));
        }
        // the JVM comparison keeps pairing each placement with itself, by block
        for (RowComparison r : Comparisons.build(interleaved(true)).get(0).tables().get(0).rows()) {
            assertEquals(Design.PAIRED, r.design());
        }
    }

    @Test
    void placementsRunOneAfterTheOtherStayUnpairedThoughTheirBlocksShareNumbers() {
        for (JvmPair p : PlacementComparisons.build(interleaved(false), Comparisons.Options.defaults())) {
            RowComparison r = p.tables().get(0).rows().get(0);
            boolean j17 = p.baseline().label().startsWith("jdk17");
            UnpairedRatio u = UnpairedRatio.of(j17 ? IN17 : IN25, j17 ? NS17 : NS25, Comparisons.CONFIDENCE);
            assertEquals(Design.UNPAIRED, r.design(), "block 1 of netns ran after every in-process block");
            assertEquals(u.ratio(), r.ratio(), TOL);
            assertEquals(u.low(), r.low(), TOL);
            assertFalse(PlacementComparisons.paired(p));
        }
    }
}
