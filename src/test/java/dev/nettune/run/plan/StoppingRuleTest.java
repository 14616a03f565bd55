package dev.nettune.run.plan;

import dev.nettune.run.options.Jdk;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.options.Variant;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoppingRuleTest {
    static final double NaN = Double.NaN;

    /** jdk17, jdk25, and a cpu0 variant of each. */
    static List<JvmTarget> matrix() {
        Variant cpu0 = Variant.BUILT_IN.get("cpu0");
        Jdk j17 = Specs.jdk("/jdk/17", 17);
        Jdk j25 = Specs.jdk("/jdk/25", 25);
        return List.of(new JvmTarget("jdk17", j17, null), new JvmTarget("jdk25", j25, null),
                new JvmTarget("jdk17-cpu0", j17, cpu0), new JvmTarget("jdk25-cpu0", j25, cpu0));
    }

    /** Fork order with the first JVM first in every block: the rule cannot adjust for position (plain paired t). */
    static int[][] inOrder(double[][] scores) {
        int[][] seqs = new int[scores.length][];
        for (int j = 0; j < scores.length; j++) {
            seqs[j] = new int[scores[j].length];
            for (int b = 0; b < seqs[j].length; b++) {
                seqs[j][b] = b * scores.length + j;
            }
        }
        return seqs;
    }

    static StoppingRule.Decision decide(StoppingRule rule, int blocks, double[][] scores) {
        return rule.decide(blocks, scores, inOrder(scores));
    }

    static List<String> describe(List<JvmTarget> t, List<StoppingRule.Pair> pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach(p -> out.add(t.get(p.candidate()).label() + "/" + t.get(p.baseline()).label()));
        return out;
    }

    @Test
    void jvmsAreComparedWithTheBaselineAndVariantsWithTheirOwnJdk() {
        List<JvmTarget> t = matrix();
        assertEquals(List.of("jdk25/jdk17", "jdk17-cpu0/jdk17", "jdk25-cpu0/jdk25"),
                describe(t, StoppingRule.pairs(t, RunSpec.defaultBaseline(t))));
        assertEquals(List.of("jdk17/jdk25", "jdk17-cpu0/jdk17", "jdk25-cpu0/jdk25"), describe(t, StoppingRule.pairs(t, "jdk25")));
        // A/A: the same JDK under two labels is one pair, b against a
        Jdk same = Specs.jdk("/jdk/17", 17);
        List<JvmTarget> aa = List.of(new JvmTarget("a", same, null), new JvmTarget("b", new Jdk(Path.of("/jdk/17"), 17, "17", "V", "17"), null));
        assertEquals(List.of("b/a"), describe(aa, StoppingRule.pairs(aa, "a")));
    }

    @Test
    void withoutATargetAPointStopsAfterItsPlannedBlocks() {
        StoppingRule rule = new StoppingRule(Specs.targets("a", "b"), "a", 3, null, 9);
        double[][] s = {{100, 104, 98}, {95, 99, 94}};
        assertNull(decide(rule, 2, s).stop());
        StoppingRule.Decision d = decide(rule, 3, s);
        assertEquals(StoppingRule.PLANNED, d.stop());
        assertEquals(3, d.ratios().get("b").n());
    }

    /**
     * Reference (SciPy 1.17): x = [100,104,98,101,99,103], y = [95,99,94,97,93,98.5];
     * d = log(y/x); exp(d.mean()) = 0.9528416367580389;
     * exp(stats.t.ppf(0.975, 5) * d.std(ddof=1) / sqrt(6)) - 1 = 0.008581112820615022.
     */
    @Test
    void aTargetAddsBlocksUntilEveryHalfWidthMeetsIt() {
        double[][] s = {{100, 104, 98, 101, 99, 103}, {95, 99, 94, 97, 93, 98.5}};
        StoppingRule rule = new StoppingRule(Specs.targets("a", "b"), "a", 6, 0.01, 18);
        StoppingRule.Decision met = decide(rule, 6, s);
        assertEquals(StoppingRule.CI, met.stop());
        assertEquals(0.9528416367580389, met.ratios().get("b").ratio(), 1e-12);
        assertEquals(0.008581112820615022, met.halfWidths().get("b"), 1e-9);
        StoppingRule strict = new StoppingRule(Specs.targets("a", "b"), "a", 6, 0.005, 18);
        assertNull(decide(strict, 6, s).stop(), "±0.86% does not meet ±0.5%: another block");
    }

    /**
     * Mirrored blocks (the baseline first in blocks 1, 3, 5): the interval is the position-adjusted
     * one the report shows. Reference (SciPy 1.17): s = [1,-1,1,-1,1,-1]; r = stats.linregress(s, d);
     * exp(r.intercept) = 0.9528416367580389; exp(stats.t.ppf(0.975, 4) * r.intercept_stderr) - 1 =
     * 0.009127361940673762; exp(r.slope) = 0.9964839756784944 (the later fork's effect).
     */
    @Test
    void mirroredBlocksGiveThePositionAdjustedInterval() {
        double[][] s = {{100, 104, 98, 101, 99, 103}, {95, 99, 94, 97, 93, 98.5}};
        int[][] seqs = {{1, 4, 5, 8, 9, 12}, {2, 3, 6, 7, 10, 11}};
        StoppingRule.Decision d = new StoppingRule(Specs.targets("a", "b"), "a", 6, 0.01, 18).decide(6, s, seqs);
        assertEquals(0.9528416367580389, d.ratios().get("b").ratio(), 1e-12);
        assertEquals(0.009127361940673762, d.halfWidths().get("b"), 1e-9);
        assertEquals(0.9964839756784944, d.ratios().get("b").orderEffect(), 1e-12);
        assertEquals(StoppingRule.CI, d.stop());
    }

    @Test
    void aPointStopsForItsIntervalOnlyWithItsMirroredBlocksWhole() {
        double[][] s = {{100, 104, 98, 101, 99, 103, 100}, {95, 99, 94, 97, 93, 98.5, 95}};
        StoppingRule rule = new StoppingRule(Specs.targets("a", "b"), "a", 5, 0.05, 18);
        assertNull(decide(rule, 5, s).stop(), "met after 5 blocks, but block 6 mirrors block 5");
        assertEquals(StoppingRule.CI, decide(rule, 6, s).stop());
    }

    @Test
    void aNoisyPointStopsAtTheCap() {
        double[][] s = {{100, 150, 90, 130, 70, 120}, {95, 80, 140, 60, 110, 100}};
        StoppingRule rule = new StoppingRule(Specs.targets("a", "b"), "a", 3, 0.03, 6);
        assertNull(decide(rule, 3, s).stop());
        assertNull(decide(rule, 5, s).stop());
        StoppingRule.Decision d = decide(rule, 6, s);
        assertEquals(StoppingRule.CAP, d.stop());
        assertTrue(d.halfWidths().get("b") > 0.03);
    }

    @Test
    void onlyBlocksWithBothForksArePairedAndASideWithoutScoresDoesNotHoldThePointBack() {
        double[][] s = {{100, 104, NaN, 101}, {95, NaN, 94, 97}, {NaN, NaN, NaN, NaN}};
        StoppingRule rule = new StoppingRule(Specs.targets("a", "b", "c"), "a", 4, 0.5, 12);
        StoppingRule.Decision d = decide(rule, 4, s);
        assertEquals(2, d.ratios().get("b").n(), "blocks 1 and 4 have both");
        assertTrue(!d.ratios().containsKey("c") && !d.halfWidths().containsKey("c"), "c has no score: not compared");
        assertEquals(StoppingRule.CI, d.stop());
        StoppingRule one = new StoppingRule(Specs.targets("a", "b"), "a", 2, 0.5, 12);
        StoppingRule.Decision single = decide(one, 2, new double[][] {{100, NaN}, {95, 96}});
        assertNull(single.halfWidths().get("b"), "one pair: no interval");
        assertNull(single.stop(), "no interval yet: another block");
    }
}
