package dev.nettune.analysis.render;

import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.compare.Coverage;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.units.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MarkdownReport lays out the report's README.md so that it answers first:
 * <ol>
 *   <li>title, then what a reader must know before trusting anything: runs that did not finish,
 *       failed and skipped points, unusable input;</li>
 *   <li>the JVMs and the method in two lines;</li>
 *   <li>the answers: one sentence per family question ({@link AnswerText}), and per JVM pair the
 *       cross-JVM verdict ({@link VerdictText}), every figure linked to its table row;</li>
 *   <li>what changed underneath the verdict's flagged rows: their counters' tables ({@link UnderneathText});</li>
 *   <li>the forest plot of each pair and the family charts;</li>
 *   <li>the evidence behind the answers and the benchstat-style comparison tables
 *       ({@link ComparisonTables});</li>
 *   <li>links to the appendices ({@link Appendix}) and the method.</li>
 * </ol>
 * It knows only text: every number comes from the compare and stats layers.
 *
 * @see Report for what it is given
 */
public final class MarkdownReport {

    private final Report r;
    private final ResultSet set;
    private final StringBuilder out = new StringBuilder();

    /** The README of {@code report}. */
    public MarkdownReport(Report report) {
        this.r = report;
        this.set = report.set();
    }

    /** The whole README.md. */
    public String render() {
        out.append("# ").append(Text.md(r.title())).append("\n\n");
        Headline headline = new Headline(r.pairs(), r.runOrder(), r.steadiness(), r.alpha(),
                new ComparisonTables(set::name, set.runIds().size() > 1, r.steadiness()), r.forestCharts(), r.underneath());
        out.append(headline.section());
        status();
        jvmsAndMethod();
        out.append("## Answers\n\n");
        out.append(new AnswerText(set::name).bullets(r.answers(), r.scope(), set.runIds().size() > 1, r.filteredOut(),
                r.selection()));
        out.append('\n');
        out.append("## JVM against JVM\n\n");
        if (r.pairs().isEmpty()) {
            out.append(noPairs()).append("\n\n");
        } else {
            out.append(new VerdictText(set::name, set.runIds().size() > 1).bullets(r.pairs())).append('\n');
        }
        JvmPair verdict = headline.latest();
        if (verdict != null) {
            out.append(new UnderneathText(r.underneath()).section(verdict));
        }
        charts();
        String evidence = new AnswerText(set::name).evidence(r.answers(), "###");
        if (!evidence.isEmpty()) {
            out.append("## Evidence for the answers\n\n").append(evidence);
        }
        if (!r.pairs().isEmpty()) {
            out.append("## Comparison tables\n\n")
                    .append("Per row: each JVM's center (geometric mean of fork scores) with its fork count, the ratio ")
                    .append("candidate / baseline with its 95% interval (shown whether or not it is significant), the ")
                    .append("p-value and, in brackets, the p-value after the table's correction for multiple tests, n ")
                    .append("(paired blocks, or forks per side), the smallest change the design could detect (80% power), ")
                    .append("and the verdict: **better**, **worse**, `~` (no detectable difference) or cannot tell.\n\n");
            ComparisonTables tables = new ComparisonTables(set::name, set.runIds().size() > 1, r.steadiness());
            boolean manyRuns = set.runIds().size() > 1;
            JvmPair newestSelfCheck = headline.latestSelfCheck();
            for (JvmPair p : r.pairs()) {
                String section = tables.section(p, "###");
                int cut = section.indexOf("\n\n", section.indexOf("\n\n") + 2) + 2; // after heading and relation
                out.append(section, 0, cut);
                if (manyRuns && p.rows() > 0 && p.tested() == 0 && p.candidate().runId().equals(p.baseline().runId())) {
                    // no row of it can tell (one fork per JVM): in the overview its rows would only fill pages;
                    // they stay in the run's own report and in comparisons.csv
                    out.append("No row can tell (").append(Text.count(p.rows(), "row", "rows"))
                            .append(", too few forks or blocks): the ratios are in the run's own report (")
                            .append("`bench-results/").append(Text.md(p.candidate().runId()))
                            .append("/report/README.md`) and in [comparisons.csv](comparisons.csv).\n\n");
                    continue;
                }
                if (manyRuns && p.relation() == JvmPair.Relation.SELF_CHECK && p != newestSelfCheck) {
                    // an older A/A run is calibration, already counted in the verdict's A/A line: its rows
                    // stay in the run's own report, so the overview keeps answering rather than growing by
                    // a full table with every calibration run
                    out.append("A/A calibration: ").append(p.flagged()).append(" of ")
                            .append(Text.count(p.tested(), "row", "rows")).append(" flagged. Its table is in the run's own report (")
                            .append("`bench-results/").append(Text.md(p.candidate().runId()))
                            .append("/report/README.md`) and in [comparisons.csv](comparisons.csv).\n\n");
                    continue;
                }
                Charts.Link forest = r.forestCharts().get(Report.pairKey(p));
                if (forest != null) {
                    image(forest);
                }
                out.append(section.substring(cut));
            }
        }
        if (!r.steadiness().cells().isEmpty()) {
            out.append(new SteadinessText(r.steadiness(), set::name).section());
        }
        placements();
        out.append(ConnectionCostText.section(dev.nettune.analysis.compare.ConnectionCosts.of(set), set::name));
        appendices();
        method();
        return out.toString();
    }

    /**
     * Server placement against in process, per JVM: the same tables as for JVM pairs, each side one
     * placement of one JVM; absent when the report has no point placed elsewhere with its in-process twin.
     */
    private void placements() {
        if (r.placements().isEmpty()) {
            return;
        }
        out.append("## Server placement against in-process\n\n")
                .append("Per JVM, points run with the server outside the benchmark's JVM (`process`: a JVM of its own on ")
                .append("loopback; `netns`: that JVM in a network namespace behind a veth link of MTU 1500, `:rate=` shaped ")
                .append("with tc tbf; `remote=`: another host) against the same points with the server in process. ")
                .append("The JVM comparisons above compare each placement with itself only. Columns as in the comparison ")
                .append(r.placements().stream().anyMatch(dev.nettune.analysis.compare.PlacementComparisons::paired)
                        ? "tables; each ratio is placed / in process, paired by block where the run interleaved the placements"
                        + " in each block (as it does JVMs), unpaired where it ran them one after the other.\n\n"
                        : "tables; each ratio is placed / in process, unpaired.\n\n");
        ComparisonTables tables = new ComparisonTables(set::name, set.runIds().size() > 1);
        for (JvmPair p : r.placements()) {
            String section = tables.section(p, "###");
            int cut = section.indexOf("\n\n", section.indexOf("\n\n") + 2) + 2; // the forest plot where a JVM pair has it
            out.append(section, 0, cut);
            Charts.Link forest = r.forestCharts().get(Report.pairKey(p));
            if (forest != null) {
                image(forest);
            }
            out.append(section.substring(cut));
        }
    }

    /** What is wrong or missing, before anything else. */
    private void status() {
        List<String> lines = new ArrayList<>(ForkStatusText.noResult(set));
        for (RunInfo run : set.runs().values()) {
            if (run.unfinished()) {
                lines.add("⚠ **Run " + Text.md(run.runId()) + " did not finish** (status: " + run.status()
                        + "): its results are partial; points it did not reach have no row.");
            }
            for (RunInfo.JvmInfo j : run.jvms()) {
                if (j.summary().failed() > 0) {
                    lines.add("⚠ **" + Text.count(j.summary().failed(), "point", "points") + " failed** on "
                            + Text.md(j.label()) + " in run " + Text.md(run.runId())
                            + " (no result): [which and why](" + Appendix.SKIPS + ").");
                }
            }
        }
        lines.addAll(ForkStatusText.top(set));
        lines.addAll(new SteadinessText(r.steadiness(), set::name).status());
        if (!set.skips().isEmpty()) {
            Set<String> reasons = new LinkedHashSet<>();
            set.skips().forEach(s -> reasons.add(s.reason()));
            String first = reasons.iterator().next();
            lines.add("ℹ " + Text.count(set.skips().size(), "point was", "points were") + " skipped by design ("
                    + Text.md(first) + (reasons.size() > 1 ? "; " + (reasons.size() - 1) + " other reason(s)" : "")
                    + "): [list](" + Appendix.SKIPS + ").");
        }
        if (set.unusableFiles() > 0 || !set.diagnostics().isEmpty()) {
            lines.add("ℹ Input: " + Text.md(set.summaryLine()) + ": [warnings](" + Appendix.WARNINGS + ").");
        }
        if (!r.selection().isEmpty()) {
            lines.add("ℹ Selected: " + Text.md(r.selection()) + ".");
        }
        for (String l : lines) {
            out.append("> ").append(l).append("  \n");
        }
        if (!lines.isEmpty()) {
            out.append('\n');
        }
    }

    private void jvmsAndMethod() {
        Map<String, JvmId> byName = new LinkedHashMap<>();
        for (JvmId j : set.jvms()) {
            byName.putIfAbsent(j.label() + "\u0000" + j.build(), j);
        }
        List<String> jv = new ArrayList<>();
        for (JvmId j : byName.values()) {
            List<String> facts = new ArrayList<>();
            if (!j.vendor().isEmpty()) {
                facts.add(j.vendor());
            }
            if (!j.vm().isEmpty()) {
                facts.add(j.vm());
            }
            if (!j.variant().isEmpty()) {
                facts.add("flags " + j.flagsDigest());
            }
            if (!j.placement().isEmpty() && !j.placement().equals("free")) {
                facts.add(j.placement());
            }
            jv.add("**" + Text.md(j.label()) + "** " + Text.md(j.build().isEmpty() ? j.version() : j.build())
                    + (facts.isEmpty() ? "" : " (" + Text.md(String.join(", ", facts)) + ")"));
        }
        if (jv.isEmpty()) {
            // no result to identify a JVM by: the runs' own records name them
            set.runs().values().forEach(run -> run.jvms().forEach(j -> jv.add("**" + Text.md(j.label()) + "** "
                    + Text.md(j.runtimeVersion().isEmpty() ? j.version() : j.runtimeVersion()))));
        }
        int runs = set.runIds().size();
        out.append("JVMs").append(runs > 1 ? " (" + runs + " runs)" : "").append(": ")
                .append(String.join("; ", jv.subList(0, Math.min(jv.size(), 8))))
                .append(jv.size() > 8 ? "; and " + (jv.size() - 8) + " more" : "")
                .append(" — full identities and flags in [the environment](").append(Appendix.ENVIRONMENT).append(").  \n");
        out.append(r.methodLine()).append("\n\n");
    }

    private String noPairs() {
        if (set.results().isEmpty()) {
            return "No fork ended well in " + r.scope() + ": nothing to compare (what happened to each point is at the "
                    + "top and in [skipped and failed points](" + Appendix.SKIPS + ")).";
        }
        if (set.jvms().size() < 2) {
            return "Only one JVM (" + Text.md(set.jvms().isEmpty() ? "none" : set.name(set.jvms().get(0)))
                    + ") in " + r.scope() + ": nothing to compare. Run with two JDKs (e.g. `-Dnettune.jvms=17,25`), or "
                    + "name another run with `--runs`.";
        }
        return "No two JVMs of " + r.scope() + " share a benchmark point: nothing to compare.";
    }

    private void charts() {
        boolean any = r.familyCharts().values().stream().anyMatch(c -> !c.links().isEmpty());
        if (!any) {
            return;
        }
        out.append("## Charts\n\n");
        boolean manyRuns = set.runIds().size() > 1;
        for (Map.Entry<FamilyDescriptor, Report.FamilyCharts> e : r.familyCharts().entrySet()) {
            Report.FamilyCharts fc = e.getValue();
            if (fc.links().isEmpty()) {
                continue;
            }
            out.append("### ").append(e.getKey().title()).append(manyRuns && !fc.runId().isEmpty()
                    ? " (run " + Text.md(fc.runId()) + ")" : "").append("\n\n");
            for (Charts.Link l : fc.links()) {
                image(l); // the chart draws its own title
            }
        }
    }

    /** A chart: the image, with the chart's description as alt text. */
    private void image(Charts.Link l) {
        String alt = (l.alt() == null || l.alt().isBlank() ? l.title() : l.alt()).replace("[", "(").replace("]", ")");
        out.append("![").append(Text.md(alt)).append("](").append(l.file()).append(")\n\n");
    }

    private void appendices() {
        out.append("## Appendices\n\n");
        for (String f : r.appendices()) {
            out.append("- [").append(Appendix.title(f)).append("](").append(f).append(")\n");
        }
        out.append("- Tidy data: [results.csv](results.csv) (one row per result and metric, fork-level statistics), ")
                .append("[comparisons.csv](comparisons.csv) (one row per comparison row)")
                .append(r.underneath().any() ? ", [counters.csv](counters.csv) (one row per counter of each compared row: "
                        + "the derived quantities and every raw event, paired by block)" : "").append("\n\n");
    }

    private void method() {
        out.append("## Method\n\n")
                .append("- **The unit of replication is the fork** (one JVM invocation): a fork's score is the mean of ")
                .append("its measurement iterations; iterations of one fork are never treated as independent samples. ")
                .append("Every interval in this report is computed over forks (or over paired blocks); with one fork ")
                .append("there is no interval, and no significance is claimed.\n")
                .append("- **Cross-JVM rows**: two JVMs of one run are paired by block (each block ran one fork of the ")
                .append("point on every JVM; blocks come in mirrored pairs, a shuffled order and its reverse, so each ")
                .append("JVM runs first as often as the other): the ratio is the mean of the per-block log ratios, ")
                .append("adjusted for which fork of a block ran first (on a shared machine the later fork can score ")
                .append("systematically differently: an AB/BA crossover analysis), with its t interval and t test. ")
                .append("JVMs of different ")
                .append("runs or files without block records are compared unpaired (Welch's t on log fork scores). ")
                .append("p-values are corrected for multiple tests within each table; a verdict needs the corrected ")
                .append("p below α = ").append(Units.plain(r.alpha())).append(", and never contradicts its interval. ")
                .append("`detectable` is the smallest change the design would detect with 80% power.\n")
                .append("- **Verdict and pooling**: the verdict is the newest comparison of two different JDKs (an A/A ")
                .append("run is calibration, never the verdict); its per-family bound is the farthest 95% bound from 1 among ")
                .append("the rows not flagged. A point measured in several runs pools the runs' log ratios with ")
                .append(dev.nettune.stats.RandomEffectsPool.METHOD).append(" (Paule–Mandel because the moment estimator ")
                .append("of DerSimonian and Laird is biased low with 2–5 runs; Hartung–Knapp because a normal interval ")
                .append("undercovers with so few; its scale is floored at 1). Which runs pool: only paired comparisons of ")
                .append("two JDKs (never A/A runs, flag variants, placement contrasts or the unpaired runs from before ")
                .append("interleaving), only with the same vendor and build on each side and the same CPU placement, any ")
                .append("harness commit (a change that moves a point shows as heterogeneity: τ, I², Cochran's Q). The ")
                .append("server placement in process is the same point as one recorded without a placement. Placements of ")
                .append("one point disagree when Cochran's Q over their ratios is below α; only where no run's placements ")
                .append("disagree is the point also pooled over placements.\n")
                .append("- **Family answers** compare points of one JVM, which ran minutes apart: unpaired ratios of ")
                .append("geometric means over forks with Welch's 95% interval on log fork scores.")
                .append(r.set().runIds().size() > 1 ? " Of several runs, each answer and its family's charts come "
                        + "from the run that measured the question most completely: the most contrasts measured in at "
                        + "least " + Coverage.MIN_FORKS + " forks on each side, then the most contrasts, then the most "
                        + "forks of its least-measured point; of equally complete runs the newest. A run of a few "
                        + "points does not replace a fuller answer." : "")
                .append('\n')
                .append("- **Detail tables** ([appendices](#appendices)): mean of the fork scores with its 95% Student-t ")
                .append("interval over forks. For sampled time (JMH's sample mode) JMH's own `scoreError` is computed ")
                .append("over every individual sample, which treats samples of one fork as independent and is far ")
                .append("narrower than the fork-to-fork spread; it is not shown.\n")
                .append("- **Steady state** ([section](#").append(SteadinessText.ANCHOR).append(")): per JVM and point, ")
                .append("the drift of the score within forks (per fork the slope of log(score) over its measurement ")
                .append("iterations; a one-sample t interval over the forks, which are the replicates) is flagged when it ")
                .append("is significant after Holm's correction over all JVM × points of the run and at least ")
                .append(String.format(java.util.Locale.ROOT, "%.0f%%", Steadiness.MIN_DRIFT * 100))
                .append(" from the first to the last iteration: Holm because a run holds dozens of such cells and some ")
                .append("would pass an unadjusted test by chance; the minimum because a fork's score averages its ")
                .append("iterations, so a smaller drift moves it less than a comparison resolves. A point is erratic when ")
                .append("the geometric coefficient of variation of its fork scores is at least ")
                .append(String.format(java.util.Locale.ROOT, "%.0f%%", Steadiness.ERRATIC_GCV * 100))
                .append(". Marked rows: ").append(Steadiness.DRIFT_MARK).append(" drift, ").append(Steadiness.ERRATIC_MARK)
                .append(" erratic.\n")
                .append("- Higher is better for throughput, lower for average, sampled and single-shot time. Units are ")
                .append("scaled per table and the heading names the unit shown.\n");
    }
}
