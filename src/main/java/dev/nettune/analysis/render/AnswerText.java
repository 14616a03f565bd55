package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Answer;
import dev.nettune.analysis.compare.Answer.Contrast;
import dev.nettune.analysis.compare.Answer.Finding;
import dev.nettune.analysis.compare.Answers;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.stats.Summary;
import dev.nettune.analysis.units.Units;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;

/**
 * AnswerText writes the family answers: one sentence per question for the report's first screen,
 * every figure linked to its row in the evidence tables, and those tables (the two points of each
 * contrast with their geometric means over forks, fork counts, and the ratio with its 95% interval).
 *
 * <p>How a ratio reads: a ratio whose interval includes 1 is "no detectable difference", shown with
 * its interval; one whose interval excludes 1 is a factor ("2.4× [2.2, 2.6] fewer messages/s");
 * a ratio without interval (a single fork on a side) is a factor marked "no interval".
 */
final class AnswerText {

    private final Function<JvmId, String> names;

    AnswerText(Function<JvmId, String> names) {
        this.names = names;
    }

    /** The anchor of an evidence row. */
    static String anchor(Answer a, JvmId jvm, Contrast c) {
        return Text.anchor("e", a.topic().name(), jvm.label(), jvm.runId(), c.label());
    }

    /** One bullet per topic: "**Title** — question: answer." */
    String bullets(List<Answer> answers, String scope, boolean nameRun) {
        StringBuilder out = new StringBuilder();
        for (Answer a : answers) {
            out.append("- **").append(a.topic().title).append("** — ").append(a.topic().question).append(' ');
            if (!a.measured()) {
                out.append("*Not measured in ").append(scope).append(".*\n");
                continue;
            }
            out.append(sentence(a));
            boolean none = a.findings().stream().flatMap(f -> f.contrasts().stream())
                    .noneMatch(c -> c.reference() == null ? c.level().n() >= 2 : c.hasInterval());
            int[] forks = a.findings().stream().flatMap(f -> f.contrasts().stream())
                    .flatMapToInt(c -> c.reference() == null ? java.util.stream.IntStream.of(c.level().n())
                            : java.util.stream.IntStream.of(c.ratio().nCandidate(), c.ratio().nBaseline()))
                    .sorted().toArray();
            if (none) {
                out.append(" *One fork per point: no intervals, indicative only.*");
            } else if (forks.length > 0) {
                out.append(" *n = ").append(forks[0] == forks[forks.length - 1] ? Integer.toString(forks[0])
                        : forks[0] + "–" + forks[forks.length - 1]).append(" forks per point.*");
            }
            if (nameRun) {
                out.append(" (Run ").append(Text.md(a.runId())).append(".)");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The answer in words; every figure links to its evidence row. */
    String sentence(Answer a) {
        switch (a.topic()) {
            case ROUND_TRIP: {
                List<String> parts = new ArrayList<>();
                String unit = "";
                for (Finding f : a.findings()) {
                    Contrast c = f.contrasts().get(0);
                    Units.Scale scale = Units.scaleFor(c.subject().key().unit(), "primary", c.level().mean());
                    unit = scale.label();
                    parts.add(link(a, f, c, level(c, scale)) + " (" + jvm(f) + ")");
                }
                return join(parts) + " " + unit.replace("ops/s", "round trips/s") + ".";
            }
            case IO_MODEL:
                return ioModel(a);
            case SEND_BUFFER: {
                List<String> parts = new ArrayList<>();
                for (String label : labels(a)) {
                    String size = Text.param("sndBuf", label.substring(label.indexOf('=') + 1));
                    parts.add(size + ": " + across(a, label, "more", "fewer"));
                }
                return String.join("; ", parts) + " streams/s than autotuned (SO_SNDBUF not set).";
            }
            case COALESCING: {
                String head = "strategy=STREAM_PER_PART";
                StringBuilder sb = new StringBuilder();
                if (labels(a).contains(head)) {
                    sb.append("per-part writes ").append(across(a, head, "more", "fewer"))
                            .append(" messages/s than one write of the whole message (").append(reference(a)).append(")");
                } else {
                    sb.append("no per-part point measured");
                }
                Contrast min = null;
                Contrast max = null;
                Finding minF = null;
                Finding maxF = null;
                for (Finding f : a.findings()) {
                    for (Contrast c : f.contrasts()) {
                        if (c.label().equals(head) || c.ratio() == null || !Double.isFinite(c.ratio().ratio())) {
                            continue;
                        }
                        if (min == null || c.ratio().ratio() < min.ratio().ratio()) {
                            min = c;
                            minF = f;
                        }
                        if (max == null || c.ratio().ratio() > max.ratio().ratio()) {
                            max = c;
                            maxF = f;
                        }
                    }
                }
                if (min != null && min != max) {
                    sb.append("; the other strategies range from ").append(link(a, minF, min, Text.ratio(min.ratio().ratio())
                            + "×")).append(" (").append(strategy(min)).append(", ").append(jvm(minF)).append(") to ")
                            .append(link(a, maxF, max, Text.ratio(max.ratio().ratio()) + "×")).append(" (")
                            .append(strategy(max)).append(", ").append(jvm(maxF)).append(") of it");
                }
                return "16 × 64 B messages: " + sb + ".";
            }
            case NAGLE: {
                List<String> parts = new ArrayList<>();
                for (String label : labels(a)) {
                    String who = label.equals("strategy=STREAM_PER_PART") ? "per-part writes"
                            : label.equals("strategy=COPY_HEAP") ? "one copied write" : label.substring(label.indexOf('=') + 1);
                    List<String> figs = new ArrayList<>();
                    for (Finding f : a.findings()) {
                        for (Contrast c : f.contrasts()) {
                            if (c.label().equals(label)) {
                                figs.add(link(a, f, c, figure(c, "longer", "shorter")) + " (" + jvm(f) + ": "
                                        + value(c.subject().key(), c.subjectCenter()) + " vs "
                                        + value(c.subject().key(), c.referenceCenter()) + ")");
                            }
                        }
                    }
                    parts.add(who + " " + String.join(", ", figs));
                }
                return "16 × 64 B messages, time per message with TCP_NODELAY off against on: " + String.join("; ", parts) + ".";
            }
            case REUSE: {
                List<String> parts = new ArrayList<>();
                for (String label : labels(a)) {
                    String w = label.substring(label.indexOf('=') + 1);
                    if (SUMMARY_WORKLOADS.containsKey(w)) {
                        parts.add(SUMMARY_WORKLOADS.get(w) + " " + across(a, label, "more", "fewer"));
                    }
                }
                String threads = a.findings().get(0).contrasts().get(0).subject().key().params().getOrDefault("threads", "?");
                return "at " + threads + " client thread" + ("1".equals(threads) ? "" : "s") + ", "
                        + (parts.isEmpty() ? "no other workload measured" : String.join("; ", parts))
                        + " requests/s than a persistent connection.";
            }
            default:
                throw new IllegalArgumentException(a.topic().name());
        }
    }

    /** Workloads the reuse sentence names, in order, with their words. */
    static final Map<String, String> SUMMARY_WORKLOADS = new LinkedHashMap<>();

    static {
        SUMMARY_WORKLOADS.put("CONNECT_PER_REQUEST", "connect-per-request");
        SUMMARY_WORKLOADS.put("CONNECT_ONLY", "connect-only");
        SUMMARY_WORKLOADS.put("POOL_FULL", "a pool of one connection per thread");
    }

    /** The contrast labels of an answer, in first-seen order. */
    private static List<String> labels(Answer a) {
        Set<String> out = new java.util.LinkedHashSet<>();
        a.findings().forEach(f -> f.contrasts().forEach(c -> out.add(c.label())));
        return new ArrayList<>(out);
    }

    /** One contrast across the JVMs: "2.43× [2.2, 2.6] fewer (jdk17), 1.81× fewer (jdk25)", each linked. */
    private String across(Answer a, String label, String more, String fewer) {
        List<String> figs = new ArrayList<>();
        for (Finding f : a.findings()) {
            for (Contrast c : f.contrasts()) {
                if (c.label().equals(label)) {
                    figs.add(link(a, f, c, figure(c, more, fewer)) + " (" + jvm(f) + ")");
                }
            }
        }
        return String.join(", ", figs);
    }

    private String jvm(Finding f) {
        return Text.md(f.jvm().label());
    }

    private String ioModel(Answer a) {
        // JVMs with the same reading are named together
        Map<String, List<String>> byReading = new LinkedHashMap<>();
        for (Finding f : a.findings()) {
            Answers.Crossover x = Answers.crossover(f.contrasts());
            String reading;
            List<Contrast> cs = f.contrasts();
            String first = value(cs.get(0));
            String last = value(cs.get(cs.size() - 1));
            switch (x.kind()) {
                case CROSSES_UP:
                    reading = "crossover between " + x.below() + " and " + x.above() + " connections";
                    break;
                case CROSSES_DOWN:
                    reading = "the Selector pair ahead up to " + x.below() + " connections, behind from " + x.above();
                    break;
                case ALWAYS_ABOVE:
                    reading = "the Selector pair ahead at " + (cs.size() == 1 ? "the only count measured (" + first + ")"
                            : "every count measured (" + first + "–" + last + ")");
                    break;
                case ALWAYS_BELOW:
                    reading = "the thread-per-connection pair ahead at " + (cs.size() == 1 ? "the only count measured ("
                            + first + ")" : "every count measured (" + first + "–" + last + ")");
                    break;
                case MIXED:
                    reading = "no single crossover (the lead changes more than once)";
                    break;
                default:
                    reading = "no ratio to read";
            }
            if (!x.indicative() && !x.clear() && x.kind() != Answers.Crossover.Kind.MIXED) {
                reading += " (some ratios within noise)";
            }
            List<String> figures = new ArrayList<>();
            for (Contrast c : cs) {
                if (x.kind() == Answers.Crossover.Kind.CROSSES_UP || x.kind() == Answers.Crossover.Kind.CROSSES_DOWN) {
                    String v = value(c);
                    if (!v.equals(x.below()) && !v.equals(x.above())) {
                        continue; // the two counts either side of the crossing tell it
                    }
                } else if (c != cs.get(0) && c != cs.get(cs.size() - 1)) {
                    continue;
                }
                figures.add(link(a, f, c, Text.ratioCi(c.ratio().ratio(), c.ratio().low(), c.ratio().high())
                        .replace(" (no interval)", "") + " at " + value(c)));
            }
            byReading.computeIfAbsent(reading, k -> new ArrayList<>()).add(jvm(f) + " (" + String.join(", ", figures) + ")");
        }
        List<String> parts = new ArrayList<>();
        byReading.forEach((reading, jvms) -> parts.add(reading + " on " + join(jvms)));
        return "ratio of round trips/s, SELECTOR×SELECTOR over STREAM×BLOCKING: " + String.join("; ", parts) + ".";
    }

    /**
     * How a ratio reads: "2.43× [2.2, 2.6] fewer", "~ 0.98 [0.91, 1.05]" (no detectable difference),
     * or without interval "2.43× fewer".
     */
    static String figure(Contrast c, String more, String fewer) {
        if (c.ratio() == null || !Double.isFinite(c.ratio().ratio())) {
            return "(no ratio)";
        }
        double r = c.ratio().ratio();
        if (c.hasInterval() && !c.clear()) {
            return "~ " + Text.ratioCi(r, c.ratio().low(), c.ratio().high());
        }
        return Text.factor(r, c.ratio().low(), c.ratio().high()) + " " + (r >= 1 ? more : fewer);
    }

    /** A level: "15.3 [15.0, 15.6]" in {@code scale}, or "15.3" without an interval. */
    static String level(Contrast c, Units.Scale scale) {
        Summary s = c.level();
        if (s.n() < 2 || !Double.isFinite(s.ci95())) {
            return scale.format(s.mean());
        }
        return scale.format(s.mean()) + " [" + scale.format(s.mean() - s.ci95()) + ", " + scale.format(s.mean() + s.ci95()) + "]";
    }

    private static String value(ResultKey k, double v) {
        Units.Scale scale = Units.scaleFor(k.unit(), "primary", v);
        return scale.format(v) + " " + scale.label().replace("/op", "");
    }

    private static String value(Contrast c) {
        return c.label().substring(c.label().indexOf('=') + 1);
    }

    /** The coalescing reference strategies the findings were contrasted against, e.g. {@code COPY_HEAP}. */
    private static String reference(Answer a) {
        return a.findings().stream().flatMap(f -> f.contrasts().stream())
                .map(c -> c.reference().key().params().getOrDefault("strategy", "?"))
                .distinct().collect(Collectors.joining(" / "));
    }

    private static String strategy(Contrast c) {
        return c.label().substring(c.label().indexOf('=') + 1);
    }

    private static String link(Answer a, Finding f, Contrast c, String text) {
        return "[" + text + "](#" + anchor(a, f.jvm(), c) + ")";
    }

    private static String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The evidence: per measured topic, its run and fixed parameters, and a table of its contrasts. */
    String evidence(List<Answer> answers, String headingLevel) {
        StringBuilder out = new StringBuilder();
        for (Answer a : answers) {
            if (!a.measured()) {
                continue;
            }
            out.append(headingLevel).append(' ').append(a.topic().title).append("\n\n");
            Finding f0 = a.findings().get(0);
            Contrast c0 = f0.contrasts().get(0);
            out.append("Run ").append(a.runId()).append(", ").append(Text.benchName(c0.subject().key().benchmark()))
                    .append(" (").append(ComparisonTables.mode(c0.subject().key().mode())).append(")")
                    .append(f0.fixed().isEmpty() ? "" : ", every point: " + Text.md(Text.params(params(f0.fixed()), Set.of())))
                    .append(".\n\n");
            Units.Scale scale = Units.scaleFor(c0.subject().key().unit(), "primary",
                    Double.isFinite(c0.referenceCenter()) ? c0.referenceCenter() : c0.subjectCenter());
            String unit = scale.label().isEmpty() ? "" : " " + scale.label();
            if (c0.reference() == null) {
                MarkdownTable t = new MarkdownTable(List.of("JVM", "point", "mean" + unit + " [95% CI]", "forks"),
                        new boolean[] {false, false, true, true});
                for (Finding f : a.findings()) {
                    for (Contrast c : f.contrasts()) {
                        Summary s = c.level();
                        t.add(Text.anchorTag(anchor(a, f.jvm(), c)) + Text.md(names.apply(f.jvm())), Text.md(c.label()),
                                scale.format(s.mean()) + (Double.isFinite(s.ci95()) ? " [" + scale.format(s.mean() - s.ci95())
                                        + ", " + scale.format(s.mean() + s.ci95()) + "]" : " (no interval)"),
                                Integer.toString(s.n()));
                    }
                }
                out.append(t.render()).append('\n');
                continue;
            }
            MarkdownTable t = new MarkdownTable(List.of("JVM", "point", "against", "point" + unit + " (forks)",
                    "against" + unit + " (forks)", "ratio [95% CI]"), new boolean[] {false, false, false, true, true, true});
            for (Finding f : a.findings()) {
                for (Contrast c : f.contrasts()) {
                    String point = differing(c.subject().key().params(), c.reference().key().params(), "");
                    String key = c.label().substring(0, Math.max(0, c.label().indexOf('=')));
                    if (!point.contains(key + "=")) {
                        point = (Text.params(params(c.label()), Set.of()) + " " + point).trim();
                    }
                    t.add(Text.anchorTag(anchor(a, f.jvm(), c)) + Text.md(names.apply(f.jvm())), Text.md(point),
                            Text.md(differing(c.reference().key().params(), c.subject().key().params(), "")),
                            scale.format(c.subjectCenter()) + " (" + c.ratio().nCandidate() + ")",
                            scale.format(c.referenceCenter()) + " (" + c.ratio().nBaseline() + ")",
                            Text.ratioCi(c.ratio().ratio(), c.ratio().low(), c.ratio().high()));
                }
            }
            out.append(t.render()).append('\n');
        }
        if (out.length() > 0) {
            out.append("A level (mean [95% CI]) is the mean of the fork scores with its Student-t interval over forks. "
                    + "In a contrast, centers are geometric means of fork scores and the ratio is point / against with "
                    + "Welch's 95% interval on log fork scores (points of one JVM ran minutes apart, so they are not "
                    + "paired); a ratio whose interval includes 1 is read as no detectable difference.\n\n");
        }
        return out.toString();
    }

    /** The parameters of {@code a} that differ from {@code b}, as "k=v"; {@code fallback} when none. */
    private static String differing(Map<String, String> a, Map<String, String> b, String fallback) {
        List<String> out = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!v.equals(b.get(k))) {
                out.add(k + "=" + Text.param(k, v));
            }
        });
        return out.isEmpty() ? fallback : String.join(" ", out);
    }

    private static Map<String, String> params(String fixed) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : fixed.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }
}
