package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Contrast;
import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.stats.Summary;
import dev.nettune.stats.UnpairedRatio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Points is the toolkit a {@link Question} picks its benchmark points with, and makes its
 * contrasts with: the points of one benchmark and mode, the parameters held fixed, and the ratio of
 * two points (or one point's level) over forks.
 *
 * <p>Parameters a question does not vary are held at one value: the preferred one when measured
 * ({@link #PREFERRED}: payload 64, TCP, rcvBuf 0, path STREAM, the server in process, ...),
 * otherwise the most frequent.
 */
public final class Points {

    /** Confidence level of the contrasts' intervals. */
    public static final double LEVEL = 0.95;
    /** The parameter a placement of the server is recorded under. */
    public static final String PLACEMENT = "placement";
    /** The placement other placements are compared with: the server in the benchmark's JVM. */
    public static final String IN_PROCESS = "inprocess";

    /** Preferred values of parameters a question holds fixed; others take their most frequent value. */
    public static final Map<String, String> PREFERRED = Map.of("payload", "64", "transport", "TCP", "rcvBuf", "0",
            "path", "STREAM", "threads", "4", "close", "FIN", "io", "STREAM", "server", "SELECTOR",
            PLACEMENT, IN_PROCESS);

    private Points() {
    }

    /** The results of one benchmark (by Class.method suffix) and mode. */
    public static List<Result> points(List<Result> rs, String classDotMethod, String mode) {
        return rs.stream().filter(r -> r.key().benchmark().endsWith("." + classDotMethod)
                || r.key().benchmark().equals(classDotMethod)).filter(r -> r.key().mode().equals(mode)).toList();
    }

    /**
     * Holds every parameter not in {@code varying} at one value: the preferred one when present,
     * else the most frequent (ties: the first seen).
     */
    public static List<Result> fix(List<Result> pts, List<String> varying) {
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

    /** The parameters of the first point not in {@code varying}, as "k=v k=v". */
    public static String fixedText(List<Result> pts, List<String> varying) {
        if (pts.isEmpty()) {
            return "";
        }
        return pts.get(0).key().params().entrySet().stream().filter(e -> !varying.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** True when {@code r}'s parameter {@code param} is {@code value}. */
    public static boolean is(Result r, String param, String value) {
        return value.equals(r.key().params().get(param));
    }

    /** The first of {@code rs} that matches, or null. */
    public static Result first(List<Result> rs, Predicate<Result> p) {
        return rs.stream().filter(p).findFirst().orElse(null);
    }

    /** Orders results by a numeric parameter; values that are not numbers come last. */
    public static Comparator<Result> numeric(String param) {
        return Comparator.comparingDouble(r -> number(r.key().params().get(param)));
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException | NullPointerException e) {
            return Double.MAX_VALUE; // not a number: after the numbers, in reading order
        }
    }

    /**
     * Each point of {@code pts} but {@code reference} against it, labelled "param=value" by
     * {@code param}; no contrast without a reference.
     */
    public static List<Contrast> against(List<Result> pts, Result reference, String param) {
        List<Contrast> cs = new ArrayList<>();
        if (reference != null) {
            pts.stream().filter(r -> r != reference)
                    .forEach(r -> cs.add(contrast(param + "=" + r.key().params().get(param), r, reference)));
        }
        return cs;
    }

    /**
     * At each value of {@code axis} (numerically ascending), the subject point against the reference
     * point, where both were measured.
     */
    public static Finding along(JvmId jvm, List<Result> pts, List<String> varying, String axis,
                                Predicate<Result> subject, Predicate<Result> reference) {
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
        subj.keySet().stream().filter(ref::containsKey).sorted(Comparator.comparingDouble(Points::number))
                .forEach(x -> cs.add(contrast(axis + "=" + x, subj.get(x), ref.get(x))));
        return new Finding(jvm, fixedText(pts, varying), cs);
    }

    /** {@code subject} against {@code reference}: geometric means over forks and their unpaired ratio. */
    public static Contrast contrast(String label, Result subject, Result reference) {
        double[] s = subject.primary().forkScores();
        double[] r = reference.primary().forkScores();
        return new Contrast(label, subject, reference, geomean(s), geomean(r), UnpairedRatio.of(r, s, LEVEL),
                Summary.of(s));
    }

    /** One point's level: its fork scores summarised. */
    public static Contrast level(String label, Result subject) {
        double[] s = subject.primary().forkScores();
        return new Contrast(label, subject, null, geomean(s), Double.NaN, null, Summary.of(s));
    }

    /** Geometric mean of the finite positive values; NaN when there are none. */
    public static double geomean(double[] v) {
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
