package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic builds results and runs in memory for the comparison tests: JVMs of a run described as
 * run.json would describe them, and results with fork rows and their blocks.
 */
final class Synthetic {

    static final String BENCH = "dev.nettune.bench.RoundTripBenchmark.roundTrip";

    private final Map<String, RunInfo> runs = new LinkedHashMap<>();
    private final List<Result> results = new ArrayList<>();

    /** A run.json jvms entry. */
    static RunInfo.JvmInfo jvm(String label, String home, String version, String placement, String... flags) {
        return new RunInfo.JvmInfo(label, home, "", version, List.of(flags), placement);
    }

    /** Registers a run with run.json metadata. */
    Synthetic run(String runId, RunInfo.JvmInfo... jvms) {
        runs.put(runId, new RunInfo(runId, "quick", "", "", "1.37", Map.of(), Map.of(), List.of(jvms)));
        return this;
    }

    /** The identity of a JVM (the one place that builds JvmIds). */
    static JvmId id(String runId, String label, String version) {
        return new JvmId(runId, label, "", version, "", "");
    }

    /** Adds a result: fork rows samples[fork][iteration] with their blocks (null: no block record). */
    Synthetic add(JvmId jvm, String mode, String payload, double[][] samples, int[] blocks) {
        return add(jvm, mode, Map.of("payload", payload), samples, blocks);
    }

    /** Adds a result with the parameters given. */
    Synthetic add(JvmId jvm, String mode, Map<String, String> params, double[][] samples, int[] blocks) {
        String unit = mode.equals("thrpt") ? "ops/s" : "us/op";
        Metric m = new Metric("primary", unit, Double.NaN, Double.NaN, samples, null, Map.of());
        ResultKey key = new ResultKey(BENCH, params, mode, unit, jvm);
        Result r = new Result(key, m, Map.of(), Path.of(jvm.label() + ".json"), results.size(), "1.37", 1);
        results.add(blocks == null ? r : r.withForkBlocks(blocks));
        return this;
    }

    /** Adds a result with one single-iteration fork per score, forks in blocks 1, 2, ... */
    Synthetic forks(JvmId jvm, String mode, String payload, double... scores) {
        double[][] s = new double[scores.length][];
        int[] b = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            s[i] = new double[] {scores[i]};
            b[i] = i + 1;
        }
        return add(jvm, mode, payload, s, runs.containsKey(jvm.runId()) ? b : null);
    }

    /** Adds a result with the parameters given and one single-iteration fork per score, forks in blocks 1, 2, ... */
    Synthetic forks(JvmId jvm, String mode, Map<String, String> params, double... scores) {
        double[][] s = new double[scores.length][];
        int[] b = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            s[i] = new double[] {scores[i]};
            b[i] = i + 1;
        }
        return add(jvm, mode, params, s, runs.containsKey(jvm.runId()) ? b : null);
    }

    /** Adds a result with one single-iteration fork per score, forks in blocks 1, 2, ... run as {@code seqs} give. */
    Synthetic forks(JvmId jvm, String mode, Map<String, String> params, int[] seqs, double... scores) {
        double[][] s = new double[scores.length][];
        int[] b = new int[scores.length];
        for (int i = 0; i < scores.length; i++) {
            s[i] = new double[] {scores[i]};
            b[i] = i + 1;
        }
        add(jvm, mode, params, s, null);
        Result r = results.remove(results.size() - 1);
        results.add(r.withForks(b, seqs));
        return this;
    }

    ResultSet set() {
        return new ResultSet(results, List.of(), runs, new ArrayList<>(), 0, 0, 0);
    }
}
