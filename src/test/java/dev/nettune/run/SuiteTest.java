package dev.nettune.run;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteTest {
    static final Path SELF = Path.of(System.getProperty("java.home"));

    static JvmMatrix.Sources onlySelf() {
        return new JvmMatrix.Sources(SELF, Map.of(), List.of());
    }

    static SuiteOptions options(String... args) {
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
     * End to end on the running JDK with a real JMH fork of RoundTripBenchmark (about 5 s): one point
     * succeeds, one has a payload no 1 GiB heap holds and fails in setup; the suite still writes
     * everything, counts the failure and exits 1.
     */
    @Test
    void tinyRealRunWritesTheContractLayoutAndCountsAFailedPoint(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Suite suite = new Suite(new PrintStream(buf, true, StandardCharsets.UTF_8), FakeAnalyze.class.getName());
        int status = suite.run(options("--profile=smoke", "--jvms=" + SELF, "--include=RoundTripBenchmark",
                "--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"), "--ignoreLock=true",
                "--jmh=-bm thrpt -r 300ms -p payload=64,2147483647"));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(Suite.EXIT_FAILED, status, out);
        Path runDir;
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            runDir = s.findFirst().orElseThrow();
        }
        assertTrue(runDir.getFileName().toString().endsWith("-smoke"), runDir.toString());
        String label = "jdk" + Runtime.version().feature();
        JsonNode run = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        assertEquals("complete-with-failures", run.get("status").asText());
        assertEquals("1.37", run.get("jmhVersion").asText());
        JsonNode jvm = run.get("jvms").get(0);
        assertEquals(label, jvm.get("label").asText());
        assertEquals("free", jvm.get("placement").asText());
        assertEquals(2, jvm.get("summary").get("points").asInt());
        assertEquals(1, jvm.get("summary").get("ok").asInt());
        assertEquals(1, jvm.get("summary").get("failed").asInt());
        assertTrue(jvm.get("summary").get("failedPoints").get(0).asText().contains("2147483647"));
        JsonNode results = new ObjectMapper().readTree(runDir.resolve(label).resolve("RoundTripBenchmark.json").toFile());
        assertEquals(1, results.size());
        assertEquals("64", results.get(0).get("params").get("payload").asText());
        List<String> forkArgs = new ArrayList<>();
        results.get(0).get("jvmArgs").forEach(a -> forkArgs.add(a.asText()));
        List<String> expected = new ArrayList<>();
        if (Runtime.version().feature() >= JvmTarget.UNSAFE_FLAG_SINCE) {
            expected.add(JvmTarget.UNSAFE_FLAG);
        }
        expected.addAll(List.of("-Dnettune.sockopts.file=" + runDir.resolve(label).resolve("sockopts.jsonl"),
                "-Dnettune.skips.file=" + runDir.resolve(label).resolve("skips.jsonl"), "-Xmx1g", "-Xms1g"));
        assertEquals(expected, forkArgs, "suite flags + the class's @Fork args, nothing inherited from the test JVM");
        assertTrue(out.contains(label + ": 2 points, 1 ok, 0 skipped, 1 failed"), out);
        assertEquals("--out " + tmp.resolve("analysis") + " " + tmp.resolve("results"),
                Files.readString(tmp.resolve("analysis/args.txt")), "the analysis runs over the whole results root");
    }
}
