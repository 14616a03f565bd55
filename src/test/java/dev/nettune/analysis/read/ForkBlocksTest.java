package dev.nettune.analysis.read;

import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.ForkLog;
import dev.nettune.analysis.model.ForkRecord;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fork log (forks.jsonl, points.jsonl) read and matched to the JMH JSON rows: blocks attached,
 * every score cross-checked, and every mismatch, gap or duplicate named with its file and line.
 * Fixture: {@code src/test/resources/analysis-blocks/2026-11-30T10-00-00Z-quick}, a hand-made run of
 * two JVMs and three points (4 blocks with one failed fork, 3 blocks in sample mode, 1 block). It
 * lives outside {@code analysis/}, whose whole tree AnalyzeTest reads and counts.
 */
class ForkBlocksTest {

    static final Path RUN = Path.of("src/test/resources/analysis-blocks/2026-11-30T10-00-00Z-quick");
    static final String RUN_ID = "2026-11-30T10-00-00Z-quick";

    @Test
    void blocksAreAttachedAndScoresAgree() {
        ResultSet set = InputFinder.load(List.of(RUN));
        assertEquals(List.of(), set.diagnostics(), "a consistent run reads without a warning");
        assertEquals(6, set.results().size());
        assertArrayEquals(new int[] {1, 2, 3, 4}, find(set, "jdk17", "thrpt", "64").forkBlocks());
        assertArrayEquals(new int[] {1, 2, 4}, find(set, "jdk25", "thrpt", "64").forkBlocks(), "block 3 failed on jdk25");
        assertArrayEquals(new int[] {1, 2, 3}, find(set, "jdk25", "sample", "64").forkBlocks());
        assertArrayEquals(new int[] {1}, find(set, "jdk17", "thrpt", "1024").forkBlocks());
    }

    @Test
    void sampleModeForkScoreIsTheSampleWeightedMean() {
        Result r = find(InputFinder.load(List.of(RUN)), "jdk17", "sample", "64");
        // fork 0: iteration 1 = 500 x 60 + 300 x 70, iteration 2 = 900 x 65 + 100 x 90
        double weighted = (500 * 60.0 + 300 * 70 + 900 * 65 + 100 * 90) / 1800;
        assertEquals(weighted, r.primary().forkScores()[0], 1e-12);
        double unweighted = ((500 * 60.0 + 300 * 70) / 800 + (900 * 65.0 + 100 * 90) / 1000) / 2;
        assertTrue(Math.abs(unweighted - weighted) / weighted > 1e-3,
                "the mean of iteration means is another number: the cross-check would catch it");
    }

    @Test
    void forkStatusesAndIncompleteBlocksAreInTheModel() {
        ResultSet set = InputFinder.load(List.of(RUN));
        ForkLog log = set.forkLogs().get(RUN_ID);
        assertNotNull(log);
        assertEquals(16, log.forks().size());
        Map<String, Map<ForkRecord.Status, Integer>> counts = log.statusCounts();
        assertEquals(Map.of(ForkRecord.Status.OK, 8), counts.get("jdk17"));
        assertEquals(Map.of(ForkRecord.Status.OK, 7, ForkRecord.Status.FAILED, 1), counts.get("jdk25"));
        assertEquals(1, log.count(ForkRecord.Status.FAILED));
        List<ForkLog.IncompleteBlock> incomplete = log.incompleteBlocks();
        assertEquals(1, incomplete.size());
        ForkLog.IncompleteBlock b = incomplete.get(0);
        assertEquals(0, b.point());
        assertEquals(3, b.block());
        assertEquals(0, b.missing());
        assertTrue(b.outcomes().stream().anyMatch(f -> f.status() == ForkRecord.Status.FAILED
                && f.reason().contains("BindException")), b.toString());
        assertEquals(List.of("planned", "planned", "planned"),
                log.points().stream().map(p -> p.stop()).collect(Collectors.toList()));
        assertEquals(0.031, log.points().get(0).halfWidths().get("jdk25"), 0);
    }

    @Test
    void aResumedForkCountsByItsLastAttempt(@TempDir Path tmp) throws IOException {
        Path run = copy(tmp, lines -> {
            List<String> out = new ArrayList<>(lines);
            // the fork of jdk17 in block 1 of point 0 was first interrupted, then re-run on resume
            out.add(0, lines.get(1).replace("\"status\": \"ok\"", "\"status\": \"interrupted\"")
                    .replace("\"row\": 0", "\"row\": null").replace("\"score\": 15304.375", "\"score\": null"));
            return out;
        });
        ResultSet set = InputFinder.load(List.of(run));
        assertEquals(List.of(), set.diagnostics());
        ForkLog log = set.forkLogs().get(RUN_ID);
        assertEquals(Map.of(ForkRecord.Status.OK, 8), log.statusCounts().get("jdk17"));
        assertEquals(1, log.incompleteBlocks().size(), "only the failed block stays incomplete");
    }

    @Test
    void everyInconsistencyIsNamed(@TempDir Path tmp) throws IOException {
        Path run = copy(tmp, lines -> {
            List<String> out = new ArrayList<>(lines);
            out.set(1, lines.get(1).replace("15304.375", "15304.5"));             // line 2: score differs
            out.set(2, lines.get(2).replace("\"row\": 1", "\"row\": 9"));         // line 3: no such row
            out.add(lines.get(0));                                                // line 17: duplicate fork
            out.add(lines.get(0).replace("\"block\": 1", "\"block\": 7"));        // line 18: row 0 claimed twice
            out.add(lines.get(0).replace("\"payload\": \"64\"", "\"payload\": \"9\""));  // line 19: no entry
            out.add("{\"seq\": 99, \"jvm\": \"jdk17\", \"benchm");                 // line 20: cut short
            out.add(lines.get(0).replace("\"status\": \"ok\"", "\"status\": \"lost\""));  // line 21: unknown status
            out.add(lines.get(0).replace("\"row\": 0", "\"row\": null"));         // line 22: ok without a row
            return out;
        });
        ResultSet set = InputFinder.load(List.of(run));
        Path forks = run.resolve("forks.jsonl").toAbsolutePath();
        assertDiag(set, forks, "line 2", "differs from the mean 15304.375");
        assertDiag(set, forks, "line 3", "row 9 is not in");
        assertDiag(set, forks, "line 17", "duplicate: block 1");
        assertDiag(set, forks, "line 18", "already claimed by line 1");
        assertDiag(set, forks, "line 19", "no result entry for this fork");
        assertDiag(set, forks, "line 20", "malformed JSON");
        assertDiag(set, forks, "line 21", "unknown fork status \"lost\"");
        assertDiag(set, forks, "line 22", "has no \"row\"");
        // the rows those lines did not give a block to are named in the JSON file, and not paired
        Result jdk17 = find(set, "jdk17", "thrpt", "64");
        assertArrayEquals(new int[] {Result.NO_BLOCK, Result.NO_BLOCK, 3, 4}, jdk17.forkBlocks());
        assertTrue(set.diagnostics().stream().anyMatch(d -> d.file().equals(jdk17.file())
                && d.message().startsWith("fork rows 0, 1 without a matching line")), set.diagnostics().toString());
    }

    @Test
    void aRowWithoutALineIsNamed(@TempDir Path tmp) throws IOException {
        Path run = copy(tmp, lines -> lines.stream().filter(l -> !(l.contains("\"jdk25\"") && l.contains("\"sample\"")
                && l.contains("\"block\": 2,"))).collect(Collectors.toList()));
        ResultSet set = InputFinder.load(List.of(run));
        Result r = find(set, "jdk25", "sample", "64");
        assertArrayEquals(new int[] {1, Result.NO_BLOCK, 3}, r.forkBlocks());
        assertEquals(1, set.diagnostics().size(), set.diagnostics().toString());
        Diagnostic d = set.diagnostics().get(0);
        assertEquals(r.file(), d.file());
        assertTrue(d.position().startsWith("entry 1") && d.message().startsWith("fork row 1 without"), d.toString());
    }

    @Test
    void aForkLogWithoutRunMetadataIsNamed(@TempDir Path tmp) throws IOException {
        Path log = tmp.resolve("forks.jsonl");
        Files.copy(RUN.resolve("forks.jsonl"), log);
        ResultSet set = InputFinder.load(List.of(tmp));
        assertTrue(set.diagnostics().stream().anyMatch(d -> d.file().equals(log)
                && d.message().contains("without run.json")), set.diagnostics().toString());
        assertTrue(set.forkLogs().isEmpty());
    }

    @Test
    void oldRunsHaveNoBlocksAndNoWarningAboutIt() {
        ResultSet set = InputFinder.load(List.of(Fixtures.RUN));
        assertTrue(set.results().stream().noneMatch(Result::hasBlocks));
        assertTrue(set.forkLogs().isEmpty());
        assertTrue(set.diagnostics().stream().noneMatch(d -> d.message().contains("fork")), set.diagnostics().toString());
    }

    static Result find(ResultSet set, String jvm, String mode, String payload) {
        return set.results().stream().filter(r -> r.key().jvm().label().equals(jvm) && r.key().mode().equals(mode)
                && payload.equals(r.key().params().get("payload"))).findFirst().orElseThrow();
    }

    private static void assertDiag(ResultSet set, Path file, String position, String text) {
        assertTrue(set.diagnostics().stream().anyMatch(d -> file.equals(d.file()) && position.equals(d.position())
                && d.message().contains(text)), "want " + position + ": " + text + " in " + set.diagnostics());
    }

    /** A copy of the fixture run under {@code tmp} with forks.jsonl's lines rewritten. */
    static Path copy(Path tmp, UnaryOperator<List<String>> edit) throws IOException {
        Path dst = tmp.resolve(RUN.getFileName());
        try (Stream<Path> walk = Files.walk(RUN)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Path to = dst.resolve(RUN.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path forks = dst.resolve("forks.jsonl");
        Files.write(forks, edit.apply(Files.readAllLines(forks, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        return dst;
    }
}
