package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.Family;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.stats.Holm;
import dev.nettune.analysis.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CrossJvm table is the comparison of JVMs for one family and one (mode, unit): one row per
 * benchmark and parameter combination, one {@link Summary} per JVM, one {@link Comparison} per
 * non-baseline JVM, Holm-adjusted within the table, and a geometric-mean row.
 *
 * <p>The geometric mean is taken over the rows where every JVM of the table has a positive mean;
 * {@code geomeanRatio} is the geometric mean of those rows' ratios against the baseline.
 */
public record CrossJvm(Family family, String mode, String unit, List<ResultKey.Row> rows, List<JvmId> jvms,
                       JvmId baseline, Map<ResultKey.Row, Map<JvmId, Summary>> summaries,
                       Map<ResultKey.Row, Map<JvmId, Comparison>> comparisons, Map<JvmId, Double> geomean,
                       Map<JvmId, Double> geomeanRatio, int geomeanRows) {

    /**
     * Builds one table per (mode, unit) of {@code results} (all of one family), for groups measured
     * on at least two JVMs. The baseline is {@code baseline} where it has results, otherwise the
     * oldest JVM of the group (the table's heading says which).
     */
    public static List<CrossJvm> build(Family family, List<Result> results, List<JvmId> orderedJvms, JvmId baseline,
                                       Comparison.Test test, double alpha) {
        Map<String, List<Result>> byUnit = new LinkedHashMap<>();
        for (Result r : results) {
            byUnit.computeIfAbsent(r.key().mode() + "\u0000" + r.key().unit(), k -> new ArrayList<>()).add(r);
        }
        List<CrossJvm> out = new ArrayList<>();
        for (List<Result> group : byUnit.values()) {
            Set<JvmId> present = new LinkedHashSet<>();
            group.forEach(r -> present.add(r.key().jvm()));
            if (present.size() < 2) {
                continue;
            }
            // the chosen baseline when it measured this group, otherwise the oldest JVM that did
            JvmId base = present.contains(baseline) ? baseline
                    : orderedJvms.stream().filter(present::contains).findFirst().orElseThrow();
            List<JvmId> jvms = new ArrayList<>();
            jvms.add(base);
            orderedJvms.stream().filter(j -> present.contains(j) && !j.equals(base)).forEach(jvms::add);
            Map<ResultKey.Row, Map<JvmId, Result>> cells = new LinkedHashMap<>();
            for (Result r : group) {
                cells.computeIfAbsent(r.key().row(), k -> new LinkedHashMap<>()).put(r.key().jvm(), r);
            }
            out.add(table(family, group.get(0).key(), cells, jvms, base, test, alpha));
        }
        return out;
    }

    private static CrossJvm table(Family family, ResultKey any, Map<ResultKey.Row, Map<JvmId, Result>> cells,
                                  List<JvmId> jvms, JvmId baseline, Comparison.Test test, double alpha) {
        Map<ResultKey.Row, Map<JvmId, Summary>> sums = new LinkedHashMap<>();
        Map<ResultKey.Row, Map<JvmId, Comparison>> comps = new LinkedHashMap<>();
        List<Comparison> flat = new ArrayList<>();
        List<ResultKey.Row> flatRow = new ArrayList<>();
        List<JvmId> flatJvm = new ArrayList<>();
        for (Map.Entry<ResultKey.Row, Map<JvmId, Result>> e : cells.entrySet()) {
            Map<JvmId, Summary> s = new LinkedHashMap<>();
            e.getValue().forEach((j, r) -> s.put(j, Summary.of(r.primary().flatSamples())));
            sums.put(e.getKey(), s);
            Result base = e.getValue().get(baseline);
            comps.put(e.getKey(), new LinkedHashMap<>());
            if (base == null) {
                continue;
            }
            for (JvmId j : jvms) {
                Result cand = e.getValue().get(j);
                if (j.equals(baseline) || cand == null) {
                    continue;
                }
                flat.add(Comparison.of(base.primary().flatSamples(), cand.primary().flatSamples(), test, alpha,
                        e.getKey().higherIsBetter()));
                flatRow.add(e.getKey());
                flatJvm.add(j);
            }
        }
        double[] p = flat.stream().mapToDouble(Comparison::p).toArray();
        double[] adj = Holm.adjust(p);
        for (int i = 0; i < flat.size(); i++) {
            comps.get(flatRow.get(i)).put(flatJvm.get(i), flat.get(i).withAdjusted(adj[i]));
        }
        // geometric means over rows complete for all JVMs
        Map<JvmId, Double> logSum = new LinkedHashMap<>();
        Map<JvmId, Double> logRatio = new LinkedHashMap<>();
        int complete = 0;
        for (ResultKey.Row row : sums.keySet()) {
            Map<JvmId, Summary> s = sums.get(row);
            boolean ok = jvms.stream().allMatch(j -> s.containsKey(j) && s.get(j).mean() > 0);
            if (!ok) {
                continue;
            }
            complete++;
            double baseLog = Math.log(s.get(baseline).mean());
            for (JvmId j : jvms) {
                double l = Math.log(s.get(j).mean());
                logSum.merge(j, l, Double::sum);
                logRatio.merge(j, l - baseLog, Double::sum);
            }
        }
        Map<JvmId, Double> geo = new LinkedHashMap<>();
        Map<JvmId, Double> geoRatio = new LinkedHashMap<>();
        if (complete > 0) {
            for (JvmId j : jvms) {
                geo.put(j, Math.exp(logSum.get(j) / complete));
                geoRatio.put(j, Math.exp(logRatio.get(j) / complete));
            }
        }
        return new CrossJvm(family, any.mode(), any.unit(), new ArrayList<>(sums.keySet()), jvms, baseline, sums,
                comps, geo, geoRatio, complete);
    }
}
