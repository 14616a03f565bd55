package dev.nettune.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.stats.RandomEffectsPool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Which runs pool (Synthesis's rule), and what a pooled group holds. */
class SynthesisTest {

    static final String RT = "dev.nettune.bench.RoundTripBenchmark.roundTrip";

    static JvmId jvm(String run, String label, String vendor, String build) {
        return new JvmId(run, label, vendor, build.substring(0, build.indexOf('+')), "", "free", "HotSpot", build);
    }

    static RowComparison row(JvmId base, JvmId cand, String params, double ratio, double se, Design design) {
        ResultKey.Row r = new ResultKey.Row(RT, HandMade.params(params), "thrpt", "ops/s");
        double q = 2.447; // t(0.975, 6): the interval only has to be plausible here
        return new RowComparison(r, base, cand, design, 8, 8, 8, 1, ratio, ratio, ratio * Math.exp(-q * se),
                ratio * Math.exp(q * se), 0.5, 0.5, 0.05, Verdict.SAME, "", true, se);
    }

    static JvmPair pair(String run, JvmPair.Relation rel, String build25, double ratio, double se, Design d,
                        String params) {
        JvmId b = jvm(run, "jdk17", "Debian", "17.0.15+6-Debian-1deb12u1");
        JvmId c = jvm(run, "jdk25", "Eclipse Adoptium", build25);
        return new JvmPair(b, c, rel, List.of(HandMade.table(new ArrayList<>(List.of(row(b, c, params, ratio, se, d))))));
    }

    @Test
    void pairedJdkRunsOfTheSameBuildsPoolAndNothingElseDoes() {
        List<JvmPair> pairs = List.of(
                pair("r1", JvmPair.Relation.JDKS, "25.0.3+9-LTS", 0.99, 0.006, Design.PAIRED, "payload=64"),
                pair("r2", JvmPair.Relation.JDKS, "25.0.3+9-LTS", 0.96, 0.012, Design.PAIRED, "payload=64 placement=inprocess"),
                pair("r3", JvmPair.Relation.SELF_CHECK, "25.0.3+9-LTS", 1.20, 0.01, Design.PAIRED, "payload=64"),
                pair("r4", JvmPair.Relation.JDKS, "25.0.3+9-LTS", 1.30, 0.05, Design.UNPAIRED, "payload=64"),
                pair("r5", JvmPair.Relation.JDKS, "25.0.4+7-LTS", 1.40, 0.01, Design.PAIRED, "payload=64"));
        List<Synthesis.Group> groups = Synthesis.acrossRuns(pairs, List.of("r1", "r2", "r3", "r4", "r5"), 0.05);
        assertEquals(1, groups.size(), "A/A, unpaired and another build stay out: " + groups);
        Synthesis.Group g = groups.get(0);
        assertEquals(List.of("r1", "r2"), g.labels(), "in process is the same point as no placement");
        RandomEffectsPool direct = RandomEffectsPool.of(new double[]{Math.log(0.99), Math.log(0.96)},
                new double[]{0.006, 0.012}, 0.95);
        assertEquals(direct.ratio(), g.pool().ratio(), 1e-12);
        assertEquals(direct.tau2(), g.pool().tau2(), 1e-15);
        assertFalse(g.allPlacements());
    }

    @Test
    void placementsSideBySideFlagDisagreement() {
        JvmId b = jvm("r", "jdk17", "Debian", "17.0.15+6-Debian-1deb12u1");
        JvmId c = jvm("r", "jdk25", "Eclipse Adoptium", "25.0.3+9-LTS");
        String sb = "dev.nettune.bench.buffers.SocketBufferStreamBenchmark.stream";
        List<RowComparison> rows = new ArrayList<>();
        double[][] v = {{102, 0.29}, {21.9, 0.2}, {0.807, 0.05}, {1.075, 0.006}};
        String[] placements = {"inprocess", "process", "netns", "netns:rate=1gbit"};
        for (int i = 0; i < 4; i++) {
            ResultKey.Row r = new ResultKey.Row(sb, HandMade.params("placement=" + placements[i] + " sndBuf=4096"),
                    "thrpt", "ops/s");
            rows.add(new RowComparison(r, b, c, Design.PAIRED, 6, 6, 6, 1, v[i][0], v[i][0], v[i][0] * 0.9,
                    v[i][0] * 1.1, 0.001, 0.004, 0.05, v[i][0] > 1 ? Verdict.BETTER : Verdict.WORSE, "", true, v[i][1]));
        }
        JvmPair p = new JvmPair(b, c, JvmPair.Relation.JDKS, List.of(HandMade.table(rows)));
        List<Synthesis.Group> groups = Synthesis.acrossPlacements(p, 0.05);
        assertEquals(1, groups.size());
        assertEquals(List.of(placements), groups.get(0).labels());
        assertTrue(groups.get(0).disagree(), "102x against 0.807x is no single answer");
        // and such a point never gets an "all placements" pooled row
        assertTrue(Synthesis.acrossRuns(List.of(p), List.of("r"), 0.05).stream().noneMatch(Synthesis.Group::allPlacements));
    }
}
