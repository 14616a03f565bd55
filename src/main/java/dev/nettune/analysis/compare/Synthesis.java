package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.family.Points;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.stats.RandomEffectsPool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthesis says what several comparisons of the same JVM pair say together about one point. Two
 * views, both pooled with {@link RandomEffectsPool} (random effects: a point whose JVM ratio moves
 * from run to run gets a wider interval, and the spread is shown as τ² and I²):
 * <ul>
 *   <li><b>Across runs</b> ({@link #acrossRuns}): the same point in several runs. Which runs pool:
 *       <ul>
 *         <li>only two different JDKs of one run ({@link JvmPair.Relation#JDKS}): never an A/A
 *             self-check (its ratio is 1 by design), never a flag variant or a placement contrast;</li>
 *         <li>only paired rows ({@link Design#PAIRED}): a run from before the interleaved schedule ran
 *             one JVM's forks after the other's, so its ratio carries the machine's drift; it stays in
 *             its own report;</li>
 *         <li>the same builds on both sides (vendor and full build string of baseline and candidate)
 *             and the same CPU placement: a different build is another question;</li>
 *         <li>the same point: benchmark, parameters, mode and unit, where a server placement of
 *             {@value Points#IN_PROCESS} is the same point as one recorded without a placement (the
 *             default before placements were a parameter);</li>
 *         <li>any commit of the harness: a harness change that moves a point shows as heterogeneity
 *             (the interval widens), and the runs pooled are listed beside the pooled rows.</li>
 *       </ul>
 *       A second row per point pools it over every server placement of those runs as well (labelled
 *       "all placements"), only when no run's placements disagree about it ({@link #acrossPlacements}):
 *       where they agree, the placements are further replicates of one JVM effect; where they do not,
 *       a pooled ratio would answer no question.</li>
 *   <li><b>Across placements</b> ({@link #acrossPlacements}): within one run's pair of JDKs, the same
 *       point with the server in process, in its own process, behind veth, shaped: side by side, and
 *       pooled only to test whether they agree (Cochran's Q; {@link Group#disagree}). A pooled ratio
 *       over placements is not a verdict about any one of them.</li>
 * </ul>
 */
public final class Synthesis {

    /**
     * A Group is the rows pooled for one point and one pair of JVM builds.
     *
     * @param family    the family of the rows
     * @param point     the point (placement in process left out)
     * @param baseline  the baseline JVM of the newest row (label and build)
     * @param candidate the candidate JVM of the newest row
     * @param rows      the rows pooled, oldest run first (across placements: in the table's order)
     * @param labels    per row, what tells it apart: its run id, or its placement
     * @param pool      the random-effects pool of the rows' log ratios
     * @param alpha     the level at which {@link #disagree} tests heterogeneity
     * @param allPlacements true when the rows are the point on every server placement of the runs
     */
    public record Group(FamilyDescriptor family, ResultKey.Row point, JvmId baseline, JvmId candidate,
                        List<RowComparison> rows, List<String> labels, RandomEffectsPool pool, double alpha,
                        boolean allPlacements) {

        /** True when the rows disagree beyond their own intervals: Cochran's Q test below alpha. */
        public boolean disagree() {
            return pool.k() >= 2 && pool.pQ() < alpha;
        }

        /** True when higher is better for the point's unit. */
        public boolean higherIsBetter() {
            return rows.get(0).higherIsBetter();
        }
    }

    private Synthesis() {
    }

    /**
     * The points measured with an interval in at least two runs by the same pair of builds, pooled;
     * {@code runOrder} lists the run ids oldest first.
     */
    public static List<Group> acrossRuns(List<JvmPair> pairs, List<String> runOrder, double alpha) {
        Map<String, List<Object[]>> groups = new LinkedHashMap<>();
        Map<String, List<Object[]>> everyPlacement = new LinkedHashMap<>();
        java.util.Set<String> disagreeing = new java.util.HashSet<>();
        for (JvmPair p : pairs) {
            if (p.relation() != JvmPair.Relation.JDKS) {
                continue;
            }
            String builds = build(p.baseline()) + "\u0000" + build(p.candidate());
            for (Group g : acrossPlacements(p, alpha)) {
                if (g.disagree()) {
                    disagreeing.add(builds + "\u0000" + key(g.point()));
                }
            }
            for (ComparisonTable t : p.tables()) {
                for (RowComparison r : t.rows()) {
                    if (r.design() != Design.PAIRED || !(r.seLog() >= 0) || !Double.isFinite(r.ratio())) {
                        continue;
                    }
                    ResultKey.Row point = inProcessAsDefault(r.row());
                    groups.computeIfAbsent(builds + "\u0000" + key(point), k -> new ArrayList<>())
                            .add(new Object[]{t.family(), point, p, r, p.candidate().runId()});
                    String placement = r.row().params().getOrDefault(Points.PLACEMENT, Points.IN_PROCESS);
                    ResultKey.Row any = PlacementComparisons.withoutPlacement(r.row());
                    everyPlacement.computeIfAbsent(builds + "\u0000" + key(any), k -> new ArrayList<>())
                            .add(new Object[]{t.family(), any, p, r, p.candidate().runId() + " " + placement});
                }
            }
        }
        List<Group> out = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> e : groups.entrySet()) {
            List<Object[]> g = e.getValue();
            if (g.size() >= 2) {
                out.add(group(g, runOrder, alpha, false));
            }
            ResultKey.Row point = (ResultKey.Row) g.get(0)[1];
            String anyKey = e.getKey().substring(0, e.getKey().length() - key(point).length())
                    + key(PlacementComparisons.withoutPlacement(point));
            List<Object[]> all = everyPlacement.remove(anyKey);
            if (all != null && all.size() > g.size() && !disagreeing.contains(anyKey)) {
                out.add(group(all, runOrder, alpha, true));
            }
        }
        return out;
    }

    private static Group group(List<Object[]> g, List<String> runOrder, double alpha, boolean allPlacements) {
        g.sort((a, b) -> Integer.compare(runOrder.indexOf(((JvmPair) a[2]).candidate().runId()),
                runOrder.indexOf(((JvmPair) b[2]).candidate().runId())));
        List<RowComparison> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Object[] o : g) {
            rows.add((RowComparison) o[3]);
            labels.add((String) o[4]);
        }
        JvmPair newest = (JvmPair) g.get(g.size() - 1)[2];
        return new Group((FamilyDescriptor) g.get(0)[0], (ResultKey.Row) g.get(0)[1], newest.baseline(),
                newest.candidate(), List.copyOf(rows), List.copyOf(labels), pool(rows), alpha, allPlacements);
    }

    private static String key(ResultKey.Row point) {
        return String.join("\u0000", point.benchmark(), point.paramsText(), point.mode(), point.unit());
    }

    /**
     * Per pair of two JDKs, the points measured under two or more server placements with an
     * interval: side by side, with the test of whether they agree.
     */
    public static List<Group> acrossPlacements(JvmPair pair, double alpha) {
        if (pair.relation() != JvmPair.Relation.JDKS && pair.relation() != JvmPair.Relation.SELF_CHECK) {
            return List.of();
        }
        Map<String, List<Object[]>> groups = new LinkedHashMap<>();
        for (ComparisonTable t : pair.tables()) {
            for (RowComparison r : t.rows()) {
                String placement = r.row().params().get(Points.PLACEMENT);
                if (placement == null || !(r.seLog() >= 0) || !Double.isFinite(r.ratio())) {
                    continue;
                }
                ResultKey.Row point = PlacementComparisons.withoutPlacement(r.row());
                groups.computeIfAbsent(key(point), k -> new ArrayList<>()).add(new Object[]{t.family(), point, placement, r});
            }
        }
        List<Group> out = new ArrayList<>();
        for (List<Object[]> g : groups.values()) {
            if (g.size() < 2) {
                continue;
            }
            List<RowComparison> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (Object[] o : g) {
                rows.add((RowComparison) o[3]);
                labels.add((String) o[2]);
            }
            out.add(new Group((FamilyDescriptor) g.get(0)[0], (ResultKey.Row) g.get(0)[1], pair.baseline(),
                    pair.candidate(), List.copyOf(rows), List.copyOf(labels), pool(rows), alpha, false));
        }
        return out;
    }

    private static RandomEffectsPool pool(List<RowComparison> rows) {
        double[] y = rows.stream().mapToDouble(r -> Math.log(r.ratio())).toArray();
        double[] se = rows.stream().mapToDouble(RowComparison::seLog).toArray();
        return RandomEffectsPool.of(y, se, Comparisons.CONFIDENCE);
    }

    /** Whether two pairs compare the same two builds (vendor, build, CPU placement, variant on each side). */
    public static boolean sameBuilds(JvmPair a, JvmPair b) {
        return build(a.baseline()).equals(build(b.baseline())) && build(a.candidate()).equals(build(b.candidate()));
    }

    /** The identity of a JVM that pooling requires to match: vendor, build (else version), CPU placement. */
    static String build(JvmId j) {
        return j.vendor() + "|" + (j.build().isEmpty() ? j.version() : j.build()) + "|" + j.placement() + "|" + j.variant();
    }

    /** The row with placement=inprocess dropped: the same point as one recorded without a placement. */
    static ResultKey.Row inProcessAsDefault(ResultKey.Row row) {
        return Points.IN_PROCESS.equals(row.params().get(Points.PLACEMENT)) ? PlacementComparisons.withoutPlacement(row) : row;
    }
}
