package dev.nettune.run.plan;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {

    static List<List<Integer>> blocks(Schedule s, int point, int blocks) {
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 1; b <= blocks; b++) {
            out.add(s.order(point, b));
        }
        return out;
    }

    @Test
    void everyBlockRunsEveryJvmExactlyOnce() {
        for (int jvms = 1; jvms <= 6; jvms++) {
            Schedule s = new Schedule(jvms, 7);
            List<Integer> all = IntStream.range(0, jvms).boxed().toList();
            for (int point = 0; point < 20; point++) {
                for (List<Integer> order : blocks(s, point, 30)) {
                    assertEquals(jvms, order.size());
                    assertEquals(new HashSet<>(all), new HashSet<>(order), "a permutation of the JVMs: " + order);
                }
            }
        }
    }

    @Test
    void ordersVaryAcrossBlocksAndPoints() {
        for (long seed = 0; seed < 20; seed++) {
            Schedule s = new Schedule(3, seed);
            Set<List<Integer>> distinct = new HashSet<>(blocks(s, 0, 12));
            assertTrue(distinct.size() >= 3, "seed " + seed + ": 12 blocks of 3 JVMs used only " + distinct);
            assertNotEquals(blocks(s, 0, 12), blocks(s, 1, 12), "seed " + seed + ": points 0 and 1 share their orders");
        }
    }

    @Test
    void eachJvmRunsFirstAboutEquallyOften() {
        // 3 JVMs over 3,000 blocks: each first in 1/3 of them; the bounds are > 6 standard deviations wide.
        Schedule s = new Schedule(3, 123);
        int[] first = new int[3];
        for (int point = 0; point < 100; point++) {
            for (int b = 1; b <= 30; b++) {
                first[s.order(point, b).get(0)]++;
            }
        }
        for (int f : first) {
            assertTrue(f > 850 && f < 1150, "first positions " + java.util.Arrays.toString(first));
        }
    }

    @Test
    void blocksComeInMirroredPairsSoEveryPairOfJvmsRunsInEachOrderEquallyOften() {
        for (int jvms = 2; jvms <= 5; jvms++) {
            Schedule s = new Schedule(jvms, 31 + jvms);
            for (int point = 0; point < 10; point++) {
                List<List<Integer>> bs = blocks(s, point, 8);
                for (int b = 0; b < 8; b += 2) {
                    List<Integer> reversed = new ArrayList<>(bs.get(b));
                    java.util.Collections.reverse(reversed);
                    assertEquals(reversed, bs.get(b + 1), "block " + (b + 2) + " mirrors block " + (b + 1));
                }
                for (int x = 0; x < jvms; x++) {
                    for (int y = x + 1; y < jvms; y++) {
                        int xFirst = 0;
                        for (List<Integer> order : bs) {
                            xFirst += order.indexOf(x) < order.indexOf(y) ? 1 : 0;
                        }
                        assertEquals(4, xFirst, "JVMs " + x + " and " + y + " of " + jvms + ", point " + point);
                    }
                }
            }
        }
    }

    @Test
    void theSeedReproducesTheScheduleAndAnotherSeedChangesIt() {
        assertEquals(blocks(new Schedule(4, 99), 5, 10), blocks(new Schedule(4, 99), 5, 10));
        assertNotEquals(blocks(new Schedule(4, 99), 5, 10), blocks(new Schedule(4, 100), 5, 10));
        for (long seed = 1; seed < 50; seed++) {
            assertNotEquals(blocks(new Schedule(3, seed), 0, 8), blocks(new Schedule(3, seed + 1), 0, 8), "seeds " + seed + ", " + (seed + 1));
        }
    }

    @Test
    void blocksAddedLaterAreAsReproducibleAsThePlannedOnes() {
        // adaptive stopping extends a point from 8 planned blocks: blocks 9… do not depend on when they are asked for
        Schedule s = new Schedule(3, 5);
        List<List<Integer>> planned = blocks(s, 2, 8);
        List<List<Integer>> extended = blocks(new Schedule(3, 5), 2, 24);
        assertEquals(planned, extended.subList(0, 8));
        assertEquals(extended, blocks(s, 2, 24));
    }

    @Test
    void pinnedOrderGuardsTheAlgorithm() {
        // A resumed run must find the order of its first session, also when another JDK runs the suite:
        // java.util.Random and Collections.shuffle are specified, so these orders (recorded from this
        // implementation; the tests run on JDK 17 and 25) must never change.
        assertEquals(List.of(List.of(2, 0, 1), List.of(1, 0, 2), List.of(1, 2, 0)), blocks(new Schedule(3, 42), 0, 3));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(2, 1).order(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(2, 1).order(-1, 1));
    }

    @Test
    void aGroupBlockRunsEveryJvmTimesPlacementOnceAndAGroupOfOneIsThePointsOrder() {
        for (int jvms = 1; jvms <= 3; jvms++) {
            Schedule s = new Schedule(jvms, 17);
            for (int point = 0; point < 10; point++) {
                for (int b = 1; b <= 10; b++) {
                    assertEquals(s.order(point, b), s.order(point, b, 1), "one member: the point's own order");
                    for (int members = 2; members <= 4; members++) {
                        List<Integer> order = s.order(point, b, members);
                        assertEquals(IntStream.range(0, jvms * members).boxed().collect(java.util.stream.Collectors.toSet()),
                                new HashSet<>(order), "every JVM x placement once: " + order);
                        assertEquals(jvms * members, order.size());
                        assertEquals(order, new Schedule(jvms, 17).order(point, b, members), "the seed reproduces it");
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Schedule(2, 1).order(0, 1, 0));
    }
}
