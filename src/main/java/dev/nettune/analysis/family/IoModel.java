package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Contrast;
import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.family.ChartRule.Kind;
import dev.nettune.analysis.family.ChartRule.Quantity;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.units.Units;
import dev.nettune.stats.OneSampleT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IoModel is the I/O model family ({@code bench.model}): many connections served by a Selector loop
 * or by a thread each. Its question is where the Selector pair overtakes the thread-per-connection
 * pair as connections grow, and, where the points read it (from 1,000 connections on), what a connection
 * costs each pair in memory at the most connections; at scale, the same for the server alone, both servers
 * driven by one Selector client. Its charts are round trips/s (and p99 latency) against connections, one
 * line per client × server pair and one panel per JVM.
 */
public final class IoModel extends FamilyDescriptor {

    /** Client and server of the Selector pair, and of the thread-per-connection pair it is read against. */
    static final String SELECTOR = "SELECTOR";
    static final String STREAM_CLIENT = "STREAM";
    static final String BLOCKING_SERVER = "BLOCKING";

    /** How a question names its two pairs: the Selector one, the thread-per-connection one, and the ratio's words. */
    record Pairs(String selector, String threads, String ratio) {
    }

    static final Pairs BOTH_SIDES = new Pairs("the Selector pair", "the thread-per-connection pair",
            "SELECTOR×SELECTOR over STREAM×BLOCKING");
    static final Pairs SERVER_SIDE = new Pairs("the Selector server", "the thread-per-connection server",
            "SELECTOR×SELECTOR over SELECTOR×BLOCKING (client × server)");

    IoModel() {
        super("I/O model", "model", "dev.nettune.bench.model.");
        scoresCount("round trips/s", "time per round trip", "ConnectionScaling", "OpenLoop", "SingleConnection");
        // At scale a thread per connection at both ends stops before 4,000 here (docs/evidence/scale), so the
        // server's model is also read with one Selector client driving both servers; only scale runs measure it.
        ask(new Question(this, "IO_MODEL", "I/O model", "where does a Selector loop overtake a thread per connection?",
                        (jvm, results) -> crossing(jvm, results, STREAM_CLIENT), (a, w) -> crossingSentence(a, w, BOTH_SIDES)),
                new Question(this, "IO_MODEL_SERVER", "I/O model, server side", "with one Selector client, where does a Selector"
                        + " server overtake a thread per connection?", (jvm, results) -> crossing(jvm, results, SELECTOR),
                        (a, w) -> crossingSentence(a, w, SERVER_SIDE), false));
    }

    @Override
    protected Map<String, ChartRule> chartRules() {
        ChartRule scaling = new ChartRule(Kind.LINE, "connections", true, List.of("client", "server"), List.of(),
                List.of(), List.of(new Quantity(null, "round trips/s", null, null, false),
                        new Quantity("p99Us", "p99 round-trip latency", "µs", false, true)),
                "vs connections, one line per client × server");
        return Map.of("ConnectionScalingBenchmark", scaling, "OpenLoopLatencyBenchmark", scaling);
    }

    @Override
    public String seriesLabel(List<String> params, List<String> values) {
        return params.equals(List.of("client", "server")) ? values.get(0) + " client × " + values.get(1) + " server" : null;
    }

    /**
     * {@code ConnectionScalingBenchmark.roundTrips} (thrpt), client=SELECTOR server=SELECTOR against
     * client={@code threadClient} server=BLOCKING at each connection count; {@link Crossover} reads where the
     * ratio passes 1.
     */
    private Finding crossing(JvmId jvm, List<Result> results, String threadClient) {
        List<String> varying = List.of("client", "server", "connections");
        List<Result> pts = Points.fix(Points.points(results, "ConnectionScalingBenchmark.roundTrips", "thrpt"), varying);
        return Points.along(jvm, pts, varying, "connections",
                p -> Points.is(p, "client", SELECTOR) && Points.is(p, "server", SELECTOR),
                p -> Points.is(p, "client", threadClient) && Points.is(p, "server", BLOCKING_SERVER));
    }

    private String crossingSentence(Answer a, Wording w, Pairs pairs) {
        // JVMs with the same reading are named together
        Map<String, List<String>> byReading = new LinkedHashMap<>();
        for (Finding f : a.findings()) {
            Crossover x = Crossover.of(f.contrasts());
            List<Contrast> cs = f.contrasts();
            String reading = reading(x, cs, pairs);
            List<String> figures = new ArrayList<>();
            for (Contrast c : cs) {
                if (x.kind() == Crossover.Kind.CROSSES_UP || x.kind() == Crossover.Kind.CROSSES_DOWN) {
                    String v = c.value();
                    if (!v.equals(x.below()) && !v.equals(x.above())) {
                        continue; // the two counts either side of the crossing tell it
                    }
                } else if (c != cs.get(0) && c != cs.get(cs.size() - 1)) {
                    continue;
                }
                figures.add(w.link(a, f, c, w.ratioCi(c.ratio().ratio(), c.ratio().low(), c.ratio().high())
                        .replace(" (no interval)", "") + " at " + c.value()));
            }
            byReading.computeIfAbsent(reading, k -> new ArrayList<>()).add(w.jvm(f) + " (" + String.join(", ", figures) + ")");
        }
        List<String> parts = new ArrayList<>();
        byReading.forEach((reading, jvms) -> parts.add(reading + " on " + w.join(jvms)));
        List<String> memory = new ArrayList<>();
        for (Finding f : a.findings()) {
            String m = bytesAtLargest(f);
            if (!m.isEmpty()) {
                memory.add(w.jvm(f) + " " + m);
            }
        }
        return "ratio of round trips/s, " + pairs.ratio() + ": " + String.join("; ", parts) + "."
                + (memory.isEmpty() ? "" : " Bytes per connection at the most connections measured (mean over forks [95% "
                + "interval] (n forks); client JVM + server JVM, or both in one JVM with the server in process): "
                + String.join("; ", memory) + ".");
    }

    /**
     * What a connection cost the two pairs at the finding's largest count: "at 10000: SELECTOR×SELECTOR 10.1 KiB
     * [9.80, 10.5] (8) + 3.20 KiB [3.10, 3.30] (8), STREAM×BLOCKING ...", or "" where no fork read it (the
     * benchmarks read memory from 1,000 connections on: quick's points and runs made before say nothing).
     */
    static String bytesAtLargest(Finding f) {
        if (f.contrasts().isEmpty()) {
            return "";
        }
        Contrast last = f.contrasts().get(f.contrasts().size() - 1);
        List<String> pairs = new ArrayList<>();
        for (Result r : new Result[] {last.subject(), last.reference()}) {
            String client = perConnection(r, "bytesPerConnection");
            String server = perConnection(r, "serverBytesPerConnection");
            if (client.isEmpty() && server.isEmpty()) {
                continue;
            }
            String pair = r.key().params().get("client") + "×" + r.key().params().get("server") + " ";
            pairs.add(pair + (server.isEmpty() ? client + " both sides" : (client.isEmpty() ? "—" : client) + " + " + server));
        }
        return pairs.isEmpty() ? "" : "at " + last.value() + ": " + String.join(", ", pairs);
    }

    /**
     * A whole-trial reading of a result's forks ({@link Metric#wholeTrialReadings}), "10.1 KiB [9.80, 10.5] (8)":
     * mean over the forks with a finite value, 95% t interval.
     */
    static String perConnection(Result r, String metric) {
        Metric m = r == null ? null : r.secondary().get(metric);
        if (m == null) {
            return "";
        }
        double[] values = m.wholeTrialReadings();
        int n = values.length;
        if (n == 0) {
            return "";
        }
        OneSampleT t = OneSampleT.of(values, n, 0.95);
        Units.Scale scale = Units.scaleFor("B", metric, t.mean());
        String mean = Units.format3(t.mean() / scale.divisor()) + " " + scale.label();
        return n < 2 ? mean + " (1)" : mean + " [" + Units.format3(t.low() / scale.divisor()) + ", "
                + Units.format3(t.high() / scale.divisor()) + "] (" + n + ")";
    }

    private static String reading(Crossover x, List<Contrast> cs, Pairs pairs) {
        String first = cs.get(0).value();
        String last = cs.get(cs.size() - 1).value();
        String reading = switch (x.kind()) {
            case CROSSES_UP -> "crossover between " + x.below() + " and " + x.above() + " connections";
            case CROSSES_DOWN -> pairs.selector() + " ahead up to " + x.below() + " connections, behind from " + x.above();
            case ALWAYS_ABOVE -> pairs.selector() + " ahead at " + (cs.size() == 1
                    ? "the only count measured (" + first + ")" : "every count measured (" + first + "–" + last + ")");
            case ALWAYS_BELOW -> pairs.threads() + " ahead at " + (cs.size() == 1
                    ? "the only count measured (" + first + ")" : "every count measured (" + first + "–" + last + ")");
            case MIXED -> "no single crossover (the lead changes more than once)";
            default -> "no ratio to read";
        };
        if (!x.indicative() && !x.clear() && x.kind() != Crossover.Kind.MIXED) {
            reading += " (some ratios within noise)";
        }
        return reading;
    }
}
