package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;

/**
 * A SockoptLine is one line of {@value ResultFiles#SOCKOPTS} in a JVM's result folder, written by
 * the benchmarks ({@code bench.SockoptsLog}, from a trial setup) and read by the analysis
 * ({@code analysis.read.RunMetadataReader}). Two shapes share the file: an {@link Option} an
 * endpoint set, and a {@link KernelSetting} in force for the point.
 */
public sealed interface SockoptLine permits SockoptLine.Option, SockoptLine.KernelSetting {

    /** JMH's benchmark name. */
    String benchmark();

    /** The benchmark's parameters, keys sorted when written. */
    Map<String, String> params();

    /** "client", "server-accepted", "server-listener" or "kernel". */
    String endpoint();

    /** The option or setting, e.g. "SO_SNDBUF" or "net.core.wmem_max". */
    String option();

    /** Endpoint of a {@link KernelSetting}. */
    String KERNEL = "kernel";

    /** The line's record: a {@link KernelSetting} when its endpoint is "kernel" and it has no "effective", else an {@link Option}. */
    static SockoptLine of(ObjectNode line) {
        return KERNEL.equals(line.path("endpoint").asText()) && !line.has("effective")
                ? JsonLines.bind(line, KernelSetting.class) : JsonLines.bind(line, Option.class);
    }

    /**
     * A socket option one endpoint set: requested, read back by Java, and the kernel's view
     * (bytes for buffer sizes, 0/1 for flags, seconds for SO_LINGER with -1 = off).
     * <pre>{"benchmark":"...","params":{"k":"v"},"endpoint":"client","option":"SO_SNDBUF","requested":4096,"effective":4096,"kernel":8192}</pre>
     *
     * @param requested the value asked for, or null when left to the kernel (autotuning)
     * @param effective what Java read back; null when not known
     * @param kernel    the kernel's view, or null when not recorded
     */
    @JsonPropertyOrder({"benchmark", "params", "endpoint", "option", "requested", "effective", "kernel"})
    record Option(String benchmark, Map<String, String> params, String endpoint, String option,
                  @JsonDeserialize(using = Number.class) Long requested,
                  @JsonDeserialize(using = Number.class) Long effective,
                  @JsonDeserialize(using = Number.class) Long kernel) implements SockoptLine {
        public Option {
            params = params == null ? Map.of() : params;
        }
    }

    /**
     * A kernel setting in force for the point (net.core.wmem_max, net.ipv4.tcp_wmem...), endpoint "kernel".
     * <pre>{"benchmark":"...","params":{"k":"v"},"endpoint":"kernel","option":"net.core.wmem_max","value":"4194304"}</pre>
     *
     * @param value the setting as the kernel prints it
     */
    @JsonPropertyOrder({"benchmark", "params", "endpoint", "option", "value"})
    record KernelSetting(String benchmark, Map<String, String> params, String endpoint, String option,
                         String value) implements SockoptLine {
        public KernelSetting {
            params = params == null ? Map.of() : params;
        }
    }

    /**
     * A value of an option as older files may hold it: a number, true/false (1/0) or digits as text;
     * anything else reads as unknown (null), not as an error.
     */
    final class Number extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getValueAsLong();
            }
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE ? 1L : 0L;
            }
            if (t == JsonToken.VALUE_STRING && p.getText().matches("-?\\d+")) {
                return Long.parseLong(p.getText());
            }
            p.skipChildren();
            return null;
        }
    }
}
