package dev.nettune.run.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A Schedule is the order in which a run's forks execute: randomized interleaved blocks. Groups of
 * points run one after the other ({@link PointGroups}: a point alone, or the placements of one point);
 * each group runs blocks 1, 2, …; a block runs one fork of every point of the group on every JVM
 * target, so that two placements of a point are paired by block as two JVMs are.
 *
 * <p>Blocks come in mirrored pairs: odd block 2k − 1 runs the JVMs in a shuffled order, even block
 * 2k in the reverse of that order. On a shared machine the later fork of a block can score
 * systematically differently from the earlier one (warmer caches, the kernel's socket state left by
 * the earlier fork; measured here at up to ±13% on some points), and a plain shuffle leaves a pair of
 * JVMs in the same order in, say, six blocks of eight, which turns that position effect into a
 * false JVM difference. Mirroring puts every pair of JVMs in each order equally often, so the
 * report can take the position effect out ({@code PairedRatio} adjusted for order).
 *
 * <p>A block is a permutation of its cells: cell {@code c} is point {@code c / jvms} of the group and
 * JVM (slot) {@code c % jvms}. A group of one point has {@code jvms} cells, and its order is exactly
 * the order a point had before groups existed, so a profile with one placement keeps its schedule.
 *
 * <p>The order of block {@code b} of group {@code p} (its first point's index) depends only on the seed, {@code p} and the pair
 * {@code (b + 1) / 2}: a generator seeded from the three (SplitMix64 finaliser) drives
 * {@link Collections#shuffle(List, Random)}. So the same seed reproduces every block, blocks added
 * later by adaptive stopping are as reproducible as the planned ones, and a resumed run finds the
 * order its first session used. {@link Random} and {@code Collections.shuffle} are specified
 * algorithms, so the order does not depend on the JDK running the suite.
 *
 * @param jvms number of JVM targets, or slots (a block of a single point is a permutation of 0 … jvms − 1)
 * @param seed the recorded seed
 */
public record Schedule(int jvms, long seed) {

    public Schedule {
        if (jvms < 1) {
            throw new IllegalArgumentException("a schedule needs at least one JVM, got " + jvms);
        }
    }

    /**
     * The JVM indices of block {@code block} (1-based) of point {@code point} (0-based), in run order.
     */
    public List<Integer> order(int point, int block) {
        return order(point, block, 1);
    }

    /**
     * The cells of block {@code block} (1-based) of a group of {@code members} points whose first point
     * is {@code point} (0-based), in run order: cell {@code c} is member {@code c / jvms} on slot
     * {@code c % jvms}. With one member, {@link #order(int, int)}.
     */
    public List<Integer> order(int point, int block, int members) {
        if (point < 0 || block < 1 || members < 1) {
            throw new IllegalArgumentException("point " + point + " block " + block + " members " + members
                    + ": points count from 0, blocks from 1, a group has a point");
        }
        int pair = (block + 1) / 2;
        int cells = jvms * members;
        List<Integer> order = new ArrayList<>(cells);
        for (int j = 0; j < cells; j++) {
            order.add(j);
        }
        Collections.shuffle(order, new Random(mix(mix(seed ^ mix(point)) + pair)));
        if (block % 2 == 0) {
            Collections.reverse(order);
        }
        return order;
    }

    /** SplitMix64's finaliser: nearby inputs (point 3 vs 4, block 1 vs 2) give unrelated seeds. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
