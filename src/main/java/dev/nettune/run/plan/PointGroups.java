package dev.nettune.run.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PointGroups are the units a run's blocks are made of: the points that differ only in their server
 * placement ({@value Plan#PLACEMENT_PARAM}) form one group, every other point a group of its own. A
 * block of a group runs each of its points once on every JVM, in one shuffled order
 * ({@link Schedule#order(int, int, int)}), so placements are compared paired by block, as JVMs are:
 * run one after the other, the two placements of a point would meet the machine minutes apart and
 * its drift would read as a placement effect.
 *
 * <p>Groups are ordered by their first point, and a group's points by index. A run with one
 * placement per point has one group per point, group {@code i} holding point {@code i}: its schedule
 * is the one it had before groups.
 *
 * @param groups  per group, its points' indices (ascending)
 * @param groupOf per point index, its group's index
 */
public record PointGroups(List<List<Integer>> groups, int[] groupOf) {

    public PointGroups {
        groups = groups.stream().map(List::copyOf).toList();
        groupOf = groupOf.clone();
    }

    /** The groups of a run's points (in run order, {@code points.get(i).index() == i}). */
    public static PointGroups of(List<RunSpec.PointSpec> points) {
        Map<List<Object>, List<Integer>> byKey = new LinkedHashMap<>();
        for (RunSpec.PointSpec p : points) {
            Map<String, String> rest = new TreeMap<>(p.point().params());
            rest.remove(Plan.PLACEMENT_PARAM);
            List<Object> key = List.of(p.className(), p.point().benchmark(), p.point().mode(), rest,
                    p.forkJvmArgs(), String.valueOf(p.warmup()));
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p.index());
        }
        int[] groupOf = new int[points.size()];
        List<List<Integer>> groups = new ArrayList<>(byKey.values());
        for (int g = 0; g < groups.size(); g++) {
            for (int i : groups.get(g)) {
                groupOf[i] = g;
            }
        }
        return new PointGroups(groups, groupOf);
    }

    /** The points of group {@code g}. */
    public List<Integer> members(int g) {
        return groups.get(g);
    }

    /** The group of point {@code point}. */
    public int groupOf(int point) {
        return groupOf[point];
    }

    /** Number of groups. */
    public int size() {
        return groups.size();
    }

    /** The index that seeds group {@code g}'s block orders: its first point's (so a group of one keeps its point's orders). */
    public int seedIndex(int g) {
        return groups.get(g).get(0);
    }

    /** Whether some group holds more than one point: the run interleaves placements. */
    public boolean interleavesPlacements() {
        return groups.stream().anyMatch(g -> g.size() > 1);
    }
}
