package dev.nettune.run.execution;

import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.folder.Journal;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.plan.PointGroups;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Specs;
import dev.nettune.run.record.MergedResults;
import dev.nettune.run.record.RunState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The placements of a point share its blocks: every JVM × placement once per block, in an order the
 * seed reproduces; and a run with one placement per point executes exactly the order the runner
 * used before placements were interleaved (point after point, a block's JVMs shuffled), checked
 * against an independent copy of that old algorithm, so that no A/A rerun is owed for it.
 */
class PlacementInterleavingTest {

    static List<RunSpec.PointSpec> points(List<String> payloads, List<String> placements) {
        return Specs.placementPoints(payloads, placements);
    }

    static RunSpec spec(Path dir, List<RunSpec.PointSpec> points, int blocks, long seed, List<JvmTarget> targets) {
        RunSpec s = Specs.spec(1, blocks, null, blocks, targets);
        return new RunSpec(s.runId(), dir, points, targets, List.of(), s.jmh(), s.warmup(), s.measurement(), blocks, seed, null,
                blocks, s.baseline(), false);
    }

    /** Runs the spec with made-up forks; the forks' lines in execution order. */
    static List<ForkLine> execute(RunSpec spec) throws Exception {
        Files.createDirectories(spec.runDir());
        RunRecord record = new RunRecord(spec.runDir().resolve("run.json"), ExecutionTest.doc(spec.targets()));
        Execution.End end = new Execution(spec, record, new RunState(spec), new MergedResults(spec.runDir()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                log -> (point, target, launcher, dir) -> {
                    Instant now = Instant.now();
                    return new ForkRunner.Result(ForkLine.Status.OK, ExecutionTest.fork(point.point(), 1000.0 + point.index()), null,
                            now, now);
                }).run();
        assertEquals(Execution.End.COMPLETE, end);
        return Journal.readForks(spec.runDir());
    }

    /** "point:block:jvm" per fork, in execution order. */
    static List<String> trace(List<ForkLine> lines) {
        return lines.stream().map(l -> l.point() + ":" + l.block() + ":" + l.jvm()).toList();
    }

    @Test
    void everyJvmTimesPlacementRunsOncePerBlockAndTheBlockIsOneStretch(@TempDir Path tmp) throws Exception {
        List<String> placements = List.of("inprocess", "process", "netns");
        List<JvmTarget> targets = Specs.targets("jdk17", "jdk25");
        RunSpec spec = spec(tmp, points(List.of("64", "256"), placements), 4, 11L, targets);
        PointGroups groups = PointGroups.of(spec.points());
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5)), groups.groups());
        assertTrue(groups.interleavesPlacements());

        List<ForkLine> lines = execute(spec);
        assertEquals(2 * 3 * 2 * 4, lines.size(), "2 payloads x 3 placements x 2 JVMs x 4 blocks");
        int at = 0;
        for (int g = 0; g < 2; g++) {
            for (int b = 1; b <= 4; b++) {
                List<ForkLine> block = lines.subList(at, at + 6); // the block runs as one stretch
                at += 6;
                Set<String> cells = new HashSet<>();
                for (int pos = 0; pos < 6; pos++) {
                    ForkLine l = block.get(pos);
                    assertEquals(b, l.block(), "group " + g + ": " + l);
                    assertEquals(g, groups.groupOf(l.point()));
                    assertEquals(pos + 1, l.position());
                    assertEquals(6, l.blockSize(), "a block holds every JVM x placement");
                    cells.add(l.jvm() + " " + l.params().get(Plan.PLACEMENT_PARAM));
                }
                assertEquals(6, cells.size(), "each JVM x placement exactly once: " + cells);
            }
        }
        // the placements are shuffled with the JVMs, not run one after the other within a block: a block whose
        // placements each ran as one stretch (both JVMs of a placement adjacent) happens by chance in 48 of 720
        // orders, so not in every one of the run's 8 blocks
        int grouped = 0;
        for (int i = 0; i < lines.size(); i += 6) {
            List<String> order = lines.subList(i, i + 6).stream().map(l -> l.params().get(Plan.PLACEMENT_PARAM)).toList();
            boolean stretches = true;
            for (int k = 0; k < 6; k += 2) {
                stretches &= order.get(k).equals(order.get(k + 1));
            }
            grouped += stretches ? 1 : 0;
        }
        assertTrue(grouped < 8, grouped + " of 8 blocks ran placement after placement");
        List<com.fasterxml.jackson.databind.JsonNode> points = ExecutionTest.jsonLines(tmp.resolve("points.jsonl"));
        assertEquals(6, points.size());
        points.forEach(p -> assertEquals(4, p.get("blocks").asInt(), "the group's points stop together: " + p));
    }

    @Test
    void theSameSeedReproducesTheInterleavedScheduleAndAnotherChangesIt(@TempDir Path tmp) throws Exception {
        List<JvmTarget> targets = Specs.targets("jdk17", "jdk25");
        List<RunSpec.PointSpec> ps = points(List.of("64"), List.of("inprocess", "netns"));
        List<String> one = trace(execute(spec(tmp.resolve("one"), ps, 6, 5L, targets)));
        List<String> two = trace(execute(spec(tmp.resolve("two"), ps, 6, 5L, targets)));
        List<String> other = trace(execute(spec(tmp.resolve("other"), ps, 6, 6L, targets)));
        assertEquals(one, two);
        assertNotEquals(one, other);
    }

    @Test
    void blocksOfAGroupComeInMirroredPairs() {
        RunSpec spec = spec(Path.of("/tmp/none"), points(List.of("64"), List.of("inprocess", "netns")), 8, 3L,
                Specs.targets("a", "b"));
        RunState state = new RunState(spec);
        for (int b = 1; b <= 8; b += 2) {
            List<RunState.Cell> odd = new ArrayList<>(state.blockOrder(0, b));
            Collections.reverse(odd);
            assertEquals(odd, state.blockOrder(0, b + 1), "block " + (b + 1) + " mirrors block " + b);
        }
    }

    /**
     * The runner's order before placements were interleaved, copied from it: point after point, blocks
     * 1 … n, each block the JVMs shuffled by a generator seeded from seed, point and mirrored pair.
     */
    static List<String> oldPlanOrder(int points, int blocks, List<String> jvms, long seed) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < points; p++) {
            for (int b = 1; b <= blocks; b++) {
                List<Integer> order = new ArrayList<>();
                for (int j = 0; j < jvms.size(); j++) {
                    order.add(j);
                }
                Collections.shuffle(order, new Random(oldMix(oldMix(seed ^ oldMix(p)) + (b + 1) / 2)));
                if (b % 2 == 0) {
                    Collections.reverse(order);
                }
                for (int j : order) {
                    out.add(p + ":" + b + ":" + jvms.get(j));
                }
            }
        }
        return out;
    }

    static long oldMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Test
    void aRunWithOnePlacementKeepsTheOldScheduleExactly(@TempDir Path tmp) throws Exception {
        List<String> labels = List.of("jdk17", "jdk21", "jdk25");
        List<JvmTarget> targets = Specs.targets(labels.toArray(String[]::new));
        for (List<String> placements : List.of(java.util.Collections.<String>singletonList(null), List.of("inprocess"))) {
            for (long seed : new long[] {42L, 20261204L}) {
                Path dir = tmp.resolve((placements.get(0) == null ? "none" : "inprocess") + seed);
                List<RunSpec.PointSpec> ps = points(List.of("64", "256", "1024", "4096"), placements);
                assertEquals(4, PointGroups.of(ps).size());
                assertEquals(oldPlanOrder(4, 8, labels, seed), trace(execute(spec(dir, ps, 8, seed, targets))),
                        "placements " + placements + ", seed " + seed);
            }
        }
        // the copy is the old runner's: its pinned orders (ScheduleTest, recorded before this change) for seed 42
        assertEquals(List.of("0:1:jdk25", "0:1:jdk17", "0:1:jdk21", "0:2:jdk21", "0:2:jdk17", "0:2:jdk25", "0:3:jdk21",
                "0:3:jdk25", "0:3:jdk17"), oldPlanOrder(1, 3, labels, 42L));
    }
}
