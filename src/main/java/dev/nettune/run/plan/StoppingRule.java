package dev.nettune.run.plan;

import dev.nettune.run.options.JvmTarget;

import dev.nettune.stats.PairedRatio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A StoppingRule decides when a point has had enough blocks. Without a target the point stops after
 * its planned blocks ("planned"). With a target (-Dnettune.ci=0.03) it stops once, for every compared
 * pair of JVMs, the paired 95% interval of the ratio ({@link PairedRatio}: t on log ratios over the
 * blocks where both JVMs have a fork score, adjusted for which fork of a block ran first, as the
 * report computes it) has a relative half-width at most the target ("ci"), or when the point reaches
 * the cap ("cap"); the planned blocks always run first, and a point stops for its interval only after
 * an even number of blocks, so that its mirrored blocks (see {@link Schedule}) stay whole.
 *
 * <p>Pairs: each target without a variant against the baseline (the named one, else the first
 * target without a variant), and each variant target against the target of the same JDK without
 * one. A pair where one side has no fork score at all (the point is skipped or fails on that JVM)
 * cannot narrow with more blocks and does not hold the point back.
 */
public final class StoppingRule {
    /** Confidence level of the interval whose half-width is the criterion. */
    static final double LEVEL = 0.95;

    static final String PLANNED = "planned";
    static final String CI = "ci";
    static final String CAP = "cap";

    /**
     * A Pair is one comparison the rule watches.
     *
     * @param baseline  index of the baseline target
     * @param candidate index of the compared target
     */
    public record Pair(int baseline, int candidate) {
    }

    /**
     * A Decision is the rule's answer after a block.
     *
     * @param stop       null to add a block, else why the point stops: planned, ci or cap
     * @param ratios     per candidate label, its paired ratio against its baseline (only pairs with data)
     * @param halfWidths per candidate label, the relative half-width, or null when not computable
     */
    public record Decision(String stop, Map<String, PairedRatio> ratios, Map<String, Double> halfWidths) {
    }

    private final List<JvmTarget> targets;
    private final List<Pair> pairs;
    private final int planned;
    private final Double target;
    private final int cap;

    public StoppingRule(List<JvmTarget> targets, String baseline, int planned, Double target, int cap) {
        this.targets = targets;
        this.pairs = pairs(targets, baseline);
        this.planned = planned;
        this.target = target;
        this.cap = Math.max(planned, cap);
    }

    public List<Pair> pairs() {
        return pairs;
    }

    /** The pairs of a matrix; see the class comment. */
    public static List<Pair> pairs(List<JvmTarget> targets, String baseline) {
        int base = -1;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).label().equals(baseline)) {
                base = i;
            }
        }
        if (base < 0) {
            for (int i = 0; i < targets.size() && base < 0; i++) {
                if (targets.get(i).variant() == null) {
                    base = i;
                }
            }
        }
        List<Pair> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            JvmTarget t = targets.get(i);
            if (i == base) {
                continue;
            }
            if (t.variant() == null) {
                if (base >= 0) {
                    out.add(new Pair(base, i));
                }
            } else {
                for (int j = 0; j < targets.size(); j++) {
                    JvmTarget plain = targets.get(j);
                    if (plain.variant() == null && plain.jdk().home().equals(t.jdk().home())) {
                        out.add(new Pair(j, i));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The decision after {@code blocks} blocks of a point.
     *
     * @param scores scores[jvm][block − 1]: the fork's score, NaN when that block has none for that JVM
     * @param seqs   seqs[jvm][block − 1]: the fork's place in the run's order (which ran first), -1 when none
     */
    public Decision decide(int blocks, double[][] scores, int[][] seqs) {
        Map<String, PairedRatio> ratios = new LinkedHashMap<>();
        Map<String, Double> halfWidths = new LinkedHashMap<>();
        boolean allMet = true;
        for (Pair p : pairs) {
            String label = targets.get(p.candidate()).label();
            if (!anyFinite(scores[p.baseline()], blocks) || !anyFinite(scores[p.candidate()], blocks)) {
                continue; // a side with no score at all: more blocks cannot help this pair
            }
            boolean[] baseFirst = new boolean[blocks];
            for (int b = 0; b < blocks; b++) {
                baseFirst[b] = seqs[p.baseline()][b] < seqs[p.candidate()][b];
            }
            // PairedRatio pairs the blocks where both scores are finite and positive
            double[] base = Arrays.copyOf(scores[p.baseline()], blocks);
            double[] cand = Arrays.copyOf(scores[p.candidate()], blocks);
            PairedRatio r = PairedRatio.of(base, cand, baseFirst, LEVEL);
            ratios.put(label, r);
            double hw = r.halfWidth();
            halfWidths.put(label, Double.isFinite(hw) ? hw : null);
            if (target != null && !(Double.isFinite(hw) && hw <= target)) {
                allMet = false;
            }
        }
        String stop;
        if (blocks < planned) {
            stop = null;
        } else if (target == null || ratios.isEmpty()) {
            stop = PLANNED;
        } else if (allMet && blocks % 2 == 0) {
            stop = CI;
        } else if (blocks >= cap) {
            stop = CAP;
        } else {
            stop = null;
        }
        return new Decision(stop, ratios, halfWidths);
    }

    private static boolean anyFinite(double[] v, int n) {
        for (int i = 0; i < n && i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                return true;
            }
        }
        return false;
    }
}
