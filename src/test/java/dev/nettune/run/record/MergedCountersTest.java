package dev.nettune.run.record;

import dev.nettune.counters.Counter;
import dev.nettune.counters.CounterNames;
import dev.nettune.counters.CounterReader;
import dev.nettune.counters.ForkCounters;
import dev.nettune.results.ForkCounter;
import dev.nettune.run.plan.RunSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.ThroughputResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counters in the merged JMH JSON: one rawData row per fork row, the fork's own value (perfnorm's
 * too, which JMH's merge would fold into one score), {@code []} for a fork that did not count, and
 * read back per row by {@link CounterReader#read(Path)} as {@link ForkCounterValues} made them.
 */
class MergedCountersTest {
    static final String WRITE = "syscalls:sys_enter_write";

    /**
     * One fork of two 200 ms iterations of {@code ops} operations; with counters when {@code syscr} is
     * not null: /proc's per iteration ({@code ctxt} with {@code exited} threads), perfnorm's once per fork.
     */
    static RunResult fork(BenchmarkParams p, double ops, double[] syscr, double[] ctxt, int[] exited, Double write) {
        List<IterationResult> its = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            IterationResult it = new IterationResult(p, p.getMeasurement(), new IterationResultMetaData((long) ops, (long) ops));
            it.addResult(new ThroughputResult(ResultRole.PRIMARY, "roundTrip", ops, 200_000_000L, TimeUnit.SECONDS));
            if (syscr != null) {
                it.addResult(new ScalarResult(CounterNames.PROC_SYSCR, syscr[i], CounterNames.PER_OP, AggregationPolicy.AVG));
                it.addResult(new ScalarResult(CounterNames.PROC_CTXT_SWITCHES, ctxt[i], CounterNames.PER_OP, AggregationPolicy.AVG));
                it.addResult(new ScalarResult(CounterNames.PROC_EXITED_THREADS, exited[i], CounterNames.COUNT, AggregationPolicy.SUM));
                it.addResult(new ScalarResult(CounterNames.GC_ALLOC_NORM, 10.5, "B/op", AggregationPolicy.AVG));
            }
            its.add(it);
        }
        BenchmarkResult b = new BenchmarkResult(p, its);
        if (write != null) {
            b.addBenchmarkResult(new ScalarResult(WRITE, write, CounterNames.PER_OP, AggregationPolicy.AVG)); // as perfnorm adds it
        }
        return new RunResult(p, List.of(b));
    }

    @Test
    void eachForkRowCarriesItsOwnCountersAndReadsBackAsRecorded(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        MergedResults m = new MergedResults(tmp);
        RunSpec.PointSpec p64 = MergedResultsTest.point(0, Mode.Throughput, "64");
        BenchmarkParams b = MergedResultsTest.params(Mode.Throughput, "64");
        RunResult counted = fork(b, 10_000, new double[] {4, 6}, new double[] {2, 9}, new int[] {0, 3}, 2.03);
        RunResult clean = fork(b, 11_000, null, null, null, null);
        RunResult threadsGone = fork(b, 12_000, new double[] {1, 3}, new double[] {5, 7}, new int[] {1, 2}, 1.5);
        List<RunResult> rows = List.of(counted, clean, threadsGone);
        for (RunResult r : rows) {
            m.add("a", p64, r);
        }
        m.write("a", p64.className());
        Path file = m.file("a", p64.className());

        JsonNode point = new ObjectMapper().readTree(file.toFile()).get(0);
        JsonNode syscr = point.get("secondaryMetrics").get(CounterNames.PROC_SYSCR);
        assertEquals("[[5.0],[],[2.0]]", syscr.get("rawData").toString(), "one row per fork, the fork's mean");
        assertEquals("#/op", syscr.get("scoreUnit").asText());
        assertEquals("[[2.03],[],[1.5]]", point.get("secondaryMetrics").get(WRITE).get("rawData").toString(),
                "perfnorm's value per fork, which JMH's merge keeps only as one score");
        JsonNode ctxt = point.get("secondaryMetrics").get(CounterNames.PROC_CTXT_SWITCHES);
        assertEquals("[[2.0],[],[6.0]]", ctxt.get("rawData").toString(), "iterations without exited threads; else all, flagged");
        assertEquals("[false,false,true]", ctxt.get("lowerBound").toString());
        assertEquals(3, point.get("primaryMetric").get("rawData").size());

        List<ForkCounters> read = CounterReader.read(file);
        assertEquals(3, read.size(), "one per fork row");
        for (int row = 0; row < 3; row++) {
            Map<String, ForkCounter> recorded = ForkCounterValues.of(rows.get(row));
            ForkCounters back = read.get(row);
            assertEquals(row, back.fork());
            assertEquals(recorded.keySet(), back.counters().stream().map(Counter::name).collect(java.util.stream.Collectors.toSet()),
                    "row " + row);
            for (Counter c : back.counters()) {
                ForkCounter r = recorded.get(c.name());
                assertEquals(r.perOp(), c.perOp(), 1e-12, c.name());
                assertEquals(r.unit(), c.unit(), c.name());
                assertEquals(r.lowerBound(), c.lowerBound(), c.name());
                assertEquals(r.source(), c.source().name().toLowerCase(java.util.Locale.ROOT), c.name());
            }
        }
        assertTrue(read.get(1).counters().isEmpty(), "the fork that did not count has none");
        assertEquals(2.0, ForkCounterValues.of(threadsGone).get(CounterNames.PROC_SYSCR).perOp(), 1e-12);
        assertEquals(3.0, ForkCounterValues.of(threadsGone).get(CounterNames.PROC_EXITED_THREADS).perOp(), 1e-12, "a count: the fork's total");
        assertEquals(Boolean.TRUE, ForkCounterValues.of(threadsGone).get(CounterNames.PROC_CTXT_SWITCHES).lowerBound());
        assertFalse(ForkCounterValues.of(counted).get(CounterNames.PROC_CTXT_SWITCHES).lowerBound());
        assertEquals(Map.of(), ForkCounterValues.of(clean));
        assertEquals(3, MergedResultsTest.read(file).get(0).primary().forkScores().length, "the analysis's reader takes the file as before");
    }

    @Test
    void aFileWithoutCountersIsJmhsOwnOutput(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("a"));
        MergedResults m = new MergedResults(tmp);
        RunSpec.PointSpec p64 = MergedResultsTest.point(0, Mode.Throughput, "64");
        RunResult clean = fork(MergedResultsTest.params(Mode.Throughput, "64"), 11_000, null, null, null, null);
        m.add("a", p64, clean);
        m.write("a", p64.className());
        java.io.ByteArrayOutputStream jmh = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream ps = new java.io.PrintStream(jmh, false, java.nio.charset.StandardCharsets.UTF_8)) {
            org.openjdk.jmh.results.format.ResultFormatFactory.getInstance(org.openjdk.jmh.results.format.ResultFormatType.JSON, ps)
                    .writeOut(List.of(MergedResults.merge(List.of(clean))));
        }
        assertEquals(jmh.toString(java.nio.charset.StandardCharsets.UTF_8), Files.readString(m.file("a", p64.className())));
    }
}
