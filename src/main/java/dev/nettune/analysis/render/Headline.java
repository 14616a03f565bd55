package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.ComparisonTable;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.compare.Synthesis;
import dev.nettune.analysis.compare.Underneath;
import dev.nettune.analysis.compare.Verdict;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.family.Points;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.stats.RandomEffectsPool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Headline writes the report's first section: did the newer JDK change anything? For the newest
 * comparison of two different JDKs (never an A/A self-check):
 * <ol>
 *   <li>the counts (better, worse, no detectable difference, cannot tell) and what else changed with
 *       the JDK (vendor, build);</li>
 *   <li>each flagged row with its interval and caveats: placement-dependent (the same point's ratio on
 *       other placements disagrees beyond the intervals), erratic or drifting (the steadiness marks); under
 *       it, what changed underneath ({@link UnderneathText}: the counters per operation that differ, or
 *       that none did, or which were not counted and why; a run without counters says so once);</li>
 *   <li>per family, the bound "nothing else changed by more than ±x%": the farthest 95% bound from 1
 *       among the rows not flagged, with the row that sets it;</li>
 *   <li>the A/A calibration in one line: how many A/A intervals miss 1;</li>
 *   <li>what the runs say together ({@link Synthesis}): each point pooled over the runs of the same two
 *       builds, and each point side by side across placements.</li>
 * </ol>
 * Every figure comes from the compare layer; this class only words it.
 */
final class Headline {

    /** The heading's anchor. */
    static final String ANCHOR = "verdict";
    static final String POOLED_ANCHOR = "pooled-over-runs";
    static final String PLACEMENTS_ANCHOR = "across-placements";

    private final List<JvmPair> pairs;
    private final List<String> runOrder;
    private final Steadiness steadiness;
    private final double alpha;
    private final ComparisonTables tables;
    private final Charts.Link forest;
    private final UnderneathText underneath;

    /**
     * @param pairs      every pair of the report
     * @param runOrder   run ids, oldest first
     * @param forests    forest charts by {@link Report#pairKey}
     */
    Headline(List<JvmPair> pairs, List<String> runOrder, Steadiness steadiness, double alpha, ComparisonTables tables,
             Map<String, Charts.Link> forests) {
        this(pairs, runOrder, steadiness, alpha, tables, forests, Underneath.NONE);
    }

    /** As above, with the counters underneath each compared row. */
    Headline(List<JvmPair> pairs, List<String> runOrder, Steadiness steadiness, double alpha, ComparisonTables tables,
             Map<String, Charts.Link> forests, Underneath underneath) {
        this.underneath = new UnderneathText(underneath);
        this.pairs = pairs;
        this.runOrder = runOrder;
        this.steadiness = steadiness;
        this.alpha = alpha;
        this.tables = tables;
        JvmPair latest = latest();
        this.forest = latest == null ? null : forests.get(Report.pairKey(latest));
    }

    /** The newest pair of two different JDKs with at least one tested row; null when none. */
    JvmPair latest() {
        JvmPair best = null;
        int bestRun = -1;
        for (JvmPair p : pairs) {
            if (p.relation() != JvmPair.Relation.JDKS || p.tested() == 0) {
                continue;
            }
            int i = runOrder.indexOf(p.candidate().runId());
            if (i >= bestRun) {
                best = p;
                bestRun = i;
            }
        }
        return best;
    }

    /** The newest A/A pair with a tested row; null when none. */
    JvmPair latestSelfCheck() {
        JvmPair best = null;
        int bestRun = -1;
        for (JvmPair p : pairs) {
            if (p.relation() == JvmPair.Relation.SELF_CHECK && p.tested() > 0) {
                int i = runOrder.indexOf(p.candidate().runId());
                if (i >= bestRun) {
                    best = p;
                    bestRun = i;
                }
            }
        }
        return best;
    }

    /** The forest plot of the newest JDK pair, or null. */
    Charts.Link forest() {
        return forest;
    }

    /** The section; "" when the report has no JDK pair and no A/A pair with a test. */
    String section() {
        JvmPair p = latest();
        JvmPair aa = latestSelfCheck();
        if (p == null && aa == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        if (p == null) {
            out.append(Text.anchorTag(ANCHOR)).append("\n## Verdict\n\n")
                    .append("No comparison of two different JDKs with a test in ").append(runOrder.size() == 1 ? "this run"
                            : "these runs").append(". ").append(calibration(aa)).append("\n\n");
            return out.toString();
        }
        out.append(Text.anchorTag(ANCHOR)).append("\n## Verdict: ").append(Text.md(p.candidate().label()))
                .append(" against ").append(Text.md(p.baseline().label())).append("\n\n");
        List<RowComparison> rows = p.tables().stream().flatMap(t -> t.rows().stream()).toList();
        int better = count(rows, Verdict.BETTER);
        int worse = count(rows, Verdict.WORSE);
        int same = count(rows, Verdict.SAME);
        int cannot = count(rows, Verdict.CANNOT_TELL);
        out.append("**").append(Text.md(p.candidate().label())).append(" vs ").append(Text.md(p.baseline().label()))
                .append("**, run ").append(Text.md(p.candidate().runId())).append(" (the newest comparison of two JDKs")
                .append(runOrder.size() > 1 ? "; A/A runs are calibration, not verdicts" : "").append("): of ")
                .append(Text.count(rows.size(), "row", "rows")).append(", **").append(better).append(" better, ")
                .append(worse).append(" worse**, ").append(same).append(" no detectable difference")
                .append(cannot > 0 ? ", " + cannot + " cannot tell" : "").append(". [Table](#")
                .append(ComparisonTables.pairAnchor(p)).append(").\n\n");
        String confound = confound(p.baseline(), p.candidate());
        if (!confound.isEmpty()) {
            out.append("> ⚠ ").append(confound).append("\n\n");
        }
        Map<String, Synthesis.Group> placementGroups = new LinkedHashMap<>();
        for (Synthesis.Group g : Synthesis.acrossPlacements(p, alpha)) {
            placementGroups.put(pointKey(g.point().benchmark(), g.point().paramsText(), g.point().mode()), g);
        }
        List<RowComparison> flagged = rows.stream().filter(RowComparison::flagged)
                .sorted(Comparator.comparingDouble((RowComparison r) -> -Math.abs(Math.log(r.ratio())))).toList();
        java.util.Set<Synthesis.Group> told = new java.util.HashSet<>();
        boolean counted = false;
        for (RowComparison r : flagged) {
            Synthesis.Group g = r.row().params().containsKey(Points.PLACEMENT) ? placementGroups.get(pointKey(
                    r.row().benchmark(), withoutPlacementText(r), r.row().mode())) : null;
            if (g != null && g.disagree()) {
                // one bullet per point whose placements disagree: its rows side by side, not one bullet each
                if (told.add(g)) {
                    out.append("- ").append(placementDependent(p, g, rows)).append('\n');
                }
                continue;
            }
            out.append("- ").append(flaggedRow(p, r, rows)).append('\n');
            String below = underneath.line(p, r);
            if (below != null) {
                out.append("  - ").append(below).append('\n');
                counted = true;
            }
            String flames = underneath.flames(p, r);
            if (flames != null) {
                out.append("  - ").append(flames).append('\n');
            }
        }
        if (!flagged.isEmpty()) {
            out.append('\n');
            if (!counted && underneath.silent(p)) {
                out.append(UnderneathText.notRecorded()).append("\n\n");
            }
        }
        out.append(bounds(p)).append('\n');
        if (forest != null) {
            out.append("![").append(Text.md(forest.alt() == null ? forest.title() : forest.alt())
                    .replace("[", "(").replace("]", ")")).append("](").append(forest.file()).append(")\n\n");
        }
        if (aa != null) {
            out.append(calibration(aa)).append("\n\n");
        }
        out.append(pooled(p));
        out.append(placements(p, placementGroups));
        return out.toString();
    }

    private String flaggedRow(JvmPair p, RowComparison r, List<RowComparison> rows) {
        StringBuilder s = new StringBuilder();
        s.append("**[").append(Text.md(VerdictText.rowName(r, rows))).append("](#").append(ComparisonTables.rowAnchor(p, r))
                .append(")** ").append(Text.ratioCi(r.ratio(), r.low(), r.high())).append(" ")
                .append(r.verdict() == Verdict.BETTER ? "**better**" : "**worse**").append(" (")
                .append(r.higherIsBetter() ? "throughput" : "time").append(", n = ").append(r.n()).append(")");
        List<String> caveats = steadinessCaveats(p, r);
        String elsewhere = placementDependentElsewhere(p, r);
        if (elsewhere != null) {
            caveats.add(elsewhere);
        }
        if (!caveats.isEmpty()) {
            s.append(" — ").append(String.join("; ", caveats));
        }
        return s.append('.').toString();
    }

    /**
     * The caveat for a flagged row whose point, in the newest other run of the same two builds that
     * placed the server several ways, depends on the placement (Cochran's Q): each placement's ratio
     * there; null when no such run says so. The verdict's own run may have measured one placement only.
     */
    private String placementDependentElsewhere(JvmPair p, RowComparison r) {
        String point = pointKey(r.row().benchmark(), withoutPlacementText(r), r.row().mode());
        Synthesis.Group found = null;
        String foundRun = null;
        for (JvmPair o : pairs) {
            if (o == p || o.relation() != JvmPair.Relation.JDKS || !Synthesis.sameBuilds(o, p)
                    || (foundRun != null && runOrder.indexOf(o.candidate().runId()) < runOrder.indexOf(foundRun))) {
                continue;
            }
            for (Synthesis.Group g : Synthesis.acrossPlacements(o, alpha)) {
                if (g.disagree() && point.equals(pointKey(g.point().benchmark(), g.point().paramsText(), g.point().mode()))) {
                    found = g;
                    foundRun = o.candidate().runId();
                }
            }
        }
        if (found == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < found.rows().size(); i++) {
            RowComparison x = found.rows().get(i);
            parts.add(placementName(found.labels().get(i)) + " " + Text.ratioCi(x.ratio(), x.low(), x.high())
                    + (x.verdict() == Verdict.BETTER ? " better" : x.verdict() == Verdict.WORSE ? " **worse**" : " ~"));
        }
        return "depends on the server placement in run " + Text.md(foundRun) + " (Cochran's Q p " + Text.p(found.pool().pQ())
                + "): " + String.join(", ", parts);
    }

    /** One point flagged on placements that disagree: each placement's ratio and verdict, linked. */
    private String placementDependent(JvmPair p, Synthesis.Group g, List<RowComparison> rows) {
        StringBuilder s = new StringBuilder();
        s.append("**").append(Text.md(pointName(g))).append("** depends on the server placement (Cochran's Q p ")
                .append(Text.p(g.pool().pQ())).append(", [side by side](#").append(PLACEMENTS_ANCHOR).append(")): ");
        List<String> parts = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        for (int i = 0; i < g.rows().size(); i++) {
            RowComparison r = g.rows().get(i);
            String v = r.verdict() == Verdict.BETTER ? " **better**" : r.verdict() == Verdict.WORSE ? " **worse**" : " ~";
            parts.add(placementName(g.labels().get(i)) + " [" + Text.ratioCi(r.ratio(), r.low(), r.high()) + "](#"
                    + ComparisonTables.rowAnchor(p, r) + ")" + v + steadiness.marks(p, r));
            for (String c : steadinessCaveats(p, r)) {
                caveats.add(c + " (" + placementName(g.labels().get(i)) + ")");
            }
        }
        s.append(String.join(", ", parts)).append(" (n = ").append(g.rows().get(0).n()).append(")");
        if (!caveats.isEmpty()) {
            s.append(" — ").append(String.join("; ", caveats));
        }
        return s.append('.').toString();
    }

    private List<String> steadinessCaveats(JvmPair p, RowComparison r) {
        List<String> caveats = new ArrayList<>();
        String marks = steadiness.marks(p, r);
        if (marks.contains(Steadiness.ERRATIC_MARK)) {
            caveats.add(Steadiness.ERRATIC_MARK + " erratic: fork scores spread by " + String.format(Locale.ROOT, "%.0f%%",
                    Steadiness.ERRATIC_GCV * 100) + " or more (geometric CV) on a side");
        }
        if (marks.contains(Steadiness.DRIFT_MARK)) {
            caveats.add(Steadiness.DRIFT_MARK + " drift within forks: the score is not steady on a side");
        }
        return caveats;
    }

    /** "vendor and version both differ: ..." or "" when the two JVMs differ in the version only. */
    static String confound(JvmId base, JvmId cand) {
        boolean vendor = !base.vendor().isEmpty() && !cand.vendor().isEmpty() && !base.vendor().equals(cand.vendor());
        if (!vendor) {
            return "";
        }
        return "Two things change at once: the version (" + Text.md(build(base)) + " → " + Text.md(build(cand))
                + ") and the vendor's build (" + Text.md(base.vendor()) + " → " + Text.md(cand.vendor())
                + "). A difference below may come from either; the same vendor's two JDKs would separate them.";
    }

    private static String build(JvmId j) {
        return j.build().isEmpty() ? j.version() : j.build();
    }

    /** Per family: "nothing else changed by more than ±x%" from the unflagged rows' intervals. */
    String bounds(JvmPair p) {
        Map<FamilyDescriptor, List<RowComparison>> byFamily = new LinkedHashMap<>();
        for (ComparisonTable t : p.tables()) {
            byFamily.computeIfAbsent(t.family(), k -> new ArrayList<>()).addAll(t.rows());
        }
        StringBuilder out = new StringBuilder("Nothing else changed by more than (per family, the farthest 95% bound "
                + "from 1 among the rows not flagged):\n\n");
        for (Map.Entry<FamilyDescriptor, List<RowComparison>> e : byFamily.entrySet()) {
            List<RowComparison> all = e.getValue();
            List<RowComparison> rest = all.stream().filter(r -> !r.flagged() && Double.isFinite(r.low())
                    && Double.isFinite(r.high())).toList();
            long untested = all.stream().filter(r -> !Double.isFinite(r.low())).count();
            out.append("- ").append(e.getKey().title()).append(": ");
            if (rest.isEmpty()) {
                out.append(all.stream().anyMatch(RowComparison::flagged) ? "every row with an interval is flagged"
                        : "no row with an interval");
            } else {
                RowComparison widest = rest.stream().max(Comparator.comparingDouble(Headline::reach)).orElseThrow();
                out.append("**").append(Text.plusMinus(reach(widest))).append("** over ")
                        .append(Text.count(rest.size(), "row", "rows")).append(" (set by [")
                        .append(Text.md(VerdictText.rowName(widest, all))).append("](#")
                        .append(ComparisonTables.rowAnchor(p, widest)).append(") ")
                        .append(Text.ratioCi(widest.ratio(), widest.low(), widest.high()))
                        .append(steadiness.marks(p, widest)).append(")");
            }
            if (untested > 0) {
                out.append("; ").append(untested).append(" without an interval");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** How far the row's interval reaches from 1: max(high − 1, 1 − low). */
    static double reach(RowComparison r) {
        return Math.max(r.high() - 1, 1 - r.low());
    }

    /** "A/A calibration: ..." in one line. */
    String calibration(JvmPair aa) {
        int[] latest = misses(aa);
        int missAll = 0;
        int allRows = 0;
        int runs = 0;
        for (JvmPair p : pairs) {
            if (p.relation() == JvmPair.Relation.SELF_CHECK && p.tested() > 0) {
                int[] m = misses(p);
                missAll += m[0];
                allRows += m[1];
                runs++;
            }
        }
        StringBuilder s = new StringBuilder("A/A calibration (the same JDK under two labels, so every interval should "
                + "hold 1): in ").append(runOrder.size() == 1 ? "this run, [" : "the newest A/A run, [")
                .append(Text.md(runOrder.size() == 1 ? aa.candidate().label() + " vs " + aa.baseline().label()
                        : aa.candidate().runId())).append("](#")
                .append(ComparisonTables.pairAnchor(aa)).append("), ").append(latest[0]).append(" of ")
                .append(latest[1]).append(" 95% intervals miss 1");
        if (runs > 1) {
            s.append("; over all ").append(runs).append(" A/A runs, ").append(missAll).append(" of ").append(allRows)
                    .append(" (").append(Text.share(missAll, allRows)).append("; about 5% expected)");
        }
        return s.append('.').toString();
    }

    private static int[] misses(JvmPair p) {
        int miss = 0;
        int n = 0;
        for (ComparisonTable t : p.tables()) {
            for (RowComparison r : t.rows()) {
                if (Double.isFinite(r.low()) && Double.isFinite(r.high())) {
                    n++;
                    miss += r.low() > 1 || r.high() < 1 ? 1 : 0;
                }
            }
        }
        return new int[]{miss, n};
    }

    /** The pooled rows for the same two builds as {@code p}; "" when no point was measured twice. */
    String pooled(JvmPair p) {
        List<Synthesis.Group> groups = Synthesis.acrossRuns(pairs, runOrder, alpha).stream()
                .filter(g -> sameBuilds(g, p)).toList();
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(Text.anchorTag(POOLED_ANCHOR)).append("\n### Pooled over runs: ").append(Text.md(p.candidate().label()))
                .append(" / ").append(Text.md(p.baseline().label())).append("\n\n")
                .append("Each point measured, paired, in several runs of the same two builds: the runs' log ratios pooled ")
                .append("with ").append(RandomEffectsPool.METHOD).append(" (run-to-run differences widen the interval). ")
                .append("τ: how much the true ratio moves from run to run (τ² on the log scale); I²: the share of the spread between runs that ")
                .append("their own intervals do not explain; Q p: the test that the runs agree. A/A runs, flag variants ")
                .append("and unpaired runs never pool ([rule](#method)). A row marked **all placements** also pools the ")
                .append("point's other server placements, and appears only where no run's placements disagree about it.\n\n");
        MarkdownTable mt = new MarkdownTable(List.of("point", "comparisons", "each", "pooled [95%]", "τ (τ²)", "I²", "Q p"),
                new boolean[]{false, true, false, false, true, true, true});
        for (Synthesis.Group g : groups) {
            RandomEffectsPool pool = g.pool();
            List<String> per = new ArrayList<>();
            for (RowComparison r : g.rows()) {
                per.add(Text.ratio(r.ratio()));
            }
            mt.add(List.of(Text.md(pointName(g)) + (g.allPlacements() ? ", **all placements**" : ""),
                    Integer.toString(pool.k()), String.join(", ", per),
                    Text.ratioCi(pool.ratio(), pool.low(), pool.high()),
                    String.format(Locale.ROOT, "%.1f%% (%.2g)", 100 * pool.tauRelative(), pool.tau2()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * pool.i2()), Text.p(pool.pQ())));
        }
        out.append(mt.render()).append('\n');
        out.append("Runs pooled: ").append(String.join(", ", groups.stream().flatMap(g -> g.rows().stream())
                .map(r -> Text.md(r.candidate().runId())).distinct().toList())).append(".\n\n");
        return out.toString();
    }

    private boolean sameBuilds(Synthesis.Group g, JvmPair p) {
        return Objects.equals(build(g.baseline()), build(p.baseline())) && Objects.equals(build(g.candidate()),
                build(p.candidate())) && g.baseline().vendor().equals(p.baseline().vendor())
                && g.candidate().vendor().equals(p.candidate().vendor());
    }

    /** The same points on each placement, side by side; "" when the pair has none. */
    String placements(JvmPair p, Map<String, Synthesis.Group> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append(Text.anchorTag(PLACEMENTS_ANCHOR)).append("\n### Across placements: ").append(Text.md(p.candidate().label()))
                .append(" / ").append(Text.md(p.baseline().label())).append(" (run ").append(Text.md(p.candidate().runId()))
                .append(")\n\n")
                .append("The same point with the server in process, in a process of its own, behind veth (`netns`), shaped ")
                .append("(`:rate=`): the JVM ratio on each, with its 95% interval. **disagree** when the placements differ ")
                .append("by more than their intervals allow (Cochran's Q, p < ").append(Text.p(alpha))
                .append("): then no single ratio answers for the point.\n\n");
        List<String> placementNames = new ArrayList<>();
        groups.values().forEach(g -> g.labels().forEach(l -> {
            if (!placementNames.contains(l)) {
                placementNames.add(l);
            }
        }));
        List<String> header = new ArrayList<>(List.of("point"));
        placementNames.forEach(n -> header.add(placementName(n)));
        header.add("agree?");
        MarkdownTable mt = new MarkdownTable(header, new boolean[header.size()]);
        for (Synthesis.Group g : groups.values()) {
            List<String> cells = new ArrayList<>(List.of(Text.md(pointName(g))));
            for (String n : placementNames) {
                int i = g.labels().indexOf(n);
                cells.add(i < 0 ? "—" : Text.ratioCi(g.rows().get(i).ratio(), g.rows().get(i).low(), g.rows().get(i).high())
                        + (g.rows().get(i).flagged() ? " *" : ""));
            }
            cells.add(g.disagree() ? "**disagree** (Q p " + Text.p(g.pool().pQ()) + ")" : "agree (Q p " + Text.p(g.pool().pQ()) + ")");
            mt.add(cells);
        }
        out.append(mt.render()).append('\n').append("\\* flagged in the comparison table (after its correction for ")
                .append("multiple tests).\n\n");
        return out.toString();
    }

    static String placementName(String placement) {
        return switch (placement) {
            case "inprocess" -> "in process";
            case "process" -> "own process";
            case "netns" -> "veth (netns)";
            default -> placement.startsWith("netns:rate=") ? "veth, " + placement.substring("netns:rate=".length())
                    .replace("gbit", " Gbit/s").replace("mbit", " Mbit/s") : placement;
        };
    }

    private static String pointName(Synthesis.Group g) {
        String params = g.point().paramsText();
        return Text.benchName(g.point().benchmark()) + (params.isEmpty() ? "" : " " + params)
                + ("thrpt".equals(g.point().mode()) ? "" : " (" + g.point().mode() + ")");
    }

    private static String withoutPlacementText(RowComparison r) {
        Map<String, String> params = new LinkedHashMap<>(r.row().params());
        params.remove(Points.PLACEMENT);
        return new dev.nettune.analysis.model.ResultKey.Row(r.row().benchmark(), params, r.row().mode(), r.row().unit())
                .paramsText();
    }

    private static String pointKey(String benchmark, String params, String mode) {
        return benchmark + "\u0000" + params + "\u0000" + mode;
    }

    private static int count(List<RowComparison> rows, Verdict v) {
        return (int) rows.stream().filter(r -> r.verdict() == v).count();
    }
}
