package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.CounterChange;
import dev.nettune.analysis.compare.CounterQuantity;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Underneath;
import dev.nettune.analysis.model.FlameGraphs;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.counters.CounterSet;
import dev.nettune.analysis.units.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * UnderneathText words what changed underneath a flagged row: the counters per operation that
 * differ between the two JVMs ({@link Underneath}), as one line under the row in the verdict, e.g.
 * {@code write(2)/op 16 → 1.00 · poll(2)/op 0 → 2.9 · sys CPU 41 → 3 µs/op}, and as a table per
 * flagged row with each change's interval, p and n. The line quotes the table's centers (geometric
 * means over the paired forks, arithmetic means where a side has a 0), so its figures are the table's.
 */
final class UnderneathText {

    /** The heading's anchor. */
    static final String ANCHOR = "what-changed-underneath";

    private final Underneath underneath;

    UnderneathText(Underneath underneath) {
        this.underneath = underneath;
    }

    /** The anchor of one flagged row's counters table. */
    static String rowAnchor(JvmPair p, RowComparison r) {
        return "u-" + ComparisonTables.rowAnchor(p, r);
    }

    /**
     * The line under a flagged row (without the bullet); null when the run counted nothing and says
     * nothing of counters (every run before counters: its report stays as it was but for one line,
     * {@link #notRecorded}).
     */
    String line(JvmPair p, RowComparison r) {
        String run = p.candidate().runId();
        Underneath.RowCounters rc = underneath.of(p, r);
        if (rc == null) {
            return underneath.counted(run) || underneath.counting(run).recorded()
                    ? "What changed underneath: no counters for this row" + missingText(underneath.counting(run), true) + "."
                    : null;
        }
        if (rc.quantities().isEmpty()) {
            return "What changed underneath: " + (rc.note().isEmpty() ? "no counter compared" : rc.note()) + ".";
        }
        List<CounterChange> shown = shown(rc);
        String link = " ([counters](#" + rowAnchor(p, r) + "))";
        int n = rc.quantities().stream().mapToInt(CounterChange::n).max().orElse(0);
        boolean underneathChanged = shown.stream().anyMatch(c -> CounterQuantity.UNDERNEATH.contains(c.quantity()));
        if (underneathChanged) {
            List<String> parts = new ArrayList<>();
            boolean difference = false;
            for (CounterChange c : shown) {
                parts.add(sides(c));
                difference |= c.method() == CounterChange.Method.DIFFERENCE;
            }
            return "What changed underneath (per operation, " + (difference ? "geometric means over the paired forks; "
                    + "arithmetic means where a side has a 0" : "geometric means over the paired forks") + ", n = " + n
                    + "): " + String.join(" · ", parts) + link + ".";
        }
        CounterChange user = rc.quantity(CounterQuantity.USER_CPU);
        CounterChange sys = rc.quantity(CounterQuantity.SYS_CPU);
        List<String> missing = missingGroups(rc);
        if (user != null && sys != null && user.n() >= 2 && sys.n() >= 2) {
            return "What changed underneath: nothing counted underneath changed (syscalls, context switches, sys CPU, "
                    + "allocation): the difference is in user-space CPU" + (user.changed() ? " (" + sides(user) + ")" : "")
                    + (missing.isEmpty() ? "" : "; not counted: " + String.join(", ", missing)
                    + missingText(underneath.counting(run), false)) + link + ".";
        }
        return "What changed underneath: nothing counted changed (" + String.join(", ", countedGroups(rc))
                + "); not counted: " + String.join(", ", missing) + missingText(underneath.counting(run), false)
                + ", so the report cannot say whether the difference is in user-space CPU" + link + ".";
    }

    /** What a flagged row says when its run has no flame graphs of it. */
    static final String NO_FLAMES = "No flame graphs (explain=none / not run)";

    /**
     * The line on a flagged row's flame graphs, from what the run's explain step left
     * ({@link Underneath#flameGraphs}): links to the differential graphs of the row's JVM pair (CPU, wall
     * clock, allocations, those it drew) and to the point's page with each JVM's graphs; else why there
     * are none. Null for a pair of two runs (explain profiles the JVMs of one run) and for a run that
     * has no explain output and neither counted nor recorded counters (a run from before both: its
     * report stays as it was).
     */
    String flames(JvmPair p, RowComparison r) {
        String run = p.candidate().runId();
        if (!p.baseline().runId().equals(run)) {
            return null;
        }
        FlameGraphs fg = underneath.flameGraphs();
        FlameGraphs.Run explained = fg.run(run);
        if (explained == null) {
            return silent(p) ? null : NO_FLAMES + ".";
        }
        if (explained.problem() != null) {
            return "No flame graphs: " + Text.md(explained.problem()) + ".";
        }
        FlameGraphs.Point point = fg.point(run, r.row().benchmark(), r.row().mode(), r.row().params());
        if (point == null) {
            return "No flame graphs: [the run's explain step](" + explained.index() + ") did not profile this row.";
        }
        Map<String, String> diffs = point.diffs().getOrDefault(FlameGraphs.pairKey(p.baseline().label(), p.candidate().label()), Map.of());
        String page = point.page() == null ? explained.index() : point.page();
        if (diffs.isEmpty()) {
            return "No flame graphs: " + Text.md(point.status()) + (point.reason() == null ? "" : " (" + Text.md(clip(point.reason())) + ")")
                    + " ([explain](" + page + ")).";
        }
        List<String> links = new ArrayList<>();
        EVENTS.forEach((id, words) -> {
            if (diffs.containsKey(id)) {
                links.add("[" + words + "](" + diffs.get(id) + ")");
            }
        });
        return "Flame graphs (profiled after the run, not part of the comparison): "
                + "differential " + String.join(" · ", links) + "; each JVM's on [the row's page](" + page + ").";
    }

    /** The explain step's events, as its file names and as a reader says them. */
    private static final Map<String, String> EVENTS = events();

    private static Map<String, String> events() {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("cpu", "CPU");
        e.put("wall", "wall clock");
        e.put("alloc", "allocations");
        return e;
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    /** True when {@code p}'s run neither counted nor recorded why not (every run before counters). */
    boolean silent(JvmPair p) {
        String run = p.candidate().runId();
        return !underneath.counted(run) && !underneath.counting(run).recorded();
    }

    /** The one line a report of a run without counters gets under its verdict's flagged rows. */
    static String notRecorded() {
        return "No counters per operation were recorded in this run (syscalls, context switches, CPU, allocation): "
                + "the report cannot say what changed underneath.";
    }

    /** The changed quantities a sentence names: every changed one, total CPU only when user/sys is not split. */
    static List<CounterChange> shown(Underneath.RowCounters rc) {
        boolean split = rc.quantity(CounterQuantity.USER_CPU) != null || rc.quantity(CounterQuantity.SYS_CPU) != null;
        return rc.changed().stream().filter(c -> !(split && c.quantity() == CounterQuantity.CPU)).toList();
    }

    /** "poll(2)/op 0 → 2.9", "sys CPU 41 → 3.0 µs/op", "bytes/write 65,536 → 496". */
    static String sides(CounterChange c) {
        String suffix = c.quantity() == null ? " " + c.unit() : c.quantity().suffix();
        return c.name() + " " + value(c, c.baseline()) + " → " + value(c, c.candidate()) + suffix;
    }

    /** A side's value: bytes per call as whole bytes with thousands marked ("65,536"), others as {@link #num}. */
    private static String value(CounterChange c, double v) {
        return c.quantity() != null && c.quantity().derived() && Double.isFinite(v) && Math.abs(v) >= 1000
                ? String.format(Locale.ROOT, "%,.0f", v) : num(v);
    }

    /** About three significant digits without trailing zeros: 41, 2.9, 0.05, 0. */
    static String num(double v) {
        String s = Units.format3(v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** The groups a row compared on the client. */
    private static List<String> countedGroups(Underneath.RowCounters rc) {
        return groups(rc, true);
    }

    /** The groups a row did not compare on the client. */
    private static List<String> missingGroups(Underneath.RowCounters rc) {
        return groups(rc, false);
    }

    /** The groups of which the row compared some quantity ({@code compared}) or none. */
    private static List<String> groups(Underneath.RowCounters rc, boolean compared) {
        List<String> out = new ArrayList<>();
        groups().forEach((g, qs) -> {
            if (qs.stream().anyMatch(q -> rc.quantity(q) != null) == compared) {
                out.add(g);
            }
        });
        return out;
    }

    private static Map<String, List<CounterQuantity>> groups() {
        Map<String, List<CounterQuantity>> g = new LinkedHashMap<>();
        g.put("syscalls", List.of(CounterQuantity.SYSCALLS, CounterQuantity.WRITES, CounterQuantity.READS));
        g.put("context switches", List.of(CounterQuantity.CONTEXT_SWITCHES));
        g.put("user/sys CPU", List.of(CounterQuantity.USER_CPU, CounterQuantity.SYS_CPU));
        g.put("allocation", List.of(CounterQuantity.ALLOC));
        return g;
    }

    /**
     * Why counters were missing, from run.json: " (perf not on PATH: …; /proc: …)", or " (run.json: not recorded)"
     * when the run does not say.
     */
    static String missingText(RunInfo.Counting counting, boolean leadingSpace) {
        if (!counting.recorded()) {
            return " (why: not recorded in run.json)";
        }
        if (counting.missing().isEmpty()) {
            return "";
        }
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        counting.missing().forEach((name, why) -> byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(
                name.equals(CounterSet.PROC_PROFILER) ? "/proc counters" : name));
        List<String> parts = new ArrayList<>();
        byReason.forEach((why, names) -> parts.add((names.size() > 3 ? names.size() + " perf events" : String.join(", ",
                names)) + ": " + why));
        return " (" + String.join("; ", parts) + ")";
    }

    /**
     * The section after the JVM pairs: per flagged row of the verdict's pair {@code p}, its counters'
     * table (the verdict's first screen holds only the line under each row). "" when no flagged row of
     * {@code p} has counters.
     */
    String section(JvmPair p) {
        List<RowComparison> all = p.tables().stream().flatMap(t -> t.rows().stream()).toList();
        List<RowComparison> flagged = all.stream().filter(RowComparison::flagged)
                .sorted(java.util.Comparator.comparingDouble((RowComparison r) -> -Math.abs(Math.log(r.ratio())))).toList();
        StringBuilder out = new StringBuilder();
        for (RowComparison r : flagged) {
            Underneath.RowCounters rc = underneath.of(p, r);
            if (rc == null || rc.quantities().isEmpty()) {
                continue;
            }
            out.append(Text.anchorTag(rowAnchor(p, r))).append("\n**").append(Text.md(VerdictText.rowName(r, all)))
                    .append("** (").append(Text.ratioCi(r.ratio(), r.low(), r.high())).append("):\n\n");
            out.append(table(p, rc)).append('\n');
            String flames = flames(p, r);
            if (flames != null) {
                out.append(flames).append("\n\n");
            }
        }
        String every = everyRow(p, all);
        if (out.length() == 0 && every.isEmpty()) {
            return "";
        }
        if (out.length() == 0) {
            return Text.anchorTag(ANCHOR) + "\n## What changed underneath\n\nNo flagged row has counters.\n\n" + every;
        }
        return Text.anchorTag(ANCHOR) + "\n## What changed underneath\n\n"
                + "Per flagged row, each counter per operation of " + Text.md(p.candidate().label()) + " against "
                + Text.md(p.baseline().label()) + ", paired by block as the score is: the centers over the paired forks "
                + "(geometric means; arithmetic means where a side has a 0 in some block), the change with its 95% "
                + "interval (a ratio, or where a side is 0 a difference in the counter's unit), p and in brackets p after "
                + "Holm over the row's counters, n blocks. Bytes per write and per read, where the benchmark knows its bytes "
                + "per operation (both ends' frames, from its parameters), are those bytes over write(2)/op or read(2)/op: "
                + "their change is the inverse of the count's, and so is their test. **changed**: significant and at least "
                + Math.round(Underneath.MIN_CHANGE * 100) + "%; small: significant but less. Every raw event is in "
                + "[counters.csv](counters.csv).\n\n" + out + every;
    }

    /** The counters {@link #everyRow} shows, in its column order. */
    static final List<CounterQuantity> EVERY_ROW = List.of(CounterQuantity.SYSCALLS, CounterQuantity.WRITES, CounterQuantity.READS,
            CounterQuantity.POLLS, CounterQuantity.FUTEX, CounterQuantity.CLONES, CounterQuantity.MMAPS,
            CounterQuantity.CONTEXT_SWITCHES, CounterQuantity.CPU, CounterQuantity.ALLOC);

    /**
     * One table of every compared row of {@code p} with counters, flagged or not: what an operation costs
     * underneath on each JVM, side by side ("17 → 25"), so that costs the JVMs share (a thread started per
     * connection: clone(2) and mmap(2) per operation) are read without a difference to flag them. A
     * change that is significant and at least {@link Underneath#MIN_CHANGE} is in bold. "" without counters.
     */
    private String everyRow(JvmPair p, List<RowComparison> all) {
        List<String> header = new ArrayList<>(List.of("row"));
        EVERY_ROW.forEach(q -> header.add(q.label() + q.suffix()));
        boolean[] right = new boolean[header.size()];
        java.util.Arrays.fill(right, 1, right.length, true);
        MarkdownTable t = new MarkdownTable(header, right);
        int rows = 0;
        for (RowComparison r : all) {
            Underneath.RowCounters rc = underneath.of(p, r);
            if (rc == null || rc.quantities().isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(Text.md(VerdictText.rowName(r, all))));
            for (CounterQuantity q : EVERY_ROW) {
                CounterChange c = rc.quantity(q);
                if (c == null || c.n() == 0) {
                    cells.add("–");
                    continue;
                }
                String both = num(c.baseline()) + " → " + num(c.candidate());
                cells.add(c.changed() ? "**" + both + "**" : both);
            }
            t.add(cells);
            rows++;
        }
        if (rows == 0) {
            return "";
        }
        return "<a id=\"counters-every-row\"></a>\n### Counters of every compared row\n\nPer operation, "
                + Text.md(p.baseline().label()) + " → " + Text.md(p.candidate().label())
                + " (centers over the paired forks, as above; bold: changed). A cost both JVMs pay shows here and not above: "
                + "e.g. a thread started per connection is clone(2) and mmap(2) per operation.\n\n" + t.render() + "\n";
    }

    private static String table(JvmPair p, Underneath.RowCounters rc) {
        MarkdownTable t = new MarkdownTable(List.of("counter", Text.md(p.baseline().label()),
                Text.md(p.candidate().label()), "change [95% CI]", "p (Holm)", "n", ""),
                new boolean[]{false, true, true, false, true, true, false});
        for (CounterChange c : rc.quantities()) {
            String unit = c.quantity() == null ? c.unit() : c.quantity().suffix().trim();
            String label = c.name() + (unit.isEmpty() || c.name().endsWith("/op") ? "" : ", " + unit);
            if (c.n() == 0) { // a quantity the row could not derive (bytes per call): the reason, no figures
                t.add(List.of(label, "–", "–", "–", "–", "0", c.note()));
                continue;
            }
            t.add(List.of(label, value(c, c.baseline()), value(c, c.candidate()), change(c), Text.p(c.p()) + " ("
                    + Text.p(c.pAdjusted()) + ")", Integer.toString(c.n()), status(c) + (c.note().isEmpty() ? "" : "; " + c.note())));
        }
        return t.render();
    }

    /** "×0.41 [0.38, 0.44]" for a ratio, "+2.9 [2.5, 3.3]" for a difference. */
    static String change(CounterChange c) {
        if (c.method() == CounterChange.Method.RATIO) {
            return "×" + Text.ratioCi(c.estimate(), c.low(), c.high());
        }
        String d = (c.estimate() >= 0 ? "+" : "") + num(c.estimate());
        return Double.isFinite(c.low()) ? d + " [" + num(c.low()) + ", " + num(c.high()) + "]" : d + " (no interval)";
    }

    private static String status(CounterChange c) {
        return switch (c.status()) {
            case CHANGED -> "**changed**";
            case SMALL -> String.format(Locale.ROOT, "small (< %d%%)", Math.round(Underneath.MIN_CHANGE * 100));
            case SAME -> "~";
            case CANNOT_TELL -> "cannot tell";
        };
    }
}
