package dev.nettune.analysis.render;

import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.compare.Underneath;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;

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
 * @param runOrder     the run ids, oldest first
 * @param filteredOut  ids of the family questions measured in the selected runs but removed by {@code --filter}
 * @param underneath   the counters per operation of the compared rows ({@link Underneath#NONE} without counters)
 */
public record Report(String title, String scope, ResultSet set, List<Answer> answers, List<JvmPair> pairs,
                     Map<FamilyDescriptor, FamilyCharts> familyCharts, Map<String, Charts.Link> forestCharts,
                     List<String> appendices, String selection, double alpha, List<JvmPair> placements,
                     Steadiness steadiness, List<String> runOrder, java.util.Set<String> filteredOut,
                     Underneath underneath) {

    /** A report without counters. */
    public Report(String title, String scope, ResultSet set, List<Answer> answers, List<JvmPair> pairs,
                  Map<FamilyDescriptor, FamilyCharts> familyCharts, Map<String, Charts.Link> forestCharts,
                  List<String> appendices, String selection, double alpha, List<JvmPair> placements,
                  Steadiness steadiness, List<String> runOrder, java.util.Set<String> filteredOut) {
        this(title, scope, set, answers, pairs, familyCharts, forestCharts, appendices, selection, alpha, placements,
                steadiness, runOrder, filteredOut, Underneath.NONE);
    }

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

    /**
     * The method of the runs, in one line: each distinct design once (blocks, timing), with how many
     * runs used it; the per-run seeds are in the environment appendix, not here.
     */
    public String methodLine() {
        Map<String, Integer> designs = new java.util.LinkedHashMap<>();
        boolean seeds = false;
        for (var run : set.runs().values()) {
            Map<String, String> m = run.method();
            if (m.isEmpty()) {
                designs.merge("runs before randomized interleaved blocks: each JVM's forks ran after the other's, so JVMs "
                        + "are compared unpaired (with one fork per JVM a row cannot tell)", 1, Integer::sum);
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
            String perClass = perClassWarmup(m);
            if (perClass != null) {
                s.append(", warm-up by class (its profile file's @warmup, from the calibration) ").append(perClass);
            } else if (m.containsKey("warmup")) {
                s.append(", warm-up ").append(m.get("warmup"));
            }
            if (m.containsKey("measurement")) {
                s.append(", measurement ").append(m.get("measurement"));
            }
            String pinned = pinned(m);
            if (pinned != null) {
                s.append(", pinned by profile (taskset, client and server alike) ").append(pinned);
            }
            seeds |= m.containsKey("seed");
            designs.merge(s.toString(), 1, Integer::sum);
        }
        if (designs.isEmpty()) {
            return "Method: JMH results read from files without run metadata: forks as JMH wrote them, compared unpaired.";
        }
        boolean many = set.runs().size() > 1;
        List<String> lines = new java.util.ArrayList<>();
        designs.forEach((d, n) -> lines.add(many ? d + " (" + n + (n == 1 ? " run)" : " runs)") : d));
        return "Method: " + String.join("; ", lines) + "." + (seeds ? " Each run's shuffle seed is in [the environment]("
                + Appendix.ENVIRONMENT + ")." : "") + " [More](#method).";
    }

    /** "RoundTrip to CPU 0, ConnectionScaling connections=1 to CPU 0" when the run pinned points by profile, else null. */
    private static String pinned(Map<String, String> m) {
        List<String> parts = new java.util.ArrayList<>();
        m.forEach((k, v) -> {
            if (k.startsWith(RunInfo.PINNED_PREFIX)) {
                String cls = k.substring(RunInfo.PINNED_PREFIX.length()).replaceFirst("Benchmark$", "");
                for (String entry : v.split(",")) {
                    int colon = entry.indexOf(':');
                    parts.add(cls + (colon < 0 ? "" : " " + entry.substring(colon + 1).replace(";", " ")) + " to CPU "
                            + (colon < 0 ? entry : entry.substring(0, colon)));
                }
            }
        });
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    /**
     * "RoundTrip 1, Coalescing 6 (x 1 s)" when the run recorded a warm-up per class, else null: the
     * run-wide warm-up in the method map is then only the default of classes without one.
     */
    private static String perClassWarmup(Map<String, String> m) {
        List<String> parts = new java.util.ArrayList<>();
        m.forEach((k, v) -> {
            if (k.startsWith(RunInfo.WARMUP_PREFIX)) {
                parts.add(k.substring(RunInfo.WARMUP_PREFIX.length()).replaceFirst("Benchmark$", "") + " " + v);
            }
        });
        if (parts.isEmpty()) {
            return null;
        }
        String w = m.getOrDefault("warmup", "");
        int x = w.indexOf(" x ");
        return String.join(", ", parts) + (x < 0 ? " iterations" : " (x " + w.substring(x + 3) + ")");
    }
}
