package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * A ForkLine is one line of a run's {@value ResultFiles#FORKS}: one fork attempted, appended by the
 * suite runner (run/, {@code Journal}) when the fork ended, and read by the analysis
 * ({@code analysis.read.ForkLogReader}) to pair forks and find their samples. Fields are written in
 * this order, nulls included:
 * <pre>{"seq":1,"jvm":"jdk17","class":"...","benchmark":"...","mode":"thrpt","params":{"k":"v"},"point":0,"block":1,
 * "position":1,"blockSize":2,"startedAt":"2026-11-30T14:04:23.848Z","endedAt":"...","status":"ok","reason":null,
 * "row":0,"score":19264.6,"unit":"ops/s"}</pre>
 * The numbers the analysis can do without are boxed, so a line of an older runner that lacks them
 * still reads (as null).
 *
 * @param seq       1-based order of execution within the run (continues across resumes)
 * @param jvm       JVM label, the result folder's name
 * @param className benchmark class, fully qualified (JSON key "class")
 * @param benchmark JMH's benchmark name (Class.method)
 * @param mode      JMH's short mode label: thrpt, avgt, sample, ss
 * @param params    JMH's parameters, string values, keys sorted when written; empty when none
 * @param point     0-based index of the point in the run's plan
 * @param block     1-based block number
 * @param position  1-based position of this fork within its block
 * @param blockSize forks in this block (the JVMs that run this point)
 * @param startedAt start, ISO-8601 UTC with milliseconds
 * @param endedAt   end, same form
 * @param status    "ok", "failed", "skipped" or "interrupted"
 * @param reason    why it failed, was skipped or interrupted; null when ok
 * @param row       0-based row of this fork in rawData (or rawDataHistogram); null unless ok
 * @param score     JMH's primary score of this fork alone; null unless ok (or not finite)
 * @param unit      the score's unit; null unless ok
 */
@JsonPropertyOrder({"seq", "jvm", "class", "benchmark", "mode", "params", "point", "block", "position", "blockSize",
        "startedAt", "endedAt", "status", "reason", "row", "score", "unit"})
public record ForkLine(Integer seq, String jvm, @JsonProperty("class") String className, String benchmark, String mode,
                       Map<String, String> params, Integer point, Integer block, Integer position, Integer blockSize,
                       String startedAt, String endedAt, String status, String reason, Integer row, Double score,
                       String unit) {

    public ForkLine {
        params = params == null ? Map.of() : params;
    }
}
