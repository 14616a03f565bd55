package dev.nettune.analysis.compare;

import dev.nettune.analysis.compare.Answer.Contrast;
import dev.nettune.analysis.compare.Answer.Finding;
import dev.nettune.analysis.compare.Answer.Topic;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.stats.Summary;
import dev.nettune.stats.UnpairedRatio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Answers finds, for each {@link Topic}, the benchmark points that answer it and contrasts them:
 *
 * <ul>
 *   <li>ROUND_TRIP: {@code RoundTripBenchmark.roundTrip} (thrpt), its level per JVM;</li>
 *   <li>IO_MODEL: {@code ConnectionScalingBenchmark.roundTrips} (thrpt), client=SELECTOR
 *       server=SELECTOR against client=STREAM server=BLOCKING at each connection count;
 *       {@link #crossover} reads where the ratio passes 1;</li>
 *   <li>SEND_BUFFER: {@code SocketBufferStreamBenchmark.stream} (thrpt) at 64 KiB writes, each
 *       sndBuf against sndBuf=0 (autotuned);</li>
 *   <li>COALESCING: {@code CoalescingBenchmark.message} (thrpt) at 16 × 64 B, each strategy against
 *       the first measured of {@link #COALESCED} (one write of the whole message);</li>
 *   <li>NAGLE: {@code NagleBenchmark.message} (sample) at 16 × 64 B, tcpNoDelay=false against
 *       true, per strategy;</li>
 *   <li>REUSE: {@code ConnectionReuseBenchmark.operation} (thrpt) at one thread count (4 when
 *       measured), each workload against PERSISTENT.</li>
 * </ul>
 * Parameters not named are held at one value: the preferred one when measured (payload 64, TCP,
 * rcvBuf 0, path STREAM, the server in process, ...), otherwise the most frequent. Only points of one JVM are contrasted,
 * and only within one run. A topic whose points are absent gets an Answer without findings.
 */
public final class Answers {

    /** Confidence level of the contrasts' intervals. */
    public static final double LEVEL = 0.95;
    /**
     * Strategies that put a message on the wire in one system call, in the order taken as the
     * coalescing reference: the full profile measures the copy, quick only the buffered stream.
     */
    private static final List<String> COALESCED = List.of("COPY_HEAP", "BUFFERED_8K", "COPY_DIRECT", "BUFFERED_64K",
            "GATHERING", "GATHERING_DIRECT");

    /** Preferred values of parameters a topic holds fixed; others take their most frequent value. */
    static final Map<String, String> PREFERRED = Map.of("payload", "64", "transport", "TCP", "rcvBuf", "0",
            "path", "STREAM", "threads", "4", "close", "FIN", "io", "STREAM", "server", "SELECTOR",
            PlacementComparisons.PARAM, PlacementComparisons.REFERENCE);

    private Answers() {
    }

    /** A Crossover is where a ratio passes 1 as a parameter grows. */
    public record Crossover(Kind kind, String below, String above, boolean clear, boolean indicative) {
        /** What the ratios do across the parameter. */
        public enum Kind {
            /** Below 1, then above 1 from {@code above} on. */
            CROSSES_UP,
            /** Above 1, then below 1 from {@code above} on. */
            CROSSES_DOWN,
            /** Above 1 everywhere. */
            ALWAYS_ABOVE,
            /** Below 1 everywhere. */
            ALWAYS_BELOW,
            /** Passes 1 more than once. */
            MIXED,
            /** No ratio to read. */
            NONE
        }
    }

    /**
     * Where the contrasts' ratios (in parameter order) pass 1. {@code clear} when the two ratios
     * either side of the crossing (or, without one, all ratios) have intervals that exclude 1;
     * {@code indicative} when some ratio has no interval at all (a single fork).
     */
    public static Crossover crossover(List<Contrast> contrasts) {
        List<Contrast> cs = contrasts.stream().filter(c -> c.ratio() != null && Double.isFinite(c.ratio().ratio()))
                .toList();
        if (cs.isEmpty()) {
            return new Crossover(Crossover.Kind.NONE, "", "", false, false);
        }
        boolean indicative = cs.stream().anyMatch(c -> !c.hasInterval());
        int changes = 0;
        int at = -1;
        for (int i = 1; i < cs.size(); i++) {
            if ((cs.get(i).ratio().ratio() > 1) != (cs.get(i - 1).ratio().ratio() > 1)) {
                changes++;
                at = i;
            }
        }
        if (changes == 0) {
            boolean up = cs.get(0).ratio().ratio() > 1;
            boolean clear = cs.stream().allMatch(Contrast::clear);
            return new Crossover(up ? Crossover.Kind.ALWAYS_ABOVE : Crossover.Kind.ALWAYS_BELOW, "", "", clear, indicative);
        }
        if (changes > 1) {
            return new Crossover(Crossover.Kind.MIXED, "", "", false, indicative);
        }
        Contrast lo = cs.get(at - 1);
        Contrast hi = cs.get(at);
        boolean up = hi.ratio().ratio() > 1;
        return new Crossover(up ? Crossover.Kind.CROSSES_UP : Crossover.Kind.CROSSES_DOWN, value(lo.label()),
                value(hi.label()), lo.clear() && hi.clear(), indicative);
    }

    private static String value(String label) {
        int eq = label.indexOf('=');
        return eq < 0 ? label : label.substring(eq + 1);
    }

    /** One Answer per topic for each run of {@code set}, by run id, in the set's run order. */
    public static Map<String, List<Answer>> byRun(ResultSet set) {
        Map<String, List<Result>> runs = new LinkedHashMap<>();
        for (Result r : set.results()) {
            runs.computeIfAbsent(r.key().jvm().runId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Answer>> out = new LinkedHashMap<>();
        runs.forEach((run, rs) -> {
            List<Answer> answers = new ArrayList<>();
            for (Topic t : Topic.values()) {
                answers.add(answer(t, run, rs, set.jvms()));
            }
            out.put(run, answers);
        });
        return out;
    }

    /**
     * For each topic the answer of the run that measured it most completely ({@link Coverage}: the
     * most contrasts with an interval, then the most contrasts, then the most forks of its
     * least-measured point), the newest of equally complete runs ({@code runOrder}: later is newer);
     * an answer without findings when no run measured it. A newer run that measured only part of a
     * question (a run of a few points) therefore does not replace a fuller answer; a newer run as
     * complete as the one shown does.
     */
    public static List<Answer> fullest(Map<String, List<Answer>> byRun, List<String> runOrder) {
        List<Answer> out = new ArrayList<>();
        for (Topic t : Topic.values()) {
            Answer best = new Answer(t, "", List.of());
            Coverage bestCoverage = null;
            for (String run : runOrder) {
                List<Answer> as = byRun.get(run);
                if (as == null) {
                    continue;
                }
                Answer a = as.get(t.ordinal());
                if (!a.measured()) {
                    continue;
                }
                Coverage c = Coverage.of(a);
                if (bestCoverage == null || c.compareTo(bestCoverage) >= 0) {
                    best = a;
                    bestCoverage = c;
                }
            }
            out.add(best);
        }
        return out;
    }

    /** The answer to {@code topic} from the results of one run. */
    static Answer answer(Topic topic, String run, List<Result> results, List<JvmId> jvmOrder) {
        List<Finding> findings = new ArrayList<>();
        for (JvmId jvm : jvmOrder) {
            if (!jvm.runId().equals(run)) {
                continue;
            }
            List<Result> mine = results.stream().filter(r -> r.key().jvm().equals(jvm)).toList();
            Finding f = finding(topic, jvm, mine);
            if (f != null && !f.contrasts().isEmpty()) {
                findings.add(f);
            }
        }
        return new Answer(topic, findings.isEmpty() ? "" : run, List.copyOf(findings));
    }

    private static Finding finding(Topic topic, JvmId jvm, List<Result> rs) {
        switch (topic) {
            case ROUND_TRIP: {
                List<Result> pts = fix(points(rs, "RoundTripBenchmark.roundTrip", "thrpt"), List.of());
                return pts.isEmpty() ? null : new Finding(jvm, fixedText(pts, List.of()),
                        List.of(level("payload=" + pts.get(0).key().params().getOrDefault("payload", "?"), pts.get(0))));
            }
            case IO_MODEL: {
                List<Result> pts = fix(points(rs, "ConnectionScalingBenchmark.roundTrips", "thrpt"),
                        List.of("client", "server", "connections"));
                return contrasts(jvm, pts, List.of("client", "server", "connections"), "connections",
                        p -> is(p, "client", "SELECTOR") && is(p, "server", "SELECTOR"),
                        p -> is(p, "client", "STREAM") && is(p, "server", "BLOCKING"));
            }
            case SEND_BUFFER: {
                List<Result> pts = fix(points(rs, "SocketBufferStreamBenchmark.stream", "thrpt").stream()
                        .filter(r -> is(r, "writeSize", "65536")).toList(), List.of("sndBuf"));
                Result ref = first(pts, r -> is(r, "sndBuf", "0"));
                List<Contrast> cs = new ArrayList<>();
                if (ref != null) {
                    pts.stream().filter(r -> r != ref).sorted(numeric("sndBuf"))
                            .forEach(r -> cs.add(contrast("sndBuf=" + r.key().params().get("sndBuf"), r, ref)));
                }
                return new Finding(jvm, fixedText(pts, List.of("sndBuf")), cs);
            }
            case COALESCING: {
                List<Result> pts = fix(points(rs, "CoalescingBenchmark.message", "thrpt").stream()
                        .filter(r -> is(r, "parts", "16") && is(r, "partBytes", "64")).toList(), List.of("strategy"));
                Result ref = COALESCED.stream().map(s -> first(pts, r -> is(r, "strategy", s)))
                        .filter(Objects::nonNull).findFirst().orElse(null);
                List<Contrast> cs = new ArrayList<>();
                if (ref != null) {
                    pts.stream().filter(r -> r != ref)
                            .forEach(r -> cs.add(contrast("strategy=" + r.key().params().get("strategy"), r, ref)));
                    // the headline contrast first
                    cs.sort(Comparator.comparing((Contrast c) -> !c.label().equals("strategy=STREAM_PER_PART")));
                }
                return new Finding(jvm, fixedText(pts, List.of("strategy")), cs);
            }
            case NAGLE: {
                List<Result> pts = fix(points(rs, "NagleBenchmark.message", "sample").stream()
                        .filter(r -> is(r, "parts", "16") && is(r, "partBytes", "64")).toList(),
                        List.of("strategy", "tcpNoDelay"));
                List<Contrast> cs = new ArrayList<>();
                Map<String, List<Result>> byStrategy = pts.stream().collect(Collectors.groupingBy(
                        r -> r.key().params().getOrDefault("strategy", ""), LinkedHashMap::new, Collectors.toList()));
                byStrategy.forEach((s, list) -> {
                    Result off = first(list, r -> is(r, "tcpNoDelay", "false"));
                    Result on = first(list, r -> is(r, "tcpNoDelay", "true"));
                    if (off != null && on != null) {
                        cs.add(contrast("strategy=" + s, off, on));
                    }
                });
                cs.sort(Comparator.comparing((Contrast c) -> !c.label().equals("strategy=STREAM_PER_PART")));
                return new Finding(jvm, fixedText(pts, List.of("strategy", "tcpNoDelay")), cs);
            }
            case REUSE: {
                List<Result> pts = fix(points(rs, "ConnectionReuseBenchmark.operation", "thrpt"), List.of("workload"));
                Result ref = first(pts, r -> is(r, "workload", "PERSISTENT"));
                List<Contrast> cs = new ArrayList<>();
                if (ref != null) {
                    pts.stream().filter(r -> r != ref)
                            .forEach(r -> cs.add(contrast("workload=" + r.key().params().get("workload"), r, ref)));
                }
                return new Finding(jvm, fixedText(pts, List.of("workload")), cs);
            }
            default:
                throw new IllegalArgumentException(topic.name());
        }
    }

    private static Finding contrasts(JvmId jvm, List<Result> pts, List<String> varying, String axis,
                                     java.util.function.Predicate<Result> subject,
                                     java.util.function.Predicate<Result> reference) {
        Map<String, Result> subj = new HashMap<>();
        Map<String, Result> ref = new HashMap<>();
        for (Result r : pts) {
            String x = r.key().params().get(axis);
            if (subject.test(r)) {
                subj.put(x, r);
            } else if (reference.test(r)) {
                ref.put(x, r);
            }
        }
        List<Contrast> cs = new ArrayList<>();
        subj.keySet().stream().filter(ref::containsKey).sorted(Comparator.comparingDouble(Answers::number))
                .forEach(x -> cs.add(contrast(axis + "=" + x, subj.get(x), ref.get(x))));
        return new Finding(jvm, fixedText(pts, varying), cs);
    }

    /** The results of one benchmark (by Class.method suffix) and mode. */
    private static List<Result> points(List<Result> rs, String classDotMethod, String mode) {
        return rs.stream().filter(r -> r.key().benchmark().endsWith("." + classDotMethod)
                || r.key().benchmark().equals(classDotMethod)).filter(r -> r.key().mode().equals(mode)).toList();
    }

    /**
     * Holds every parameter not in {@code varying} at one value: the preferred one when present,
     * else the most frequent (ties: the first seen).
     */
    private static List<Result> fix(List<Result> pts, List<String> varying) {
        List<Result> out = pts;
        List<String> names = pts.stream().flatMap(r -> r.key().params().keySet().stream()).distinct()
                .filter(n -> !varying.contains(n)).toList();
        for (String n : names) {
            List<Result> cur = out;
            Map<String, Long> freq = cur.stream().map(r -> r.key().params().get(n)).filter(Objects::nonNull)
                    .collect(Collectors.groupingBy(v -> v, LinkedHashMap::new, Collectors.counting()));
            if (freq.isEmpty()) {
                continue;
            }
            String pref = PREFERRED.get(n);
            String chosen = pref != null && freq.containsKey(pref) ? pref
                    : freq.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            out = cur.stream().filter(r -> chosen.equals(r.key().params().get(n))).toList();
        }
        return out;
    }

    private static String fixedText(List<Result> pts, List<String> varying) {
        if (pts.isEmpty()) {
            return "";
        }
        return pts.get(0).key().params().entrySet().stream().filter(e -> !varying.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static boolean is(Result r, String param, String value) {
        return value.equals(r.key().params().get(param));
    }

    private static Result first(List<Result> rs, java.util.function.Predicate<Result> p) {
        return rs.stream().filter(p).findFirst().orElse(null);
    }

    private static Comparator<Result> numeric(String param) {
        return Comparator.comparingDouble(r -> number(r.key().params().get(param)));
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException | NullPointerException e) {
            return Double.MAX_VALUE; // not a number: after the numbers, in reading order
        }
    }

    static Contrast contrast(String label, Result subject, Result reference) {
        double[] s = subject.primary().forkScores();
        double[] r = reference.primary().forkScores();
        return new Contrast(label, subject, reference, geomean(s), geomean(r), UnpairedRatio.of(r, s, LEVEL),
                Summary.of(s));
    }

    static Contrast level(String label, Result subject) {
        double[] s = subject.primary().forkScores();
        return new Contrast(label, subject, null, geomean(s), Double.NaN, null, Summary.of(s));
    }

    /** Geometric mean of the finite positive values; NaN when there are none. */
    static double geomean(double[] v) {
        double sum = 0;
        int n = 0;
        for (double d : v) {
            if (Double.isFinite(d) && d > 0) {
                sum += Math.log(d);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }
}
