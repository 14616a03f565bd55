package dev.nettune.run.record;

import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.plan.RunSpec;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.WorkloadParams;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nettune.results.ForkCounter;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MergedResults holds every finished fork's JMH result in memory and writes, per JVM label and
 * benchmark class, {@code <label>/<Class>.json}: plain JMH JSON with one entry per point whose
 * {@code rawData} (or {@code rawDataHistogram}) has one row per fork, in the order the forks
 * finished. JMH does the merging ({@code new RunResult(params, forks)}: score, error and
 * percentiles over all forks, as a {@code -f N} run would report them); the params are rebuilt with
 * {@code forks} = the forks merged, so the file's "forks" field is true. A file is written to a
 * temporary sibling and moved over the old one atomically: a reader, or a killed runner, never
 * leaves half a file.
 *
 * <p>Counters ({@link ForkCounterValues}) are written per fork, since JMH's merge cannot: for every
 * counter metric some row of a point has, its {@code secondaryMetrics} entry gets {@code rawData} with
 * one list per row of {@code primaryMetric.rawData}, in the same order, holding that fork's value
 * ({@code []} for a fork that did not count it, such as the score forks of {@code extra} counters),
 * and {@code lowerBound}, one boolean per row ({@code dev.nettune.counters.CounterReader} reads both
 * back). JMH's summary of the metric (score, error, percentiles) is kept. A file without counters is
 * JMH's own output, byte for byte.
 */
public final class MergedResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** JMH's own layout: an indent of four spaces, a line per value. */
    private static final DefaultPrettyPrinter JMH_LAYOUT = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n")).withArrayIndenter(new DefaultIndenter("    ", "\n"));

    private final Path runDir;
    /** Each fork's counters, computed once ({@link ForkCounterValues} writes it through JMH's JSON). */
    private final Map<RunResult, Map<String, ForkCounter>> counters = new IdentityHashMap<>();
    /** label → class → point index → forks (single-fork results) in row order. */
    private final Map<String, Map<String, TreeMap<Integer, List<RunResult>>>> forks = new HashMap<>();

    public MergedResults(Path runDir) {
        this.runDir = runDir;
    }

    /** Adds a fork's result; returns its row (0-based) in the point's entry. */
    public int add(String label, RunSpec.PointSpec point, RunResult fork) {
        List<RunResult> rows = forks.computeIfAbsent(label, k -> new HashMap<>())
                .computeIfAbsent(point.className(), k -> new TreeMap<>())
                .computeIfAbsent(point.index(), k -> new ArrayList<>());
        rows.add(fork);
        counters.put(fork, ForkCounterValues.of(fork));
        return rows.size() - 1;
    }

    /** Forks held for this label and point. */
    int rows(String label, RunSpec.PointSpec point) {
        List<RunResult> rows = forks.getOrDefault(label, Map.of()).getOrDefault(point.className(), new TreeMap<>()).get(point.index());
        return rows == null ? 0 : rows.size();
    }

    /** The label's file for a class. */
    Path file(String label, String className) {
        return runDir.resolve(label).resolve(className.substring(className.lastIndexOf('.') + 1) + ".json");
    }

    /** Rewrites {@code <label>/<Class>.json} from the forks held (nothing when there are none). */
    public void write(String label, String className) throws IOException {
        TreeMap<Integer, List<RunResult>> points = forks.getOrDefault(label, Map.of()).get(className);
        if (points == null || points.isEmpty()) {
            return;
        }
        List<RunResult> merged = new ArrayList<>();
        List<List<Map<String, ForkCounter>>> rowCounters = new ArrayList<>();
        for (List<RunResult> rows : points.values()) {
            merged.add(merge(rows));
            rowCounters.add(rows.stream().map(r -> counters.computeIfAbsent(r, ForkCounterValues::of)).toList());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(merged);
        }
        byte[] text = bytes.toByteArray();
        if (rowCounters.stream().flatMap(List::stream).anyMatch(m -> !m.isEmpty())) {
            text = withCounters(text, rowCounters);
        }
        Path file = file(label, className);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
            fos.write(text);
            fos.getFD().sync();
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Rewrites every file that has forks. */
    public void writeAll() throws IOException {
        for (Map.Entry<String, Map<String, TreeMap<Integer, List<RunResult>>>> l : forks.entrySet()) {
            for (String c : l.getValue().keySet()) {
                write(l.getKey(), c);
            }
        }
    }

    /**
     * Rewrites the file of every JVM and class of {@code spec}; a file whose forks are all gone (a
     * row written after the last recorded fork, or a fork of a block that runs again) is deleted.
     */
    public void writeAll(RunSpec spec) throws IOException {
        for (JvmTarget t : spec.targets()) {
            for (String c : spec.points().stream().map(RunSpec.PointSpec::className).distinct().toList()) {
                TreeMap<Integer, List<RunResult>> points = forks.getOrDefault(t.label(), Map.of()).get(c);
                if (points == null || points.isEmpty()) {
                    Files.deleteIfExists(file(t.label(), c));
                } else {
                    write(t.label(), c);
                }
            }
        }
    }

    /**
     * JMH's JSON {@code jmh} with every counter's rawData per row (see the class comment);
     * {@code rows.get(i)} are the counters of point {@code i}'s rows.
     */
    static byte[] withCounters(byte[] jmh, List<List<Map<String, ForkCounter>>> rows) throws IOException {
        JsonNode root = JSON.readTree(jmh);
        if (!root.isArray() || root.size() != rows.size()) {
            throw new IOException("JMH wrote " + root.size() + " points for " + rows.size());
        }
        for (int i = 0; i < rows.size(); i++) {
            ObjectNode point = (ObjectNode) root.get(i);
            List<Map<String, ForkCounter>> forks = rows.get(i);
            if (point.path("primaryMetric").path("rawData").size() != forks.size()
                    && point.path("primaryMetric").path("rawDataHistogram").size() != forks.size()) {
                throw new IOException(point.path("benchmark").asText() + ": JMH wrote other rows than the " + forks.size() + " forks");
            }
            Set<String> names = new LinkedHashSet<>();
            forks.forEach(f -> names.addAll(f.keySet()));
            if (names.isEmpty()) {
                continue;
            }
            ObjectNode old = point.has("secondaryMetrics") ? (ObjectNode) point.get("secondaryMetrics") : JSON.createObjectNode();
            ObjectNode secondaries = JSON.createObjectNode();
            old.fields().forEachRemaining(e -> secondaries.set(e.getKey(),
                    names.contains(e.getKey()) ? perRow((ObjectNode) e.getValue(), e.getKey(), forks) : e.getValue()));
            for (String n : names) {
                if (!secondaries.has(n)) {
                    secondaries.set(n, perRow(JSON.createObjectNode(), n, forks));
                }
            }
            point.set("secondaryMetrics", secondaries);
        }
        return (JSON.writer(JMH_LAYOUT).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code metric} with rawData and lowerBound one entry per fork row; a summary made up when JMH wrote none. */
    private static ObjectNode perRow(ObjectNode metric, String name, List<Map<String, ForkCounter>> forks) {
        ObjectNode out = metric.deepCopy();
        ArrayNode raw = JSON.createArrayNode();
        ArrayNode lower = JSON.createArrayNode();
        double sum = 0;
        int n = 0;
        String unit = null;
        for (Map<String, ForkCounter> f : forks) {
            ForkCounter c = f.get(name);
            ArrayNode row = raw.addArray();
            lower.add(c != null && Boolean.TRUE.equals(c.lowerBound()));
            if (c == null) {
                continue;
            }
            unit = c.unit();
            if (c.perOp() == null) {
                row.add("NaN"); // as JMH writes a value without operations
            } else {
                row.add(c.perOp());
                sum += c.perOp();
                n++;
            }
        }
        if (!out.has("score")) {
            out.put("score", n == 0 ? Double.NaN : sum / n);
            out.put("scoreUnit", unit);
        }
        out.set("rawData", raw);
        out.set("lowerBound", lower);
        return out;
    }

    /** Single-fork results of one point as one JMH result with a row per fork. */
    static RunResult merge(List<RunResult> rows) {
        List<BenchmarkResult> all = new ArrayList<>();
        for (RunResult r : rows) {
            all.addAll(r.getBenchmarkResults());
        }
        return new RunResult(withForks(rows.get(0).getParams(), all.size()), all);
    }

    /** A copy of {@code p} that says it ran {@code forks} forks (and no warm-up forks). */
    static BenchmarkParams withForks(BenchmarkParams p, int forks) {
        WorkloadParams w = new WorkloadParams();
        int order = 0;
        for (String k : p.getParamsKeys()) {
            w.put(k, p.getParam(k), order++);
        }
        return new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(), p.getThreads(),
                p.getThreadGroups(), p.getThreadGroupLabels(), forks, p.getWarmupForks(), p.getWarmup(), p.getMeasurement(),
                p.getMode(), w, p.getTimeUnit(), p.getOpsPerInvocation(), p.getJvm(), p.getJvmArgs(), p.getJdkVersion(),
                p.getVmName(), p.getVmVersion(), p.getJmhVersion(), p.getTimeout());
    }
}
