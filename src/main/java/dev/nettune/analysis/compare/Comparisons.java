package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Points;
import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.stats.DetectableChange;
import dev.nettune.stats.Holm;
import dev.nettune.stats.PairedRatio;
import dev.nettune.stats.TTestPower;
import dev.nettune.stats.UnpairedRatio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Comparisons builds the cross-JVM comparisons of a {@link ResultSet}: which JVM against which
 * ({@link Pairs}), one table per pair, family, mode and unit, and in each row the change with its
 * 95% interval, the test, the correction and the verdict. The fork (JVM invocation) is the unit:
 * a row uses one score per fork ({@link dev.nettune.analysis.model.Metric#forkScores()}), never the
 * iterations of a fork as if they were independent.
 *
 * <p>A row's design:
 * <ul>
 *   <li>{@link Design#PAIRED}: both JVMs in one run with block records. The pairs are the blocks in
 *       which both JVMs have a fork with a score; with n ≥ 2 pairs, {@link PairedRatio} (mean log
 *       ratio, t interval and t test), adjusted for which of the two forks of a block ran first when
 *       the fork log says so and both orders occur (the run's mirrored blocks make them occur equally
 *       often).</li>
 *   <li>{@link Design#UNPAIRED}: otherwise (other runs, other projects' files, runs without
 *       forks.jsonl). With ≥ 2 forks a side, {@link UnpairedRatio} (ratio of geometric means, Welch
 *       t interval and test on log fork scores).</li>
 *   <li>{@link Design#TOO_FEW}: fewer than two pairs, or fewer than two forks a side. The ratio is
 *       shown, no p is computed, the verdict is {@link Verdict#CANNOT_TELL} and the note says why.</li>
 * </ul>
 *
 * <p>Multiple testing: Holm's step-down correction within each {@link ComparisonTable}, over the rows
 * that have a p (Holm rather than Benjamini–Hochberg because a verdict here is a claim about a row,
 * so the family-wise error is what a reader assumes; Holm controls it and is uniformly more powerful
 * than Bonferroni). A row is {@link Verdict#BETTER} or {@link Verdict#WORSE} iff its adjusted p is
 * below alpha (direction from the ratio and the unit's direction of goodness), else
 * {@link Verdict#SAME}. Test and interval are one t computation, so with alpha ≤ 0.05 a flagged row
 * always has its 95% interval on the flagged side of 1; a verdict is nevertheless only given when the
 * interval agrees (it could not with alpha &gt; 0.05), and when the interval excludes 1 but the
 * adjusted p does not pass, the row is SAME and its note says so.
 *
 * <p>Detectable change: the smallest relative change the row's design detects with 80% power,
 * two-sided, at the table's strictest Holm level alpha/m (m = rows with a p), from the spread
 * observed in that row ({@link DetectableChange}, exact noncentral t).
 */
public final class Comparisons {

    /** Default family-wise significance level per table. */
    public static final double DEFAULT_ALPHA = 0.05;
    /** Confidence level of every ratio interval. */
    public static final double CONFIDENCE = 0.95;
    /** Power at which the detectable change is computed. */
    public static final double POWER = DetectableChange.DEFAULT_POWER;
    /** An order effect at least this large (relative) is named in the row's note. */
    static final double ORDER_NOTE = 0.02;

    /**
     * Options says how to compare.
     *
     * @param alpha      family-wise significance level per table, in (0, 1)
     * @param baseline   label (or label@runId) of the baseline JVM, or null for the default choice; a
     *                   label that names no JVM leaves the default choice
     * @param acrossRuns also compare this suite's runs with each other (unpaired), not only JVMs within a run
     */
    public record Options(double alpha, String baseline, boolean acrossRuns) {

        public Options {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be between 0 and 1 (got " + alpha + ")");
            }
        }

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
        for (Pairs.Plan plan : Pairs.choose(set, cells, options)) {
            boolean sameRun = plan.baseline().runId().equals(plan.candidate().runId())
                    && set.runs().containsKey(plan.baseline().runId());
            List<ComparisonTable> tables = tables(cells.get(plan.baseline()), cells.get(plan.candidate()), sameRun,
                    options.alpha());
            if (!tables.isEmpty()) {
                out.add(new JvmPair(plan.baseline(), plan.candidate(), plan.relation(), tables));
            }
        }
        return out;
    }

    /** One table per family, mode and unit of the rows both sides measured. */
    static List<ComparisonTable> tables(Map<ResultKey.Row, Result> base, Map<ResultKey.Row, Result> cand,
                                        boolean sameRun, double alpha) {
        return tables(base, cand, (x, y) -> sameRun, alpha);
    }

    /** As {@link #tables(Map, Map, boolean, double)}, with {@code sameRun} decided per row (whether its two results may pair by block). */
    static List<ComparisonTable> tables(Map<ResultKey.Row, Result> base, Map<ResultKey.Row, Result> cand,
                                        java.util.function.BiPredicate<Result, Result> sameRun, double alpha) {
        Map<List<Object>, List<Measured>> groups = new TreeMap<>(Comparator
                .comparingInt((List<Object> k) -> Families.rank((FamilyDescriptor) k.get(0)))
                .thenComparing(k -> (Integer) k.get(1))
                .thenComparing(k -> (String) k.get(2))
                .thenComparing(k -> (String) k.get(3)));
        for (Map.Entry<ResultKey.Row, Result> e : base.entrySet()) {
            Result c = cand.get(e.getKey());
            if (c == null) {
                continue; // measured on one side only (skipped or failed there): nothing to compare
            }
            ResultKey.Row row = e.getKey();
            groups.computeIfAbsent(List.of(Families.of(row.benchmark()), modeRank(row.mode()), row.mode(), row.unit()),
                    k -> new ArrayList<>()).add(measure(row, e.getValue(), c, sameRun.test(e.getValue(), c)));
        }
        List<ComparisonTable> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Measured>> g : groups.entrySet()) {
            out.add(table((FamilyDescriptor) g.getKey().get(0), (String) g.getKey().get(2), (String) g.getKey().get(3),
                    g.getValue(), alpha));
        }
        return out;
    }

    /**
     * A Measured is a row before the table's correction: its statistics, and the standard error and
     * degrees of freedom of its log ratio (for the detectable change; NaN when untested).
     */
    record Measured(ResultKey.Row row, JvmId baseline, JvmId candidate, Design design, int n, int baselineForks,
                    int candidateForks, double baselineCenter, double candidateCenter, double ratio, double low,
                    double high, double p, double se, double df, String note) {
    }

    /** The statistics of one row, from the fork scores of both sides. */
    static Measured measure(ResultKey.Row row, Result base, Result cand, boolean sameRun) {
        double[] x = base.primary().forkScores();
        double[] y = cand.primary().forkScores();
        int nx = usable(x);
        int ny = usable(y);
        double cx = Points.geomean(x);
        double cy = Points.geomean(y);
        List<String> notes = new ArrayList<>();
        int dropped = x.length - nx + y.length - ny;
        if (dropped > 0) {
            notes.add(dropped + " fork" + (dropped == 1 ? "" : "s") + " without a positive score left out");
        }
        JvmId bj = base.key().jvm();
        JvmId cj = cand.key().jvm();
        if (sameRun && base.hasBlocks() && cand.hasBlocks()) {
            Matched pairs = matched(base, x, cand, y);
            PairedRatio r = PairedRatio.of(pairs.baseline(), pairs.candidate(), pairs.baselineFirst(), CONFIDENCE);
            if (r.n() >= 2) {
                if (r.orderAdjusted()) {
                    double later = r.orderEffect() - 1;
                    if (Math.abs(later) >= ORDER_NOTE) {
                        notes.add(String.format(Locale.ROOT, "the later fork of a block scored %+.1f%% against the earlier"
                                + " (adjusted for)", 100 * later));
                    }
                } else if (pairs.baselineFirst() != null) {
                    notes.add(oneOrder(pairs.baselineFirst()) ? "one JVM ran first in every block: not adjusted for position"
                            : r.n() + " blocks: too few to adjust for position");
                }
                return new Measured(row, bj, cj, Design.PAIRED, r.n(), nx, ny, cx, cy, r.ratio(), r.low(), r.high(),
                        r.p(), r.se(), r.df(), String.join("; ", notes));
            }
            notes.add(0, r.n() + (r.n() == 1 ? " block" : " blocks")
                    + ": cannot separate JVM from run-to-run noise");
            double ratio = r.n() == 1 ? r.ratio() : cy / cx;
            return new Measured(row, bj, cj, Design.TOO_FEW, r.n(), nx, ny, cx, cy, ratio, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, String.join("; ", notes));
        }
        UnpairedRatio r = UnpairedRatio.of(x, y, CONFIDENCE);
        if (nx >= 2 && ny >= 2) {
            if (sameRun && (base.hasBlocks() || cand.hasBlocks())) {
                notes.add("no block record for the " + (base.hasBlocks() ? "candidate" : "baseline") + ": unpaired");
            } else if (sameRun) {
                // a run from before the interleaved schedule: one JVM's forks may all precede the other's
                notes.add("forks not interleaved (no block records): unpaired");
            }
            return new Measured(row, bj, cj, Design.UNPAIRED, Math.min(nx, ny), nx, ny, cx, cy, r.ratio(), r.low(),
                    r.high(), r.p(), r.se(), r.df(), String.join("; ", notes));
        }
        String why;
        if (nx == 0 || ny == 0) {
            why = "no fork with a score on the " + (nx == 0 ? "baseline" : "candidate");
        } else if (nx == 1 && ny == 1) {
            why = "1 fork per JVM: cannot separate JVM from run-to-run noise";
        } else {
            why = "1 fork on the " + (nx == 1 ? "baseline" : "candidate") + ": cannot separate JVM from run-to-run noise";
        }
        notes.add(0, why);
        return new Measured(row, bj, cj, Design.TOO_FEW, Math.min(nx, ny), nx, ny, cx, cy, r.ratio(), Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, String.join("; ", notes));
    }

    /** The table of one group of rows: Holm over the rows with a p, detectable changes, verdicts, geometric mean. */
    static ComparisonTable table(FamilyDescriptor family, String mode, String unit, List<Measured> rows, double alpha) {
        double[] p = rows.stream().mapToDouble(Measured::p).toArray();
        double[] adjusted = Holm.adjust(p);
        int m = (int) rows.stream().filter(r -> !Double.isNaN(r.p())).count();
        double level = alpha / Math.max(m, 1);
        Map<Double, Double> lambdaByDf = new HashMap<>(); // rows of a table mostly share their df
        List<RowComparison> out = new ArrayList<>();
        double logSum = 0;
        int logRows = 0;
        for (int i = 0; i < rows.size(); i++) {
            Measured r = rows.get(i);
            boolean higherIsBetter = r.row().higherIsBetter();
            double detectable = Double.NaN;
            if (r.se() == 0) {
                detectable = 0; // no spread at all: any change would have been seen
            } else if (r.se() > 0 && r.df() > 0) {
                double lambda = lambdaByDf.computeIfAbsent(r.df(), df -> TTestPower.noncentrality(POWER, df, level));
                detectable = DetectableChange.fromNoncentrality(lambda, r.se());
            }
            List<String> notes = new ArrayList<>(); // what the verdict rests on first, then the row's caveats
            Verdict verdict = verdict(r, adjusted[i], alpha, m, higherIsBetter, notes);
            if (!r.note().isEmpty()) {
                notes.add(r.note());
            }
            if (r.design() != Design.TOO_FEW && r.ratio() > 0 && Double.isFinite(r.ratio())) {
                logSum += Math.log(r.ratio());
                logRows++;
            }
            out.add(new RowComparison(r.row(), r.baseline(), r.candidate(), r.design(), r.n(), r.baselineForks(),
                    r.candidateForks(), r.baselineCenter(), r.candidateCenter(), r.ratio(), r.low(), r.high(), r.p(),
                    adjusted[i], detectable, verdict, String.join("; ", notes), higherIsBetter, r.se()));
        }
        return new ComparisonTable(family, mode, unit, List.copyOf(out), logRows == 0 ? Double.NaN
                : Math.exp(logSum / logRows), logRows);
    }

    /** BETTER/WORSE iff the adjusted p passes and the interval agrees; CANNOT_TELL without a test. */
    static Verdict verdict(Measured r, double pAdjusted, double alpha, int m, boolean higherIsBetter,
                           List<String> notes) {
        if (r.design() == Design.TOO_FEW || Double.isNaN(pAdjusted)) {
            return Verdict.CANNOT_TELL;
        }
        boolean above = r.low() > 1;
        boolean below = r.high() < 1;
        boolean significant = pAdjusted < alpha;
        if (significant && (above || below)) {
            return above == higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
        }
        if (significant) {
            notes.add(String.format(Locale.ROOT, "adjusted p < %s but the 95%% CI includes 1: no claim", fmt(alpha)));
        } else if (above || below) {
            notes.add("95% CI excludes 1; not significant after Holm over " + m + " row" + (m == 1 ? "" : "s"));
        }
        return Verdict.SAME;
    }

    /**
     * The blocks in which both JVMs have a fork with a positive score, by block: the two scores, and
     * whether the baseline's fork ran first (null when the execution order of some fork is unknown).
     */
    record Matched(double[] baseline, double[] candidate, boolean[] baselineFirst) {
    }

    private static Matched matched(Result base, double[] x, Result cand, double[] y) {
        Map<Integer, Integer> bx = byBlock(base, x);
        Map<Integer, Integer> by = byBlock(cand, y);
        List<Integer> blocks = new ArrayList<>(bx.keySet());
        blocks.retainAll(by.keySet());
        blocks.sort(null);
        double[] xs = new double[blocks.size()];
        double[] ys = new double[blocks.size()];
        boolean[] first = new boolean[blocks.size()];
        boolean ordered = true;
        for (int i = 0; i < blocks.size(); i++) {
            int fx = bx.get(blocks.get(i));
            int fy = by.get(blocks.get(i));
            xs[i] = x[fx];
            ys[i] = y[fy];
            int sx = base.forkSeq(fx);
            int sy = cand.forkSeq(fy);
            ordered &= sx != Result.NO_BLOCK && sy != Result.NO_BLOCK;
            first[i] = sx < sy;
        }
        return new Matched(xs, ys, ordered ? first : null);
    }

    /** Block → the fork (row) of that block with a positive score. */
    private static Map<Integer, Integer> byBlock(Result r, double[] scores) {
        Map<Integer, Integer> out = new HashMap<>();
        for (int f = 0; f < scores.length; f++) {
            int block = r.forkBlock(f);
            if (block != Result.NO_BLOCK && Double.isFinite(scores[f]) && scores[f] > 0) {
                out.putIfAbsent(block, f); // the reader lets no block hold two forks of one JVM
            }
        }
        return out;
    }

    private static int usable(double[] v) {
        int n = 0;
        for (double d : v) {
            if (Double.isFinite(d) && d > 0) {
                n++;
            }
        }
        return n;
    }

    private static int modeRank(String mode) {
        int i = List.of("thrpt", "avgt", "sample", "ss").indexOf(mode);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+$", "");
    }

    /** Whether the baseline ran first in every pair, or in none. */
    private static boolean oneOrder(boolean[] baselineFirst) {
        for (boolean b : baselineFirst) {
            if (b != baselineFirst[0]) {
                return false;
            }
        }
        return true;
    }
}
