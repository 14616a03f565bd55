package dev.nettune.analysis.model;

import dev.nettune.results.PointLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * An IncompleteBlock is a block of a point in which not every JVM has a fork that ended well:
     * the block gives no pair for the JVMs that lack one.
     *
     * @param point     0-based index of the point
     * @param benchmark benchmark method
     * @param mode      JMH mode
     * @param params    parameters
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

    /**
     * Blocks where some fork failed, was interrupted or has no record, in order of first appearance
     * (a fork skipped by design is not missing: its point cannot run on that JVM).
     */
    public List<IncompleteBlock> incompleteBlocks() {
        Map<String, List<ForkRecord>> byBlock = new LinkedHashMap<>();
        for (ForkRecord f : outcomes()) {
            byBlock.computeIfAbsent(f.point() + "\u0000" + f.block(), k -> new ArrayList<>()).add(f);
        }
        // a fork skipped by design (the point cannot run on that JVM) is no pair lost, and the runner leaves
        // that JVM out of the point's later blocks: counted with the skips, not as incomplete
        Map<Integer, java.util.Set<String>> skippedJvms = new LinkedHashMap<>();
        for (ForkRecord f : outcomes()) {
            if (f.status() == ForkRecord.Status.SKIPPED) {
                skippedJvms.computeIfAbsent(f.point(), k -> new java.util.HashSet<>()).add(f.jvm());
            }
        }
        List<IncompleteBlock> out = new ArrayList<>();
        for (List<ForkRecord> block : byBlock.values()) {
            ForkRecord first = block.get(0);
            int size = block.stream().mapToInt(ForkRecord::blockSize).max().orElse(0);
            long settled = block.stream().filter(f -> f.status() == ForkRecord.Status.OK
                    || f.status() == ForkRecord.Status.SKIPPED).count();
            long skippedElsewhere = skippedJvms.getOrDefault(first.point(), java.util.Set.of()).stream()
                    .filter(j -> block.stream().noneMatch(f -> f.jvm().equals(j))).count();
            int missing = (int) Math.max(0, size - block.size() - skippedElsewhere);
            if (settled < block.size() || missing > 0) {
                out.add(new IncompleteBlock(first.point(), first.benchmark(), first.mode(), first.params(),
                        first.block(), size, List.copyOf(block), missing));
            }
        }
        return out;
    }
}
