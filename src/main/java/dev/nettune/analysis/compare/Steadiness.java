package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.stats.Drift;
import dev.nettune.stats.Holm;
import dev.nettune.stats.Spread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steadiness checks, for every JVM × point (cell) of a result set, whether its fork scores can be
 * trusted as steady-state measurements: the drift within forks, and the spread between them.
 *
 * <p><b>Drift.</b> {@link Drift}: per fork the slope of ln(score) over the measurement iterations, a
 * one-sample t over the forks. A cell drifts when both hold:
 * <ul>
 *   <li>its p, after Holm's correction over the tested cells of its run (every JVM and point: the
 *       warnings are claims about a run, and a run of ~34 cells would give one or two by chance at an
 *       unadjusted 0.05), is below alpha; and</li>
 *   <li>the estimated change from the first to the last measurement iteration is at least
 *       {@link #MIN_DRIFT} either way: a fork's score is the mean of its iterations, so a drift d moves
 *       it by about d/2 from either end, and below that a comparison could not see it anyway (the
 *       quick profile's paired intervals are a few percent wide at best).</li>
 * </ul>
 * A cell with one measurement iteration is not checked, and says so. The check sees a trend within
 * forks only: with two iterations a step, not a shape; never warm-up that ended before measurement
 * began; and a trend of the machine during each fork looks the same as one of the JVM.
 *
 * <p><b>Erratic.</b> A cell with at least {@link #MIN_FORKS_ERRATIC} forks whose fork scores have a
 * geometric coefficient of variation ({@link Spread}) of at least {@link #ERRATIC_GCV}: a typical fork
 * is then a factor 1.5 or more from the point's center, beyond the ±20–40% a point moves from minute to
 * minute on a shared machine, and a comparison over a handful of forks can only resolve differences of
 * that order: it is decided by the size of a difference, not by the precision of the measurement.
 * When the family knows why such a point is erratic ({@link dev.nettune.analysis.family.FamilyDescriptor#erraticCause}),
 * the cause comes with it.
 */
public final class Steadiness {

    /** Smallest first-to-last change a drift warning needs (relative, either direction). */
    public static final double MIN_DRIFT = 0.05;
    /** Geometric coefficient of variation of fork scores from which a cell is erratic. */
    public static final double ERRATIC_GCV = 0.5;
    /** Fewest forks with a score for the erratic classification. */
    public static final int MIN_FORKS_ERRATIC = 3;
    /** Mark of a comparison row with a drifting cell. */
    public static final String DRIFT_MARK = "‡";
    /** Mark of a comparison row with an erratic cell. */
    public static final String ERRATIC_MARK = "§";

    /**
     * A Cell is one JVM's result at one point, with its steadiness.
     *
     * @param result    the result checked
     * @param drift     the drift within its forks
     * @param pAdjusted the drift's p after Holm over the tested cells of its run; NaN when untested
     * @param drifting  true when the drift is significant after Holm and at least {@link #MIN_DRIFT}
     * @param spread    the spread of its fork scores
     * @param erratic   true when the spread is at least {@link #ERRATIC_GCV} over enough forks
     * @param cause     the family's known cause of the spread, or "" when none is known or it is not erratic
     */
    public record Cell(Result result, Drift drift, double pAdjusted, boolean drifting, Spread spread, boolean erratic,
                       String cause) {

        /** The JVM. */
        public JvmId jvm() {
            return result.key().jvm();
        }

        /** The point. */
        public ResultKey.Row row() {
            return result.key().row();
        }

        /** True when some fork has a single measurement iteration, so nothing was checked. */
        public boolean oneIteration() {
            return drift.iterations() < 2;
        }
    }

    /**
     * A Calibrated is a point the calibration found without a steady state, as the run's run.json
     * records it from the profile files ({@code <profile>.@unsteady}), read with the run, not from
     * the profile files of the jar doing the analysis.
     *
     * @param runId          the run
     * @param simpleClass    the benchmark class's simple name
     * @param params         the point's parameters as the calibration wrote them
     * @param classification "slow-down", "no-steady-state" or "inconsistent"
     */
    public record Calibrated(String runId, String simpleClass, Map<String, String> params, String classification) {
        /** True when {@code r} is this point: same run and class, and every parameter of the entry has r's value. */
        public boolean matches(Result r) {
            String b = r.key().benchmark();
            String cls = b.substring(0, Math.max(0, b.lastIndexOf('.')));
            return r.key().jvm().runId().equals(runId) && cls.substring(cls.lastIndexOf('.') + 1).equals(simpleClass)
                    && params.entrySet().stream().allMatch(e -> e.getValue().equals(r.key().params().get(e.getKey())));
        }
    }

    private final List<Cell> cells;
    private final Map<JvmId, Map<ResultKey.Row, Cell>> byJvm = new HashMap<>();
    private final double alpha;
    private List<Calibrated> calibrated = List.of();

    private Steadiness(List<Cell> cells, double alpha) {
        this.cells = List.copyOf(cells);
        this.alpha = alpha;
        for (Cell c : cells) {
            byJvm.computeIfAbsent(c.jvm(), k -> new HashMap<>()).putIfAbsent(c.row(), c);
        }
    }

    /** No cell checked: for reports built by hand. */
    public static Steadiness none() {
        return new Steadiness(List.of(), Comparisons.DEFAULT_ALPHA);
    }

    /** The checks of every result of {@code set}, Holm over each run's tested cells at {@code alpha}. */
    public static Steadiness of(ResultSet set, double alpha) {
        Map<String, List<Result>> byRun = new LinkedHashMap<>();
        for (Result r : set.results()) {
            byRun.computeIfAbsent(r.key().jvm().runId(), k -> new ArrayList<>()).add(r);
        }
        List<Cell> out = new ArrayList<>();
        for (List<Result> run : byRun.values()) {
            List<Drift> drifts = run.stream().map(r -> Drift.of(r.primary().samples(), Comparisons.CONFIDENCE)).toList();
            double[] adjusted = Holm.adjust(drifts.stream().mapToDouble(Drift::p).toArray());
            for (int i = 0; i < run.size(); i++) {
                Result r = run.get(i);
                Drift d = drifts.get(i);
                boolean drifting = adjusted[i] < alpha && Math.abs(d.change()) >= MIN_DRIFT;
                Spread s = Spread.of(r.primary().forkScores());
                boolean erratic = s.n() >= MIN_FORKS_ERRATIC && s.gcv() >= ERRATIC_GCV;
                String cause = erratic ? Families.of(r.key().benchmark()).erraticCause(r) : null;
                out.add(new Cell(r, d, adjusted[i], drifting, s, erratic, cause == null ? "" : cause));
            }
        }
        Steadiness st = new Steadiness(out, alpha);
        st.calibrated = calibrated(set);
        return st;
    }

    /** The calibration's unsteady points of every run of {@code set} (run.json's planned classes). */
    static List<Calibrated> calibrated(ResultSet set) {
        List<Calibrated> out = new ArrayList<>();
        set.runs().forEach((runId, info) -> info.method().forEach((k, v) -> {
            if (!k.startsWith(dev.nettune.analysis.model.RunInfo.UNSTEADY_PREFIX)) {
                return;
            }
            String cls = k.substring(dev.nettune.analysis.model.RunInfo.UNSTEADY_PREFIX.length());
            for (String entry : v.split(",")) {
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    continue; // not an entry the runner checked: the run's runner refused such files
                }
                Map<String, String> params = new java.util.TreeMap<>();
                for (String kv : entry.substring(colon + 1).split(";")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                    }
                }
                out.add(new Calibrated(runId, cls, params, entry.substring(0, colon).trim()));
            }
        }));
        return List.copyOf(out);
    }

    /** The points the calibration found without a steady state, as the runs recorded them. */
    public List<Calibrated> calibrated() {
        return calibrated;
    }

    /** The calibration's classification of {@code r}'s point, or null when it named none. */
    public String calibration(Result r) {
        return calibrated.stream().filter(c -> c.matches(r)).map(Calibrated::classification).findFirst().orElse(null);
    }

    /** Every cell, in the set's order. */
    public List<Cell> cells() {
        return cells;
    }

    /** The level the drift warnings were decided at. */
    public double alpha() {
        return alpha;
    }

    /** The cells that drift. */
    public List<Cell> drifting() {
        return cells.stream().filter(Cell::drifting).toList();
    }

    /** The erratic cells. */
    public List<Cell> erratic() {
        return cells.stream().filter(Cell::erratic).toList();
    }

    /** The cells with a single measurement iteration (drift not checked). */
    public List<Cell> unchecked() {
        return cells.stream().filter(Cell::oneIteration).toList();
    }

    /** The cell of {@code jvm} at {@code row}, or null. */
    public Cell cell(JvmId jvm, ResultKey.Row row) {
        return byJvm.getOrDefault(jvm, Map.of()).get(row);
    }

    /** The marks of one comparison row: {@link #DRIFT_MARK} and/or {@link #ERRATIC_MARK} when either side has it; "" when none. */
    public String marks(JvmPair pair, RowComparison r) {
        Cell b = cell(pair.baseline(), r.row());
        Cell c = cell(pair.candidate(), r.row());
        boolean drift = b != null && b.drifting() || c != null && c.drifting();
        boolean erratic = b != null && b.erratic() || c != null && c.erratic();
        return (drift ? DRIFT_MARK : "") + (erratic ? ERRATIC_MARK : "");
    }
}
