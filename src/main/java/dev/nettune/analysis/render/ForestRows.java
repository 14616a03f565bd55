package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Design;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.compare.Verdict;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.render.svg.ForestChart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * ForestRows turns one {@link JvmPair} into the rows and texts of its forest plot.
 *
 * <p>What is plotted is the candidate's <em>speed-up</em> over the baseline, so that right of 1.0 is
 * always "candidate better": for a throughput row it is the ratio of scores candidate / baseline as
 * the comparison reports it; for a time-per-operation row (lower is better) it is the inverse,
 * baseline / candidate, with the interval inverted accordingly, and the row is marked "†". Rows are
 * grouped by family (in the order of the comparison tables), each group under its family's title when
 * there are several, and sorted by speed-up within it, largest first; rows without an estimate last.
 * The right column gives the row's ratio as its table prints it, so a time row reads "1.02 (time, drawn
 * at 0.985)": the position always says better or worse, the number is the table's.
 */
final class ForestRows {

    /** Marks rows whose unit is a time (plotted inverted). */
    static final String TIME_MARK = " †";

    private ForestRows() {
    }

    /** A Plotted is one comparison row with its plotted speed-up and interval, and its family's index. */
    record Plotted(RowComparison row, String label, double speedUp, double low, double high, int family) {
    }

    /** The rows of {@code pair}, sorted as drawn. */
    static List<Plotted> rows(JvmPair pair) {
        return rows(pair, Steadiness.none());
    }

    /** The rows of {@code pair}, sorted as drawn, each label ending in the row's marks from {@code steadiness}. */
    static List<Plotted> rows(JvmPair pair, Steadiness steadiness) {
        List<RowComparison> all = pair.tables().stream().flatMap(t -> t.rows().stream()).toList();
        List<dev.nettune.analysis.family.FamilyDescriptor> families = pair.tables().stream()
                .map(dev.nettune.analysis.compare.ComparisonTable::family).distinct().toList();
        Map<RowComparison, Integer> familyOf = new java.util.IdentityHashMap<>();
        pair.tables().forEach(t -> t.rows().forEach(r -> familyOf.put(r, families.indexOf(t.family()))));
        Map<String, Set<String>> varying = varyingParams(all);
        Map<String, Set<String>> modes = new HashMap<>();
        all.forEach(r -> modes.computeIfAbsent(r.row().benchmark(), k -> new HashSet<>()).add(r.row().mode()));
        List<Plotted> out = new ArrayList<>();
        for (RowComparison r : all) {
            ResultKey.Row row = r.row();
            StringBuilder label = new StringBuilder(shortLabel(row.shortName()));
            if (modes.get(row.benchmark()).size() > 1) {
                label.append(" [").append(row.mode()).append(']');
            }
            for (Map.Entry<String, String> e : row.params().entrySet()) {
                if (varying.get(row.benchmark()).contains(e.getKey())) {
                    label.append(' ').append(e.getKey()).append('=').append(e.getValue());
                }
            }
            boolean higher = r.higherIsBetter();
            if (!higher) {
                label.append(TIME_MARK);
            }
            String marks = steadiness.marks(pair, r);
            if (!marks.isEmpty()) {
                label.append(' ').append(marks);
            }
            double s = higher ? r.ratio() : 1 / r.ratio();
            double lo = higher ? r.low() : 1 / r.high();
            double hi = higher ? r.high() : 1 / r.low();
            out.add(new Plotted(r, label.toString(), finite(s), finite(lo), finite(hi), familyOf.get(r)));
        }
        out.sort(Comparator.comparingInt(Plotted::family).thenComparing((Plotted p) -> Double.isNaN(p.speedUp()))
                .thenComparing(Comparator.comparingDouble(Plotted::speedUp).reversed())
                .thenComparing(Plotted::label));
        return out;
    }

    /** {@code FooBenchmark.bar} becomes {@code Foo.bar}: the suffix says nothing in a chart of benchmarks. */
    static String shortLabel(String shortName) {
        int dot = shortName.indexOf('.');
        String cls = dot < 0 ? shortName : shortName.substring(0, dot);
        if (cls.endsWith("Benchmark") && cls.length() > "Benchmark".length()) {
            return cls.substring(0, cls.length() - "Benchmark".length()) + shortName.substring(cls.length());
        }
        return shortName;
    }

    /** Per benchmark, the parameters whose value differs between its rows (the others go unsaid). */
    private static Map<String, Set<String>> varyingParams(List<RowComparison> rows) {
        Map<String, Map<String, Set<String>>> values = new HashMap<>();
        for (RowComparison r : rows) {
            Map<String, Set<String>> v = values.computeIfAbsent(r.row().benchmark(), k -> new LinkedHashMap<>());
            r.row().params().forEach((k, val) -> v.computeIfAbsent(k, x -> new HashSet<>()).add(val));
        }
        Map<String, Set<String>> out = new HashMap<>();
        values.forEach((b, v) -> out.put(b, v.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toSet())));
        return out;
    }

    private static double finite(double v) {
        return Double.isFinite(v) && v > 0 ? v : Double.NaN;
    }

    /** The chart of {@code pair}. */
    static ForestChart chart(JvmPair pair, Function<JvmId, String> names) {
        return chart(pair, names, Steadiness.none());
    }

    /** The chart of {@code pair}, rows marked by {@code steadiness} and the marks explained under the legend. */
    static ForestChart chart(JvmPair pair, Function<JvmId, String> names, Steadiness steadiness) {
        String cand = names.apply(pair.candidate());
        String base = names.apply(pair.baseline());
        List<Plotted> plotted = rows(pair, steadiness);
        StringBuilder allMarks = new StringBuilder();
        plotted.forEach(p -> allMarks.append(steadiness.marks(pair, p.row())));
        List<ForestChart.Row> rows = new ArrayList<>();
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        Map<Design, Integer> designs = new EnumMap<>(Design.class);
        boolean anyTime = false;
        List<dev.nettune.analysis.family.FamilyDescriptor> families = pair.tables().stream()
                .map(dev.nettune.analysis.compare.ComparisonTable::family).distinct().toList();
        int group = -1;
        for (Plotted p : plotted) {
            if (families.size() > 1 && p.family() != group) {
                group = p.family();
                rows.add(new ForestChart.Row(families.get(group).title() + ":", Double.NaN, Double.NaN, Double.NaN,
                        ForestChart.Mark.NO_CLAIM, ""));
            }
            RowComparison r = p.row();
            counts.merge(r.verdict(), 1, Integer::sum);
            designs.merge(r.design(), 1, Integer::sum);
            anyTime |= !r.higherIsBetter();
            ForestChart.Mark mark = switch (r.verdict()) {
                case BETTER -> ForestChart.Mark.BETTER;
                case WORSE -> ForestChart.Mark.WORSE;
                case SAME -> ForestChart.Mark.SAME;
                case CANNOT_TELL -> ForestChart.Mark.NO_CLAIM;
            };
            String right;
            if (Double.isNaN(p.speedUp())) {
                right = "no estimate, n=" + r.n();
            } else if (mark == ForestChart.Mark.NO_CLAIM || Double.isNaN(p.low())) {
                right = ratio(p.speedUp()) + "  n=" + r.n() + ": cannot tell";
            } else if (r.higherIsBetter()) {
                right = ratio(p.speedUp()) + " [" + ratio(p.low()) + ", " + ratio(p.high()) + "]  n=" + r.n();
            } else {
                // the table's figure (time candidate / baseline), and where it is drawn
                right = ratio(r.ratio()) + " [" + ratio(r.low()) + ", " + ratio(r.high()) + "]  n=" + r.n()
                        + "  time, drawn at " + ratio(p.speedUp());
            }
            rows.add(new ForestChart.Row(p.label(), p.speedUp(), p.low(), p.high(), mark, right));
        }
        String title = cand + " vs " + base + runs(pair);
        List<String> notes = new ArrayList<>();
        notes.add(relation(pair, cand, base));
        notes.add(plotted.size() + " benchmark point" + (plotted.size() == 1 ? "" : "s") + ": "
                + counts.getOrDefault(Verdict.BETTER, 0) + " better, " + counts.getOrDefault(Verdict.WORSE, 0)
                + " worse, " + counts.getOrDefault(Verdict.SAME, 0) + " no detectable difference, "
                + counts.getOrDefault(Verdict.CANNOT_TELL, 0) + " cannot tell.");
        if (plotted.isEmpty()) {
            notes.add("No benchmark point was measured on both JVMs.");
        }
        String xLabel = "speed-up of " + cand + " over " + base + " (log scale; 1 = no change)";
        List<String> legend = List.of(cand + " better (significant)", cand + " worse (significant)",
                "no detectable difference (95% CI)", "cannot tell (too few forks)");
        List<String> caption = new ArrayList<>();
        caption.add("Speed-up: throughput rows plot the score ratio " + cand + " / " + base + "; time-per-operation "
                + "rows (marked †, lower is better) plot " + base + " time / " + cand + " time. Right of 1 is always "
                + cand + " better. The right column gives each row's ratio as its table does (for a † row the time "
                + "ratio " + cand + " / " + base + ", above 1 when " + cand + " is slower) and where it is drawn.");
        caption.add(designText(designs) + " Significant: the test's p, after Holm's correction within each table "
                + "(family, mode, unit), is below the report's α; a grey interval that misses 1 did not survive the "
                + "correction.");
        String marksLegend = SteadinessText.legend(allMarks.toString());
        if (!marksLegend.isEmpty()) {
            caption.add(marksLegend.replace("(see Steady state)", "(see the report's Steady state section)"));
        }
        if (!anyTime) {
            caption.set(0, "Speed-up: the score ratio " + cand + " / " + base + " (all rows are throughput: higher is "
                    + "better). Right of 1 is " + cand + " better.");
        }
        return new ForestChart(new ForestChart.Spec(title, notes, "← " + cand + " worse", cand + " better →", xLabel,
                "ratio as in the table [95% CI]  n", rows, legend, caption));
    }

    private static String runs(JvmPair pair) {
        String a = pair.candidate().runId();
        String b = pair.baseline().runId();
        return a.equals(b) ? " (run " + a + ")" : " (runs " + a + " and " + b + ")";
    }

    private static String relation(JvmPair pair, String cand, String base) {
        return switch (pair.relation()) {
            case JDKS -> "Two JDKs of the same run.";
            case VARIANT -> cand + " is a variant (flags or placement) of " + base + ", in the same run.";
            case SELF_CHECK -> "A/A self-check: one JDK under two labels; every row flagged is a false positive.";
            case ACROSS_RUNS -> "JVMs of different runs (or files without block records): unpaired.";
            case PLACEMENT -> dev.nettune.analysis.compare.PlacementComparisons.paired(pair)
                    ? "One JVM, the server placed elsewhere against in process: placements paired by block."
                    : "One JVM, the server placed elsewhere against in process: unpaired points.";
        };
    }

    private static String designText(Map<Design, Integer> designs) {
        List<String> parts = new ArrayList<>();
        if (designs.containsKey(Design.PAIRED)) {
            parts.add("Paired rows (forks interleaved in randomized, mirrored blocks): n = blocks, mean per-block log "
                    + "ratio adjusted for which fork ran first, with its t interval.");
        }
        if (designs.containsKey(Design.UNPAIRED)) {
            parts.add("Unpaired rows: n = the smaller side's forks, ratio of geometric means with a Welch interval.");
        }
        if (designs.containsKey(Design.TOO_FEW)) {
            parts.add("Rows with fewer than 2 forks or blocks: no interval, no claim.");
        }
        return String.join(" ", parts);
    }

    /** A ratio with three decimals (four significant digits below 0.1). */
    static String ratio(double v) {
        return v >= 0.1 ? String.format(Locale.ROOT, "%.3f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
