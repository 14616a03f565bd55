package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettune.analysis.compare.CounterChange;
import dev.nettune.analysis.compare.CounterQuantity;
import dev.nettune.analysis.family.KnownBytes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes per write(2) and per read(2) where the benchmark knows its bytes per operation (issue #21):
 * the bytes both ends' frames carry, from the point's parameters, over the calls per operation a fork
 * counted, compared by block as the calls are (a derived ratio: the inverse of the calls' ratio, with
 * the calls' own test, so no new statistic). Fixture: the counters run of CountersTest, and copies of
 * it with the write counts changed or taken out.
 */
class BytesPerCallTest {
    static final double STREAM = KnownBytes.HEADER + 4194304 + KnownBytes.HEADER;
    static final double ECHO_64 = 2 * (KnownBytes.HEADER + 64);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theBenchmarksBytesPerOperationFromItsParameters() {
        assertEquals(STREAM, KnownBytes.perOp(CountersTest.SOCK, Map.of("streamBytes", "4194304", "writeSize", "65536")).getAsDouble());
        assertEquals(ECHO_64, KnownBytes.perOp(CountersTest.RT, Map.of("payload", "64")).getAsDouble());
        assertEquals(16 + 16 * 64 + 16, KnownBytes.perOp("dev.nettune.bench.coalescing.CoalescingBenchmark.message",
                Map.of("strategy", "STREAM_PER_PART", "parts", "16", "partBytes", "64")).getAsDouble());
        assertTrue(KnownBytes.perOp("dev.nettune.bench.reuse.ConnectionReuseBenchmark.request", Map.of("payload", "64")).isEmpty(),
                "connection reuse moves bytes its parameters do not say (connects, closes)");
        assertTrue(KnownBytes.coversBothEnds(Map.of(), false), "a server in the benchmark's own process");
        assertTrue(KnownBytes.coversBothEnds(Map.of("placement", "process"), true), "perf follows the fork's children");
        assertFalse(KnownBytes.coversBothEnds(Map.of("placement", "process"), false), "/proc is one process's");
        assertFalse(KnownBytes.coversBothEnds(Map.of("placement", "remote"), true));
    }

    @Test
    void bytesPerWriteIsTheInverseOfTheWritesWithTheirTest() {
        for (String bench : new String[]{CountersTest.SOCK, CountersTest.RT}) {
            double bytes = bench.equals(CountersTest.SOCK) ? STREAM : ECHO_64;
            for (CounterQuantity q : new CounterQuantity[]{CounterQuantity.BYTES_PER_WRITE, CounterQuantity.BYTES_PER_READ}) {
                CounterChange calls = CountersTest.change(CountersTest.IN_SCORE_FORKS, bench, q.calls());
                CounterChange per = CountersTest.change(CountersTest.IN_SCORE_FORKS, bench, q);
                String at = bench + " " + q;
                assertEquals(8, per.n(), at);
                assertEquals("B/call", per.unit(), at);
                assertEquals(CounterChange.Method.RATIO, per.method(), at);
                assertEquals(bytes / calls.baseline(), per.baseline(), 1e-9 * per.baseline(), at);
                assertEquals(bytes / calls.candidate(), per.candidate(), 1e-9 * per.candidate(), at);
                assertEquals(1 / calls.estimate(), per.estimate(), 1e-9, at);
                assertEquals(1 / calls.high(), per.low(), 1e-9, at);
                assertEquals(1 / calls.low(), per.high(), 1e-9, at);
                assertEquals(calls.p(), per.p(), 1e-9, at);
                assertEquals(calls.pAdjusted(), per.pAdjusted(), 0, at);
                assertEquals(calls.status(), per.status(), at);
            }
        }
        // RoundTrip: 2 × (16 + 64) B over the fixture's 2.03 writes per round trip
        assertEquals(ECHO_64 / 2.03, CountersTest.change(CountersTest.IN_SCORE_FORKS, CountersTest.RT,
                CounterQuantity.BYTES_PER_WRITE).baseline(), 1e-6);
    }

    @Test
    void changedWritesAreWordedAsBytesPerWrite() throws IOException {
        Path run = Fixtures.copyTree(CountersTest.IN_SCORE_FORKS, tmp.resolve("run"));
        // JDK 17: 63 writes of ~64 KiB per stream; JDK 25: writes of 496 B
        scale(run.resolve("jdk17/SocketBufferStreamBenchmark.json"), "syscalls:sys_enter_write", 63);
        scale(run.resolve("jdk25/SocketBufferStreamBenchmark.json"), "syscalls:sys_enter_write", STREAM / 496);
        String readme = report(run);
        assertTrue(readme.contains("write(2)/op 63 → 8456 · "), readme);
        assertTrue(readme.contains(" · bytes/write 66,577 → 496 ([counters](#u-"), readme);
        assertTrue(readme.matches("(?s).*\\| bytes/write +\\| +66,577 \\| +496 \\| ×0\\.00745 \\[.*"), readme);
        assertEquals(String.format(Locale.ROOT, "%,.0f", STREAM / 63), "66,577");
    }

    @Test
    void aMissingWriteCountIsSaidNotGuessed() throws IOException {
        Path run = Fixtures.copyTree(CountersTest.IN_SCORE_FORKS, tmp.resolve("run"));
        for (String jvm : new String[]{"jdk17", "jdk25"}) {
            Path f = run.resolve(jvm + "/SocketBufferStreamBenchmark.json");
            JsonNode root = JSON.readTree(f.toFile());
            for (JsonNode point : root) {
                ((ObjectNode) point.get("secondaryMetrics")).remove(java.util.List.of("syscalls:sys_enter_write", "proc:syscw"));
            }
            JSON.writeValue(f.toFile(), root);
        }
        CounterChange c = CountersTest.change(run, CountersTest.SOCK, CounterQuantity.BYTES_PER_WRITE);
        assertEquals(0, c.n());
        assertEquals(CounterChange.Status.CANNOT_TELL, c.status());
        assertEquals("not derived: no write(2)/op counted in this run", c.note());
        assertEquals(8, CountersTest.change(run, CountersTest.SOCK, CounterQuantity.BYTES_PER_READ).n(), "reads still counted");
        assertTrue(report(run).matches("(?s).*\\| bytes/write +\\| +– \\| +– \\| – +\\| +– \\| +0 \\| not derived: no write\\(2\\)/op "
                + "counted in this run \\|.*"), report(run));
    }

    /** Multiplies every value of {@code metric} in {@code file} by {@code f}. */
    private static void scale(Path file, String metric, double f) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        for (JsonNode point : root) {
            ObjectNode m = (ObjectNode) point.get("secondaryMetrics").get(metric);
            m.put("score", m.get("score").asDouble() * f);
            for (JsonNode row : m.get("rawData")) {
                ArrayNode r = (ArrayNode) row;
                for (int i = 0; i < r.size(); i++) {
                    r.set(i, JSON.getNodeFactory().numberNode(r.get(i).asDouble() * f));
                }
            }
        }
        JSON.writeValue(file.toFile(), root);
    }

    private String report(Path run) throws IOException {
        Path out = tmp.resolve("report-" + System.nanoTime());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Analyze.run(new String[]{"--out", out.toString(), "--no-charts", "--no-html", run.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return Files.readString(out.resolve("README.md"));
    }

}
