package dev.nettune.run;

import dev.nettune.run.options.JvmMatrix;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.folder.ResumeStore;
import dev.nettune.run.options.SuiteOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class SuiteTest {
    public static final Path SELF = Path.of(System.getProperty("java.home"));

    public static JvmMatrix.Sources onlySelf() {
        return new JvmMatrix.Sources(SELF, Map.of(), List.of());
    }

    public static SuiteOptions options(String... args) {
        return SuiteOptions.parse(args);
    }

    @Test
    void skipRegeneratesTheReportFromExistingResults(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("results"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Suite suite = new Suite(new PrintStream(buf, true, StandardCharsets.UTF_8), FakeAnalyze.class.getName());
        int status = suite.run(options("--skip=true", "--results=" + tmp.resolve("results"),
                "--analysis=" + tmp.resolve("report"), "--baseline=jdk17"));
        assertEquals(Suite.EXIT_OK, status, buf.toString(StandardCharsets.UTF_8));
        assertEquals("--out " + tmp.resolve("report") + " --baseline jdk17 " + tmp.resolve("results"),
                Files.readString(tmp.resolve("report/args.txt")));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("nettune: report: " + tmp.resolve("report/README.md")));
    }

    @Test
    void analysisWithoutInputIsReportedAndAbsentModuleIsNotAFailure(@TempDir Path tmp) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Suite fake = new Suite(new PrintStream(buf, true, StandardCharsets.UTF_8), FakeAnalyze.class.getName());
        SuiteOptions o = options("--results=" + tmp.resolve("none"), "--analysis=" + tmp.resolve("report"));
        assertTrue(fake.analyze(o, true));
        assertEquals(false, fake.analyze(o, false), "after a run, an analysis that finds nothing is a failure");
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("analysis found no usable results"));
        Suite absent = new Suite(new PrintStream(buf, true, StandardCharsets.UTF_8), "dev.nettune.analysis.NoSuchClass");
        assertTrue(absent.analyze(o, false));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("(dev.nettune.analysis.NoSuchClass) is not in this build"));
    }

    @Test
    void durationsReadLikeAClock() {
        assertEquals("42s", Suite.duration(42));
        assertEquals("9m41s", Suite.duration(581));
        assertEquals("1h05m", Suite.duration(3900));
    }

    /**
     * A placement whose fork fails in setup: a server that is not there (nothing listens on loopback
     * port 1, so the connect is refused at once). A value the preflight accepts and every fork fails on.
     */
    static final String NO_SERVER = "remote=127.0.0.1:1";

    /**
     * End to end on the running JDK with real JMH forks of RoundTripBenchmark (a few seconds): of two
     * points, one runs in both blocks, the other's server is not there and fails in setup in both; the
     * suite records every fork, writes the merged JSON with a row per fork, exits 1.
     */
    @Test
    void tinyRealRunWritesTheContractLayoutAndRecordsFailedForks(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Suite suite = new Suite(new PrintStream(buf, true, StandardCharsets.UTF_8), FakeAnalyze.class.getName());
        int status = suite.run(options("--profile=smoke", "--jvms=" + SELF, "--include=RoundTripBenchmark",
                "--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"), "--ignoreLock=true",
                "--blocks=2", "--seed=11", "--counters=off", "--explain=none", "--jmh=-bm thrpt -r 100ms -p placement=inprocess," + NO_SERVER));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(Suite.EXIT_FAILED, status, out);
        Path runDir;
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            runDir = s.findFirst().orElseThrow();
        }
        assertTrue(runDir.getFileName().toString().endsWith("-smoke"), runDir.toString());
        String label = "jdk" + Runtime.version().feature();
        ObjectMapper json = new ObjectMapper();
        JsonNode run = json.readTree(runDir.resolve("run.json").toFile());
        assertEquals("complete-with-failures", run.get("status").asText());
        assertEquals("1.37", run.get("jmhVersion").asText());
        JsonNode method = run.get("method");
        assertEquals("randomized interleaved blocks", method.get("design").asText());
        assertEquals("point-major, a point's placements in each block", method.get("order").asText());
        assertEquals(2, method.get("blocks").asInt());
        assertEquals(11, method.get("seed").asLong());
        assertEquals("0 x 1 s", method.get("warmup").asText());
        assertEquals("1 x 100 ms", method.get("measurement").asText());
        assertTrue(method.get("ciTarget").isNull() && method.get("maxBlocks").isNull());
        assertEquals(false, run.get("selfCheck").asBoolean());
        assertEquals(4, run.get("counts").get("forksPlanned").asInt());
        assertEquals(2, run.get("counts").get("forksFailed").asInt());
        assertEquals(2, run.get("counts").get("incompleteBlocks").asInt());
        JsonNode jvm = run.get("jvms").get(0);
        assertEquals(label, jvm.get("label").asText());
        assertEquals("free", jvm.get("placement").asText());
        JsonNode summary = jvm.get("summary");
        assertEquals(4, summary.get("forksPlanned").asInt());
        assertEquals(2, summary.get("ok").asInt());
        assertEquals(2, summary.get("failed").asInt());
        assertTrue(summary.get("failedForks").get(0).asText().contains("placement=" + NO_SERVER), summary.toString());
        assertFalse(Files.exists(runDir.resolve(ResumeStore.DIR)), ".resume is deleted when the run completes");

        List<JsonNode> forks = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("forks.jsonl"))) {
            forks.add(json.readTree(line));
        }
        assertEquals(4, forks.size());
        List<JsonNode> ok = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonNode f = forks.get(i);
            assertEquals(i + 1, f.get("seq").asInt());
            boolean bad = f.get("params").get("placement").asText().equals(NO_SERVER);
            assertEquals(bad ? 1 : 0, f.get("point").asInt(), "points keep their plan index");
            assertEquals(bad ? "failed" : "ok", f.get("status").asText());
            assertEquals(i / 2 + 1, f.get("block").asInt(), "the point's two placements share each block");
            assertEquals(2, f.get("blockSize").asInt());
            if (bad) {
                assertFalse(f.get("reason").asText().isBlank(), "a failed fork carries its reason");
                assertTrue(f.get("row").isNull() && f.get("score").isNull());
            } else {
                assertEquals(ok.size(), f.get("row").asInt());
                assertEquals("ops/s", f.get("unit").asText());
                ok.add(f);
            }
        }
        assertEquals(forks.get(0).get("point").asInt(), forks.get(3).get("point").asInt(), "block 2 mirrors block 1");
        JsonNode results = json.readTree(runDir.resolve(label).resolve("RoundTripBenchmark.json").toFile());
        assertEquals(1, results.size());
        assertEquals("64", results.get(0).get("params").get("payload").asText());
        assertEquals(2, results.get(0).get("forks").asInt());
        JsonNode rawData = results.get(0).get("primaryMetric").get("rawData");
        assertEquals(2, rawData.size());
        for (int row = 0; row < 2; row++) {
            assertEquals(ok.get(row).get("score").asDouble(), rawData.get(row).get(0).asDouble(), 1e-9, "row " + row);
        }
        List<String> forkArgs = new ArrayList<>();
        results.get(0).get("jvmArgs").forEach(a -> forkArgs.add(a.asText()));
        List<String> expected = new ArrayList<>();
        if (Runtime.version().feature() >= JvmTarget.UNSAFE_FLAG_SINCE) {
            expected.add(JvmTarget.UNSAFE_FLAG);
        }
        expected.addAll(List.of("-Dnettune.sockopts.file=" + runDir.resolve(label).resolve("sockopts.jsonl"),
                "-Dnettune.skips.file=" + runDir.resolve(label).resolve("skips.jsonl"), "-Xmx1g", "-Xms1g"));
        assertEquals(expected, forkArgs, "suite flags + the class's @Fork args, nothing inherited from the test JVM");
        assertTrue(Files.readString(runDir.resolve("jmh.log")).contains("# Fork: 1 of 1"), "JMH's output goes to jmh.log");
        assertTrue(out.contains("FAILED: java.net.ConnectException: Connection refused"), out);
        assertTrue(out.contains(label + ": 4 forks planned, 2 ok, 2 failed, 0 skipped, 2 incomplete blocks"), out);
        assertEquals("--out " + tmp.resolve("analysis") + " " + tmp.resolve("results"),
                Files.readString(tmp.resolve("analysis/args.txt")), "the analysis runs over the whole results root");
    }
}
