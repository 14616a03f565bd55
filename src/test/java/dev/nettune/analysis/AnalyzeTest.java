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
        // 4 suite files + 3 foreign + 5 bad; 24 + 3 + 1 (mixed) results; the complete entry of
        // truncated.json is the same as mixed.json's first and is skipped as a duplicate.
        // skipped: 3 (array-of-other) + 3 (mixed) + 1 (truncated tail) + 1 (duplicate) = 8
        assertTrue(o.startsWith("read 12 files, 28 results, skipped 8 entries and 3 unusable files (see warnings)"), o);
        assertTrue(err().contains("duplicate of"), err());
        assertTrue(err().contains("truncated.json (line "), err());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("Baseline JVM: **jdk11 -Xmx1g**"), "oldest version present");
        assertTrue(readme.contains("### Comparison: thrpt, ops/s (baseline jdk17@"), "fallback where jdk11 has no results");
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
