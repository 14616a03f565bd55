package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report links a flagged row's flame graphs (issue #21): from the row's bullet in the verdict and
 * from its block under "What changed underneath", relative links that open from the run's own report
 * and from the overview of all runs; a row without them says why. Fixture: the counters run of
 * CountersTest copied with an explain folder written as the explain step writes it (index.json, a page
 * and differential graphs per point), and the same run without one.
 */
class FlameLinksTest {
    static final String RUN = CountersTest.IN_SCORE_FORKS.getFileName().toString();
    static final String SOCK_ID = "SocketBufferStreamBenchmark.stream-thrpt-path-STREAM_rcvBuf-0_sndBuf-4096_streamBytes-4194304_writeSize-65536";
    static final String RT_ID = "RoundTripBenchmark.roundTrip-thrpt-payload-64";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void aFlaggedRowLinksItsFlameGraphsFromTheRunsReportAndFromTheOverview() throws IOException {
        Path runs = tmp.resolve("bench-results");
        Path run = Fixtures.copyTree(CountersTest.IN_SCORE_FORKS, runs.resolve(RUN));
        explain(run);
        Path report = run.resolve("report");
        assertEquals(0, analyze("--out", report.toString(), "--no-charts", "--runs", RUN, runs.toString()), stderr.toString());
        assertTrue(stdout.toString().startsWith("read 4 files, 4 results, skipped 0 entries and 0 unusable files;"),
                "explain/ is not searched for results: " + stdout);
        String readme = Files.readString(report.resolve("README.md"));
        String sock = "Flame graphs (profiled after the run, not part of the comparison): "
                + "differential [CPU](../explain/" + SOCK_ID + "/diff-cpu-jdk17-vs-jdk25.svg) · [wall clock](../explain/" + SOCK_ID
                + "/diff-wall-jdk17-vs-jdk25.svg); each JVM's on [the row's page](../explain/" + SOCK_ID + "/index.html).";
        // under the row's bullet in the verdict, and under its counters in "What changed underneath"
        assertTrue(readme.contains("  - " + sock + "\n"), readme);
        String underneath = readme.substring(readme.indexOf("## What changed underneath"));
        assertTrue(underneath.contains("\n" + sock + "\n"), underneath);
        assertTrue(readme.contains("  - No flame graphs: failed (jdk25: JMH exited with 1) ([explain](../explain/" + RT_ID
                + "/index.html)).\n"), readme);
        assertFalse(readme.contains("explain=none"), readme);
        assertLinksOpen(report, readme);
        String html = Files.readString(report.resolve("index.html"));
        assertTrue(html.contains("href=\"../explain/" + SOCK_ID + "/diff-cpu-jdk17-vs-jdk25.svg\""), html);

        Path overview = tmp.resolve("analysis");
        assertEquals(0, analyze("--out", overview.toString(), "--no-charts", "--no-html", runs.toString()), stderr.toString());
        String all = Files.readString(overview.resolve("README.md"));
        assertTrue(all.contains("[CPU](../bench-results/" + RUN + "/explain/" + SOCK_ID + "/diff-cpu-jdk17-vs-jdk25.svg)"), all);
        assertLinksOpen(overview, all);
    }

    @Test
    void aRunWithoutExplainOutputSaysSoUnderItsFlaggedRows() throws IOException {
        Path out = tmp.resolve("report");
        assertEquals(0, analyze("--out", out.toString(), "--no-charts", "--no-html", CountersTest.IN_SCORE_FORKS.toString()));
        String readme = Files.readString(out.resolve("README.md"));
        String verdict = readme.substring(readme.indexOf("## Verdict"), readme.indexOf("\n## ", readme.indexOf("## Verdict")));
        long rows = verdict.lines().filter(l -> l.startsWith("- **[")).count();
        assertEquals(2, rows, verdict);
        assertEquals(rows, verdict.lines().filter(l -> l.equals("  - No flame graphs (explain=none / not run).")).count(), verdict);
        assertFalse(readme.contains("](../explain/"), readme);
    }

    @Test
    void aRunFromBeforeCountersAndFlameGraphsStaysSilent() throws IOException {
        Path out = tmp.resolve("none");
        assertEquals(0, analyze("--out", out.toString(), "--no-charts", "--no-html", "src/test/resources/analysis-blocks"));
        assertFalse(Files.readString(out.resolve("README.md")).contains("flame graphs"));
    }

    /** Every relative Markdown link into explain/ names a file that exists, seen from {@code dir}. */
    private static void assertLinksOpen(Path dir, String markdown) {
        Matcher m = Pattern.compile("\\]\\(([^)#]*explain/[^)#]*)\\)").matcher(markdown);
        int n = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(dir.resolve(m.group(1))), m.group(1) + " from " + dir);
            n++;
        }
        assertTrue(n >= 4, "links found: " + n);
    }

    /** An explain folder as the explain step writes it: SocketBufferStream explained, RoundTrip failed on one JVM. */
    private static void explain(Path run) throws IOException {
        Path root = Files.createDirectories(run.resolve("explain"));
        Path sock = Files.createDirectories(root.resolve(SOCK_ID));
        for (String f : new String[]{"index.html", "diff-cpu-jdk17-vs-jdk25.svg", "diff-wall-jdk17-vs-jdk25.svg", "jdk17-cpu.html",
                "jdk25-cpu.html"}) {
            Files.writeString(sock.resolve(f), "<svg/>\n");
        }
        Files.writeString(Files.createDirectories(root.resolve(RT_ID)).resolve("index.html"), "<html/>\n");
        // a profiled fork's own JMH JSON, as the explain step leaves it: an explanation, never a result of the run
        Files.copy(run.resolve("jdk17/RoundTripBenchmark.json"), Files.createDirectories(sock.resolve("jdk17/cpu")).resolve("jmh.json"));
        Files.writeString(root.resolve("index.html"), "<html/>\n");
        Files.writeString(root.resolve("index.json"), """
                {"profiler": "CPU samples from perf_events",
                 "points": [
                  {"id": "%1$s", "benchmark": "dev.nettune.bench.buffers.SocketBufferStreamBenchmark.stream", "mode": "thrpt",
                   "params": {"path": "STREAM", "rcvBuf": "0", "sndBuf": "4096", "streamBytes": "4194304", "writeSize": "65536"},
                   "pairs": ["jdk17 vs jdk25"], "verdict": "better", "status": "explained", "page": "%1$s/index.html",
                   "jvms": {}, "diffs": ["%1$s/diff-cpu-jdk17-vs-jdk25.svg", "%1$s/diff-wall-jdk17-vs-jdk25.svg"]},
                  {"id": "%2$s", "benchmark": "dev.nettune.bench.RoundTripBenchmark.roundTrip", "mode": "thrpt",
                   "params": {"payload": "64"}, "pairs": ["jdk17 vs jdk25"], "status": "failed",
                   "reason": "jdk25: JMH exited with 1", "page": "%2$s/index.html", "jvms": {}, "diffs": []}
                 ]}
                """.formatted(SOCK_ID, RT_ID));
    }


    private int analyze(String... args) {
        return Analyze.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }
}
