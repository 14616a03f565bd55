package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Contrast;
import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Coalescing is the write coalescing family ({@code bench.coalescing}): a message of K parts of S
 * bytes written part by part, copied into one buffer, gathered or buffered, with and without Nagle's
 * algorithm. It answers two questions, both at 16 × 64 B: what per-part writes cost against one
 * coalesced write, and what Nagle (TCP_NODELAY off) does to the time per message. Its charts are one
 * dot per strategy, one panel per K × S.
 */
public final class Coalescing extends FamilyDescriptor {

    /** The message the questions hold: {@value #PARTS} parts of {@value #PART_BYTES} bytes. */
    static final String PARTS = "16";
    static final String PART_BYTES = "64";
    /** The strategy whose cost the questions are about: one write per part. */
    static final String PER_PART = "STREAM_PER_PART";
    /**
     * Strategies that put a message on the wire in one system call, in the order taken as the
     * coalescing reference: the full profile measures the copy, quick only the buffered stream.
     */
    static final List<String> COALESCED = List.of("COPY_HEAP", "BUFFERED_8K", "COPY_DIRECT", "BUFFERED_64K",
            "GATHERING", "GATHERING_DIRECT");
    private static final String HEADLINE = "strategy=" + PER_PART;

    Coalescing() {
        super("Write coalescing", "coalescing", "dev.nettune.bench.coalescing.");
        scoresCount("messages/s", "time per message", "Coalescing", "PipelinedCoalescing", "Nagle");
        ask(new Question(this, "COALESCING", "Write coalescing",
                        "what do 16 writes of 64 B cost against one coalesced write?", this::perPart, this::perPartSentence),
                new Question(this, "NAGLE", "Nagle",
                        "what does Nagle's algorithm (TCP_NODELAY off) do to a message written in parts?",
                        this::nagle, this::nagleSentence));
    }

    @Override
    protected Map<String, ChartRule> chartRules() {
        ChartRule perStrategy = ChartRule.dots(List.of("parts", "partBytes"), List.of("strategy"),
                "per strategy, K parts × S bytes");
        return Map.of("CoalescingBenchmark", perStrategy, "PipelinedCoalescingBenchmark", perStrategy,
                "NagleBenchmark", perStrategy);
    }

    @Override
    public String panelTitle(List<String> params, List<String> values) {
        return params.equals(List.of("parts", "partBytes"))
                ? "K = " + values.get(0) + " × S = " + Parameters.value("partBytes", values.get(1)) : null;
    }

    @Override
    public String rowLabel(List<String> params, List<String> values) {
        if (!params.contains("strategy")) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            // the strategy's name says what it is
            parts.add(params.get(i).equals("strategy") ? values.get(i)
                    : params.get(i) + "=" + Parameters.value(params.get(i), values.get(i)));
        }
        return String.join(" ", parts);
    }

    private static List<Result> message(List<Result> results, String classDotMethod, String mode, List<String> varying) {
        return Points.fix(Points.points(results, classDotMethod, mode).stream()
                .filter(r -> Points.is(r, "parts", PARTS) && Points.is(r, "partBytes", PART_BYTES)).toList(), varying);
    }

    /** The headline contrast (per-part writes) first. */
    private static void headlineFirst(List<Contrast> cs) {
        cs.sort(Comparator.comparing((Contrast c) -> !c.label().equals(HEADLINE)));
    }

    /**
     * {@code CoalescingBenchmark.message} (thrpt) at 16 × 64 B, each strategy against the first
     * measured of {@link #COALESCED} (one write of the whole message).
     */
    private Finding perPart(JvmId jvm, List<Result> results) {
        List<Result> pts = message(results, "CoalescingBenchmark.message", "thrpt", List.of("strategy"));
        Result ref = COALESCED.stream().map(s -> Points.first(pts, r -> Points.is(r, "strategy", s)))
                .filter(Objects::nonNull).findFirst().orElse(null);
        List<Contrast> cs = Points.against(pts, ref, "strategy");
        headlineFirst(cs);
        return new Finding(jvm, Points.fixedText(pts, List.of("strategy")), cs);
    }

    private String perPartSentence(Answer a, Wording w) {
        StringBuilder sb = new StringBuilder();
        if (a.labels().contains(HEADLINE)) {
            sb.append("per-part writes ").append(w.across(a, HEADLINE, "more", "fewer"))
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
                if (c.label().equals(HEADLINE) || c.ratio() == null || !Double.isFinite(c.ratio().ratio())) {
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
            sb.append("; the other strategies range from ").append(w.link(a, minF, min, w.ratio(min.ratio().ratio())
                    + "×")).append(" (").append(min.value()).append(", ").append(w.jvm(minF)).append(") to ")
                    .append(w.link(a, maxF, max, w.ratio(max.ratio().ratio()) + "×")).append(" (")
                    .append(max.value()).append(", ").append(w.jvm(maxF)).append(") of it");
        }
        return PARTS + " × " + PART_BYTES + " B messages: " + sb + ".";
    }

    /** The reference strategies the findings were contrasted against, e.g. {@code COPY_HEAP}. */
    private static String reference(Answer a) {
        return a.findings().stream().flatMap(f -> f.contrasts().stream())
                .map(c -> c.reference().key().params().getOrDefault("strategy", "?"))
                .distinct().collect(Collectors.joining(" / "));
    }

    /** {@code NagleBenchmark.message} (sample) at 16 × 64 B, tcpNoDelay=false against true, per strategy. */
    private Finding nagle(JvmId jvm, List<Result> results) {
        List<Result> pts = message(results, "NagleBenchmark.message", "sample", List.of("strategy", "tcpNoDelay"));
        List<Contrast> cs = new ArrayList<>();
        Map<String, List<Result>> byStrategy = pts.stream().collect(Collectors.groupingBy(
                r -> r.key().params().getOrDefault("strategy", ""), LinkedHashMap::new, Collectors.toList()));
        byStrategy.forEach((s, list) -> {
            Result off = Points.first(list, r -> Points.is(r, "tcpNoDelay", "false"));
            Result on = Points.first(list, r -> Points.is(r, "tcpNoDelay", "true"));
            if (off != null && on != null) {
                cs.add(Points.contrast("strategy=" + s, off, on));
            }
        });
        headlineFirst(cs);
        return new Finding(jvm, Points.fixedText(pts, List.of("strategy", "tcpNoDelay")), cs);
    }

    private String nagleSentence(Answer a, Wording w) {
        List<String> parts = new ArrayList<>();
        for (String label : a.labels()) {
            String who = label.equals(HEADLINE) ? "per-part writes"
                    : label.equals("strategy=" + COALESCED.get(0)) ? "one copied write" : label.substring(label.indexOf('=') + 1);
            List<String> figs = new ArrayList<>();
            for (Finding f : a.findings()) {
                for (Contrast c : f.contrasts()) {
                    if (c.label().equals(label)) {
                        figs.add(w.link(a, f, c, w.figure(c, "longer", "shorter")) + " (" + w.jvm(f) + ": "
                                + w.amount(c.subject().key(), c.subjectCenter()) + " vs "
                                + w.amount(c.subject().key(), c.referenceCenter()) + ")");
                    }
                }
            }
            parts.add(who + " " + String.join(", ", figs));
        }
        return PARTS + " × " + PART_BYTES + " B messages, time per message with TCP_NODELAY off against on: "
                + String.join("; ", parts) + ".";
    }
}
