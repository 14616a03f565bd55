package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.ComparisonTable;
import dev.nettune.analysis.compare.Design;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.compare.Verdict;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.units.Units;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * ComparisonTables lays out one JVM pair's comparison as benchstat does: one table per family,
 * mode and unit; per row the two centers with their fork counts, the ratio with its 95% interval
 * (shown whether or not it is significant), the p-value before and after the table's correction,
 * n, the smallest change the design could detect, and the verdict, whose caveats become numbered
 * notes under the table. Parameters equal in every row of a table are said once above it. Each row
 * carries an anchor ({@link #rowAnchor}) that the summary links to.
 */
final class ComparisonTables {

    /** Unit label, the divisor and the direction sentence of one table. */
    private record Layout(Units.Scale scale, String heading) {
    }

    private final Function<dev.nettune.analysis.model.JvmId, String> names;
    private final boolean manyRuns;
    private final Steadiness steadiness;

    /**
     * Tables whose JVM names come from {@code names} (labels suffice within one run); with
     * {@code manyRuns} a pair's title names its run.
     */
    ComparisonTables(Function<dev.nettune.analysis.model.JvmId, String> names, boolean manyRuns) {
        this(names, manyRuns, Steadiness.none());
    }

    /** Tables as above whose rows carry the marks of {@code steadiness} ({@link Steadiness#marks}), explained under the table. */
    ComparisonTables(Function<dev.nettune.analysis.model.JvmId, String> names, boolean manyRuns, Steadiness steadiness) {
        this.names = names;
        this.manyRuns = manyRuns;
        this.steadiness = steadiness;
    }

    /** A JVM's name in a pair: its label when both are of one run, else its display name. */
    private String name(JvmPair pair, dev.nettune.analysis.model.JvmId j) {
        return sameRun(pair) ? j.label() : names.apply(j);
    }

    private static boolean sameRun(JvmPair pair) {
        return pair.baseline().runId().equals(pair.candidate().runId());
    }

    /** The anchor of a pair's section. */
    static String pairAnchor(JvmPair pair) {
        return Text.anchor("pair", pair.candidate().key(), pair.baseline().key());
    }

    /** The anchor of one row of a pair's tables. */
    static String rowAnchor(JvmPair pair, RowComparison r) {
        ResultKey.Row row = r.row();
        return Text.anchor("c", pair.candidate().label(), pair.baseline().label(), Text.benchName(row.benchmark()),
                row.paramsText(), row.mode(), pair.candidate().runId(), pair.baseline().runId());
    }

    /** Why the two JVMs are compared and how, in words. */
    static String relation(JvmPair pair) {
        boolean sameRun = pair.baseline().runId().equals(pair.candidate().runId());
        String where = sameRun ? "run " + pair.baseline().runId() : "runs " + pair.baseline().runId() + " and "
                + pair.candidate().runId();
        switch (pair.relation()) {
            case JDKS: return "two JDKs of " + where;
            case VARIANT: return "a variant against its base JDK, " + where;
            case SELF_CHECK: return "A/A self-check, " + where + ": one JDK under two labels, so every row flagged is a false positive";
            case PLACEMENT: return "one JVM's points with the server placed elsewhere against the same points with the server in"
                    + " process, " + where + (dev.nettune.analysis.compare.PlacementComparisons.paired(pair)
                    ? "; paired by block (the run interleaved the two placements in each block)"
                    : "; unpaired (the two points ran one after the other, not in shared blocks), so drift"
                    + " of the machine between them is not separated from the placement");
            default: return "JVMs of " + where + ", compared unpaired";
        }
    }

    /** The heading line of a pair: "jdk25 vs jdk17", with " (run X)" when the report has several runs. */
    String title(JvmPair pair) {
        return name(pair, pair.candidate()) + " vs " + name(pair, pair.baseline())
                + (manyRuns && sameRun(pair) ? " (run " + pair.baseline().runId() + ")" : "");
    }

    /** The whole section of one pair: heading with anchor, one table per family, mode and unit. */
    String section(JvmPair pair, String headingLevel) {
        StringBuilder out = new StringBuilder();
        out.append(headingLevel).append(' ').append(Text.anchorTag(pairAnchor(pair))).append(Text.md(title(pair)))
                .append("\n\n").append(capitalize(relation(pair))).append(".\n\n");
        for (ComparisonTable t : pair.tables()) {
            out.append(table(pair, t, headingLevel + "#"));
        }
        return out.toString();
    }

    /** One table with its heading, fixed parameters, notes and geometric mean. */
    String table(JvmPair pair, ComparisonTable t, String headingLevel) {
        Layout lay = layout(t);
        StringBuilder out = new StringBuilder();
        out.append(headingLevel).append(' ').append(t.family().title()).append(": ").append(lay.heading()).append("\n\n");
        Map<String, Set<String>> fixed = fixedParams(t.rows());
        Set<String> fixedNames = fixed.keySet();
        if (!fixed.isEmpty()) {
            StringBuilder f = new StringBuilder();
            fixed.forEach((k, v) -> f.append(f.length() == 0 ? "" : " ").append(k).append('=')
                    .append(Text.param(k, v.iterator().next())));
            out.append("Every row: ").append(Text.md(f.toString())).append(".\n\n");
        }
        String base = name(pair, pair.baseline());
        String cand = name(pair, pair.candidate());
        String unit = lay.scale().label().isEmpty() ? "" : " " + lay.scale().label();
        MarkdownTable mt = new MarkdownTable(List.of("benchmark", "params", base + unit + " (forks)",
                cand + unit + " (forks)", "ratio [95% CI]", "p (adj.)", "n", "detectable", "verdict"),
                new boolean[] {false, false, true, true, true, true, true, true, false});
        Map<String, Integer> notes = new LinkedHashMap<>();
        StringBuilder allMarks = new StringBuilder();
        for (RowComparison r : t.rows()) {
            String verdict = verdict(r.verdict());
            String marks = steadiness.marks(pair, r);
            allMarks.append(marks);
            if (r.note() != null && !r.note().isBlank()) {
                int k = notes.computeIfAbsent(r.note(), x -> notes.size() + 1);
                verdict += " (" + k + ")";
            }
            mt.add(Text.anchorTag(rowAnchor(pair, r)) + Text.md(Text.benchName(r.row().benchmark()))
                            + (marks.isEmpty() ? "" : " " + marks),
                    Text.md(Text.params(r.row().params(), fixedNames)),
                    center(lay.scale(), r.baselineCenter(), r.baselineForks()),
                    center(lay.scale(), r.candidateCenter(), r.candidateForks()),
                    Text.ratioCi(r.ratio(), r.low(), r.high()),
                    Double.isFinite(r.p()) ? Text.p(r.p()) + " (" + Text.p(r.pAdjusted()) + ")" : "—",
                    n(r), Text.plusMinus(r.detectable()), verdict);
        }
        out.append(mt.render()).append('\n');
        List<String> after = new ArrayList<>();
        notes.forEach((note, k) -> after.add("(" + k + ") " + Text.md(note)));
        String legend = SteadinessText.legend(allMarks.toString());
        if (!legend.isEmpty()) {
            after.add(legend.replace("(see Steady state)", "(see [Steady state](#" + SteadinessText.ANCHOR + "))"));
        }
        // no geometric mean of the rows' ratios: a table's rows are different questions (0.991 and 21.6
        // average to nothing a reader can use); what several runs say about one row is pooled instead
        if (!after.isEmpty()) {
            out.append(String.join("  \n", after)).append("\n\n");
        }
        return out.toString();
    }

    /** The scale of a table (from its baseline centers) and its heading: mode, unit shown, direction. */
    private static Layout layout(ComparisonTable t) {
        double[] centers = t.rows().stream().mapToDouble(RowComparison::baselineCenter).filter(Double::isFinite)
                .sorted().toArray();
        double rep = centers.length == 0 ? 1 : centers[centers.length / 2];
        Units.Scale scale = Units.scaleFor(t.unit(), "primary", rep);
        boolean higher = t.rows().isEmpty() ? ResultKey.higherIsBetter(t.mode(), t.unit())
                : t.rows().get(0).higherIsBetter();
        String heading = mode(t.mode()) + (scale.label().isEmpty() ? "" : ", " + scale.label()) + " ("
                + (higher ? "higher" : "lower") + " is better)";
        return new Layout(scale, heading);
    }

    /** JMH's mode in words. */
    static String mode(String mode) {
        switch (mode) {
            case "thrpt": return "throughput";
            case "avgt": return "average time";
            case "sample": return "sampled time";
            case "ss": return "single shot";
            default: return mode;
        }
    }

    private static String center(Units.Scale scale, double center, int forks) {
        return (Double.isFinite(center) ? scale.format(center) : "—") + " (" + forks + ")";
    }

    private static String n(RowComparison r) {
        if (r.design() == Design.PAIRED) {
            return Text.count(r.n(), "block", "blocks");
        }
        return r.baselineForks() + "+" + r.candidateForks() + " forks";
    }

    /** The verdict as the table shows it. */
    static String verdict(Verdict v) {
        switch (v) {
            case BETTER: return "**better**";
            case WORSE: return "**worse**";
            case SAME: return "~";
            default: return "cannot tell";
        }
    }

    /** Parameters with one value across all rows (and present in all), in the rows' order. */
    private static Map<String, Set<String>> fixedParams(List<RowComparison> rows) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        Map<String, Integer> present = new HashMap<>();
        for (RowComparison r : rows) {
            r.row().params().forEach((k, v) -> {
                values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v);
                present.merge(k, 1, Integer::sum);
            });
        }
        if (rows.size() < 2) {
            return Map.of();
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v.size() == 1 && present.get(k) == rows.size()) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
