package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview of every committed run, as {@code mvn verify} regenerates it into {@code analysis/}:
 * it opens with the verdict and stays readable as runs accumulate. Older A/A runs are calibration,
 * counted in the verdict's A/A line; their tables stay in their own reports, so the overview's size
 * grows with the comparisons that answer, not with every calibration run.
 */
class CommittedOverviewTest {

    /** The limit for the overview's README. */
    static final long README_BUDGET = 200_000;

    @TempDir
    Path tmp;

    @Test
    void overviewOfTheCommittedRunsOpensWithTheVerdictAndStaysUnderItsBudget() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int status = Analyze.run(new String[] {"--out", tmp.toString(), "bench-results"}, p, p);
        assertEquals(0, status, sink.toString(StandardCharsets.UTF_8));
        Path readme = tmp.resolve("README.md");
        String text = Files.readString(readme);
        assertTrue(Files.size(readme) <= README_BUDGET, "overview README: " + Files.size(readme) + " bytes");
        assertTrue(text.lines().limit(5).anyMatch(l -> l.startsWith("## Verdict: ")), text.substring(0, 300));

        // the verdict's flagged SO_SNDBUF 4 KiB row carries what the placement run of the same builds
        // found: the JDK ratio depends on where the server runs, worse over veth
        String verdict = text.substring(text.indexOf("## Verdict: "), text.indexOf("### Pooled over runs"));
        assertTrue(verdict.contains("SocketBufferStream.stream sndBuf=4"), "flagged row: " + verdict);
        assertTrue(verdict.contains("depends on the server placement in run 2026-11-30T15-17-38Z-quick"), "caveat: " + verdict);
        assertTrue(verdict.contains("veth (netns) 0.807 [0.730, 0.893] **worse**"), "veth row: " + verdict);

        // every A/A pair but the newest points to its run's report instead of repeating its table
        Matcher aa = Pattern.compile("A/A self-check, run ([0-9TZ-]+-\\w+):").matcher(text);
        Set<String> selfChecks = new TreeSet<>();
        while (aa.find()) {
            selfChecks.add(aa.group(1));
        }
        long pointers = text.lines().filter(l -> l.startsWith("A/A calibration: ") && l.contains("Its table is in")).count();
        assertTrue(selfChecks.size() >= 2, "A/A runs in the committed runs: " + selfChecks);
        assertEquals(selfChecks.size() - 1, pointers, "older A/A pairs without their table");
    }
}
