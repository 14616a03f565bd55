package dev.nettune.run.record;

import dev.nettune.results.PointLine;
import dev.nettune.results.RunDocument.Counts;
import dev.nettune.results.RunDocument.Summary;
import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.folder.Journal;
import dev.nettune.run.plan.PointGroups;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A RunState is what a run has done so far, kept from its journal: per point, block and JVM the
 * latest fork line (an interrupted fork is later run again, and its new line supersedes it), the
 * JVMs each point is skipped on, and the points whose blocks are all done. A resumed run rebuilds
 * it from forks.jsonl and points.jsonl and carries on from there.
 *
 * <p>Skips are recorded once: the fork that found a point cannot run on a JVM gets a line with
 * status "skipped" and the reason; later blocks of that point leave the JVM out (their blockSize
 * counts the JVMs that still run it), and every block of the point counts as skipped for it in the
 * run's tallies.
 */
public final class RunState {
    private final RunSpec spec;
    private final Schedule schedule;
    private final PointGroups groups;
    /** point → block → slot ({@link RunSpec#slots()}: the JVM's index, or for a counting fork past the JVMs) → latest line. */
    private final Map<Integer, Map<Integer, Map<Integer, ForkLine>>> latest = new HashMap<>();
    /** point → slot → the line that found the point skipped. */
    private final Map<Integer, Map<Integer, ForkLine>> skips = new HashMap<>();
    private final Map<Integer, PointLine> done = new TreeMap<>();
    private int lastSeq;

    public RunState(RunSpec spec) {
        this.spec = spec;
        this.schedule = new Schedule(spec.slots(), spec.seed());
        this.groups = PointGroups.of(spec.points());
    }

    Schedule schedule() {
        return schedule;
    }

    /** The run's groups of points: a block of a group runs every point of it on every JVM. */
    public PointGroups groups() {
        return groups;
    }

    /**
     * A Cell is one fork of a block: a point of the block's group on a slot ({@link RunSpec#slots()}).
     *
     * @param point 0-based point index
     * @param slot  the JVM's index, or for a counting fork past the JVMs
     */
    public record Cell(int point, int slot) {
    }

    /**
     * Block {@code block} of group {@code group}: the schedule's cells without those an earlier block
     * found skipped and without the points already done (a stop between two points' lines of a group).
     */
    public List<Cell> blockOrder(int group, int block) {
        List<Integer> members = groups.members(group);
        List<Cell> out = new ArrayList<>();
        for (int c : schedule.order(groups.seedIndex(group), block, members.size())) {
            int point = members.get(c / spec.slots());
            int slot = c % spec.slots();
            if (!done.containsKey(point) && skippedBefore(point, block, slot) == null) {
                out.add(new Cell(point, slot));
            }
        }
        return out;
    }

    /** Blocks group {@code group} has or will have: the most any of its points has. */
    public int groupBlocks(int group) {
        int max = 0;
        for (int p : groups.members(group)) {
            max = Math.max(max, blocks(p));
        }
        return max;
    }

    /** Takes a fork line into account; its JVM must be one of the run's targets. */
    public void add(ForkLine line) {
        int target = spec.indexOf(line.jvm());
        if (target < 0) {
            throw new IllegalArgumentException("fork " + line.seq() + " names JVM '" + line.jvm() + "', not one of the run's");
        }
        int j = spec.slotOf(target, line.countingOnly());
        latest.computeIfAbsent(line.point(), k -> new HashMap<>()).computeIfAbsent(line.block(), k -> new HashMap<>())
                .put(j, line);
        if (line.status() == ForkLine.Status.SKIPPED) {
            skips.computeIfAbsent(line.point(), k -> new HashMap<>()).putIfAbsent(j, line);
        }
        lastSeq = Math.max(lastSeq, line.seq());
    }

    public void pointDone(PointLine line) {
        done.put(line.point(), line);
    }

    public boolean isDone(int point) {
        return done.containsKey(point);
    }

    public int pointsDone() {
        return done.size();
    }

    /** The seq for the next fork. */
    public int nextSeq() {
        return lastSeq + 1;
    }

    /** The latest line of a cell, or null. */
    public ForkLine line(int point, int block, int jvm) {
        return latest.getOrDefault(point, Map.of()).getOrDefault(block, Map.of()).get(jvm);
    }

    /** Whether the cell needs no (more) fork: it has a line that is not an interruption. */
    public boolean settled(int point, int block, int jvm) {
        ForkLine l = line(point, block, jvm);
        return l != null && l.status() != ForkLine.Status.INTERRUPTED;
    }

    /** The skip line of a point on a JVM from a block before {@code block}, or null. */
    ForkLine skippedBefore(int point, int block, int jvm) {
        ForkLine s = skips.getOrDefault(point, Map.of()).get(jvm);
        return s != null && s.block() < block ? s : null;
    }

    /** Block {@code block} of {@code point}: the schedule's order without the JVMs an earlier block found skipped. */
    public List<Integer> order(int point, int block) {
        List<Integer> out = new ArrayList<>();
        for (int j : schedule.order(point, block)) {
            if (skippedBefore(point, block, j) == null) {
                out.add(j);
            }
        }
        return out;
    }

    /** scores[jvm][block − 1] for blocks 1 … {@code blocks}: the ok score fork's score, else NaN (counting forks left out). */
    public double[][] scores(int point, int blocks) {
        double[][] s = new double[spec.targets().size()][blocks];
        for (double[] row : s) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        latest.getOrDefault(point, Map.of()).forEach((block, cells) -> cells.forEach((j, l) -> {
            if (block <= blocks && !spec.countingOnly(j) && l.status() == ForkLine.Status.OK && l.score() != null) {
                s[j][block - 1] = l.score();
            }
        }));
        return s;
    }

    /** seqs[jvm][block − 1] for blocks 1 … {@code blocks}: the ok fork's place in the run's order, else -1. */
    public int[][] seqs(int point, int blocks) {
        int[][] s = new int[spec.targets().size()][blocks];
        for (int[] row : s) {
            java.util.Arrays.fill(row, -1);
        }
        latest.getOrDefault(point, Map.of()).forEach((block, cells) -> cells.forEach((j, l) -> {
            if (block <= blocks && !spec.countingOnly(j) && l.status() == ForkLine.Status.OK && l.score() != null) {
                s[j][block - 1] = l.seq();
            }
        }));
        return s;
    }

    /** Blocks point {@code point} has or will have: the recorded count when done, else at least the planned blocks. */
    int blocks(int point) {
        PointLine d = done.get(point);
        if (d != null) {
            return d.blocks();
        }
        int max = spec.blocks();
        for (int b : latest.getOrDefault(point, Map.of()).keySet()) {
            max = Math.max(max, b);
        }
        return max;
    }

    /** Forks still to run for the points' known blocks (planned, or as many as adaptive stopping has added so far). */
    public int remainingForks() {
        return (int) remaining(p -> 1.0);
    }

    /** Estimated seconds of the forks {@link #remainingForks} counts, each as {@link RunSpec#estimatedForkSeconds}. */
    public double remainingEstimatedSeconds() {
        return remaining(spec::estimatedForkSeconds);
    }

    private double remaining(java.util.function.ToDoubleFunction<RunSpec.PointSpec> perFork) {
        double remaining = 0;
        for (RunSpec.PointSpec p : spec.points()) {
            if (done.containsKey(p.index())) {
                continue;
            }
            int blocks = blocks(p.index());
            for (int b = 1; b <= blocks; b++) {
                for (int j = 0; j < spec.slots(); j++) {
                    if (!settled(p.index(), b, j) && skippedBefore(p.index(), b, j) == null) {
                        remaining += perFork.applyAsDouble(p);
                    }
                }
            }
        }
        return remaining;
    }

    /** Per JVM label, its tally over the whole run so far (every session of it; its counting forks included). */
    public Map<String, Outcome> outcomes() {
        Map<String, Outcome> out = new LinkedHashMap<>();
        for (int t = 0; t < spec.targets().size(); t++) {
            out.put(spec.targets().get(t).label(), new Outcome());
        }
        for (int j = 0; j < spec.slots(); j++) {
            Outcome o = out.get(spec.targets().get(spec.targetOf(j)).label());
            for (RunSpec.PointSpec p : spec.points()) {
                int blocks = blocks(p.index());
                o.planned(blocks);
                for (int b = 1; b <= blocks; b++) {
                    ForkLine l = line(p.index(), b, j);
                    if (l == null) {
                        continue;
                    }
                    switch (l.status()) {
                        case OK -> o.ok(l.nanos());
                        case FAILED -> o.failed(p.describe() + " block " + b, l.reason(), l.nanos());
                        case INTERRUPTED -> o.interrupted(l.nanos());
                        case SKIPPED -> o.skipped(p.describe(), l.reason(), blocks - b + 1, l.nanos());
                        default -> throw new IllegalStateException(l.status().toString());
                    }
                }
            }
        }
        return out;
    }

    /** Blocks of the run with a failed or interrupted fork: (point, block) pairs whose pairing is incomplete. */
    public int incompleteBlocks() {
        int n = 0;
        for (Map<Integer, Map<Integer, ForkLine>> blocks : latest.values()) {
            for (Map<Integer, ForkLine> cells : blocks.values()) {
                if (cells.values().stream().anyMatch(l -> l.status() == ForkLine.Status.FAILED
                        || l.status() == ForkLine.Status.INTERRUPTED)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Run-wide counts for run.json. */
    public Counts counts() {
        int planned = 0;
        int ok = 0;
        int failed = 0;
        int skipped = 0;
        int interrupted = 0;
        for (Outcome o : outcomes().values()) {
            Summary m = o.toSummary();
            planned += m.forksPlanned();
            ok += m.ok();
            failed += m.failed();
            skipped += m.skipped();
            interrupted += m.interrupted();
        }
        return new Counts(spec.points().size(), done.size(), planned, ok, failed, skipped, interrupted, incompleteBlocks());
    }
}
