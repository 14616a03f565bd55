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
 * as a lower bound when every iteration lost threads.
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
            int forkCount = point.path("primaryMetric").path("rawData").size();
            List<List<Counter>> forks = new ArrayList<>();
            JsonNode secondaries = point.path("secondaryMetrics");
            JsonNode exited = secondaries.path(CounterNames.PROC_EXITED_THREADS).path("rawData");
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
                for (int f = 0; f < raw.size(); f++) {
                    while (forks.size() <= f) {
                        forks.add(new ArrayList<>());
                    }
                    double perOp;
                    boolean lowerBound = false;
                    if (isContextSwitches(m.getKey()) && exited.path(f).size() == raw.get(f).size()) {
                        List<Double> clean = new ArrayList<>();
                        for (int k = 0; k < raw.get(f).size(); k++) {
                            if (number(exited.get(f).get(k), at + ", fork " + f + ", exited threads") == 0) {
                                clean.add(number(raw.get(f).get(k), at + ", fork " + f));
                            }
                        }
                        lowerBound = clean.isEmpty();
                        perOp = lowerBound ? mean(raw.get(f), at + ", fork " + f)
                                : clean.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    } else if (raw.get(f).isArray() && raw.get(f).isEmpty()) {
                        if (forkCount != 1) {
                            throw new IllegalArgumentException(at + ": only a score over " + forkCount
                                    + " forks, no value per fork (perfnorm needs one fork per result)");
                        }
                        perOp = number(m.getValue().get("score"), at + ", score");
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

    private static boolean isContextSwitches(String metric) {
        return metric.equals(CounterNames.PROC_VOLUNTARY) || metric.equals(CounterNames.PROC_NONVOLUNTARY)
                || metric.equals(CounterNames.PROC_CTXT_SWITCHES);
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
