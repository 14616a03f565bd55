package dev.nettune.analysis;

import dev.nettune.analysis.compare.Comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: options, exit codes, messages naming files, and the written report. */
class AnalyzeTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Analyze.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--baseline LABEL"));
    }

    @Test
    void usageErrorsNameTheOptionAndValue() {
        assertEquals(2, run());
        assertTrue(err().contains("no input files") && err().contains("usage:"), err());
        assertEquals(2, run("--alpha", "two", "x"));
        assertTrue(err().contains("--alpha: \"two\" is not a number"), err());
        assertEquals(2, run("--alpha=1.5", "x"));
        assertTrue(err().contains("--alpha: 1.5 is not between 0 and 1"), err());
        assertEquals(2, run("--frobnicate", "x"));
        assertTrue(err().contains("unknown option --frobnicate"), err());
        assertEquals(2, run("--out"));
        assertTrue(err().contains("--out needs a value"), err());
    }

    @Test
    void noUsableInputExitsTwoNamingEachFile() {
        assertEquals(2, run("--out", tmp.toString(), Fixtures.BAD.resolve("empty.json").toString(),
                Fixtures.BAD.resolve("object.json").toString(), "no/such/dir"));
        String e = err();
        assertTrue(e.contains("empty.json: empty file"), e);
        assertTrue(e.contains("object.json: not JMH JSON"), e);
        assertTrue(e.contains("no/such/dir: no such file or folder"), e);
        assertTrue(e.contains("error: no usable JMH results") && e.contains("usage:"), e);
    }

    @Test
    void unknownBaselineIsAUsageError() {
        assertEquals(2, run("--out", tmp.toString(), "--baseline", "jdk8", Fixtures.SUITE.toString()));
        assertTrue(err().contains("--baseline jdk8 matches no JVM; JVMs found: [jdk17, jdk25]"), err());
    }

    @Test
    void fullReportFromGoodAndBadInput() throws IOException {
        Path dir = tmp.resolve("analysis");
        assertEquals(0, run("--out", dir.toString(), Fixtures.ROOT.toString()));
        String o = out.toString(StandardCharsets.UTF_8);
        // 4 suite files + 4 foreign + 5 bad + 4 identity + 3 dup; 24 + 6 + 1 (mixed) + 8 + 2 results; the
        // complete entry of truncated.json is the same as mixed.json's first and is skipped as a duplicate,
        // as are dup/b.json (a copy of a.json) and dup/c.json (the same JVM again).
        // skipped: 3 (array-of-other) + 3 (mixed) + 1 (truncated tail) + 1 (duplicate) + 2 + 2 = 12;
        // unusable: empty, object, array-of-other, truncated (all it had was a duplicate), b, c = 6
        assertTrue(o.startsWith("read 20 files, 41 results, skipped 12 entries and 6 unusable files (see warnings)"), o);
        assertTrue(err().contains("entries already read from"), err());
        assertTrue(err().contains("truncated.json (line "), err());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("Baseline JVM: **jdk1.8.0_392**"), "oldest version present");
        assertTrue(readme.contains("### Comparison: thrpt, ops/s (baseline jdk11.0.7"), "fallback where jdk1.8 has no results");
        assertTrue(readme.contains("Latency percentiles"));
        assertTrue(readme.contains("### Socket options: requested vs effective"));
        assertTrue(readme.contains("| geomean "));
        assertTrue(readme.contains("mixed.json (entry 1 (dev.nettune.bench.model.PingBenchmark.roundTrip)): unknown mode"));
        assertTrue(readme.contains("](charts/model-PingBenchmark.roundTrip_thrpt_clientModel=nio.svg)"), readme);
        assertTrue(Files.readString(dir.resolve("charts/model-PingBenchmark.roundTrip_thrpt_clientModel=nio.svg"))
                .contains("<svg"));
        assertTrue(Files.readAllLines(dir.resolve("results.csv")).get(0).startsWith("run_id,jvm,"));
        assertTrue(Files.readAllLines(dir.resolve("comparisons.csv")).size() > 10);
    }

    @Test
    void welchAndBaselineOptions() throws IOException {
        Path dir = tmp.resolve("w");
        assertEquals(0, run("--out=" + dir, "--test", "welch", "--baseline", "jdk25", "--alpha", "0.01", "--no-charts",
                Fixtures.SUITE.toString()));
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("Baseline JVM: **jdk25**. Comparisons: Welch's t-test"), readme);
        assertTrue(readme.contains("| vs jdk25 |") || readme.contains("vs jdk25 |"), readme);
        assertTrue(readme.contains("α = 0.01"));
    }
}
