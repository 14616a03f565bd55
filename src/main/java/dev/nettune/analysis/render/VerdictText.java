package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Design;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Verdict;
import dev.nettune.analysis.model.JvmId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * VerdictText writes the cross-JVM verdict of each JVM pair for the report's first screen: how many
 * rows are better, worse, without detectable difference, or cannot tell; the largest significant
 * changes with ratio and 95% interval, each linked to its table row; the smallest change the design
 * could detect; and for an A/A self-check the share of rows flagged against the 5% goal. Pairs in
 * which no row can tell (older single-fork runs) are summed up in one sentence.
 */
final class VerdictText {

    /** Significant rows named per pair. */
    static final int LARGEST = 3;
    /** The A/A self-check's goal: at most this share of rows flagged. */
    static final double SELF_CHECK_GOAL = 0.05;

    private final Function<JvmId, String> names;
    private final ComparisonTables tables;

    VerdictText(Function<JvmId, String> names, boolean manyRuns) {
        this.names = names;
        this.tables = new ComparisonTables(names, manyRuns);
    }

    /** One bullet per pair with something to tell; one more for all pairs that cannot tell. */
    String bullets(List<JvmPair> pairs) {
        StringBuilder out = new StringBuilder();
        List<JvmPair> silent = new ArrayList<>();
        for (JvmPair p : pairs) {
            List<RowComparison> rows = rows(p);
            if (rows.isEmpty()) {
                continue;
            }
            if (rows.stream().allMatch(r -> r.verdict() == Verdict.CANNOT_TELL)) {
                silent.add(p);
                continue;
            }
            out.append("- ").append(bullet(p, rows)).append('\n');
        }
        if (!silent.isEmpty()) {
            int n = silent.stream().mapToInt(p -> rows(p).size()).sum();
            Map<String, Integer> reasons = new LinkedHashMap<>();
            silent.forEach(p -> rows(p).forEach(r -> reasons.merge(r.note() == null || r.note().isBlank()
                    ? "too few forks" : r.note(), 1, Integer::sum)));
            String reason = reasons.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            List<String> links = new ArrayList<>();
            for (JvmPair p : silent) {
                links.add("[" + Text.md(tables.title(p)) + "](#" + ComparisonTables.pairAnchor(p) + ")");
            }
            out.append("- ").append(silent.size() == 1 ? "One pair" : silent.size() + " pairs").append(" (")
                    .append(Text.count(n, "row", "rows")).append(") cannot tell: ").append(Text.md(reason))
                    .append(". The ratios and their sizes are in the tables: ")
                    .append(String.join(", ", links.subList(0, Math.min(links.size(), 6))))
                    .append(links.size() > 6 ? " and " + (links.size() - 6) + " more" : "").append(".\n");
        }
        return out.toString();
    }

    /** The verdict of one pair in one paragraph. */
    String bullet(JvmPair p, List<RowComparison> rows) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        rows.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        int better = counts.getOrDefault(Verdict.BETTER, 0);
        int worse = counts.getOrDefault(Verdict.WORSE, 0);
        int same = counts.getOrDefault(Verdict.SAME, 0);
        int cannot = counts.getOrDefault(Verdict.CANNOT_TELL, 0);
        StringBuilder s = new StringBuilder();
        s.append("**[").append(Text.md(tables.title(p))).append("](#").append(ComparisonTables.pairAnchor(p)).append(")** (")
                .append(ComparisonTables.relation(p)).append("; ").append(design(rows)).append("): ");
        if (p.relation() == JvmPair.Relation.SELF_CHECK) {
            int flagged = better + worse;
            int tested = rows.size() - cannot;
            s.append(flagged).append(" of ").append(Text.count(tested, "row", "rows")).append(" flagged (")
                    .append(Text.share(flagged, tested)).append(" false positives; goal ≤ ")
                    .append(Text.share((int) Math.round(SELF_CHECK_GOAL * 100), 100)).append(")")
                    .append(tested == 0 ? "" : flagged <= SELF_CHECK_GOAL * tested ? ", within the goal" : ", above the goal")
                    .append(cannot > 0 ? "; " + cannot + " cannot tell" : "").append('.');
        } else {
            s.append("of ").append(Text.count(rows.size(), "row", "rows")).append(", ").append(better).append(" better, ")
                    .append(worse).append(" worse, ").append(same).append(" no detectable difference")
                    .append(cannot > 0 ? ", " + cannot + " cannot tell" : "").append('.');
        }
        List<RowComparison> flagged = rows.stream().filter(r -> r.verdict() == Verdict.BETTER || r.verdict() == Verdict.WORSE)
                .sorted(Comparator.comparingDouble((RowComparison r) -> -Math.abs(Math.log(r.ratio())))).toList();
        if (!flagged.isEmpty()) {
            s.append(flagged.size() > LARGEST ? " Largest: " : " Flagged: ");
            List<String> items = new ArrayList<>();
            for (RowComparison r : flagged.subList(0, Math.min(LARGEST, flagged.size()))) {
                items.add("[" + Text.md(rowName(r, rows)) + "](#" + ComparisonTables.rowAnchor(p, r) + ") "
                        + Text.ratioCi(r.ratio(), r.low(), r.high()) + " " + (r.verdict() == Verdict.BETTER ? "better" : "worse"));
            }
            s.append(String.join("; ", items)).append('.');
        } else if (same > 0) {
            RowComparison biggest = rows.stream().filter(r -> Double.isFinite(r.ratio()))
                    .max(Comparator.comparingDouble(r -> Math.abs(Math.log(r.ratio())))).orElse(null);
            if (biggest != null) {
                s.append(" Largest estimate, not significant: [").append(Text.md(rowName(biggest, rows))).append("](#")
                        .append(ComparisonTables.rowAnchor(p, biggest)).append(") ")
                        .append(Text.ratioCi(biggest.ratio(), biggest.low(), biggest.high())).append('.');
            }
        }
        double[] det = rows.stream().mapToDouble(RowComparison::detectable).filter(Double::isFinite).sorted().toArray();
        if (det.length > 0) {
            // the median only: the range's far end is the least precise row (an erratic point's ±10000%),
            // which tells a reader nothing about the design; each row's own figure is in its table
            s.append(" On a typical row (the median) the design detects a change of ").append(Text.plusMinus(det[det.length / 2]))
                    .append(" or more with 80% power; each row's own figure is in the table's `detectable` column.");
        }
        return s.toString();
    }

    /** "8 paired blocks per point" or "3 forks per JVM, unpaired". */
    private static String design(List<RowComparison> rows) {
        Map<Design, Integer> d = new EnumMap<>(Design.class);
        rows.forEach(r -> d.merge(r.design(), 1, Integer::sum));
        Design main = d.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(Design.TOO_FEW);
        int[] ns = rows.stream().filter(r -> r.design() == main).mapToInt(RowComparison::n).sorted().toArray();
        String n = ns.length == 0 ? "?" : ns[0] == ns[ns.length - 1] ? Integer.toString(ns[0]) : ns[0] + "–" + ns[ns.length - 1];
        switch (main) {
            case PAIRED: return n + " paired blocks per row";
            case UNPAIRED: return n + " forks per side, unpaired";
            default: return "too few forks to test";
        }
    }

    /** The row's benchmark, the parameters that vary between the pair's rows of it, and a mode other than thrpt. */
    static String rowName(RowComparison r, List<RowComparison> all) {
        java.util.Set<String> same = new java.util.HashSet<>();
        for (Map.Entry<String, String> e : r.row().params().entrySet()) {
            boolean constant = all.stream().filter(o -> o.row().benchmark().equals(r.row().benchmark()))
                    .allMatch(o -> e.getValue().equals(o.row().params().get(e.getKey())));
            if (constant) {
                same.add(e.getKey());
            }
        }
        String p = Text.params(r.row().params(), same);
        return Text.benchName(r.row().benchmark()) + (p.isEmpty() ? "" : " " + p)
                + ("thrpt".equals(r.row().mode()) ? "" : " (" + r.row().mode() + ")");
    }

    private static List<RowComparison> rows(JvmPair p) {
        return p.tables().stream().flatMap(t -> t.rows().stream()).toList();
    }
}
