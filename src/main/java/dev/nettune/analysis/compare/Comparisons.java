package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.Family;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.stats.Holm;
import dev.nettune.analysis.stats.UnpairedRatio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SCAFFOLD of the stats branch's Comparisons, with its public API (Options, build), so that the
 * report branch compiles and renders real data before the merge. At merge, take the stats branch's
 * file (and its Pairs): it pairs forks by block, computes the detectable change and chooses variant
 * and self-check pairs from run.json. This stand-in compares every JVM of a run with the run's
 * oldest JVM (foreign files: with the oldest JVM sharing rows), unpaired (Welch on log fork scores),
 * Holm within each table, TOO_FEW below two forks a side; its numbers are honest but its design is
 * not the paired one.
 */
public final class Comparisons {

    /** Default family-wise significance level per table. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Confidence level of every ratio interval. */
    public static final double CONFIDENCE = 0.95;

    /**
     * Options says how to compare.
     *
     * @param alpha      family-wise significance level per table, in (0, 1)
     * @param baseline   label (or label@runId) of the baseline JVM, or null for the default choice
     * @param acrossRuns also compare this suite's runs with each other, not only JVMs within a run
     */
    public record Options(double alpha, String baseline, boolean acrossRuns) {
        /** alpha 0.05, default baseline, within runs only. */
        public static Options defaults() {
            return new Options(DEFAULT_ALPHA, null, false);
        }
    }

    private Comparisons() {
    }

    /** The comparisons of {@code set} with default options. */
    public static List<JvmPair> build(ResultSet set) {
        return build(set, Options.defaults());
    }

    /** The comparisons of {@code set}: one JvmPair per compared pair of JVMs that share rows. */
    public static List<JvmPair> build(ResultSet set, Options options) {
        Map<JvmId, Map<ResultKey.Row, Result>> cells = new LinkedHashMap<>();
        for (Result r : set.results()) {
            cells.computeIfAbsent(r.key().jvm(), k -> new LinkedHashMap<>()).putIfAbsent(r.key().row(), r);
        }
        List<JvmPair> out = new ArrayList<>();
        Map<String, List<JvmId>> byRun = new LinkedHashMap<>();
        set.jvms().forEach(j -> byRun.computeIfAbsent(j.runId(), k -> new ArrayList<>()).add(j));
        byRun.forEach((run, jvms) -> {
            JvmId named = jvms.stream().filter(j -> j.label().equals(options.baseline()) || j.key().equals(options.baseline()))
                    .findFirst().orElse(null);
            for (JvmId j : jvms) {
                JvmId base = named != null && !named.equals(j) ? named
                        : jvms.stream().takeWhile(o -> !o.equals(j)).filter(o -> share(cells, o, j)).findFirst().orElse(null);
                if (base == null || base.equals(j)) {
                    continue;
                }
                List<ComparisonTable> tables = tables(cells.get(base), cells.get(j), options.alpha());
                if (!tables.isEmpty()) {
                    boolean variant = !j.variant().equals(base.variant()) && j.feature() == base.feature()
                            || !j.placement().equals(base.placement());
                    out.add(new JvmPair(base, j, set.runs().containsKey(run) ? (variant ? JvmPair.Relation.VARIANT
                            : JvmPair.Relation.JDKS) : JvmPair.Relation.ACROSS_RUNS, tables));
                }
            }
        });
        return out;
    }

    private static boolean share(Map<JvmId, Map<ResultKey.Row, Result>> cells, JvmId a, JvmId b) {
        return cells.get(b).keySet().stream().anyMatch(cells.get(a)::containsKey);
    }

    static List<ComparisonTable> tables(Map<ResultKey.Row, Result> base, Map<ResultKey.Row, Result> cand, double alpha) {
        Map<List<Object>, List<ResultKey.Row>> groups = new LinkedHashMap<>();
        for (ResultKey.Row row : base.keySet()) {
            if (cand.containsKey(row)) {
                groups.computeIfAbsent(List.of(Family.of(row.benchmark()), row.mode(), row.unit()), k -> new ArrayList<>())
                        .add(row);
            }
        }
        List<ComparisonTable> out = new ArrayList<>();
        groups.forEach((k, rows) -> {
            List<UnpairedRatio> rs = new ArrayList<>();
            for (ResultKey.Row row : rows) {
                rs.add(UnpairedRatio.of(base.get(row).primary().forkScores(), cand.get(row).primary().forkScores(), CONFIDENCE));
            }
            double[] adj = Holm.adjust(rs.stream().mapToDouble(UnpairedRatio::p).toArray());
            List<RowComparison> comps = new ArrayList<>();
            double logSum = 0;
            int n = 0;
            for (int i = 0; i < rows.size(); i++) {
                ResultKey.Row row = rows.get(i);
                UnpairedRatio u = rs.get(i);
                boolean tooFew = Double.isNaN(u.p());
                Verdict v = tooFew ? Verdict.CANNOT_TELL : adj[i] < alpha
                        ? ((u.ratio() > 1) == row.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE) : Verdict.SAME;
                if (!tooFew && Double.isFinite(u.ratio())) {
                    logSum += Math.log(u.ratio());
                    n++;
                }
                comps.add(new RowComparison(row, base.get(row).key().jvm(), cand.get(row).key().jvm(),
                        tooFew ? Design.TOO_FEW : Design.UNPAIRED, Math.min(u.nBaseline(), u.nCandidate()), u.nBaseline(),
                        u.nCandidate(), Answers.geomean(base.get(row).primary().forkScores()),
                        Answers.geomean(cand.get(row).primary().forkScores()), u.ratio(), u.low(), u.high(), u.p(), adj[i],
                        Double.NaN, v, tooFew ? "1 fork per JVM: cannot separate the JVM from run-to-run noise" : "",
                        row.higherIsBetter()));
            }
            out.add(new ComparisonTable((Family) k.get(0), (String) k.get(1), (String) k.get(2), comps,
                    n == 0 ? Double.NaN : Math.exp(logSum / n), n));
        });
        return out;
    }
}
