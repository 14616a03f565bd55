package dev.nettune.counters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CounterReader takes the counters out of a JMH JSON result file: for every benchmark point and
 * every fork, the secondary metrics that {@link CounterNames#sourceOf} knows (perfnorm's events, the
 * /proc fallback's {@code proc:*}, {@code gc.alloc.rate.norm}, {@code gc.count}), each as a per-fork
 * value. JMH keeps a secondary metric's values per fork in {@code rawData} (one list per fork: one
 * value per iteration for an internal profiler); a fork's value is the mean of its list, as JMH's
 * own {@code AggregationPolicy.AVG} would give, or their sum for a count that is not per operation
 * ({@code gc.count}, {@code proc:exited_threads}). perfnorm, an external profiler, leaves its lists
 * empty and writes only the {@code score}: that is the fork's value when the point has one fork
 * (as the runner's forks do), and an error otherwise, since the forks cannot be told apart.
 * /proc's context switches are averaged over the iterations in which no thread exited
 * ({@code proc:exited_threads} 0; JMH's last iteration ends with the trial's teardown), and flagged
 * as a lower bound when every iteration lost threads. A server's metrics ({@code server:proc:*}) are
 * averaged over the iterations with a reading of the server at both ends (the others hold NaN); a
 * fork without any has none.
 *
 * <p>The runner's merged files ({@code <label>/<Class>.json}) hold each counter per fork instead:
 * a metric with a {@code lowerBound} array (one boolean per row, which JMH never writes) has one list per
 * row of {@code primaryMetric.rawData} holding that fork's value, already reduced as above, or no value
 * for a fork that did not count it; such a row gives a fork with fewer (or no) counters.
 *
 * <p>One rule decides what an empty row means, whether or not the file carries {@code lowerBound}:
 * it is a fork that did not count the metric when the metric has a {@code lowerBound} array or a value
 * in another row (a merged file whose score forks did not count, {@code "role":"counters"}); otherwise,
 * every row being empty, it is perfnorm's score-only form: the score is the fork's value when the point
 * has one fork, and several forks cannot be told apart (an error). So a reader never needs to drop
 * non-counting rows before reading: each row of the file is a fork, with the counters it has.
 *
 * <p>A file that is not JMH's JSON is an error naming the file and the place; a metric nettune does
 * not count is skipped.
 */
public final class CounterReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CounterReader() {
    }

    /** The counters of every fork in {@code file}, in the file's order of points then forks. */
    public static List<ForkCounters> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not JSON: " + e.getMessage(), e);
        }
        return read(root, file.toString());
    }

    /**
     * The counters of one fork's result as the runner holds it before merging ({@code MergedResults}
     * merges forks through JMH, which keeps perfnorm's values only as a score over all forks). It goes
     * through JMH's own JSON writer, so it reads exactly what a result file would hold.
     */
    public static List<ForkCounters> read(RunResult fork) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(List.of(fork));
        }
        String source = "JMH result of " + fork.getParams().getBenchmark();
        try {
            return read(JSON.readTree(bytes.toString(StandardCharsets.UTF_8)), source);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": JMH wrote JSON that does not parse", e);
        }
    }

    /** The counters of every fork in a parsed JMH result, {@code source} naming it in errors. */
    public static List<ForkCounters> read(JsonNode root, String source) {
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(source + ": a JMH result is a JSON array of benchmarks");
        }
        List<ForkCounters> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode point = root.get(i);
            String where = source + ": benchmark #" + i;
            String benchmark = text(point, "benchmark", where);
            String mode = text(point, "mode", where);
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode p = point.path("params");
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            int forkCount = Math.max(point.path("primaryMetric").path("rawData").size(),
                    point.path("primaryMetric").path("rawDataHistogram").size());
            List<List<Counter>> forks = new ArrayList<>();
            JsonNode secondaries = point.path("secondaryMetrics");
            for (Iterator<Map.Entry<String, JsonNode>> it = secondaries.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                CounterNames.Source src = CounterNames.sourceOf(m.getKey());
                if (src == null) {
                    continue;
                }
                String at = where + " (" + benchmark + "), metric " + m.getKey();
                String unit = text(m.getValue(), "scoreUnit", at);
                JsonNode raw = m.getValue().get("rawData");
                if (raw == null || !raw.isArray()) {
                    throw new IllegalArgumentException(at + ": no rawData array");
                }
                JsonNode perFork = m.getValue().get("lowerBound");
                if (perFork != null && (!perFork.isArray() || perFork.size() != raw.size() || raw.size() != forkCount)) {
                    throw new IllegalArgumentException(at + ": " + raw.size() + " rows of rawData, " + perFork.size()
                            + " of lowerBound, " + forkCount + " forks: a merged file has one of each per fork");
                }
                boolean perRow = perFork != null || anyValue(raw);
                for (int f = 0; f < raw.size(); f++) {
                    while (forks.size() <= f) {
                        forks.add(new ArrayList<>());
                    }
                    double perOp;
                    boolean lowerBound = false;
                    if (perRow && raw.get(f).isArray() && raw.get(f).isEmpty()) {
                        continue; // this fork did not count it (see the class comment: one rule for an empty row)
                    } else if (perFork != null) {
                        perOp = mean(raw.get(f), at + ", fork " + f);
                        lowerBound = perFork.get(f).asBoolean();
                    } else if (isContextSwitches(m.getKey()) && exited(secondaries, m.getKey()).path(f).size() == raw.get(f).size()) {
                        JsonNode exited = exited(secondaries, m.getKey());
                        List<Double> clean = new ArrayList<>();
                        for (int k = 0; k < raw.get(f).size(); k++) {
                            // NaN (no reading of the server at one end of the iteration) is not 0: left out too
                            if (number(exited.get(f).get(k), at + ", fork " + f + ", exited threads") == 0) {
                                clean.add(number(raw.get(f).get(k), at + ", fork " + f));
                            }
                        }
                        lowerBound = clean.isEmpty();
                        if (!lowerBound) {
                            perOp = clean.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                        } else if (m.getKey().startsWith(CounterNames.SERVER_PREFIX)) {
                            double[] read = finite(raw.get(f), at + ", fork " + f);
                            if (read.length == 0) {
                                continue; // the server was never read around an iteration: no value for this fork
                            }
                            perOp = java.util.Arrays.stream(read).average().orElseThrow();
                        } else {
                            perOp = mean(raw.get(f), at + ", fork " + f);
                        }
                    } else if (raw.get(f).isArray() && raw.get(f).isEmpty()) {
                        if (forkCount != 1) {
                            throw new IllegalArgumentException(at + ": only a score over " + forkCount
                                    + " forks, no value per fork (perfnorm needs one fork per result)");
                        }
                        perOp = number(m.getValue().get("score"), at + ", score");
                    } else if (m.getKey().startsWith(CounterNames.SERVER_PREFIX)) {
                        // only the iterations with a server reading at both ends (NaN in the others)
                        double[] read = finite(raw.get(f), at + ", fork " + f);
                        if (read.length == 0) {
                            continue; // the server was never read around an iteration: no value for this fork
                        }
                        double sum = java.util.Arrays.stream(read).sum();
                        perOp = unit.endsWith("/op") ? sum / read.length : sum;
                    } else if (unit.endsWith("/op")) {
                        perOp = mean(raw.get(f), at + ", fork " + f);
                    } else {
                        perOp = mean(raw.get(f), at + ", fork " + f) * raw.get(f).size(); // a count: the fork's total
                    }
                    forks.get(f).add(new Counter(m.getKey(), unit, perOp, src, lowerBound));
                }
            }
            for (int f = 0; f < forks.size(); f++) {
                out.add(new ForkCounters(benchmark, mode, params, f, forks.get(f)));
            }
        }
        return out;
    }

    /** True when some row of a metric's rawData holds a value: its empty rows are forks that did not count it. */
    private static boolean anyValue(JsonNode raw) {
        for (JsonNode row : raw) {
            if (row.isArray() && !row.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isContextSwitches(String metric) {
        String m = metric.startsWith(CounterNames.SERVER_PREFIX) ? metric.substring(CounterNames.SERVER_PREFIX.length()) : metric;
        return m.equals(CounterNames.PROC_VOLUNTARY) || m.equals(CounterNames.PROC_NONVOLUNTARY)
                || m.equals(CounterNames.PROC_CTXT_SWITCHES);
    }

    /** The rawData of the exited threads of the process a context-switch metric counts (the fork's, or its server's). */
    private static JsonNode exited(JsonNode secondaries, String metric) {
        String prefix = metric.startsWith(CounterNames.SERVER_PREFIX) ? CounterNames.SERVER_PREFIX : "";
        return secondaries.path(prefix + CounterNames.PROC_EXITED_THREADS).path("rawData");
    }

    /** The finite values of a list (NaN and infinities left out). */
    private static double[] finite(JsonNode values, String at) {
        if (values == null || !values.isArray()) {
            throw new IllegalArgumentException(at + ": no values");
        }
        List<Double> out = new ArrayList<>();
        for (JsonNode v : values) {
            double d = number(v, at);
            if (Double.isFinite(d)) {
                out.add(d);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(JsonNode values, String at) {
        if (values == null || !values.isArray() || values.isEmpty()) {
            throw new IllegalArgumentException(at + ": no values");
        }
        double sum = 0;
        for (JsonNode v : values) {
            sum += number(v, at);
        }
        return sum / values.size();
    }

    private static double number(JsonNode v, String at) {
        // JMH writes NaN as the string "NaN" (an iteration without operations)
        if (v != null && v.isTextual() && "NaN".equals(v.asText())) {
            return Double.NaN;
        }
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(at + ": value '" + v + "' is not a number");
        }
        return v.asDouble();
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(at + ": no text field '" + field + "'");
        }
        return v.asText();
    }
}
