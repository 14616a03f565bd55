package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SkipLine is one line of {@value ResultFiles#SKIPS} in a JVM's result folder: a benchmark point
 * this JVM cannot run, with the reason. Appended by the benchmark ({@code bench.SkipPoint}) before it
 * throws; read by the suite runner's summary and the analysis ({@code analysis.read.RunMetadataReader}).
 * <pre>{"benchmark":"...","params":"k=v,k=v","jvm":"17.0.15+6","reason":"..."}</pre>
 * {@code params} is JMH's "k=v,k=v" text as written today; older files may hold an object, so it is
 * kept as JSON and read by {@link #paramMap()}.
 *
 * @param benchmark JMH's benchmark name
 * @param params    the parameters: "k=v,k=v" text (or, in older files, an object)
 * @param jvm       the JVM's runtime version
 * @param reason    why the point cannot run here
 */
@JsonPropertyOrder({"benchmark", "params", "jvm", "reason"})
public record SkipLine(String benchmark, JsonNode params, String jvm, String reason) {

    /** A line as the benchmark writes it: parameters as JMH's "k=v,k=v" text. */
    public static SkipLine of(String benchmark, String params, String jvm, String reason) {
        return new SkipLine(benchmark, JsonLines.JSON.getNodeFactory().textNode(params), jvm, reason);
    }

    /** The parameters, in the order written; empty when absent. */
    public Map<String, String> paramMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (params == null) {
            return out;
        }
        if (params.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        } else if (params.isTextual()) {
            for (String kv : params.asText().split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                }
            }
        }
        return out;
    }
}
