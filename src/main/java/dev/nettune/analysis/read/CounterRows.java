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
        List<Integer> kept = countingRows(entry);
        if (kept.size() < entry.path("primaryMetric").path("rawData").size()) { // rows that did not count (score forks)
            entry = onlyRows(entry, kept);
        }
        Map<Integer, Map<String, Counter>> rows = new TreeMap<>();
        ArrayNode one = JsonNodeFactory.instance.arrayNode().add(entry);
        boolean serverRead = false;
        for (ForkCounters f : CounterReader.read(one, where)) {
            for (Counter c : f.counters()) {
                serverRead |= c.name().startsWith(CountedFork.SERVER_PREFIX);
                rows.computeIfAbsent(row(kept, f.fork()), k -> new LinkedHashMap<>()).put(c.name(), c);
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
                    rows.computeIfAbsent(row(kept, f.fork()), k -> new LinkedHashMap<>()).put(name,
                            new Counter(name, c.unit(), c.perOp(), c.source(), c.lowerBound()));
                }
            }
        }
        List<CountedFork> out = new ArrayList<>();
        rows.forEach((row, counters) -> out.add(new CountedFork(row, Result.NO_BLOCK, Result.NO_BLOCK, counters)));
        return out;
    }

    /**
     * The fork rows that counted: every row, unless some rows have an empty list in every counter (forks
     * that made the score while extra forks counted, {@code "role":"counters"}). CounterReader reads an
     * empty list as perfnorm's score-only form, so such rows are left out before it reads. When no row
     * has a value (perfnorm's score over several forks) every row is kept, and CounterReader says why
     * it cannot read them.
     */
    /** The file's row of the reader's fork {@code fork}. */
    private static int row(List<Integer> kept, int fork) {
        return fork < kept.size() ? kept.get(fork) : fork;
    }

    static List<Integer> countingRows(JsonNode entry) {
        JsonNode primary = entry.path("primaryMetric");
        int forks = Math.max(primary.path("rawData").size(), primary.path("rawDataHistogram").size());
        List<Integer> kept = new ArrayList<>();
        for (int f = 0; f < forks; f++) {
            for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                if (CounterNames.sourceOf(stripServer(m.getKey())) != null && m.getValue().path("rawData").path(f).size() > 0) {
                    kept.add(f);
                    break;
                }
            }
        }
        if (kept.isEmpty() || forks <= 1) {
            kept.clear();
            for (int f = 0; f < forks; f++) {
                kept.add(f);
            }
        }
        return kept;
    }

    /** A copy of {@code entry} whose primary and secondary rawData hold only the rows {@code kept}. */
    private static JsonNode onlyRows(JsonNode entry, List<Integer> kept) {
        ObjectNode copy = ((ObjectNode) entry).deepCopy();
        restrict((ObjectNode) copy.path("primaryMetric"), kept);
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.path("secondaryMetrics").fields(); it.hasNext(); ) {
            JsonNode m = it.next().getValue();
            if (m.isObject()) {
                restrict((ObjectNode) m, kept);
            }
        }
        return copy;
    }

    private static void restrict(ObjectNode metric, List<Integer> kept) {
        JsonNode raw = metric.get("rawData");
        if (raw == null || !raw.isArray()) {
            return;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int f : kept) {
            out.add(raw.path(f).isMissingNode() ? JsonNodeFactory.instance.arrayNode() : raw.get(f));
        }
        metric.set("rawData", out);
        JsonNode flags = metric.get("lowerBound"); // the runner's per-row flag follows its rows
        if (flags != null && flags.isArray()) {
            ArrayNode kept2 = JsonNodeFactory.instance.arrayNode();
            for (int f : kept) {
                kept2.add(flags.path(f).isMissingNode() ? JsonNodeFactory.instance.booleanNode(false) : flags.get(f));
            }
            metric.set("lowerBound", kept2);
        }
    }

    static String stripServer(String name) {
        return name.startsWith(CountedFork.SERVER_PREFIX) ? name.substring(CountedFork.SERVER_PREFIX.length()) : name;
    }
}
