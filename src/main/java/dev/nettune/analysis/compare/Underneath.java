package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.KnownBytes;
import dev.nettune.analysis.model.CountedFork;
import dev.nettune.analysis.model.FlameGraphs;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.counters.Counter;
import dev.nettune.counters.CounterNames;
import dev.nettune.stats.Holm;
import dev.nettune.stats.PairedDifference;
import dev.nettune.stats.PairedRatio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Underneath compares the counters per operation of every compared row, so a flagged row can say
 * why: syscalls, context switches, CPU and allocation per operation, each paired by block between
 * the two JVMs exactly as the row's score is (the forks of one block ran seconds apart).
 *
 * <p>Per counter, over the n blocks in which both JVMs have a fork with it:
 * <ul>
 *   <li>when every value is &gt; 0, the geometric mean of the per-block ratios with its t interval on
 *       n − 1 degrees of freedom ({@link PairedRatio}, plain: position in the block is adjusted for in
 *       the score, whose forks' order the counting forks share, not here);</li>
 *   <li>when a side is 0 in some block (a JDK that never polls), the mean per-block difference in the
 *       counter's unit with its t interval ({@link PairedDifference}): a ratio to 0 does not exist.</li>
 * </ul>
 * Multiple testing: Holm over the counters of one row, the derived quantities ({@link CounterQuantity})
 * as one family and the raw events as another: the question a row's counters answer is "what changed
 * underneath this row", so the family-wise error is per row, and an A/A run flags a row's counters
 * in at most α of its rows. A counter has changed when its adjusted p is below α, its interval lies
 * on one side of no change (the verdict never contradicts it) and the change is at least
 * {@value #MIN_CHANGE_PERCENT}% ({@link #MIN_CHANGE}): a counter is counted in the kernel with little
 * noise, so a paired test finds changes of a fraction of a percent that explain nothing; those are
 * shown in the table as small, not named in the sentence.
 *
 * <p>Only rows of two JVMs of one run with block records are compared: counters of other runs or
 * files have no pairing, and the analysis does not make one up.
 */
public final class Underneath {

    /** The smallest relative change a sentence names. */
    public static final double MIN_CHANGE = 0.05;
    static final int MIN_CHANGE_PERCENT = 5;

    /** The sides a fork's counters may come from: the benchmark's JVM, then the server's own process. */
    static final List<String> SIDES = List.of("", CountedFork.SERVER_PREFIX);

    /**
     * The counters of one compared row.
     *
     * @param pair       the pair the row belongs to
     * @param row        the row
     * @param quantities the derived quantities compared, client then server, in {@link CounterQuantity} order
     * @param raw        every raw counter compared, in name order
     * @param note       why nothing was compared, or ""
     */
    public record RowCounters(JvmPair pair, RowComparison row, List<CounterChange> quantities, List<CounterChange> raw,
                              String note) {

        /** The quantities that changed. */
        public List<CounterChange> changed() {
            return quantities.stream().filter(CounterChange::changed).toList();
        }

        /** The client's quantity {@code q}, or null when not compared. */
        public CounterChange quantity(CounterQuantity q) {
            return quantities.stream().filter(c -> c.quantity() == q && !c.server()).findFirst().orElse(null);
        }
    }

    /** No counters anywhere (every run before counters). */
    public static final Underneath NONE = new Underneath(Map.of(), Map.of(), Set.of(), FlameGraphs.NONE);

    private final Map<String, RowCounters> rows;
    private final Map<String, RunInfo.Counting> counting;
    private final Set<String> countedRuns;
    private final FlameGraphs flameGraphs;

    private Underneath(Map<String, RowCounters> rows, Map<String, RunInfo.Counting> counting, Set<String> countedRuns,
                       FlameGraphs flameGraphs) {
        this.rows = rows;
        this.counting = counting;
        this.countedRuns = countedRuns;
        this.flameGraphs = flameGraphs;
    }

    /** These counters with the flame graphs the runs' explain step left ({@code read.FlameGraphReader}). */
    public Underneath withFlameGraphs(FlameGraphs f) {
        return new Underneath(rows, counting, countedRuns, f);
    }

    /** The flame graphs of the runs' flagged rows; {@link FlameGraphs#NONE} when none was found. */
    public FlameGraphs flameGraphs() {
        return flameGraphs;
    }

    /** The counters of every compared row of {@code pairs}, at significance level {@code alpha} per row. */
    public static Underneath build(ResultSet set, List<JvmPair> pairs, double alpha) {
        Set<String> countedRuns = new LinkedHashSet<>();
        Map<JvmId, Map<ResultKey.Row, Result>> cells = new HashMap<>();
        for (Result r : set.results()) {
            cells.computeIfAbsent(r.key().jvm(), k -> new HashMap<>()).putIfAbsent(r.key().row(), r);
            if (!r.counted().isEmpty()) {
                countedRuns.add(r.key().jvm().runId());
            }
        }
        Map<String, RunInfo.Counting> counting = new HashMap<>();
        set.runs().forEach((id, run) -> counting.put(id, run.counting()));
        if (countedRuns.isEmpty()) {
            return new Underneath(Map.of(), counting, Set.of(), FlameGraphs.NONE);
        }
        Map<String, RowCounters> rows = new LinkedHashMap<>();
        for (JvmPair p : pairs) {
            boolean sameRun = p.baseline().runId().equals(p.candidate().runId())
                    && set.runs().containsKey(p.baseline().runId());
            for (ComparisonTable t : p.tables()) {
                for (RowComparison r : t.rows()) {
                    Result base = cells.getOrDefault(p.baseline(), Map.of()).get(r.row());
                    Result cand = cells.getOrDefault(p.candidate(), Map.of()).get(r.row());
                    if (base == null || cand == null || base.counted().isEmpty() && cand.counted().isEmpty()) {
                        continue;
                    }
                    rows.put(key(p, r), compare(p, r, base, cand, sameRun, alpha));
                }
            }
        }
        return new Underneath(rows, counting, countedRuns, FlameGraphs.NONE);
    }

    /** The counters of row {@code r} of {@code p}; null when neither side counted. */
    public RowCounters of(JvmPair p, RowComparison r) {
        return rows.get(key(p, r));
    }

    /** Every row with counters, in the order of the pairs and their tables. */
    public List<RowCounters> all() {
        return List.copyOf(rows.values());
    }

    /** True when some result of run {@code runId} has counters. */
    public boolean counted(String runId) {
        return countedRuns.contains(runId);
    }

    /** True when some result of any run has counters. */
    public boolean any() {
        return !countedRuns.isEmpty();
    }

    /** What run.json says of the run's counters; {@link RunInfo.Counting#NOT_RECORDED} when it says nothing. */
    public RunInfo.Counting counting(String runId) {
        return counting.getOrDefault(runId, RunInfo.Counting.NOT_RECORDED);
    }

    private static String key(JvmPair p, RowComparison r) {
        return p.baseline().key() + "\u0000" + p.candidate().key() + "\u0000" + r.row();
    }

    static RowCounters compare(JvmPair p, RowComparison r, Result base, Result cand, boolean sameRun, double alpha) {
        if (base.counted().isEmpty() || cand.counted().isEmpty()) {
            return new RowCounters(p, r, List.of(), List.of(), "counters only on the "
                    + (base.counted().isEmpty() ? "candidate" : "baseline") + ": nothing to compare");
        }
        Map<Integer, CountedFork> bx = byBlock(base);
        Map<Integer, CountedFork> by = byBlock(cand);
        List<Integer> blocks = new ArrayList<>(new TreeMap<>(bx).keySet());
        blocks.retainAll(by.keySet());
        if (!sameRun || blocks.isEmpty()) {
            return new RowCounters(p, r, List.of(), List.of(), "counters not paired by block (other runs, or no block "
                    + "records): not compared");
        }
        List<CountedFork> xs = blocks.stream().map(bx::get).toList();
        List<CountedFork> ys = blocks.stream().map(by::get).toList();
        List<CounterChange> quantities = new ArrayList<>();
        for (String side : SIDES) {
            for (CounterQuantity q : CounterQuantity.values()) {
                CounterChange c = quantity(q, side, xs, ys);
                if (c != null) {
                    quantities.add(c);
                }
            }
        }
        Set<String> names = new java.util.TreeSet<>();
        xs.forEach(f -> names.addAll(f.counters().keySet()));
        Set<String> other = new java.util.HashSet<>();
        ys.forEach(f -> other.addAll(f.counters().keySet()));
        names.retainAll(other);
        List<CounterChange> raw = new ArrayList<>();
        for (String name : names) {
            double[] x = new double[xs.size()];
            double[] y = new double[ys.size()];
            boolean lower = false;
            String unit = "";
            for (int i = 0; i < xs.size(); i++) {
                Counter a = xs.get(i).counters().get(name);
                Counter b = ys.get(i).counters().get(name);
                x[i] = a == null ? Double.NaN : a.perOp();
                y[i] = b == null ? Double.NaN : b.perOp();
                lower |= a != null && a.lowerBound() || b != null && b.lowerBound();
                unit = a != null ? a.unit() : unit;
            }
            raw.add(change(name, null, name.startsWith(CountedFork.SERVER_PREFIX), name, unit, x, y, lower));
        }
        List<CounterChange> compared = new ArrayList<>(holm(quantities, alpha));
        int afterClient = (int) compared.stream().filter(c -> !c.server()).count();
        compared.addAll(afterClient, bytesPerCall(r, xs, ys, compared, alpha));
        return new RowCounters(p, r, List.copyOf(compared), holm(raw, alpha), "");
    }

    /**
     * Bytes per write(2) and per read(2) of a row whose benchmark knows its bytes per operation
     * ({@link KnownBytes}): per fork, those bytes ÷ the fork's calls per operation, compared by block as
     * every counter is. The bytes are the same on both sides, so the ratio is the inverse of the calls'
     * ratio, its interval the inverse interval, and its test the calls' own (same p before and after
     * Holm; it is not a further hypothesis, so it does not enter the row's Holm family). Not derived,
     * with the reason as its note, when the calls were not counted, were 0 on a side in some block, or
     * were counted on one end only ({@link KnownBytes#coversBothEnds}).
     */
    static List<CounterChange> bytesPerCall(RowComparison r, List<CountedFork> xs, List<CountedFork> ys, List<CounterChange> compared,
                                            double alpha) {
        java.util.OptionalDouble known = KnownBytes.perOp(r.row().benchmark(), r.row().params());
        if (known.isEmpty()) {
            return List.of();
        }
        double bytes = known.getAsDouble();
        List<CounterChange> out = new ArrayList<>();
        for (CounterQuantity q : List.of(CounterQuantity.BYTES_PER_WRITE, CounterQuantity.BYTES_PER_READ)) {
            CounterQuantity calls = q.calls();
            CounterChange c = compared.stream().filter(x -> x.quantity() == calls && !x.server()).findFirst().orElse(null);
            CounterNames.Source src = source(calls, "", xs, ys);
            String why = c == null || src == null ? "no " + calls.label() + " counted in this run"
                    : !KnownBytes.coversBothEnds(r.row().params(), src == CounterNames.Source.PERFNORM)
                    ? calls.label() + " counted on the client's end only (/proc, or a remote server), the bytes are both ends'"
                    : c.method() != CounterChange.Method.RATIO ? calls.label() + " is 0 on a side in some block" : null;
            String what = fmt(bytes) + " B/op ÷ " + calls.label() + (c == null ? "" : " (" + c.what() + ")");
            if (why != null) {
                out.add(new CounterChange(q.label(), q, false, what, q.unit(), 0, Double.NaN, Double.NaN,
                        CounterChange.Method.RATIO, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        CounterChange.Status.CANNOT_TELL, "not derived: " + why));
                continue;
            }
            double[] x = new double[xs.size()];
            double[] y = new double[ys.size()];
            for (int i = 0; i < xs.size(); i++) {
                x[i] = bytes / calls.value(xs.get(i).counters(), "", src);
                y[i] = bytes / calls.value(ys.get(i).counters(), "", src);
            }
            CounterChange d = change(q.label(), q, false, what, q.unit(), x, y, false);
            out.add(d.adjusted(c.pAdjusted(), alpha, MIN_CHANGE));
        }
        return out;
    }

    private static String fmt(double bytes) {
        return String.format(java.util.Locale.ROOT, "%.0f", bytes);
    }

    /** The first source of {@code q}'s terms in which some block has a value on both sides; null when none. */
    private static CounterNames.Source source(CounterQuantity q, String side, List<CountedFork> xs, List<CountedFork> ys) {
        for (CounterNames.Source src : CounterNames.Source.values()) {
            if (q.terms(src).isEmpty()) {
                continue;
            }
            for (int i = 0; i < xs.size(); i++) {
                if (Double.isFinite(q.value(xs.get(i).counters(), side, src)) && Double.isFinite(q.value(ys.get(i).counters(), side, src))) {
                    return src;
                }
            }
        }
        return null;
    }

    /** The comparison of {@code q} on one side, from the first source both JVMs' forks have; null when none has it. */
    private static CounterChange quantity(CounterQuantity q, String side, List<CountedFork> xs, List<CountedFork> ys) {
        for (CounterNames.Source src : CounterNames.Source.values()) {
            if (q.terms(src).isEmpty()) {
                continue;
            }
            double[] x = new double[xs.size()];
            double[] y = new double[ys.size()];
            int both = 0;
            boolean lower = false;
            for (int i = 0; i < xs.size(); i++) {
                x[i] = q.value(xs.get(i).counters(), side, src);
                y[i] = q.value(ys.get(i).counters(), side, src);
                both += Double.isFinite(x[i]) && Double.isFinite(y[i]) ? 1 : 0;
                lower |= lowerBound(q, src, side, xs.get(i)) || lowerBound(q, src, side, ys.get(i));
            }
            if (both == 0) {
                continue;
            }
            String what = q.what(xs.get(0).counters(), side, src);
            String name = (side.isEmpty() ? "" : "server ") + q.label();
            return change(name, q, !side.isEmpty(), what, q.unit(), x, y, lower);
        }
        return null;
    }

    private static boolean lowerBound(CounterQuantity q, CounterNames.Source src, String side, CountedFork f) {
        for (String t : q.terms(src).keySet()) {
            Counter c = f.counters().get(side + t);
            if (c != null && c.lowerBound()) {
                return true;
            }
        }
        return false;
    }

    /** One counter's paired comparison, before Holm: a ratio when every pair is &gt; 0, else a difference. */
    static CounterChange change(String name, CounterQuantity q, boolean server, String what, String unit, double[] x,
                                double[] y, boolean lowerBound) {
        int n = 0;
        boolean positive = true;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                n++;
                positive &= x[i] > 0 && y[i] > 0;
            }
        }
        double[] px = new double[n];
        double[] py = new double[n];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                px[k] = x[i];
                py[k++] = y[i];
            }
        }
        String note = lowerBound ? "a lower bound on a side: threads exited in every iteration (/proc)" : "";
        if (n > 0 && positive) {
            PairedRatio r = PairedRatio.of(px, py, Comparisons.CONFIDENCE);
            return new CounterChange(name, q, server, what, unit, n, geomean(px), geomean(py),
                    CounterChange.Method.RATIO, r.ratio(), r.low(), r.high(), r.p(), Double.NaN,
                    CounterChange.Status.CANNOT_TELL, note);
        }
        PairedDifference d = PairedDifference.of(px, py, Comparisons.CONFIDENCE);
        return new CounterChange(name, q, server, what, unit, n, mean(px), mean(py), CounterChange.Method.DIFFERENCE,
                d.diff(), d.low(), d.high(), d.p(), Double.NaN, CounterChange.Status.CANNOT_TELL, note);
    }

    private static List<CounterChange> holm(List<CounterChange> changes, double alpha) {
        double[] p = changes.stream().mapToDouble(CounterChange::p).toArray();
        double[] adj = Holm.adjust(p);
        List<CounterChange> out = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            out.add(changes.get(i).adjusted(adj[i], alpha, MIN_CHANGE));
        }
        return List.copyOf(out);
    }

    /** Block → the first fork of that block with counters. */
    private static Map<Integer, CountedFork> byBlock(Result r) {
        Map<Integer, CountedFork> out = new HashMap<>();
        for (CountedFork f : r.counted()) {
            if (f.block() != Result.NO_BLOCK) {
                out.putIfAbsent(f.block(), f);
            }
        }
        return out;
    }

    private static double geomean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double d : v) {
            s += Math.log(d);
        }
        return Math.exp(s / v.length);
    }

    private static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }
}
