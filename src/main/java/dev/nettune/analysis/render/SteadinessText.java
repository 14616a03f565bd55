package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.units.Units;
import dev.nettune.stats.Drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * SteadinessText says in words what {@link Steadiness} found: the warnings at the top of the report,
 * the report's "Steady state" section (drifting and erratic points, with size, interval and n, and what
 * the check can and cannot see), the appendix with every cell's drift, the legend of the marks the
 * comparison tables and forest plots carry, and the lines Analyze prints on the console.
 */
public final class SteadinessText {

    /** The appendix with every cell's drift. */
    static final String APPENDIX = Appendix.DIR + "/steady-state.md";
    /** The anchor of the README's section. */
    static final String ANCHOR = "steady-state";

    private final Steadiness s;
    private final Function<JvmId, String> names;

    /** Texts of {@code steadiness}, JVMs named by {@code names}. */
    public SteadinessText(Steadiness steadiness, Function<JvmId, String> names) {
        this.s = steadiness;
        this.names = names;
    }

    /** The legend of the marks, for the lines under a table or chart; "" when {@code marks} holds none. */
    static String legend(String marks) {
        List<String> parts = new ArrayList<>();
        if (marks.contains(Steadiness.DRIFT_MARK)) {
            parts.add(Steadiness.DRIFT_MARK + " the score of this point drifted within forks on at least one of the two JVMs");
        }
        if (marks.contains(Steadiness.ERRATIC_MARK)) {
            parts.add(Steadiness.ERRATIC_MARK + " this point is erratic on at least one of the two JVMs: its fork scores "
                    + "scatter so widely that only a large difference can show");
        }
        return parts.isEmpty() ? "" : String.join("; ", parts) + " (see Steady state).";
    }

    /** The warning lines for the top of the report. */
    List<String> status() {
        List<String> out = new ArrayList<>();
        int tested = (int) s.cells().stream().filter(c -> c.drift().tested()).count();
        if (!s.drifting().isEmpty()) {
            out.add("⚠ **Scores drift within forks** at " + Text.count(s.drifting().size(), "JVM × point", "JVM × points")
                    + " of " + tested + " checked (" + names(s.drifting()) + "): [sizes and intervals](#" + ANCHOR + ").");
        }
        if (!s.erratic().isEmpty()) {
            out.add("⚠ **Erratic " + (s.erratic().size() == 1 ? "point" : "points") + "** (fork scores scatter widely): "
                    + names(s.erratic()) + ": [spread](#" + ANCHOR + ").");
        }
        if (!s.unchecked().isEmpty()) {
            out.add("ℹ Drift not checked (1 iteration) at " + Text.count(s.unchecked().size(), "JVM × point", "JVM × points")
                    + ": [which](#" + ANCHOR + ").");
        }
        return out;
    }

    private String names(List<Steadiness.Cell> cells) {
        List<String> out = new ArrayList<>();
        for (Steadiness.Cell c : cells.subList(0, Math.min(cells.size(), 4))) {
            out.add(Text.md(point(c) + " on " + names.apply(c.jvm())));
        }
        return String.join("; ", out) + (cells.size() > 4 ? "; and " + (cells.size() - 4) + " more" : "");
    }

    /** The point of a cell: "ConnectionScaling.roundTrips client=SELECTOR connections=1 …". */
    static String point(Steadiness.Cell c) {
        String params = Text.params(c.row().params(), java.util.Set.of());
        return Text.benchName(c.row().benchmark()) + (params.isEmpty() ? "" : " " + params)
                + (c.row().mode().equals("thrpt") ? "" : " [" + c.row().mode() + "]");
    }

    /** A drift as "−21.6% [−29.5%, −12.9%]" first to last iteration; without interval when untested. */
    static String change(Drift d) {
        if (d.n() == 0) {
            return "—";
        }
        String c = Units.percent(d.change());
        return d.tested() ? c + " [" + Units.percent(d.changeLow()) + ", " + Units.percent(d.changeHigh()) + "]"
                : c + " (no interval)";
    }

    /** The README's section. */
    String section() {
        StringBuilder out = new StringBuilder("## ").append(Text.anchorTag(ANCHOR)).append("Steady state\n\n");
        out.append("A fork's score is the mean of its measurement iterations; it is only comparable across JVMs if the ")
                .append("iterations measure steady state. **Drift**: per fork, the slope of log(score) across its ")
                .append("measurement iterations (with 2 iterations, log(second / first)); over the forks, their mean with ")
                .append("a one-sample t interval, shown as the change from the first to the last iteration. A point drifts ")
                .append("when that change is significant after Holm's correction over all JVM × points of its run (")
                .append(s.cells().size()).append(" checked in all; α = ")
                .append(Units.plain(s.alpha())).append(") and at least ")
                .append(String.format(Locale.ROOT, "%.0f%%", Steadiness.MIN_DRIFT * 100)).append(" either way. ")
                .append("**Erratic**: a point whose fork scores have a geometric coefficient of variation of at least ")
                .append(String.format(Locale.ROOT, "%.0f%%", Steadiness.ERRATIC_GCV * 100)).append(" (over ≥ ")
                .append(Steadiness.MIN_FORKS_ERRATIC).append(" forks): its comparisons are decided by the size of a ")
                .append("difference, not by the precision of the measurement. Every point's drift: [appendix](")
                .append(APPENDIX).append(").\n\n");
        long nominal = s.cells().stream().filter(c -> !c.drifting() && c.drift().p() < s.alpha()).count();
        String nearMisses = nominal == 0 ? "" : " " + Text.count((int) nominal, "other JVM × point has", "other JVM × points have")
                + " p < " + Units.plain(s.alpha()) + " before the correction but do not drift by this rule (not significant after it,"
                + " or a change under " + String.format(Locale.ROOT, "%.0f%%", Steadiness.MIN_DRIFT * 100) + "): see the appendix.";
        if (s.drifting().isEmpty()) {
            out.append("No point drifts within forks.").append(nearMisses).append("\n\n");
        } else {
            MarkdownTable t = new MarkdownTable(List.of("JVM", "point", "first → last iteration [95% CI]", "p (Holm)",
                    "forks", "iterations"), new boolean[] {false, false, true, true, true, true});
            for (Steadiness.Cell c : s.drifting()) {
                t.add(Text.md(names.apply(c.jvm())), Text.md(point(c)), change(c.drift()), Text.p(c.drift().p()) + " ("
                        + Text.p(c.pAdjusted()) + ")", Integer.toString(c.drift().n()), Integer.toString(c.drift().iterations()));
            }
            out.append("Points whose score drifts within forks (").append(Steadiness.DRIFT_MARK)
                    .append(" in the comparison tables and forest plots):\n\n").append(t.render()).append('\n');
            if (!nearMisses.isEmpty()) {
                out.append(nearMisses.substring(1)).append("\n\n");
            }
        }
        if (!s.erratic().isEmpty()) {
            MarkdownTable t = new MarkdownTable(List.of("JVM", "point", "fork scores min – max", "geometric CV", "forks",
                    "known cause"), new boolean[] {false, false, true, true, true, false});
            for (Steadiness.Cell c : s.erratic()) {
                t.add(Text.md(names.apply(c.jvm())), Text.md(point(c)), Units.format3(c.spread().min()) + " – "
                        + Units.format3(c.spread().max()) + " " + Text.md(c.row().unit()),
                        String.format(Locale.ROOT, "%.0f%%", c.spread().gcv() * 100), Integer.toString(c.spread().n()),
                        c.cause().isEmpty() ? "not known" : Text.md(c.cause()));
            }
            out.append("Erratic points (").append(Steadiness.ERRATIC_MARK).append(" in the comparison tables and forest ")
                    .append("plots):\n\n").append(t.render()).append('\n');
        }
        List<String> calibrated = calibratedPoints();
        if (!calibrated.isEmpty()) {
            out.append("Points the warm-up calibration found without a steady state (as the run recorded them, from its ")
                    .append("profile files; docs/steady-state.md): ").append(String.join("; ", calibrated.stream().map(Text::md).toList()))
                    .append(". A longer warm-up does not make their forks measure one steady level; read their rows with that in mind.\n\n");
        }
        if (!s.unchecked().isEmpty()) {
            List<String> which = new ArrayList<>();
            s.unchecked().forEach(c -> which.add(Text.md(point(c) + " on " + names.apply(c.jvm()))));
            out.append("Drift not checked (1 iteration): ").append(String.join("; ", which)).append(".\n\n");
        }
        long untested = s.cells().stream().filter(c -> !c.oneIteration() && !c.drift().tested()).count();
        if (untested > 0) {
            out.append("Drift not tested (fewer than 2 forks with 2 or more iterations, so no interval) at ")
                    .append(Text.count((int) untested, "JVM × point", "JVM × points")).append(": see the appendix.\n\n");
        }
        out.append("What the drift check can see: a trend within forks, from at least 2 measurement iterations. ")
                .append("With 2 it sees a step between them, not the shape of a warm-up or slow-down. It cannot see ")
                .append("warm-up that ended before measurement began, nor tell a trend of the JVM from one of the machine ")
                .append("that recurs during every fork, and a drift both JVMs share biases their ratio less than it ")
                .append("biases their scores.\n\n");
        return out.toString();
    }

    /** The appendix: every cell's drift and spread. */
    String appendix() {
        StringBuilder out = new StringBuilder("# Steady state: every point's drift and spread\n\n");
        out.append("Drift: change from the first to the last measurement iteration, the mean of the forks' slopes of ")
                .append("log(score) with its one-sample 95% t interval over forks; p before and (in brackets) after Holm ")
                .append("over the run's JVM × points. Spread: fork scores' range and geometric coefficient of variation. ")
                .append(Steadiness.DRIFT_MARK).append(": drifts; ").append(Steadiness.ERRATIC_MARK).append(": erratic.\n\n");
        MarkdownTable t = new MarkdownTable(List.of("JVM", "point", "first → last iteration [95% CI]", "p (Holm)", "forks",
                "iterations", "fork scores min – max", "geometric CV", "mark"),
                new boolean[] {false, false, true, true, true, true, true, true, false});
        for (Steadiness.Cell c : s.cells()) {
            String drift = c.oneIteration() ? "drift not checked (1 iteration)" : change(c.drift());
            t.add(Text.md(names.apply(c.jvm())), Text.md(point(c)), drift, Text.p(c.drift().p()) + " ("
                    + Text.p(c.pAdjusted()) + ")", Integer.toString(c.drift().n()), Integer.toString(c.drift().iterations()),
                    c.spread().n() == 0 ? "—" : Units.format3(c.spread().min()) + " – " + Units.format3(c.spread().max()),
                    Double.isFinite(c.spread().gcv()) ? String.format(Locale.ROOT, "%.1f%%", c.spread().gcv() * 100) : "—",
                    (c.drifting() ? Steadiness.DRIFT_MARK : "") + (c.erratic() ? Steadiness.ERRATIC_MARK : ""));
        }
        return out.append(t.render()).toString();
    }

    /** "jdk17 ConnectionScaling.roundTrips client=SELECTOR connections=1: no-steady-state", one per cell the calibration named. */
    List<String> calibratedPoints() {
        List<String> out = new ArrayList<>();
        for (Steadiness.Cell c : s.cells()) {
            String k = s.calibration(c.result());
            if (k != null) {
                out.add(names.apply(c.jvm()) + " " + point(c) + ": " + k);
            }
        }
        return out;
    }

    /** The console lines: one summary line, then one line per drifting, erratic or unchecked cell. */
    public List<String> console() {
        return console(true);
    }

    /**
     * The console lines: the summary line, and with {@code details} one line per drifting, erratic or
     * unchecked cell (without: a report of many runs, where the suite prints the run's own report after it).
     */
    public List<String> console(boolean details) {
        List<String> out = new ArrayList<>();
        int tested = (int) s.cells().stream().filter(c -> c.drift().tested()).count();
        out.add("steady state: " + s.drifting().size() + " of " + tested + " JVM × points drift within forks (Holm over each"
                + " run's JVM × points, α " + Units.plain(s.alpha()) + ", |change| ≥ " + String.format(Locale.ROOT, "%.0f%%",
                Steadiness.MIN_DRIFT * 100) + "); " + s.erratic().size() + " erratic"
                + (details || s.drifting().isEmpty() && s.erratic().isEmpty() ? "" : ": see the report's Steady state"));
        if (!details) {
            return out;
        }
        for (Steadiness.Cell c : s.drifting()) {
            out.add("  drift: " + names.apply(c.jvm()) + " " + point(c) + ": " + change(c.drift()) + " first → last"
                    + " iteration, p (Holm) " + Text.p(c.pAdjusted()) + ", n " + c.drift().n() + " forks");
        }
        for (Steadiness.Cell c : s.erratic()) {
            out.add("  erratic: " + names.apply(c.jvm()) + " " + point(c) + ": fork scores " + Units.format3(c.spread().min())
                    + " – " + Units.format3(c.spread().max()) + " " + c.row().unit() + ", geometric CV "
                    + String.format(Locale.ROOT, "%.0f%%", c.spread().gcv() * 100) + ", n " + c.spread().n() + " forks"
                    + (c.cause().isEmpty() ? "" : "; known cause: " + c.cause()));
        }
        for (Steadiness.Cell c : s.unchecked()) {
            out.add("  drift not checked (1 iteration): " + names.apply(c.jvm()) + " " + point(c));
        }
        for (String c : calibratedPoints()) {
            out.add("  calibration: " + c);
        }
        return out;
    }
}
