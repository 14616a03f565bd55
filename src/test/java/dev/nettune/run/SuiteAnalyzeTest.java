package dev.nettune.run;

import dev.nettune.run.options.SuiteOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite.analyze: the overview of every run, then the report of your run (the newest, or the runs
 * named) with the filter, baseline and regression gate passed on, its path printed last.
 */
class SuiteAnalyzeTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    private Suite suite(Class<?> analyze) {
        return new Suite(new PrintStream(buf, true, StandardCharsets.UTF_8), analyze.getName());
    }

    private String printed() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    private Path run(String id, String startedAt, String finishedAt) throws IOException {
        Path d = tmp.resolve("results").resolve(id);
        Files.createDirectories(d);
        Files.writeString(d.resolve("run.json"), "{\"runId\":\"" + id + "\",\"startedAt\":\"" + startedAt + "\""
                + (finishedAt == null ? "" : ",\"finishedAt\":\"" + finishedAt + "\"") + "}");
        return d;
    }

    @Test
    void theNewestRunIsTheOneThatFinishedLast() throws IOException {
        run("2026-11-30T10-00-00Z-quick", "2026-11-30T10:00:00Z", "2026-11-30T12:00:00Z"); // resumed, finished last
        run("2026-11-30T11-00-00Z-quick", "2026-11-30T11:00:00Z", "2026-11-30T11:10:00Z");
        Files.createDirectories(tmp.resolve("results/not-a-run"));
        assertEquals("2026-11-30T10-00-00Z-quick", Suite.latestRun(tmp.resolve("results")).getFileName().toString());
        assertNull(Suite.latestRun(tmp.resolve("nothing-here")));
        assertEquals("2026-11-30T11-00-00Z-quick", Suite.runFolder(tmp.resolve("results"), "2026-11-30T11").getFileName()
                .toString());
        assertNull(Suite.runFolder(tmp.resolve("results"), "2026-11-30"), "ambiguous prefix");
    }

    @Test
    void overviewThenTheReportOfTheRunJustMadeWithFilterBaselineAndGate() throws IOException {
        Path runDir = run("2026-11-30T11-00-00Z-quick", "2026-11-30T11:00:00Z", null);
        SuiteOptions o = SuiteOptions.parse("--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"),
                "--filter=Coalescing*", "--baseline=jdk17", "--failOnRegression=5%");
        assertTrue(suite(FakeAnalyze.class).analyze(o, runDir, false), printed());
        assertEquals("--out " + tmp.resolve("analysis") + " --baseline jdk17 " + tmp.resolve("results"),
                Files.readString(tmp.resolve("analysis/args.txt")), "the overview: every run, no filter, no gate");
        assertEquals("--out " + runDir.resolve("report") + " --runs 2026-11-30T11-00-00Z-quick --filter Coalescing* "
                + "--baseline jdk17 --fail-on-regression 0.05 " + tmp.resolve("results"),
                Files.readString(runDir.resolve("report/args.txt")));
        String p = printed();
        assertTrue(p.trim().endsWith("nettune: report of run 2026-11-30T11-00-00Z-quick: " + runDir.resolve("report/README.md")
                + " (one page: " + runDir.resolve("report/index.html") + ")"), p);
    }

    @Test
    void namedRunsGoToTheSelectedReport() throws IOException {
        run("2026-11-30T10-00-00Z-quick", "2026-11-30T10:00:00Z", null);
        run("2026-11-30T11-00-00Z-quick", "2026-11-30T11:00:00Z", null);
        SuiteOptions two = SuiteOptions.parse("--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"),
                "--runs=2026-11-30T10,2026-11-30T11");
        assertTrue(suite(FakeAnalyze.class).analyze(two, false));
        assertTrue(Files.readString(tmp.resolve("analysis/selected/args.txt")).contains("--runs 2026-11-30T10,2026-11-30T11"));
        SuiteOptions one = SuiteOptions.parse("--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"),
                "--runs=2026-11-30T10");
        assertTrue(suite(FakeAnalyze.class).analyze(one, false));
        assertTrue(Files.isRegularFile(tmp.resolve("results/2026-11-30T10-00-00Z-quick/report/args.txt")));
        SuiteOptions after = SuiteOptions.parse("--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"));
        assertTrue(suite(FakeAnalyze.class).analyze(after, false));
        assertTrue(Files.isRegularFile(tmp.resolve("results/2026-11-30T11-00-00Z-quick/report/args.txt")),
                "after a run, without nettune.runs, the newest run gets its report");
        SuiteOptions skip = SuiteOptions.parse("--skip=true", "--results=" + tmp.resolve("results"),
                "--analysis=" + tmp.resolve("analysis"));
        Files.delete(tmp.resolve("results/2026-11-30T11-00-00Z-quick/report/args.txt"));
        assertTrue(suite(FakeAnalyze.class).analyze(skip, true));
        assertFalse(Files.exists(tmp.resolve("results/2026-11-30T11-00-00Z-quick/report/args.txt")),
                "skip=true regenerates the overview only: no run was just made");
    }

    @Test
    void aFailedGateFailsTheSuiteAndSaysWhy() throws IOException {
        Path runDir = run("2026-11-30T11-00-00Z-quick", "2026-11-30T11:00:00Z", null);
        SuiteOptions o = SuiteOptions.parse("--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"),
                "--failOnRegression=5%");
        assertFalse(suite(FakeGateAnalyze.class).analyze(o, runDir, false));
        String p = printed();
        assertTrue(p.contains("nettune: report of run 2026-11-30T11-00-00Z-quick: "), p);
        assertTrue(p.contains("nettune: regression gate failed: rows worse than the baseline by more than 5.00%"), p);
        // analyze false ends the run with EXIT_FAILED (Suite.finish); the help says so, and that Analyze alone says 4
        assertTrue(SuiteOptions.HELP.replaceAll("\\s+", " ").contains("fail the run (exit " + Suite.EXIT_FAILED + ", as a failed fork; Analyze run alone exits "
                + Suite.ANALYZE_REGRESSION + ")"), SuiteOptions.HELP);
        assertEquals(dev.nettune.analysis.Analyze.EXIT_REGRESSION, Suite.ANALYZE_REGRESSION);
    }

    /** FakeGateAnalyze writes its arguments like FakeAnalyze and fails the gate when asked for one. */
    public static final class FakeGateAnalyze {
        private FakeGateAnalyze() {
        }

        public static void main(String[] args) throws Exception {
            Path out = Path.of(args[1]);
            Files.createDirectories(out);
            Files.writeString(out.resolve("args.txt"), String.join(" ", args));
            System.exit(String.join(" ", args).contains("--fail-on-regression") ? Suite.ANALYZE_REGRESSION : 0);
        }
    }
}
