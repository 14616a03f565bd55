package dev.nettune.explain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * PointPage writes what one point's profiled forks show: per JVM and event a flame graph
 * ({@code <label>-cpu.html}...), per pair and event a differential one
 * ({@code diff-cpu-<baseline>-vs-<candidate>.svg}) and the frames that changed most, on
 * {@code <point id>/index.html}; and the index over all points. Every failure is written where the
 * graph would be, with its reason.
 */
final class PointPage {
    private static final String STYLE = "<style>body{font-family:sans-serif;margin:1.5em;max-width:1250px}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}"
            + "td.n{text-align:right;font-family:monospace}.bad{color:#a00}.note{color:#555;font-size:13px}"
            + "img{border:1px solid #ddd;max-width:100%}</style>";

    /**
     * An Entry is one point in explain/index.json.
     *
     * @param id        the point's folder under explain/
     * @param benchmark JMH's benchmark name
     * @param mode      JMH's mode
     * @param params    its parameters
     * @param pairs     "baseline vs candidate" for each pair explained
     * @param verdict   the row's verdict, or null
     * @param ratio     the row's ratio and its 95% interval, or null
     * @param status    "explained" (a differential graph was made), "failed" or "not run"
     * @param reason    why not explained, or null
     * @param page      the point's page, relative to explain/
     * @param jvms      per JVM label: how its profiled fork went
     * @param diffs     the differential graphs, relative to explain/
     */
    @JsonPropertyOrder({"id", "benchmark", "mode", "params", "pairs", "verdict", "ratio", "status", "reason", "page", "jvms", "diffs"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String id, String benchmark, String mode, SortedMap<String, String> params, List<String> pairs, String verdict,
                 double[] ratio, String status, String reason, String page, Map<String, Fork> jvms, List<String> diffs) {
        static Entry notRun(List<FlaggedPoint> ps, String reason) {
            FlaggedPoint p = ps.get(0);
            return new Entry(p.id(), p.benchmark(), p.mode(), p.params(), PointPage.pairs(ps), p.verdict(), PointPage.ratio(p), "not run", reason, null,
                    Map.of(), List.of());
        }
    }

    /**
     * A Fork is one JVM's profiled fork of a point in explain/index.json.
     *
     * @param status  "ok", "failed"
     * @param reason  why it failed, or null
     * @param seconds its wall time, s
     * @param score   its JMH score (one profiled fork: not a measurement), or null
     * @param unit    the score's unit, or null
     * @param ops     operations in its profiled iterations, or null
     * @param flames  per event, its flame graph relative to explain/
     */
    @JsonPropertyOrder({"status", "reason", "seconds", "score", "unit", "ops", "flames"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Fork(String status, String reason, long seconds, Double score, String unit, Double ops, Map<String, String> flames) {
    }

    private PointPage() {
    }

    /** Writes the point's graphs and page; returns its index entry. */
    static Entry write(Path root, List<FlaggedPoint> ps, Map<String, Map<ProfiledFork.Session, ProfiledFork.Request>> requests,
                       Map<String, Map<ProfiledFork.Session, ProfiledFork.Outcome>> outcomes, String problem, ProfilerSetup setup,
                       PrintStream out) throws IOException {
        FlaggedPoint p = ps.get(0);
        Path dir = root.resolve(p.id());
        Files.createDirectories(dir);
        Map<String, Fork> forks = new LinkedHashMap<>();
        Map<String, Map<Flames.Event, Map<String, Long>>> stacks = new LinkedHashMap<>();
        for (Map.Entry<String, Map<ProfiledFork.Session, ProfiledFork.Outcome>> e : outcomes.entrySet()) {
            String label = e.getKey();
            Map<ProfiledFork.Session, ProfiledFork.Outcome> sessions = e.getValue();
            Map<String, String> flames = new LinkedHashMap<>();
            List<String> reasons = new ArrayList<>();
            sessions.forEach((session, o) -> {
                if (o.reason() != null) {
                    reasons.add(session.words + ": " + o.reason());
                }
            });
            Map<Flames.Event, Map<String, Long>> byEvent = new LinkedHashMap<>();
            for (Flames.Event ev : Flames.Event.values()) {
                ProfiledFork.Outcome o = sessions.get(ProfiledFork.Session.of(ev));
                if (o == null || o.status() != ProfiledFork.Status.OK) {
                    continue;
                }
                try {
                    String file = label + "-" + ev.id + ".html";
                    Flames.html(o.jfr(), ev, label + ": " + ev.words + ", " + Explain.shortName(p), dir.resolve(file));
                    flames.put(ev.id, p.id() + "/" + file);
                    byEvent.put(ev, Flames.collapsed(o.jfr(), ev, dir.resolve(label).resolve(ev.id + ".collapsed")));
                } catch (IOException | RuntimeException ex) {
                    reasons.add(ev.id + ": jfr-converter failed: " + ex.getMessage());
                }
            }
            if (!byEvent.isEmpty()) {
                stacks.put(label, byEvent);
            }
            boolean ok = sessions.values().stream().allMatch(o -> o.status() == ProfiledFork.Status.OK);
            ProfiledFork.Outcome cpu = sessions.get(ProfiledFork.Session.CPU_ALLOC);
            long seconds = sessions.values().stream().mapToLong(ProfiledFork.Outcome::seconds).sum();
            forks.put(label, new Fork(ok ? "ok" : "failed", reasons.isEmpty() ? null : String.join("; ", reasons), seconds,
                    cpu == null ? null : finite(cpu.score()), cpu == null ? null : cpu.unit(), cpu == null ? null : finite(cpu.ops()),
                    flames));
        }
        List<String> diffs = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (FlaggedPoint pair : ps) {
            body.append("<h2>").append(esc(pair.baseline())).append(" vs ").append(esc(pair.candidate())).append("</h2>\n");
            if (pair.verdict() != null) {
                body.append("<p>The run's verdict: <b>").append(esc(pair.verdict())).append("</b>, ratio ")
                        .append(esc(ratioText(pair))).append(" (").append(esc(pair.candidate())).append(" over ")
                        .append(esc(pair.baseline())).append(").</p>\n");
            }
            Map<Flames.Event, Map<String, Long>> a = stacks.get(pair.baseline());
            Map<Flames.Event, Map<String, Long>> b = stacks.get(pair.candidate());
            if (a == null || b == null) {
                body.append("<p class=bad>No differential graph: a profiled fork failed (below).</p>\n");
                continue;
            }
            for (Flames.Event ev : Flames.Event.values()) {
                Map<String, Long> sa = a.get(ev);
                Map<String, Long> sb = b.get(ev);
                body.append("<h3>").append(esc(ev.words)).append("</h3>\n");
                if (sa == null || sb == null) {
                    body.append("<p class=bad>No ").append(esc(ev.words)).append(" graph: a profiled fork failed (below).</p>\n");
                    continue;
                }
                if (sa.isEmpty() && sb.isEmpty()) {
                    body.append("<p class=note>No ").append(esc(ev.words)).append(" samples on either JVM.</p>\n");
                    continue;
                }
                if (ev == Flames.Event.WALL) {
                    sa = nettuneThreads(sa);
                    sb = nettuneThreads(sb);
                }
                Differential d = Differential.of(sa, sb, normalization(ev, sa, sb, cpuSession(outcomes, pair.baseline()),
                        cpuSession(outcomes, pair.candidate())));
                String file = "diff-" + ev.id + "-" + safe(pair.baseline()) + "-vs-" + safe(pair.candidate()) + ".svg";
                Files.writeString(dir.resolve(file), DiffFlameSvg.render(d, "Differential flame graph, " + ev.words + ": "
                        + Explain.shortName(p), pair.baseline(), pair.candidate()), StandardCharsets.UTF_8);
                diffs.add(p.id() + "/" + file);
                body.append("<p><a href=\"").append(file).append("\"><img src=\"").append(file).append("\" alt=\"differential flame graph\"></a>")
                        .append("<br><span class=note>Open the graph for each frame's values. Per JVM: <a href=\"").append(pair.baseline())
                        .append("-").append(ev.id).append(".html\">").append(esc(pair.baseline())).append("</a>, <a href=\"")
                        .append(pair.candidate()).append("-").append(ev.id).append(".html\">").append(esc(pair.candidate()))
                        .append("</a>. ").append(esc(d.normalization().description())).append(".</span></p>\n");
                body.append(topTable(d, pair));
            }
        }
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(esc(Explain.shortName(p))).append("</title>").append(STYLE).append("</head><body>\n<h1>")
                .append(esc(Explain.shortName(p))).append("</h1>\n<p class=note>").append(esc(p.benchmark())).append(", mode ")
                .append(esc(p.mode())).append(". One JMH fork per JVM under async-profiler, after the run: these forks explain the run's"
                        + " comparison and are not part of it. ").append(esc(String.join("; ", setup.notes()))).append(".</p>\n");
        if (problem != null) {
            page.append("<p class=bad>").append(esc(problem)).append("</p>\n");
        }
        page.append(body);
        page.append("<h2>The profiled forks</h2>\n<table><tr><th>JVM</th><th>status</th><th>score (one fork)</th>"
                + "<th>operations profiled</th><th>time, s</th><th>flame graphs</th></tr>\n");
        forks.forEach((label, f) -> {
            Map<ProfiledFork.Session, ProfiledFork.Request> rs = requests.getOrDefault(label, Map.of());
            ProfiledFork.Request r = rs.get(ProfiledFork.Session.CPU_ALLOC);
            page.append("<tr><td>").append(esc(label)).append("</td><td").append(f.status().equals("ok") ? ">ok" : " class=bad>"
                    + esc(f.reason())).append("</td><td class=n>").append(f.score() == null ? "" : DiffFlameSvg.fmt(f.score()) + " "
                    + esc(f.unit())).append("</td><td class=n>").append(f.ops() == null ? "" : DiffFlameSvg.fmt(f.ops()))
                    .append("</td><td class=n>").append(f.seconds()).append("</td><td>");
            f.flames().forEach((ev, file) -> page.append("<a href=\"").append(file.substring(file.indexOf('/') + 1)).append("\">")
                    .append(esc(ev)).append("</a> "));
            page.append("</td></tr>\n");
            if (r != null) {
                page.append("<tr><td></td><td colspan=5 class=note>").append(r.warmup()).append(" x ").append(esc(r.warmupTime()))
                        .append(" warm-up (not profiled), ").append(r.measurement()).append(" x ").append(esc(r.measurementTime()))
                        .append(" profiled, in ").append(rs.size()).append(" forks (").append(esc(String.join("; ", rs.keySet().stream()
                                .map(x -> x.words).toList()))).append(": one kind of signal per fork); ").append(esc(r.java().toString()))
                        .append(r.flags().isEmpty() ? "" : " " + esc(String.join(" ", r.flags()))).append("; JMH's output: ")
                        .append(esc(String.join(", ", rs.keySet().stream().map(x -> label + "/" + x.id + "/jmh.log").toList())))
                        .append("</td></tr>\n");
            }
        });
        page.append("</table>\n</body></html>\n");
        Files.writeString(dir.resolve("index.html"), page.toString(), StandardCharsets.UTF_8);

        String status = !diffs.isEmpty() ? "explained" : outcomes.isEmpty() ? "not run" : "failed";
        String reason = null;
        if (diffs.isEmpty()) {
            List<String> why = new ArrayList<>();
            if (problem != null) {
                why.add(problem);
            }
            forks.forEach((label, f) -> {
                if (f.reason() != null) {
                    why.add(label + ": " + f.reason());
                }
            });
            reason = why.isEmpty() ? "no samples" : String.join("; ", why);
        }
        return new Entry(p.id(), p.benchmark(), p.mode(), p.params(), pairs(ps), p.verdict(), ratio(p), status, reason,
                p.id() + "/index.html", forks, diffs);
    }

    /** The CPU-and-allocations session of {@code label}'s forks, or null: its operations scale CPU and allocations. */
    private static ProfiledFork.Outcome cpuSession(Map<String, Map<ProfiledFork.Session, ProfiledFork.Outcome>> outcomes, String label) {
        return outcomes.getOrDefault(label, Map.of()).get(ProfiledFork.Session.CPU_ALLOC);
    }

    /** CPU per operation (ns), allocations per operation (bytes), both when both forks' operations are known; wall as shares. */
    static Differential.Normalization normalization(Flames.Event ev, Map<String, Long> a, Map<String, Long> b,
                                                    ProfiledFork.Outcome oa, ProfiledFork.Outcome ob) {
        boolean perOp = oa != null && ob != null && Double.isFinite(oa.ops()) && Double.isFinite(ob.ops()) && oa.ops() > 0 && ob.ops() > 0;
        if (perOp && ev == Flames.Event.CPU) {
            return Differential.Normalization.perOp("ns CPU/op", ProfiledFork.CPU_INTERVAL_NS, oa.ops(), ProfiledFork.CPU_INTERVAL_NS, ob.ops());
        }
        if (perOp && ev == Flames.Event.ALLOC) {
            return Differential.Normalization.perOp("B/op", 1, oa.ops(), 1, ob.ops());
        }
        Differential.Normalization share = Differential.Normalization.share(Collapsed.total(a), Collapsed.total(b));
        return ev != Flames.Event.WALL ? share : new Differential.Normalization(share.unit(), share.baseScale(), share.candidateScale(),
                share.description() + ", threads running nettune code only (benchmark, client, server)");
    }

    /**
     * The wall-clock stacks that run nettune code (benchmark, client, server threads), or all when none
     * does: the JVM's own threads (GC, JIT, JMH's timers) wait the whole fork and would drown them.
     */
    static Map<String, Long> nettuneThreads(Map<String, Long> stacks) {
        Map<String, Long> ours = new LinkedHashMap<>();
        stacks.forEach((k, v) -> {
            if (k.contains(NETTUNE_FRAME)) {
                ours.put(k, v);
            }
        });
        return ours.isEmpty() ? stacks : ours;
    }

    /** A frame of nettune's code, with jfr-converter's dotted names. */
    static final String NETTUNE_FRAME = "dev.nettune.";

    private static String topTable(Differential d, FlaggedPoint pair) {
        StringBuilder t = new StringBuilder("<table><tr><th>frame (self, summed over its call sites)</th><th>")
                .append(esc(pair.baseline())).append("</th><th>").append(esc(pair.candidate())).append("</th><th>change, ")
                .append(esc(d.normalization().unit())).append("</th></tr>\n");
        for (Differential.FrameDelta f : d.topSelf(Differential.DEFAULT_TOP)) {
            t.append("<tr><td>").append(esc(f.frame())).append("</td><td class=n>").append(DiffFlameSvg.fmt(f.a()))
                    .append("</td><td class=n>").append(DiffFlameSvg.fmt(f.b())).append("</td><td class=n>")
                    .append(f.delta() >= 0 ? "+" : "").append(DiffFlameSvg.fmt(f.delta())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** explain/index.html: one row per point, with its status and links. */
    static String index(List<Entry> entries, ProfilerSetup setup) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Flame graphs of flagged rows"
                + "</title>").append(STYLE).append("</head><body>\n<h1>Flame graphs of flagged rows</h1>\n<p class=note>")
                .append(esc(setup.available() ? String.join("; ", setup.notes()) : setup.unavailable()))
                .append(".</p>\n<table><tr><th>point</th><th>JVMs</th><th>verdict</th><th>ratio [95% CI]</th><th>graphs</th></tr>\n");
        for (Entry e : entries) {
            FlaggedPoint p = new FlaggedPoint(e.benchmark(), e.mode(), e.params(), "", "", null, Double.NaN, Double.NaN, Double.NaN);
            s.append("<tr><td>").append(e.page() == null ? esc(Explain.shortName(p))
                    : "<a href=\"" + e.page() + "\">" + esc(Explain.shortName(p)) + "</a>").append("</td><td>")
                    .append(esc(String.join(", ", e.pairs()))).append("</td><td>").append(e.verdict() == null ? "" : esc(e.verdict()))
                    .append("</td><td class=n>").append(e.ratio() == null ? "" : esc(ratioText(e.ratio()[0], e.ratio()[1], e.ratio()[2])))
                    .append("</td><td").append(e.status().equals("explained") ? ">" + e.diffs().size() + " differential"
                            : " class=bad>" + esc(e.status() + ": " + e.reason())).append("</td></tr>\n");
        }
        return s.append("</table>\n</body></html>\n").toString();
    }

    private static List<String> pairs(List<FlaggedPoint> ps) {
        return ps.stream().map(p -> p.baseline() + " vs " + p.candidate()).toList();
    }

    private static double[] ratio(FlaggedPoint p) {
        return Double.isNaN(p.ratio()) ? null : new double[]{p.ratio(), p.low(), p.high()};
    }

    private static String ratioText(FlaggedPoint p) {
        return ratioText(p.ratio(), p.low(), p.high());
    }

    private static String ratioText(double r, double lo, double hi) {
        return Double.isNaN(r) ? "unknown" : String.format(Locale.ROOT, "%.3g× [%.3g, %.3g]", r, lo, hi);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String esc(String s) {
        return s == null ? "" : DiffFlameSvg.escape(s);
    }
}
