package dev.nettune.run;

import dev.nettune.counters.CounterAvailability;
import dev.nettune.counters.CounterNames;
import dev.nettune.counters.CounterProbe;
import dev.nettune.counters.CounterReader;
import dev.nettune.counters.CounterSet;
import dev.nettune.counters.ForkCounters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters wired end to end on the running JDK, with real JMH forks of RoundTripBenchmark on a host
 * without perf (the /proc fallback, which needs no root): {@code extra} runs a counting fork beside each
 * score fork; run.json says what is recorded and what is missing and why; each counting fork's
 * forks.jsonl line and its row of the merged JSON carry the same counters, read back per row; the score
 * forks carry none. About 10 s.
 */
@Tag("process")
class SuiteCountersTest {
    /** This machine as a host without perf: /proc is real, perf is not on PATH. */
    static final class NoPerf implements CounterProbe.Host {
        @Override
        public Optional<Path> onPath(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<String> read(Path file) {
            try {
                return Optional.of(Files.readString(file));
            } catch (IOException e) {
                return Optional.empty(); // as the real host: absent or unreadable
            }
        }

        @Override
        public boolean isDirectory(Path dir) {
            return Files.isDirectory(dir);
        }

        @Override
        public CounterProbe.Run run(List<String> command) {
            throw new AssertionError("no perf, so no perf stat trial: " + command);
        }
    }

    @Test
    void extraCountingForksRecordTheirCountersInTheJournalAndTheMergedJson(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CounterAvailability noPerf = CounterProbe.probe(new NoPerf());
        Suite suite = new Suite(new PrintStream(buf, true, StandardCharsets.UTF_8), FakeAnalyze.class.getName())
                .probe(() -> noPerf);
        int status = suite.run(SuiteTest.options("--profile=smoke", "--jvms=" + SuiteTest.SELF, "--include=RoundTripBenchmark",
                "--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"), "--ignoreLock=true",
                "--blocks=2", "--seed=3", "--counters=extra", "--explain=none", "--jmh=-bm thrpt -wi 1 -w 200ms -i 2 -r 200ms -p placement=inprocess"));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(Suite.EXIT_OK, status, out);
        assertTrue(out.contains("nettune: counters: extra: one more fork per JVM per block counts"), out);
        assertTrue(out.contains("  missing " + CounterSet.candidateEvents().size() + " (raw_syscalls:sys_enter, "), out);
        assertTrue(out.contains("perf not on PATH"), out);

        Path runDir;
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            runDir = s.findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode counters = json.readTree(runDir.resolve("run.json").toFile()).get("counters");
        assertEquals("extra", counters.get("mode").asText());
        List<String> recorded = new ArrayList<>();
        counters.get("recorded").forEach(n -> recorded.add(n.asText()));
        List<String> expected = new ArrayList<>(List.of(CounterNames.GC_ALLOC_NORM, CounterNames.GC_COUNT));
        expected.addAll(CounterNames.PROC_NAMES);
        assertEquals(expected, recorded, "no perf event without perf; gc and /proc");
        assertTrue(counters.get("missing").get("syscalls:sys_enter_write").asText().startsWith("perf not on PATH"),
                counters.toString());
        assertEquals(CounterSet.candidateEvents().size(), counters.get("missing").size());

        List<JsonNode> forks = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve("forks.jsonl"))) {
            forks.add(json.readTree(line));
        }
        assertEquals(4, forks.size(), "2 blocks x (score fork + counting fork)");
        String label = "jdk" + Runtime.version().feature();
        JsonNode point = json.readTree(runDir.resolve(label).resolve("RoundTripBenchmark.json").toFile()).get(0);
        assertEquals(4, point.get("primaryMetric").get("rawData").size(), "every ok fork is a row");
        JsonNode syscr = point.get("secondaryMetrics").get(CounterNames.PROC_SYSCR);
        List<ForkCounters> perRow = CounterReader.read(runDir.resolve(label).resolve("RoundTripBenchmark.json"));
        assertEquals(4, perRow.size());
        int counting = 0;
        for (int block = 1; block <= 2; block++) {
            int b = block;
            List<JsonNode> inBlock = forks.stream().filter(f -> f.get("block").asInt() == b).toList();
            assertEquals(2, inBlock.size());
            assertEquals(1, inBlock.stream().filter(f -> f.has("role")).count(), "one counting fork per JVM per block");
        }
        for (JsonNode f : forks) {
            assertEquals("ok", f.get("status").asText(), f.toString());
            int row = f.get("row").asInt();
            if (!f.has("role")) {
                assertFalse(f.has("counters"), "a score fork runs without profilers: " + f);
                assertEquals(0, syscr.get("rawData").get(row).size(), "its row has no counter");
                assertTrue(perRow.get(row).counters().isEmpty());
                continue;
            }
            counting++;
            assertEquals("counters", f.get("role").asText());
            JsonNode c = f.get("counters");
            for (String name : List.of(CounterNames.PROC_SYSCR, CounterNames.PROC_SYSCW, CounterNames.PROC_UTIME,
                    CounterNames.GC_ALLOC_NORM)) {
                assertTrue(c.has(name), name + " in " + f);
                double v = c.get(name).get("perOp").asDouble();
                assertEquals(v, point.get("secondaryMetrics").get(name).get("rawData").get(row).get(0).asDouble(), 1e-12,
                        name + ": the same value in forks.jsonl and the merged JSON, row " + row);
                assertEquals(v, perRow.get(row).counter(name).orElseThrow().perOp(), 1e-12, name + " read back, row " + row);
                assertEquals(c.get(name).get("unit").asText(), point.get("secondaryMetrics").get(name).get("scoreUnit").asText());
            }
            // a 64 B round trip in one JVM: client and server each write once per operation
            double writes = c.get(CounterNames.PROC_SYSCW).get("perOp").asDouble();
            assertTrue(writes >= 1.5 && writes < 5, "write-family syscalls per round trip: " + writes);
            assertEquals("proc", c.get(CounterNames.PROC_SYSCR).get("source").asText());
            assertNull(c.get(CounterNames.SERVER_PREFIX + CounterNames.PROC_SYSCR), "in process: no server apart");
        }
        assertEquals(2, counting);
    }
}
