package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PlacementLine is one line of {@value ResultFiles#PLACEMENTS} in a JVM's result folder: a trial
 * whose server ran outside the benchmark's JVM. Written by {@code bench.ServerPlacement} (and
 * printed); read by no tool of the suite today, only by people and by this package's test.
 * <pre>{"benchmark":"...","params":{"k":"v"},"placement":"process","address":"127.0.0.1:43003","serverPid":22824,
 * "serverJava":"25.0.3+9-LTS","server":"BLOCKING","serverCommand":"..."}</pre>
 * What follows {@code params} is the placed server's own account
 * ({@code placement.PlacedServer#record()}: placement, address, serverPid, serverJava, server, and
 * serverCommand, namespace, link, mtu when they apply), kept as that map — typed there, not here.
 *
 * @param benchmark JMH's benchmark name
 * @param params    the parameters, keys sorted when written
 * @param server    the placed server's fields, in the order written
 */
@JsonPropertyOrder({"benchmark", "params"})
public record PlacementLine(String benchmark, Map<String, String> params, @JsonIgnore Map<String, Object> server) {

    public PlacementLine {
        params = params == null ? Map.of() : params;
        server = server == null ? Map.of() : server;
    }

    /** The server's fields, written after {@code params}. */
    @JsonAnyGetter
    public Map<String, Object> serverFields() {
        return server;
    }

    /** The record of a line: benchmark and params bound, every other field kept as the server's. */
    public static PlacementLine of(ObjectNode line) {
        ObjectNode head = line.objectNode();
        Map<String, Object> server = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = line.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("benchmark") || e.getKey().equals("params")) {
                head.set(e.getKey(), e.getValue());
            } else {
                server.put(e.getKey(), JsonLines.bind(e.getValue(), Object.class));
            }
        }
        PlacementLine h = JsonLines.bind(head, PlacementLine.class);
        return new PlacementLine(h.benchmark, h.params, server);
    }
}
