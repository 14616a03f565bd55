package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * A PointLine is one line of a run's {@value ResultFiles#POINTS}: a benchmark point whose blocks
 * are all done, how many it got and why it stopped. Appended by the suite runner (run/,
 * {@code Journal}) and read back by it on resume and by the analysis
 * ({@code analysis.read.ForkLogReader}). Fields are written in this order, nulls included:
 * <pre>{"point":0,"class":"...","benchmark":"...","mode":"thrpt","params":{"k":"v"},"blocks":8,"stop":"planned",
 * "target":null,"halfWidths":{"jdk17-b":0.06}}</pre>
 *
 * @param point      0-based index of the point in the run's plan
 * @param className  benchmark class (JSON key "class")
 * @param benchmark  JMH's benchmark name
 * @param mode       JMH's short mode label
 * @param params     JMH's parameters, keys sorted when written
 * @param blocks     blocks run
 * @param stop       "planned" (the planned blocks, no target), "ci" (every half-width met the target)
 *                   or "cap" (the block cap was reached first)
 * @param target     the adaptive-stopping target half-width, or null
 * @param halfWidths per compared JVM, its paired 95% CI relative half-width against its baseline
 *                   (null when it could not be computed: fewer than two complete pairs)
 */
@JsonPropertyOrder({"point", "class", "benchmark", "mode", "params", "blocks", "stop", "target", "halfWidths"})
public record PointLine(int point, @JsonProperty("class") String className, String benchmark, String mode,
                        Map<String, String> params, int blocks, String stop, Double target,
                        Map<String, Double> halfWidths) {

    public PointLine {
        params = params == null ? Map.of() : params;
        halfWidths = halfWidths == null ? Map.of() : halfWidths;
    }
}
