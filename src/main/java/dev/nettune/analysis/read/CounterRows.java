package dev.nettune.analysis.read;

import dev.nettune.analysis.model.CountedFork;
import dev.nettune.analysis.model.Result;
import dev.nettune.counters.Counter;
import dev.nettune.counters.CounterNames;
import dev.nettune.counters.CounterReader;
import dev.nettune.counters.ForkCounters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CounterRows takes the counters of one JMH result entry, per fork row, through
 * {@link CounterReader} (the reader the runner's tests use, so both read a counter the same way):
 * the client's under their own names, and the server's own process's under
 * {@value CountedFork#SERVER_PREFIX} (read as the client's are, then named back).
 */
final class CounterRows {

    private CounterRows() {
    }

    /** True when the entry has a secondary metric that is a counter (cheap: no entry without one is read twice). */
    static boolean has(JsonNode entry) {
        for (Iterator<String> it = entry.path("secondaryMetrics").fieldNames(); it.hasNext(); ) {
            if (CounterNames.sourceOf(stripServer(it.next())) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The counted forks of {@code entry}, one per fork row with counters, in row order, without blocks.
     *
     * @throws IllegalArgumentException when a counter cannot be read (message names {@code where} and the metric)
     */
    static List<CountedFork> read(JsonNode entry, String where) {
        // Every row is read: CounterReader gives a row that did not count (a score fork beside extra
        // counting forks) no counters, so it is simply absent below.
        Map<Integer, Map<String, Counter>> rows = new TreeMap<>();
        ArrayNode one = JsonNodeFactory.instance.arrayNode().add(entry);
        boolean serverRead = false;
        for (ForkCounters f : CounterReader.read(one, where)) {
            for (Counter c : f.counters()) {
                serverRead |= c.name().startsWith(CountedFork.SERVER_PREFIX);
                rows.computeIfAbsent(f.fork(), k -> new LinkedHashMap<>()).put(c.name(), c);
            }
        }
        ObjectNode server = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (m.getKey().startsWith(CountedFork.SERVER_PREFIX)) {
                server.set(stripServer(m.getKey()), m.getValue());
            }
        }
        if (!serverRead && !server.isEmpty()) {
            ObjectNode copy = ((ObjectNode) entry).deepCopy();
            copy.set("secondaryMetrics", server);
            for (ForkCounters f : CounterReader.read(JsonNodeFactory.instance.arrayNode().add(copy), where + " (server)")) {
                for (Counter c : f.counters()) {
                    String name = CountedFork.SERVER_PREFIX + c.name();
                    rows.computeIfAbsent(f.fork(), k -> new LinkedHashMap<>()).put(name,
                            new Counter(name, c.unit(), c.perOp(), c.source(), c.lowerBound()));
                }
            }
        }
        List<CountedFork> out = new ArrayList<>();
        rows.forEach((row, counters) -> out.add(new CountedFork(row, Result.NO_BLOCK, Result.NO_BLOCK, counters)));
        return out;
    }

    static String stripServer(String name) {
        return name.startsWith(CountedFork.SERVER_PREFIX) ? name.substring(CountedFork.SERVER_PREFIX.length()) : name;
    }
}
