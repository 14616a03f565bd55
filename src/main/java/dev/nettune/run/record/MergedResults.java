package dev.nettune.run.record;

import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.plan.RunSpec;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.WorkloadParams;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
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
 */
public final class MergedResults {
    private final Path runDir;
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
        for (List<RunResult> rows : points.values()) {
            merged.add(merge(rows));
        }
        Path file = file(label, className);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
             PrintStream ps = new PrintStream(fos, false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(merged);
            ps.flush();
            if (ps.checkError()) {
                throw new IOException("cannot write " + tmp);
            }
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
