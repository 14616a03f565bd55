package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * "row":0,"score":19264.6,"unit":"ops/s","counters":{"syscalls:sys_enter_write":{"perOp":2.03,"unit":"#/op",
 * "source":"perfnorm","lowerBound":false}}}</pre>
 * The numbers the analysis can do without are boxed, so a line of an older runner that lacks them
 * still reads (as null). {@code role} and {@code counters} are written only when set, so the lines
 * of a run without counters are what they always were.
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
 * @param role      {@value #ROLE_COUNTERS} for the extra fork that counted while the JVM's score fork of the
 *                  block ran without profilers ({@code -Dnettune.counters=extra}): its score is not the JVM's
 *                  score; absent (null) for a fork that makes the score
 * @param counters  the fork's per-operation counters by metric name (the names of the JMH secondary
 *                  metrics, {@code dev.nettune.counters.CounterNames}), the same values as the fork's row of
 *                  the merged JMH JSON; absent (null) when the fork did not count or did not end ok
 */
@JsonPropertyOrder({"seq", "jvm", "class", "benchmark", "mode", "params", "point", "block", "position", "blockSize",
        "startedAt", "endedAt", "status", "reason", "row", "score", "unit", "role", "counters"})
public record ForkLine(Integer seq, String jvm, @JsonProperty("class") String className, String benchmark, String mode,
                       Map<String, String> params, Integer point, Integer block, Integer position, Integer blockSize,
                       String startedAt, String endedAt, String status, String reason, Integer row, Double score,
                       String unit, @JsonInclude(JsonInclude.Include.NON_NULL) String role,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, ForkCounter> counters) {

    /** The role of a fork that counted and whose score is not the JVM's: the extra counting fork of a block. */
    public static final String ROLE_COUNTERS = "counters";

    public ForkLine {
        params = params == null ? Map.of() : params;
    }

    /** A line without role and counters (a fork that makes the score and did not count). */
    public ForkLine(Integer seq, String jvm, String className, String benchmark, String mode, Map<String, String> params,
                    Integer point, Integer block, Integer position, Integer blockSize, String startedAt, String endedAt,
                    String status, String reason, Integer row, Double score, String unit) {
        this(seq, jvm, className, benchmark, mode, params, point, block, position, blockSize, startedAt, endedAt, status, reason,
                row, score, unit, null, null);
    }
}
