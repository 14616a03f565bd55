package dev.nettune.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A Schedule is the order in which a run's forks execute: randomized interleaved blocks. Points run
 * one after the other (point-major); each point runs blocks 1, 2, …; a block runs one fork of the
 * point on every JVM target, in an order shuffled per block.
 *
 * <p>The order of block {@code b} of point {@code p} depends only on the seed, {@code p} and
 * {@code b}: a generator seeded from the three (SplitMix64 finaliser) drives
 * {@link Collections#shuffle(List, Random)}. So the same seed reproduces every block, blocks added
 * later by adaptive stopping are as reproducible as the planned ones, and a resumed run finds the
 * order its first session used. {@link Random} and {@code Collections.shuffle} are specified
 * algorithms, so the order does not depend on the JDK running the suite.
 *
 * @param jvms number of JVM targets (each block is a permutation of 0 … jvms − 1)
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
        if (point < 0 || block < 1) {
            throw new IllegalArgumentException("point " + point + " block " + block + ": points count from 0, blocks from 1");
        }
        List<Integer> order = new ArrayList<>(jvms);
        for (int j = 0; j < jvms; j++) {
            order.add(j);
        }
        Collections.shuffle(order, new Random(mix(mix(seed ^ mix(point)) + block)));
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
