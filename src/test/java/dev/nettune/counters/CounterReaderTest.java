package dev.nettune.counters;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.nettune.counters.CounterNames.Quantity;
import static dev.nettune.counters.CounterNames.Source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixtures are JMH results of functional runs on this machine (not timing runs):
 * {@code java -jar target/benchmarks.jar RoundTripBenchmark.roundTrip -f 1 -wi 0 -i 2 -r 1s -bm thrpt
 * -p payload=64 -p placement=inprocess -jvm <JDK> -prof "perfnorm:events=<CounterSet.candidateEvents()>"
 * -prof gc -prof dev.nettune.counters.ProcCountersProfiler -rf json}, on JDK 17 and 25, and the same on
 * JDK 17 without perfnorm. Expected values are copied from the files' scores and rawData.
 */
class CounterReaderTest {
    private static final Path DIR = Path.of("src/test/resources/counters");

    private static ForkCounters only(String file) throws IOException {
        List<ForkCounters> forks = CounterReader.read(DIR.resolve(file));
        assertEquals(1, forks.size());
        return forks.get(0);
    }

    private static Counter counter(ForkCounters f, String name) {
        return f.counter(name).orElseThrow(() -> new AssertionError("no " + name + " in " + f.counters()));
    }

    @Test
    void readsPerfnormEventsFromTheScoreOfTheOneFork() throws IOException {
        ForkCounters f = only("roundtrip-64-perfnorm-proc-jdk17.json");
        assertEquals("dev.nettune.bench.RoundTripBenchmark.roundTrip", f.benchmark());
        assertEquals("thrpt", f.mode());
        assertEquals(Map.of("payload", "64", "placement", "inprocess"), f.params());
        Counter write = counter(f, "syscalls:sys_enter_write");
        assertEquals(new Counter("syscalls:sys_enter_write", "#/op", 2.040814109405423, Source.PERFNORM, false), write);
        assertEquals(4.115981707014749, counter(f, "raw_syscalls:sys_enter").perOp());
        assertEquals(2.045138226206816, counter(f, "context-switches").perOp());
        // every candidate event of CounterSet is there, and nothing that is not a counter (gc.alloc.rate)
        for (String e : CounterSet.candidateEvents()) {
            assertTrue(f.counter(e).isPresent(), e);
        }
        assertTrue(f.counter("gc.alloc.rate").isEmpty());
    }

    @Test
    void aCounterThatIsZeroIsZeroNotMissing() throws IOException {
        ForkCounters f = only("roundtrip-64-perfnorm-proc-jdk25.json");
        assertEquals(0.0, counter(f, "syscalls:sys_enter_epoll_wait").perOp());
        assertEquals(0.0, counter(f, "syscalls:sys_enter_writev").perOp());
        assertEquals(0.0, counter(f, "gc.count").perOp());
        assertEquals(2.0639015043572924, f.quantity(Quantity.WRITE_CALLS, Source.PERFNORM).orElseThrow(), 1e-15,
                "write + writev, the latter 0");
    }

    @Test
    void readsTheProcFallbackAsTheMeanOfTheForksIterations() throws IOException {
        ForkCounters f = only("roundtrip-64-proc-only-jdk17.json");
        assertEquals(new Counter("proc:syscr", "#/op", (2.002742179193016 + 2.0009395677988127) / 2, Source.PROC, false),
                counter(f, "proc:syscr"));
        assertEquals((7.946723375678549 + 7.6964596285708575) / 2, counter(f, "proc:stime").perOp(), 1e-12);
        assertEquals("us/op", counter(f, "proc:stime").unit());
        assertEquals((23.420493592254743 + 11.122563620734462) / 2, counter(f, "gc.alloc.rate.norm").perOp(), 1e-12);
        assertEquals(Source.GC, counter(f, "gc.alloc.rate.norm").source());
        assertTrue(f.counter("syscalls:sys_enter_write").isEmpty());
        assertTrue(f.quantity(Quantity.WRITE_CALLS, Source.PERFNORM).isEmpty(), "no perfnorm: unknown, not 0");
    }

    @Test
    void procContextSwitchesSkipTheIterationWhoseThreadsExited() throws IOException {
        // iteration 2 ends with the trial's teardown: 3 threads exited, its switches are a lower bound
        ForkCounters f = only("roundtrip-64-perfnorm-proc-jdk17.json");
        assertEquals(3.0, counter(f, "proc:exited_threads").perOp());
        Counter cs = counter(f, "proc:ctxt_switches");
        assertEquals(2.007493022691421, cs.perOp());
        assertFalse(cs.lowerBound());
    }

    @Test
    void perfnormAndProcAgreeOnTheQuantitiesTheyShare() throws IOException {
        for (String jdk : List.of("17", "25")) {
            ForkCounters f = only("roundtrip-64-perfnorm-proc-jdk" + jdk + ".json");
            for (Quantity q : Quantity.values()) {
                double perf = f.quantity(q, Source.PERFNORM).orElseThrow();
                double proc = f.quantity(q, Source.PROC).orElseThrow();
                // the windows differ (perfnorm: the whole measurement, sync phases included)
                assertEquals(1.0, proc / perf, 0.05, "JDK " + jdk + " " + q + ": perfnorm " + perf + ", /proc " + proc);
            }
        }
    }

    @Test
    void everyIterationLosingThreadsMakesALowerBound() throws IOException {
        String json = """
                [{"benchmark": "b.B.m", "mode": "thrpt", "primaryMetric": {"rawData": [[1.0, 2.0]]},
                  "secondaryMetrics": {
                    "proc:ctxt_switches": {"score": 0.5, "scoreUnit": "#/op", "rawData": [[0.4, 0.6]]},
                    "proc:exited_threads": {"score": 2.0, "scoreUnit": "#", "rawData": [[1.0, 1.0]]},
                    "proc:syscr": {"score": "NaN", "scoreUnit": "#/op", "rawData": [["NaN", "NaN"]]},
                    "b.B.m·p0.50": {"score": 1.0, "scoreUnit": "us/op", "rawData": [[1.0, 1.0]]}}}]
                """;
        ForkCounters f = CounterReader.read(new ObjectMapper().readTree(json), "inline").get(0);
        assertEquals(new Counter("proc:ctxt_switches", "#/op", 0.5, Source.PROC, true), counter(f, "proc:ctxt_switches"));
        assertTrue(Double.isNaN(counter(f, "proc:syscr").perOp()), "an iteration without operations");
        assertEquals(3, f.counters().size(), "the percentile is no counter");
    }

    @Test
    void badInputNamesTheFileThePointAndTheMetric() throws IOException {
        ObjectMapper m = new ObjectMapper();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CounterReader.read(m.readTree("{}"), "x.json"));
        assertEquals("x.json: a JMH result is a JSON array of benchmarks", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CounterReader.read(m.readTree("""
                [{"benchmark": "b.B.m", "mode": "thrpt", "primaryMetric": {"rawData": [[1.0]]},
                  "secondaryMetrics": {"proc:syscw": {"score": 1, "scoreUnit": "#/op", "rawData": [["two"]]}}}]
                """), "x.json"));
        assertEquals("x.json: benchmark #0 (b.B.m), metric proc:syscw, fork 0: value '\"two\"' is not a number",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CounterReader.read(m.readTree("""
                [{"benchmark": "b.B.m", "mode": "thrpt", "primaryMetric": {"rawData": [[1.0], [2.0]]},
                  "secondaryMetrics": {"context-switches": {"score": 2, "scoreUnit": "#/op", "rawData": [[], []]}}}]
                """), "x.json"));
        assertEquals("x.json: benchmark #0 (b.B.m), metric context-switches: only a score over 2 forks,"
                + " no value per fork (perfnorm needs one fork per result)", e.getMessage());
    }

    /**
     * A merged file of three forks of which only the middle one counted (an extra counting fork between
     * two score forks): the empty rows are forks that did not count, with or without the runner's
     * lowerBound array, and a single empty row stays perfnorm's score-only form (above).
     */
    @Test
    void anEmptyRowInAMergedFileIsAForkThatDidNotCountWithOrWithoutLowerBound() throws IOException {
        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode without = m.readTree(DIR.resolve("merged-extra-forks.json").toFile());
        com.fasterxml.jackson.databind.JsonNode with = without.deepCopy();
        with.get(0).get("secondaryMetrics").fields().forEachRemaining(e -> {
            if (CounterNames.sourceOf(e.getKey().replaceFirst("^server:", "")) != null) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) e.getValue()).putArray("lowerBound").add(false).add(false).add(false);
            }
        });
        for (com.fasterxml.jackson.databind.JsonNode root : List.of(without, with)) {
            List<ForkCounters> forks = CounterReader.read(root, "merged-extra-forks.json");
            assertEquals(3, forks.size(), "one per row");
            assertEquals(List.of(), forks.get(0).counters(), "a score fork: no counters");
            assertEquals(List.of(), forks.get(2).counters(), "a score fork: no counters");
            ForkCounters counted = forks.get(1);
            assertEquals(1, counted.fork());
            assertEquals(2.01, counter(counted, "context-switches").perOp(), 0);
            assertEquals(2.03, counter(counted, "syscalls:sys_enter_write").perOp(), 0);
            assertEquals(2.2, counter(counted, "proc:ctxt_switches").perOp(), 0);
            assertFalse(counter(counted, "proc:ctxt_switches").lowerBound());
            assertEquals(10.5, counter(counted, "gc.alloc.rate.norm").perOp(), 0);
            assertEquals(1.02, counter(counted, "server:proc:syscr").perOp(), 0);
        }
    }
}
