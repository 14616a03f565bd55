package dev.nettune.analysis.render;

import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.ResultSet;

import java.util.List;
import java.util.Map;

/**
 * A Report is everything one report shows, computed before any text is written: the selected
 * results, the family answers, the JVM pairs with their comparison tables, the charts drawn, the
 * appendices, and the words that describe the selection.
 *
 * @param title        the README's title
 * @param scope        how sentences name what was analysed: "this run", "these runs"
 * @param set          the selected results
 * @param answers      one answer per family question
 * @param pairs        the JVM pairs compared
 * @param familyCharts charts of each family's question, with the run they were drawn from
 * @param forestCharts the forest plot of each pair, by {@link #pairKey}; a pair may have none
 * @param appendices   appendix files, relative to the report, in the order listed
 * @param selection    the selection in words ("runs A, B; filter 'Coalescing*'"); "" for everything
 * @param alpha        significance level of the comparisons
 * @param placements   per JVM, its points with the server placed elsewhere against in process
 *                     ({@link dev.nettune.analysis.compare.PlacementComparisons}); empty when none
 * @param steadiness   drift within forks and spread between them, per JVM × point
 */
public record Report(String title, String scope, ResultSet set, List<Answer> answers, List<JvmPair> pairs,
                     Map<FamilyDescriptor, FamilyCharts> familyCharts, Map<String, Charts.Link> forestCharts,
                     List<String> appendices, String selection, double alpha, List<JvmPair> placements,
                     Steadiness steadiness) {

    /**
     * The charts of one family's question.
     *
     * @param runId the run they were drawn from ("" when from several)
     * @param links the charts
     */
    public record FamilyCharts(String runId, List<Charts.Link> links) {
    }

    /** The key of a pair in {@link #forestCharts}. */
    public static String pairKey(JvmPair pair) {
        return ComparisonTables.pairAnchor(pair);
    }

    /** The method of the runs, in one line: blocks, seed, timing; or what older runs did. */
    public String methodLine() {
        java.util.Set<String> lines = new java.util.LinkedHashSet<>();
        for (var run : set.runs().values()) {
            Map<String, String> m = run.method();
            if (m.isEmpty()) {
                lines.add("runs before randomized interleaved blocks: each JVM's forks ran after the other's, so JVMs "
                        + "are compared unpaired (with one fork per JVM a row cannot tell)");
                continue;
            }
            StringBuilder s = new StringBuilder(m.getOrDefault("design", "blocks"));
            if (m.containsKey("blocks")) {
                s.append(", ").append(m.get("blocks")).append(" blocks per point");
            }
            String ci = m.get("ciTarget");
            if (ci != null && !ci.equals("null") && !ci.isEmpty()) {
                s.append(" (more, up to ").append(m.getOrDefault("maxBlocks", "?"))
                        .append(", until the 95% interval is within ±").append(ci).append(')');
            }
            if (m.containsKey("warmup")) {
                s.append(", warm-up ").append(m.get("warmup"));
            }
            if (m.containsKey("measurement")) {
                s.append(", measurement ").append(m.get("measurement"));
            }
            if (m.containsKey("seed")) {
                s.append(", seed ").append(m.get("seed"));
            }
            lines.add(s.toString());
        }
        if (lines.isEmpty()) {
            return "Method: JMH results read from files without run metadata: forks as JMH wrote them, compared unpaired.";
        }
        return "Method: " + String.join("; ", lines) + ". [More](#method).";
    }
}
