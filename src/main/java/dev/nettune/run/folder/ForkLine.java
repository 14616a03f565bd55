package dev.nettune.run.folder;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ForkLine is one line of {@code forks.jsonl}: one fork attempted, appended when it ended. It
 * carries what the analysis needs to pair forks (point, block, position, JVM) and to find the fork's
 * samples (row of rawData in {@code <jvm>/<Class>.json}). Field order and names are the contract
 * shared with the analysis (see the common brief).
 *
 * @param seq       1-based order of execution within the run (continues across resumes)
 * @param jvm       JVM label, the result folder's name
 * @param className benchmark class, fully qualified (JSON key "class")
 * @param benchmark JMH's benchmark name (Class.method)
 * @param mode      JMH's short mode label: thrpt, avgt, sample, ss
 * @param params    JMH's parameters, string values, keys sorted; empty when none
 * @param point     0-based index of the point in the run's plan
 * @param block     1-based block number
 * @param position  1-based position of this fork within its block
 * @param blockSize forks in this block (the JVMs that run this point)
 * @param startedAt when the fork started
 * @param endedAt   when it ended
 * @param status    what happened
 * @param reason    why it failed, was skipped or interrupted; null when ok
 * @param row       0-based row of this fork in rawData (or rawDataHistogram); null unless ok
 * @param score     JMH's primary score of this fork alone; null unless ok (or not finite)
 * @param unit      the score's unit; null unless ok
 */
public record ForkLine(int seq, String jvm, String className, String benchmark, String mode, Map<String, String> params,
                       int point, int block, int position, int blockSize, Instant startedAt, Instant endedAt,
                       Status status, String reason, Integer row, Double score, String unit) {

    /** Timestamps in UTC with milliseconds, always three digits (2026-11-30T11:02:03.120Z). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A Status is how a fork ended. */
    public enum Status {
        /** JMH produced a result: it is a row of the merged JSON. */
        OK,
        /** No result; the reason is JMH's exception line (or the forked VM's exit). */
        FAILED,
        /** The benchmark cannot run on this JVM (dev.nettune.bench.SkipPoint); later blocks leave it out. */
        SKIPPED,
        /** The suite was stopped (SIGTERM, Ctrl-C) while the fork ran; a resume runs it again. */
        INTERRUPTED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public ForkLine {
        params = Map.copyOf(new TreeMap<>(params));
    }

    /** Nanoseconds between start and end. */
    public long nanos() {
        return java.time.Duration.between(startedAt, endedAt).toNanos();
    }

    /** The line's JSON object, keys in contract order, nulls written. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("jvm", jvm);
        m.put("class", className);
        m.put("benchmark", benchmark);
        m.put("mode", mode);
        m.put("params", new TreeMap<>(params));
        m.put("point", point);
        m.put("block", block);
        m.put("position", position);
        m.put("blockSize", blockSize);
        m.put("startedAt", TIME.format(startedAt));
        m.put("endedAt", TIME.format(endedAt));
        m.put("status", status.id());
        m.put("reason", reason);
        m.put("row", row);
        m.put("score", score);
        m.put("unit", unit);
        return m;
    }

    /** Reads a line written by {@link #toJson()}; IllegalArgumentException when a field is missing or bad. */
    static ForkLine fromJson(JsonNode n) {
        Map<String, String> params = new TreeMap<>();
        n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return new ForkLine(required(n, "seq").asInt(), text(n, "jvm"), text(n, "class"), text(n, "benchmark"),
                text(n, "mode"), params, required(n, "point").asInt(), required(n, "block").asInt(),
                required(n, "position").asInt(), required(n, "blockSize").asInt(),
                Instant.parse(text(n, "startedAt")), Instant.parse(text(n, "endedAt")), Status.parse(text(n, "status")),
                n.path("reason").isNull() ? null : n.path("reason").asText(null),
                n.path("row").isIntegralNumber() ? n.get("row").asInt() : null,
                n.path("score").isNumber() ? n.get("score").asDouble() : null,
                n.path("unit").isTextual() ? n.get("unit").asText() : null);
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("no \"" + field + "\"");
        }
        return v;
    }

    private static String text(JsonNode n, String field) {
        return required(n, field).asText();
    }
}
