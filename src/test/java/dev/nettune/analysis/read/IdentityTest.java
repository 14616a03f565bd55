package dev.nettune.analysis.read;

import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JVM identity (full version, VM, flag digest; distinct builds never merge), duplicates named
 * precisely, unusable files named, and JMH's percentile metrics under every version's name.
 */
class IdentityTest {

    @TempDir
    Path tmp;

    @Test
    void versionsVmsAndFlagsOfOneFolderStayApart() {
        ResultSet set = InputFinder.load(List.of(Fixtures.ROOT.resolve("identity")));
        List<String> labels = set.jvms().stream().map(JvmId::label).toList();
        JvmId zgc = set.jvms().stream().filter(j -> j.variant().equals("-XX:+UseZGC")).findFirst().orElseThrow();
        assertEquals(List.of("jdk11.0.7", "jdk11.0.15", "jdk11.0.15 OpenJ9", "jdk11.0.15 flags:" + zgc.flagsDigest()),
                labels, "11.0.7 and 11.0.15 never merge; OpenJ9 and a flag are kept apart; -Dfile.encoding is no flag");
        assertEquals(8, set.results().size());
        assertEquals(0, set.unusableFiles());
        assertEquals("OpenJ9", set.jvms().get(2).vm());
        assertEquals("openj9-0.32.0", set.jvms().get(2).build());
        assertTrue(zgc.describe().contains("flags " + zgc.flagsDigest() + ": -XX:+UseZGC"), zgc.describe());
        assertEquals("jdk11.0.7", set.baseline(null).label(), "the oldest build is the default baseline");
    }

    @Test
    void flagDigestIsStableAndTellsFlagsApart() {
        assertEquals(JvmId.labelFor("21.0.2", "HotSpot", "-Xmx1g"), JvmId.labelFor("21.0.2", "HotSpot", "-Xmx1g"));
        assertNotEquals(JvmId.labelFor("21.0.2", "HotSpot", "-Xmx1g"), JvmId.labelFor("21.0.2", "HotSpot", "-Xmx2g"));
        assertEquals("jdk21.0.2", JvmId.labelFor("21.0.2", "HotSpot", ""));
        assertEquals("HotSpot", JvmId.vmOf("Java HotSpot(TM) 64-Bit Server VM"));
        assertEquals("OpenJ9", JvmId.vmOf("Eclipse OpenJ9 VM"));
        assertEquals("GraalVM", JvmId.vmOf("Substrate VM GraalVM"));
        assertEquals(List.of(8, 0, 392), new JvmId("r", "x", "", "1.8.0_392", "", "").versionNumbers());
    }

    @Test
    void identicalCopyAndSecondMeasurementAreNamedAndTheCopyIsUnusable() {
        List<Diagnostic> diags;
        ResultSet set = InputFinder.load(List.of(Fixtures.ROOT.resolve("dup")));
        diags = set.diagnostics();
        assertEquals(2, set.results().size(), "a.json's two entries are used");
        assertTrue(set.results().stream().allMatch(r -> r.file().endsWith("a.json")));
        assertEquals(List.of("b.json", "c.json"), set.unusableFileList().stream().map(p -> p.getFileName().toString())
                .toList(), "a file whose every entry is dropped is unusable, and named");
        assertEquals(4, set.skippedEntries());
        String text = diags.stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
        assertTrue(text.contains("b.json: 2 of 2 entries have the benchmark, params, mode, unit and JVM of entries already read from "),
                text);
        assertTrue(text.contains("(identical measurements: a copy); skipped; no entry of this file is used"), text);
        assertTrue(text.contains("c.json: 2 of 2 entries") && text.contains("(different measurements: a second run of the same JVM"),
                text);
        assertTrue(set.summaryLine().contains("2 unusable files"), set.summaryLine());
    }

    @Test
    void aSuiteFolderWithTwoBuildsIsSplitNotMerged() throws IOException {
        Path run = tmp.resolve("2026-11-24T14-05-00Z-quick");
        Files.createDirectories(run.resolve("jdk17"));
        Files.copy(Fixtures.RUN.resolve("run.json"), run.resolve("run.json"));
        Files.copy(Fixtures.RUN.resolve("jdk17/PingBenchmark.json"), run.resolve("jdk17/PingBenchmark.json"));
        String bulk = Files.readString(Fixtures.RUN.resolve("jdk17/BulkBenchmark.json"), StandardCharsets.UTF_8);
        String other = bulk.replaceAll("\"vmVersion\"\\s*:\\s*\"[^\"]*\"", "\"vmVersion\" : \"17.0.2+8\"");
        assertNotEquals(bulk, other, "fixture has a vmVersion to change");
        Files.writeString(run.resolve("jdk17/BulkBenchmark.json"), other, StandardCharsets.UTF_8);
        ResultSet set = InputFinder.load(List.of(tmp));
        List<String> labels = set.jvms().stream().map(JvmId::label).sorted().toList();
        assertEquals(2, labels.size(), labels.toString());
        assertTrue(labels.get(0).startsWith("jdk17 (17.0.15") && labels.get(1).equals("jdk17 (17.0.2+8)"), labels.toString());
        assertTrue(set.diagnostics().stream().anyMatch(d -> d.message().contains("has results of 2 builds")),
                set.diagnostics().toString());
    }

    @Test
    void aRunWithTwoJvmsOfOneMajorVersionKeepsThemApart() throws IOException {
        Path run = tmp.resolve("2026-11-30T09-00-00Z-quick");
        Files.createDirectories(run.resolve("jdk17"));
        Files.createDirectories(run.resolve("jdk17-old"));
        Files.writeString(run.resolve("run.json"), "{\"runId\":\"2026-11-30T09-00-00Z-quick\",\"jvms\":["
                + "{\"label\":\"jdk17\",\"javaHome\":\"/a\",\"vendor\":\"Debian\",\"version\":\"17.0.15\",\"flags\":[]},"
                + "{\"label\":\"jdk17-old\",\"javaHome\":\"/b\",\"vendor\":\"Eclipse Adoptium\",\"version\":\"17.0.2\",\"flags\":[]}]}");
        String ping = Files.readString(Fixtures.RUN.resolve("jdk17/PingBenchmark.json"), StandardCharsets.UTF_8);
        Files.writeString(run.resolve("jdk17/PingBenchmark.json"), ping, StandardCharsets.UTF_8);
        Files.writeString(run.resolve("jdk17-old/PingBenchmark.json"), ping
                .replaceAll("\"jdkVersion\"\\s*:\\s*\"[^\"]*\"", "\"jdkVersion\" : \"17.0.2\"")
                .replaceAll("\"vmVersion\"\\s*:\\s*\"[^\"]*\"", "\"vmVersion\" : \"17.0.2+8\""), StandardCharsets.UTF_8);
        ResultSet set = InputFinder.load(List.of(tmp));
        assertEquals(List.of("jdk17-old", "jdk17"), set.jvms().stream().map(JvmId::label).toList(), "oldest first");
        assertEquals("17.0.2+8", set.jvms().get(0).build());
        assertEquals("Eclipse Adoptium", set.jvms().get(0).vendor());
        assertEquals(0, set.skippedEntries(), "same benchmarks on two JVMs of one run are no duplicates");
        assertEquals(2 * Fixtures.read(Fixtures.RUN.resolve("jdk17/PingBenchmark.json")).results().size(),
                set.results().size(), "every entry of both folders is used");
    }

    @Test
    void percentileMetricsOfEveryJmhVersionAreReadAsPercentiles() {
        List<Result> rs = Fixtures.read(Fixtures.FOREIGN.resolve("jmh121-percentiles.json")).results();
        assertEquals(3, rs.size());
        for (Result r : rs) {
            assertFalse(r.secondary().keySet().stream().anyMatch(n -> n.contains("p0.") || n.contains("p1.")),
                    "no percentile becomes a metric column: " + r.secondary().keySet());
            Metric m = r.primary();
            assertEquals(2.0, m.percentiles().get(50.0), 1e-12, r.key().params().toString());
        }
        // ·p0.50 beside a primary that has its own scorePercentiles: those stay
        assertEquals(Map.of(0.0, 1.0, 50.0, 2.0, 100.0, 20.0), rs.get(0).primary().percentiles().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Math.rint(e.getValue()))));
        assertEquals(List.of("gc.alloc.rate.norm"), List.copyOf(rs.get(0).secondary().keySet()));
        // encode·p0.50 and encode:p0.50 with no scorePercentiles: the percentile metrics fill them in
        Map<Double, Double> p = rs.get(1).primary().percentiles();
        assertEquals(List.of(0.0, 50.0, 90.0, 99.0, 99.9, 99.99, 100.0), List.copyOf(p.keySet()));
        assertEquals(9.0, p.get(99.9), 1e-12);
        assertEquals(rs.get(1).primary().percentiles(), rs.get(2).primary().percentiles());
        assertEquals("jdk1.8.0_392", rs.get(0).key().jvm().label());
    }

    @Test
    void aCallerThatCountsFilesKeepsItsCounts() {
        List<Result> rs = Fixtures.read(Fixtures.FOREIGN.resolve("nan-strings.json")).results();
        ResultSet set = new ResultSet(rs, List.of(), Map.of(), new java.util.ArrayList<>(), 5, 2, 1);
        assertEquals("read 5 files, 1 result, skipped 1 entry and 2 unusable files", set.summaryLine());
        assertEquals(List.of(), set.unusableFileList(), "counted, not named");
    }

    @Test
    void percentNames() {
        assertEquals(50.0, JmhJsonReader.percentOf("p0.50"));
        assertEquals(99.99, JmhJsonReader.percentOf("roundTrip\u00b7p0.9999"));
        assertEquals(100.0, JmhJsonReader.percentOf("roundTrip:p1.00"));
        assertTrue(Double.isNaN(JmhJsonReader.percentOf("p50Us")), "a benchmark's own counter is no JMH percentile");
        assertTrue(Double.isNaN(JmhJsonReader.percentOf("gc.alloc.rate")));
    }
}
