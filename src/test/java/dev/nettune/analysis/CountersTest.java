package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettune.analysis.compare.Comparisons;
import dev.nettune.analysis.compare.CounterChange;
import dev.nettune.analysis.compare.CounterQuantity;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Underneath;
import dev.nettune.analysis.model.CountedFork;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.analysis.read.JmhJsonReader;
import dev.nettune.analysis.read.RunContext;
import dev.nettune.counters.Counter;
import dev.nettune.counters.CounterNames;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters per operation, from the fork's JMH JSON to "What changed underneath" (issue #21): read per
 * fork (perfnorm, /proc, gc, the server's own), paired by block as the score, compared as a ratio or,
 * with a 0 on a side, a difference (checked against SciPy: reference_counters.py and its .out), and
 * worded under the flagged row. Fixtures: src/test/resources/analysis-counters (make_counters_runs.py).
 */
class CountersTest {

    static final Path ROOT = Path.of("src/test/resources/analysis-counters");
    static final Path IN_SCORE_FORKS = ROOT.resolve("2026-12-04T12-00-00Z-quick");
    static final Path IN_COUNTING_FORKS = ROOT.resolve("2026-12-04T12-30-00Z-quick");
    static final Path REFERENCE = Path.of("src/test/resources/analysis/reference/reference_counters.out");
    static final String SOCK = "dev.nettune.bench.buffers.SocketBufferStreamBenchmark.stream";
    static final String RT = "dev.nettune.bench.RoundTripBenchmark.roundTrip";

    @TempDir
    Path tmp;

    @Test
    void perfnormProcAndGcCountersAreReadPerFork() {
        List<Diagnostic> diags = new ArrayList<>();
        JmhJsonReader.Outcome o = JmhJsonReader.read(IN_SCORE_FORKS.resolve("jdk17/SocketBufferStreamBenchmark.json"),
                new RunContext("test", null, null), diags);
        assertEquals(List.of(), diags);
        Result r = o.results().get(0);
        assertEquals(8, r.counted().size());
        CountedFork first = r.counted().get(0);
        assertEquals(0, first.row());
        Counter write = first.counters().get("syscalls:sys_enter_write");
        assertEquals(CounterNames.Source.PERFNORM, write.source());
        assertEquals("#/op", write.unit());
        Counter stime = first.counters().get("proc:stime");
        assertEquals(CounterNames.Source.PROC, stime.source());
        assertEquals("us/op", stime.unit());
        Counter alloc = first.counters().get("gc.alloc.rate.norm");
        assertEquals(CounterNames.Source.GC, alloc.source());
        assertEquals("B/op", alloc.unit());
        assertEquals(1.0, first.counters().get("gc.count").perOp(), 0, "a count, not per op: the fork's total");
        assertEquals(0.0, first.counters().get("syscalls:sys_enter_poll").perOp(), 0);
        // each fork its own value: block 1's fork (row 0) and block 2's differ by the fixture's noise
        assertTrue(r.counted().get(1).counters().get("proc:stime").perOp() != stime.perOp());
    }

    @Test
    void theServersOwnCountersAreKeptApartFromTheClients() throws IOException {
        String text = Files.readString(IN_SCORE_FORKS.resolve("jdk17/RoundTripBenchmark.json"), StandardCharsets.UTF_8);
        // the same /proc counters again, as the server's own process would write them
        text = text.replace("\"proc:syscw\"", "\"server:proc:syscw\"");
        Path file = tmp.resolve("RoundTripBenchmark.json");
        Files.writeString(file, text);
        List<Diagnostic> diags = new ArrayList<>();
        Result r = JmhJsonReader.read(file, new RunContext("test", null, null), diags).results().get(0);
        assertEquals(List.of(), diags);
        Map<String, Counter> c = r.counted().get(0).counters();
        assertFalse(c.containsKey("proc:syscw"));
        assertEquals(CounterNames.Source.PROC, c.get("server:proc:syscw").source());
        assertEquals("server:proc:syscw", c.get("server:proc:syscw").name());
    }

    @Test
    void countersPairByBlockAsTheScoreDoes() {
        ResultSet set = InputFinder.load(List.of(IN_SCORE_FORKS));
        for (Result r : set.results()) {
            assertEquals(8, r.counted().size());
            for (CountedFork f : r.counted()) {
                assertEquals(r.forkBlock(f.row()), f.block(), "a counted fork's block is its score row's");
            }
        }
    }

    @Test
    void countingOnlyForksLeaveTheScoreAndAreTheOnesCompared() {
        ResultSet set = InputFinder.load(List.of(IN_COUNTING_FORKS));
        assertEquals(List.of(), set.diagnostics());
        for (Result r : set.results()) {
            assertEquals(8, r.primary().forkScores().length, "16 rows in the file, 8 make the score");
            assertEquals(8, r.counted().size());
            assertTrue(r.counted().stream().allMatch(f -> f.row() % 2 == 1 && f.block() > 0), r.counted().toString());
        }
        // the same counters as the run that counted in its score forks: the same changes
        CounterChange a = change(IN_SCORE_FORKS, SOCK, CounterQuantity.SYS_CPU);
        CounterChange b = change(IN_COUNTING_FORKS, SOCK, CounterQuantity.SYS_CPU);
        assertEquals(a.estimate(), b.estimate(), 1e-12);
        assertEquals(a.p(), b.p(), 1e-12);
    }

    @Test
    void aCounterIsComparedPairedAsSciPyDoes() throws IOException {
        Map<String, Double> ref = reference();
        check("ctx", change(IN_SCORE_FORKS, SOCK, CounterQuantity.CONTEXT_SWITCHES), ref);
        check("stime", change(IN_SCORE_FORKS, SOCK, CounterQuantity.SYS_CPU), ref);
        check("utime", change(IN_SCORE_FORKS, SOCK, CounterQuantity.USER_CPU), ref);
        check("poll", change(IN_SCORE_FORKS, SOCK, CounterQuantity.POLLS), ref);
    }

    @Test
    void aCounterThatIsZeroOnOneSideIsADifferenceNotARatio() {
        CounterChange poll = change(IN_SCORE_FORKS, SOCK, CounterQuantity.POLLS);
        assertEquals(CounterChange.Method.DIFFERENCE, poll.method());
        assertEquals(0.0, poll.baseline(), 0);
        assertTrue(poll.low() > 0, "interval of the difference above 0");
        assertEquals(CounterChange.Status.CHANGED, poll.status());
        assertEquals("#/op", poll.unit());
        CounterChange ctx = change(IN_SCORE_FORKS, SOCK, CounterQuantity.CONTEXT_SWITCHES);
        assertEquals(CounterChange.Method.RATIO, ctx.method());
        assertEquals("context-switches", ctx.what(), "perf's count first, /proc's only where perf has none");
        // the same counter at 0 on both sides of RoundTrip: a difference of 0, no change
        CounterChange none = change(IN_SCORE_FORKS, RT, CounterQuantity.POLLS);
        assertEquals(CounterChange.Method.DIFFERENCE, none.method());
        assertEquals(CounterChange.Status.SAME, none.status());
    }

    @Test
    void aFlaggedRowSaysWhatChangedUnderneath() throws IOException {
        Path out = tmp.resolve("report");
        assertEquals(0, analyze("--out", out.toString(), "--no-charts", "--no-html", IN_SCORE_FORKS.toString()));
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.contains("  - What changed underneath (per operation, geometric means over the paired forks; "
                + "arithmetic means where a side has a 0, n = 8): syscalls/op 3.1 → 6 · poll(2)/op 0 → 2.9 · "
                + "context switches/op 2.1 → 0.05 · sys CPU 41 → 3 µs/op ([counters](#u-"), readme);
        assertTrue(readme.contains("  - What changed underneath: nothing counted underneath changed (syscalls, context "
                + "switches, sys CPU, allocation): the difference is in user-space CPU (user CPU 20 → 17 µs/op)"), readme);
        // the figures of the sentence are the table's, with the change's interval, p and n
        assertTrue(readme.contains("## What changed underneath\n"), readme);
        assertTrue(readme.matches("(?s).*\\| sys CPU, µs/op +\\| +41 \\| +3 \\| ×0\\.0732 \\[0\\.0709, 0\\.0755\\] .*"), readme);
        assertTrue(readme.matches("(?s).*\\| poll\\(2\\)/op +\\| +0 \\| +2\\.9 \\| \\+2\\.9 \\[2\\.85, 2\\.95\\] .*"), readme);
        assertFalse(readme.contains("No counters per operation were recorded"), readme);
        // every compared row's costs side by side, flagged or not; the changed ones in bold
        String every = readme.substring(readme.indexOf("### Counters of every compared row"));
        assertTrue(every.matches("(?s)[^|]*\\| row +\\| syscalls/op \\| write\\(2\\)/op \\| +read\\(2\\)/op \\| +poll\\(2\\)/op \\| "
                + "futex\\(2\\)/op \\| clone\\(2\\)/op \\| +mmap\\(2\\)/op \\| context switches/op \\| +CPU µs/op \\| allocation B/op \\|.*"), every);
        assertTrue(every.matches("(?s).*\\| \\*\\*3\\.1 → 6\\*\\* \\|.*\\| \\*\\*0 → 2\\.9\\*\\* \\|.*"), every);
        long rows = every.substring(0, every.indexOf("\n## ")).lines().filter(l -> l.startsWith("| ") && !l.startsWith("| row")).count();
        long flagged = readme.lines().filter(l -> l.startsWith("  - What changed underneath")).count();
        assertTrue(flagged >= 2 && rows >= flagged, "every flagged row and the others: " + rows + " rows, " + flagged + " flagged");
        List<String> csv = Files.readAllLines(out.resolve("counters.csv"));
        assertTrue(csv.get(0).startsWith("family,benchmark,params,mode,relation,"), csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.contains(",raw,client,syscalls:sys_enter_poll,") && l.contains(",difference,")),
                String.join("\n", csv));
        assertTrue(csv.stream().anyMatch(l -> l.contains(",quantity,client,sys CPU,proc:stime,µs/op,8,") && l.contains(",ratio,")
                && l.contains(",changed,")), String.join("\n", csv));
    }

    @Test
    void aRunWithoutCountersKeepsItsReportButForOneLine() throws IOException {
        Path run = Path.of("src/test/resources/analysis-blocks");
        Path out = tmp.resolve("none");
        assertEquals(0, analyze("--out", out.toString(), "--no-charts", "--no-html", run.toString()));
        String readme = Files.readString(out.resolve("README.md"));
        assertFalse(readme.contains("What changed underneath"), readme);
        assertFalse(readme.contains("counters.csv"), readme);
        assertFalse(Files.exists(out.resolve("counters.csv")));
        long lines = readme.lines().filter(l -> l.contains("counters")).count();
        assertTrue(lines <= 1, readme);
    }

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int analyze(String... args) {
        return Analyze.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    /** The client's quantity {@code q} of row {@code benchmark} of the run's JDK 25 / JDK 17 pair. */
    static CounterChange change(Path run, String benchmark, CounterQuantity q) {
        ResultSet set = InputFinder.load(List.of(run));
        List<JvmPair> pairs = Comparisons.build(set);
        Underneath u = Underneath.build(set, pairs, Comparisons.DEFAULT_ALPHA);
        for (JvmPair p : pairs) {
            for (var t : p.tables()) {
                for (RowComparison r : t.rows()) {
                    if (r.row().benchmark().equals(benchmark)) {
                        CounterChange c = u.of(p, r).quantity(q);
                        assertNotNull(c, q + " of " + benchmark);
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no row " + benchmark);
    }

    private static void check(String name, CounterChange c, Map<String, Double> ref) {
        assertEquals(ref.get(name + ".n").intValue(), c.n(), name + ".n");
        double estimate = ref.containsKey(name + ".ratio") ? ref.get(name + ".ratio") : ref.get(name + ".diff");
        assertEquals(estimate, c.estimate(), 1e-9 * Math.abs(estimate), name);
        assertEquals(ref.get(name + ".low"), c.low(), 1e-9 * Math.abs(estimate), name + ".low");
        assertEquals(ref.get(name + ".high"), c.high(), 1e-9 * Math.abs(estimate), name + ".high");
        double p = ref.get(name + ".p");
        // p of the order of 1e-14 sits at the edge of a double's t tail: compared to 1e-6 relative there
        assertEquals(p, c.p(), Math.max((p < 1e-10 ? 1e-6 : 1e-9) * p, 1e-16), name + ".p");
        assertEquals(ref.get(name + ".baseline"), c.baseline(), 1e-9 * Math.max(1, ref.get(name + ".baseline")), name);
        assertEquals(ref.get(name + ".candidate"), c.candidate(), 1e-9 * ref.get(name + ".candidate"), name);
    }

    private static Map<String, Double> reference() throws IOException {
        Map<String, Double> out = new HashMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            String[] kv = line.split(" = ");
            out.put(kv[0], Double.parseDouble(kv[1]));
        }
        assertEquals(28, out.size(), "reference_counters.out: seven values for each of four counters");
        return out;
    }
}
