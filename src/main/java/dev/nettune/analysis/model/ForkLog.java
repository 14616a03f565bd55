package dev.nettune.analysis.model;

import dev.nettune.results.PointLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A ForkLog is what one run's {@code forks.jsonl} and {@code points.jsonl} say about its schedule:
 * every fork attempted, every point finished, and from them the outcome of each fork per JVM and the
 * blocks that did not complete, so a report can state failures and interruptions at the top.
 *
 * <p>A fork is identified by JVM, point and block. When a fork was attempted more than once (a run
 * resumed after an interruption re-runs the forks it lost), its outcome is its last line.
 *
 * @param runId  the run's id
 * @param file   the forks.jsonl read
 * @param forks  its records, in file order (lines that could not be read are diagnostics, not here)
 * @param points points.jsonl's records, in file order; empty when the file is absent
 */
public record ForkLog(String runId, Path file, List<ForkRecord> forks, List<PointLine> points) {

    public ForkLog {
        forks = List.copyOf(forks);
        points = List.copyOf(points);
    }

    /**
     * This log with only the fork records {@code keep} accepts (points.jsonl as it is): the log of the
     * part of a run that was given, when not every file of it was.
     */
    public ForkLog only(java.util.function.Predicate<ForkRecord> keep) {
        return new ForkLog(runId, file, forks.stream().filter(keep).toList(), points);
    }

    /**
     * An IncompleteBlock is a block of a point (or of the placements of a point that shared it) in which
     * not every fork ended well: the block gives no pair for the JVMs or placements that lack one.
     *
     * @param point     0-based index of the point (the first one recorded when placements shared the block)
     * @param benchmark benchmark method
     * @param mode      JMH mode
     * @param params    parameters; the placements joined by "+" when several shared the block
     * @param block     1-based block number
     * @param blockSize forks the block should have
     * @param outcomes  the last record of each JVM that has one, in file order
     * @param missing   forks of the block with no record at all (blockSize minus JVMs recorded; ≥ 0)
     */
    public record IncompleteBlock(int point, String benchmark, String mode, Map<String, String> params, int block,
                                  int blockSize, List<ForkRecord> outcomes, int missing) {
    }

    /**
     * The last record of each fork (JVM, point, block, and role: an extra counting fork is a fork of its
     * own), in the order of first appearance.
     */
    public List<ForkRecord> outcomes() {
        Map<String, ForkRecord> last = new LinkedHashMap<>();
        for (ForkRecord f : forks) {
            last.put(f.jvm() + "\u0000" + f.point() + "\u0000" + f.block() + "\u0000" + f.role(), f);
        }
        return List.copyOf(last.values());
    }

    /** Outcomes counted per JVM label (in order of first appearance) and status. */
    public Map<String, Map<ForkRecord.Status, Integer>> statusCounts() {
        Map<String, Map<ForkRecord.Status, Integer>> out = new LinkedHashMap<>();
        for (ForkRecord f : outcomes()) {
            out.computeIfAbsent(f.jvm(), k -> new EnumMap<>(ForkRecord.Status.class)).merge(f.status(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Outcomes with this status, all JVMs. */
    public int count(ForkRecord.Status status) {
        return (int) outcomes().stream().filter(f -> f.status() == status).count();
    }

    /** The parameter that names a point's server placement (the runner's {@code Plan.PLACEMENT_PARAM}). */
    static final String PLACEMENT = "placement";

    /**
     * Blocks where some fork failed, was interrupted or has no record, in order of first appearance
     * (a fork skipped by design is not missing: its point cannot run on that JVM).
     *
     * <p>A block is what the runner scheduled as one: the forks of the points that differ only in
     * their placement share block b when the run interleaved the placements (each fork has its own
     * position in it, and blockSize counts them all); in runs made before, or for points with one
     * placement, a point's block b is its own. Which it was is read from the forks: the candidates
     * of one block b (same benchmark, mode and parameters but the placement) share it when their
     * positions are distinct and they state one blockSize; otherwise each point's forks are a block.
     */
    public List<IncompleteBlock> incompleteBlocks() {
        List<ForkRecord> outcomes = outcomes();
        Map<String, List<ForkRecord>> candidates = new LinkedHashMap<>();
        for (ForkRecord f : outcomes) {
            candidates.computeIfAbsent(groupKey(f) + "\u0000" + f.block(), k -> new ArrayList<>()).add(f);
        }
        List<List<ForkRecord>> blocks = new ArrayList<>();
        for (List<ForkRecord> c : candidates.values()) {
            if (oneBlock(c)) {
                blocks.add(c);
            } else {
                Map<Integer, List<ForkRecord>> byPoint = new LinkedHashMap<>();
                c.forEach(f -> byPoint.computeIfAbsent(f.point(), k -> new ArrayList<>()).add(f));
                blocks.addAll(byPoint.values());
            }
        }
        // a fork skipped by design (the point cannot run on that JVM, or not at that placement) is no pair
        // lost, and the runner leaves it out of the point's later blocks: counted with the skips, not as incomplete
        Set<Slot> skipped = new HashSet<>();
        for (ForkRecord f : outcomes) {
            if (f.status() == ForkRecord.Status.SKIPPED) {
                skipped.add(Slot.of(f));
            }
        }
        List<IncompleteBlock> out = new ArrayList<>();
        for (List<ForkRecord> block : blocks) {
            ForkRecord first = block.get(0);
            int size = block.stream().mapToInt(ForkRecord::blockSize).max().orElse(0);
            long settled = block.stream().filter(f -> f.status() == ForkRecord.Status.OK
                    || f.status() == ForkRecord.Status.SKIPPED).count();
            Set<Integer> points = new HashSet<>();
            Set<Slot> here = new HashSet<>();
            block.forEach(f -> {
                points.add(f.point());
                here.add(Slot.of(f));
            });
            long skippedElsewhere = skipped.stream().filter(k -> points.contains(k.point()) && !here.contains(k)).count();
            int missing = (int) Math.max(0, size - block.size() - skippedElsewhere);
            if (settled < block.size() || missing > 0) {
                out.add(new IncompleteBlock(first.point(), first.benchmark(), first.mode(), blockParams(block),
                        first.block(), size, List.copyOf(block), missing));
            }
        }
        return out;
    }

    /** A fork's place in every block of its point: the JVM and role that run it. */
    private record Slot(int point, String jvm, String role) {
        static Slot of(ForkRecord f) {
            return new Slot(f.point(), f.jvm(), f.role());
        }
    }

    /** Benchmark, mode and parameters but the placement: the points a block may hold together. */
    private static String groupKey(ForkRecord f) {
        Map<String, String> rest = new TreeMap<>(f.params());
        rest.remove(PLACEMENT);
        return f.benchmark() + "\u0000" + f.mode() + "\u0000" + rest;
    }

    /** Whether the candidate forks of a block b are one scheduled block: one stated size, each at a position of its own. */
    private static boolean oneBlock(List<ForkRecord> candidates) {
        if (candidates.stream().map(ForkRecord::point).distinct().count() < 2) {
            return true;
        }
        Set<Integer> positions = new HashSet<>();
        for (ForkRecord f : candidates) {
            if (f.blockSize() != candidates.get(0).blockSize() || !positions.add(f.position())) {
                return false;
            }
        }
        return true;
    }

    /** The block's parameters: its points', with their placements joined by "+" when it holds several. */
    private static Map<String, String> blockParams(List<ForkRecord> block) {
        Set<String> placements = new LinkedHashSet<>();
        block.forEach(f -> {
            String p = f.params().get(PLACEMENT);
            if (p != null) {
                placements.add(p);
            }
        });
        if (placements.size() < 2) {
            return block.get(0).params();
        }
        Map<String, String> params = new LinkedHashMap<>(block.get(0).params());
        params.put(PLACEMENT, String.join("+", placements));
        return params;
    }
}
