package dev.nettune.run.record;

import dev.nettune.run.plan.Plan;
import dev.nettune.run.folder.ResumeStore;
import dev.nettune.run.plan.RunSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.read.JmhJsonReader;
import dev.nettune.analysis.read.RunContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.SampleBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merged JMH JSON from single-fork results, read back by the analysis's own reader; and the .resume round trip. */
public class MergedResultsTest {
    static final String BENCH = "dev.nettune.bench.RoundTripBenchmark.roundTrip";

    public static BenchmarkParams params(Mode mode, String payload) {
        WorkloadParams w = new WorkloadParams();
        w.put("payload", payload, 0);
        IterationParams warm = new IterationParams(IterationType.WARMUP, 0, TimeValue.seconds(1), 1);
        IterationParams meas = new IterationParams(IterationType.MEASUREMENT, 2, TimeValue.milliseconds(200), 1);
        return new BenchmarkParams(BENCH, "generated", true, 1, new int[] {1}, List.of(), 1, 0, warm, meas, mode, w,
                TimeUnit.SECONDS, 1, "/jdk/bin/java", List.of("-Xmx1g"), "17.0.15", "OpenJDK 64-Bit Server VM", "17.0.15+6",
                "1.37", TimeValue.minutes(10));
    }

    /** One fork of thrpt: iterations of {@code opsPer200ms[i]} operations in 200 ms each. */
    public static RunResult thrptFork(BenchmarkParams p, double... opsPer200ms) {
        List<IterationResult> its = new ArrayList<>();
        for (double ops : opsPer200ms) {
            IterationResult it = new IterationResult(p, p.getMeasurement(), new IterationResultMetaData((long) ops, (long) ops));
            it.addResult(new ThroughputResult(ResultRole.PRIMARY, "roundTrip", ops, 200_000_000L, TimeUnit.SECONDS));
            its.add(it);
        }
        return new RunResult(p, List.of(new BenchmarkResult(p, its)));
    }

    /** One fork of sample mode: one iteration holding these samples (ns). */
    static RunResult sampleFork(BenchmarkParams p, long... nanos) {
        SampleBuffer buf = new SampleBuffer();
        for (long n : nanos) {
            buf.add(n);
        }
        IterationResult it = new IterationResult(p, p.getMeasurement(), new IterationResultMetaData(nanos.length, nanos.length));
        it.addResult(new SampleTimeResult(ResultRole.PRIMARY, "roundTrip", buf, TimeUnit.MICROSECONDS));
        return new RunResult(p, List.of(new BenchmarkResult(p, List.of(it))));
    }

    static RunSpec.PointSpec point(int index, Mode mode, String payload) {
        return new RunSpec.PointSpec(index, "dev.nettune.bench.RoundTripBenchmark", new Plan.Point(BENCH, mode, Map.of("payload", payload)),
                List.of());
    }

    static List<Result> read(Path file) {
        List<Diagnostic> diags = new ArrayList<>();
        List<Result> r = JmhJsonReader.read(file, new RunContext("test", "a", null), diags).results();
        assertEquals(List.of(), diags);
        return r;
    }

    @Test
    void oneRowPerForkInTheOrderTheyWereAddedAndAForksFieldThatSaysHowMany(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        MergedResults m = new MergedResults(tmp);
        RunSpec.PointSpec p64 = point(0, Mode.Throughput, "64");
        RunSpec.PointSpec p1k = point(1, Mode.Throughput, "1024");
        BenchmarkParams b64 = params(Mode.Throughput, "64");
        assertEquals(0, m.add("a", p64, thrptFork(b64, 10_000, 12_000)));
        assertEquals(0, m.add("a", p1k, thrptFork(params(Mode.Throughput, "1024"), 5_000, 5_000)));
        assertEquals(1, m.add("a", p64, thrptFork(b64, 20_000, 22_000)));
        assertEquals(2, m.add("a", p64, thrptFork(b64, 14_000, 16_000)));
        m.write("a", p64.className());
        Path file = m.file("a", p64.className());
        assertEquals(tmp.resolve("a/RoundTripBenchmark.json"), file);
        assertFalse(Files.exists(file.resolveSibling("RoundTripBenchmark.json.tmp")), "the temporary file is moved, not left");

        List<Result> results = read(file);
        assertEquals(2, results.size(), "one entry per point");
        Metric m64 = results.get(0).primary();
        assertEquals("64", results.get(0).key().params().get("payload"));
        // ops per 200 ms -> ops/s: x5
        assertArrayEquals(new double[] {55_000, 105_000, 75_000}, m64.forkScores(), 1e-6, "rows in the order the forks finished");
        assertEquals((50_000 + 60_000 + 100_000 + 110_000 + 70_000 + 80_000) / 6.0, m64.score(), 1e-6, "JMH's score over all forks");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(3, json.get(0).get("forks").asInt(), "\"forks\" says how many forks were merged");
        assertEquals(1, json.get(1).get("forks").asInt());
        assertEquals("64", json.get(0).get("params").get("payload").asText());
    }

    @Test
    void sampleModeKeepsOneHistogramRowPerFork(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        MergedResults m = new MergedResults(tmp);
        RunSpec.PointSpec p = point(0, Mode.SampleTime, "64");
        BenchmarkParams bp = params(Mode.SampleTime, "64");
        m.add("a", p, sampleFork(bp, 10_000, 10_000, 30_000));
        m.add("a", p, sampleFork(bp, 50_000));
        m.write("a", p.className());
        JsonNode pm = new ObjectMapper().readTree(m.file("a", p.className()).toFile()).get(0).get("primaryMetric");
        assertEquals(2, pm.get("rawDataHistogram").size());
        Metric metric = read(m.file("a", p.className())).get(0).primary();
        assertEquals(2, metric.forks());
        assertEquals(4, metric.histogram().total(), "every sample of both forks");
        assertEquals(50.0, metric.forkScores()[1], 0.05, "JMH's SampleBuffer keeps a sample to about 0.1%");
    }

    @Test
    void aForkSurvivesTheResumeStoreAndMergesAsBefore(@TempDir Path tmp) throws Exception {
        ResumeStore store = new ResumeStore(tmp);
        BenchmarkParams bp = params(Mode.Throughput, "64");
        store.write(7, thrptFork(bp, 10_000, 12_000));
        store.write(8, sampleFork(params(Mode.SampleTime, "64"), 1_000, 2_000));
        RunResult back = store.read(7);
        assertEquals(55_000, back.getPrimaryResult().getScore(), 1e-6);
        assertEquals(bp, back.getParams());
        assertEquals(2, store.read(8).getPrimaryResult().getSampleCount());

        Files.writeString(store.file(9), "not java serialization");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> store.read(9));
        assertTrue(e.getMessage().startsWith(store.file(9).toString()), e.getMessage());
        assertTrue(assertThrows(java.io.IOException.class, () -> store.read(10)).getMessage().contains("10.ser"));

        store.delete();
        assertFalse(Files.exists(store.dir()));
    }

    @Test
    void deserializationAcceptsOnlyJmhAndJdkClasses(@TempDir Path tmp) throws Exception {
        ResumeStore store = new ResumeStore(tmp);
        Files.createDirectories(store.dir());
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(Files.newOutputStream(store.file(1)))) {
            out.writeObject(new Foreign());
        }
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> store.read(1));
        assertTrue(e.getMessage().contains("1.ser"), e.getMessage());
    }

    /** A serializable class outside JMH and the JDK. */
    static final class Foreign implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
