package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ReuseLine is one line of {@value ResultFiles#REUSE} in a JVM's result folder: one JMH iteration
 * of the connection-reuse family, with what a JMH score cannot hold. Written by
 * {@code bench.reuse.ConnectionReuseBenchmark} (and printed); read by no tool of the suite today,
 * only by people and by this package's test.
 * <pre>{"benchmark":"...","mode":"thrpt","params":{"k":"v"},"phase":"warmup","iteration":1,"clientOperations":88303,
 * "latencyCount":88283,"latencyP50Us":39.4,"latencyP99Us":111.9,"latencyP999Us":460.0,"latencyMaxUs":3688.4,
 * "timeWait":1,"poolReplaced":0,"sysTWRecycled":0,...,"ipLocalPortRange":"32768 60999","tcpTwReuse":"2"}</pre>
 * The kernel counters are an open set ({@code sys} + TcpExt name), written between
 * {@code poolReplaced} and the port settings; Jackson writes them with the settings after the
 * fixed fields ({@link #tail()}), and {@link #of(ObjectNode)} reads them back.
 *
 * @param benchmark        JMH's benchmark name
 * @param mode             JMH's short mode label
 * @param params           the parameters, keys sorted when written
 * @param phase            "warmup" or "measurement"
 * @param iteration        1-based iteration in the trial
 * @param clientOperations operations the clients completed in the iteration
 * @param latencyCount     latencies recorded (0 in SampleTime runs, which have JMH's own)
 * @param latencyP50Us     median client latency, µs to one decimal; absent when none recorded
 * @param latencyP99Us     99th percentile, same
 * @param latencyP999Us    99.9th percentile, same
 * @param latencyMaxUs     maximum, same
 * @param timeWait         TIME_WAIT sockets on the server's port at the iteration's end
 * @param poolReplaced     pooled connections replaced so far
 * @param system           kernel TcpExt counters, deltas since the trial began, by counter name (without "sys")
 * @param ipLocalPortRange net.ipv4.ip_local_port_range
 * @param tcpTwReuse       net.ipv4.tcp_tw_reuse
 */
@JsonPropertyOrder({"benchmark", "mode", "params", "phase", "iteration", "clientOperations", "latencyCount",
        "latencyP50Us", "latencyP99Us", "latencyP999Us", "latencyMaxUs", "timeWait", "poolReplaced"})
public record ReuseLine(String benchmark, String mode, Map<String, String> params, String phase, int iteration,
                        long clientOperations, long latencyCount,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyP50Us,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyP99Us,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyP999Us,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double latencyMaxUs,
                        int timeWait, long poolReplaced, @JsonIgnore Map<String, Long> system,
                        @JsonIgnore String ipLocalPortRange, @JsonIgnore String tcpTwReuse) {

    /** Prefix of a kernel counter's key. */
    public static final String SYSTEM_PREFIX = "sys";
    private static final String PORT_RANGE = "ipLocalPortRange";
    private static final String TW_REUSE = "tcpTwReuse";

    public ReuseLine {
        params = params == null ? Map.of() : params;
        system = system == null ? Map.of() : system;
    }

    /** The fields after {@code poolReplaced}, in the order written: the counters, then the port settings. */
    @JsonAnyGetter
    public Map<String, Object> tail() {
        Map<String, Object> out = new LinkedHashMap<>();
        system.forEach((k, v) -> out.put(SYSTEM_PREFIX + k, v));
        out.put(PORT_RANGE, ipLocalPortRange);
        out.put(TW_REUSE, tcpTwReuse);
        return out;
    }

    /** The record of a line: the fixed fields bound, the counters and settings taken from the tail. */
    public static ReuseLine of(ObjectNode line) {
        ObjectNode fixed = line.deepCopy();
        Map<String, Long> system = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fixed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith(SYSTEM_PREFIX) && e.getKey().length() > SYSTEM_PREFIX.length()) {
                system.put(e.getKey().substring(SYSTEM_PREFIX.length()), e.getValue().isNull() ? null : e.getValue().asLong());
                it.remove();
            }
        }
        JsonNode range = fixed.remove(PORT_RANGE);
        JsonNode reuse = fixed.remove(TW_REUSE);
        ReuseLine r = JsonLines.bind(fixed, ReuseLine.class);
        return new ReuseLine(r.benchmark, r.mode, r.params, r.phase, r.iteration, r.clientOperations, r.latencyCount,
                r.latencyP50Us, r.latencyP99Us, r.latencyP999Us, r.latencyMaxUs, r.timeWait, r.poolReplaced, system,
                text(range), text(reuse));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
