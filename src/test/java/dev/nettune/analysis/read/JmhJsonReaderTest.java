package dev.nettune.analysis.read;

import dev.nettune.analysis.Fixtures;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.IoModel;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.stats.Summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of real JMH 1.37 output of several shapes, hand-made edge cases, and bad input. */
class JmhJsonReaderTest {

    @Test
    void throughputWithParamsAuxCounterAndGcProfiler() {
        List<Result> rs = Fixtures.read(Fixtures.RUN.resolve("jdk17/PingBenchmark.json")).results();
        assertEquals(6, rs.size());
        Result r = rs.get(0);
        assertEquals("dev.nettune.bench.model.PingBenchmark.roundTrip", r.key().benchmark());
        assertEquals("thrpt", r.key().mode());
        assertEquals("ops/s", r.key().unit());
        assertEquals(Map.of("clientModel", "blocking", "connections", "1"), r.key().params());
        assertEquals(2, r.primary().samples().length, "forks");
        assertEquals(3, r.primary().samples()[0].length, "iterations per fork");
        assertTrue(r.secondary().containsKey("gc.alloc.rate.norm"));
        assertTrue(r.secondary().containsKey("writesPerOp"), "aux counter kept as secondary metric");
        assertEquals(Families.get(IoModel.class), Families.of(r.key().benchmark()));
        assertEquals("jdk17.0.15", r.key().jvm().label(), "JVM derived from the JSON when there is no run.json");
        assertEquals("HotSpot", r.key().jvm().vm());
        assertEquals("17.0.15", r.key().jvm().version());
    }

    @Test
    void averageSampleAndSingleShotModes() {
        List<Result> rs = Fixtures.read(Fixtures.RUN.resolve("jdk25/BulkBenchmark.json")).results();
        assertEquals(List.of("avgt", "avgt", "sample", "sample", "ss", "ss"),
                rs.stream().map(r -> r.key().mode()).toList());
        Result sample = rs.get(2);
        Metric m = sample.primary();
        assertNotNull(m.histogram(), "rawDataHistogram expanded");
        assertTrue(m.histogram().total() > 1000);
        assertEquals(2, m.samples().length);
        assertEquals(3, m.samples()[1].length);
        assertEquals(0.1, m.percentiles().get(50.0), 1e-12);
        // JMH's score for sample mode is the count-weighted mean of every sample
        double weighted = 0;
        for (int i = 0; i < m.histogram().values().length; i++) {
            weighted += m.histogram().values()[i] * m.histogram().counts()[i];
        }
        assertEquals(m.score(), weighted / m.histogram().total(), 1e-9 * m.score());
        assertNull(rs.get(0).primary().histogram());
        assertEquals("us/op", rs.get(4).key().unit());
    }

    @Test
    void oneIterationRunHasNaNError() {
        Result r = Fixtures.read(Fixtures.FOREIGN.resolve("one-iteration.json")).results().get(0);
        assertTrue(Double.isNaN(r.primary().scoreError()));
        Summary s = Summary.of(r.primary().flatSamples());
        assertEquals(1, s.n());
        assertTrue(Double.isNaN(s.ci999()));
        assertTrue(s.warnings().stream().anyMatch(w -> w.contains("only 1 sample")));
    }

    @Test
    void nanAndInfinityStrings() {
        Result r = Fixtures.read(Fixtures.FOREIGN.resolve("nan-strings.json")).results().get(0);
        Metric m = r.primary();
        assertTrue(Double.isNaN(m.score()));
        assertEquals(Double.POSITIVE_INFINITY, m.samples()[0][1]);
        assertEquals(Double.NEGATIVE_INFINITY, m.samples()[1][0]);
        Summary s = Summary.of(m.flatSamples());
        assertEquals(1, s.n(), "only the finite sample is used");
        assertTrue(s.warnings().get(0).contains("3 non-finite"));
        assertEquals("jdk21.0.2", r.key().jvm().label());
    }

    @Test
    void oldDotPrefixedSecondaryNamesAndJvmVariant() {
        Result r = Fixtures.read(Fixtures.FOREIGN.resolve("jmh136-old-names.json")).results().get(0);
        assertEquals(List.of("gc.alloc.rate.norm", "gc.count"), new ArrayList<>(r.secondary().keySet()));
        assertEquals(48.0, r.secondary().get("gc.alloc.rate.norm").score());
        assertEquals(Double.POSITIVE_INFINITY, r.secondary().get("gc.count").score());
        assertEquals("-Xmx1g", r.key().jvm().variant(), "encoding flags are not a variant");
        assertEquals("jdk11.0.21 flags:" + r.key().jvm().flagsDigest(), r.key().jvm().label());
        assertEquals(6, r.key().jvm().flagsDigest().length());
        assertEquals("1.36", r.jmhVersion());
    }

    @Test
    void suiteLayoutTakesJvmFromRunJson() {
        ResultSet set = InputFinder.load(List.of(Fixtures.SUITE));
        assertEquals(24, set.results().size());
        JvmId j25 = set.jvms().get(1);
        assertEquals("jdk25", j25.label());
        assertEquals("Eclipse Adoptium", j25.vendor());
        assertEquals("2026-11-24T14-05-00Z-quick", j25.runId());
        assertEquals("free", j25.placement());
        assertEquals("jdk17", set.baseline(null).label(), "oldest version is the default baseline");
        assertEquals(8, set.sockOpts().size());
        assertEquals(1, set.diagnostics().size(), "the malformed sockopts line");
        assertTrue(set.diagnostics().get(0).toString().contains("sockopts.jsonl (line 6)"));
    }

    @Test
    void truncatedFileKeepsCompleteEntries() {
        List<Diagnostic> d = new ArrayList<>();
        JmhJsonReader.Outcome o = Fixtures.read(Fixtures.BAD.resolve("truncated.json"), d);
        assertEquals(1, o.results().size());
        assertEquals(1, o.skippedEntries());
        assertEquals(1, d.size());
        assertTrue(d.get(0).toString().startsWith(Fixtures.BAD.resolve("truncated.json").toString()), d.toString());
        assertTrue(d.get(0).message().contains("truncated"), d.toString());
        assertTrue(d.get(0).position().startsWith("line "), d.toString());
    }

    @Test
    void nonJmhFilesAreNamedAndSkipped() {
        List<Diagnostic> d = new ArrayList<>();
        assertTrue(Fixtures.read(Fixtures.BAD.resolve("empty.json"), d).results().isEmpty());
        assertTrue(Fixtures.read(Fixtures.BAD.resolve("object.json"), d).results().isEmpty());
        JmhJsonReader.Outcome other = Fixtures.read(Fixtures.BAD.resolve("array-of-other.json"), d);
        assertTrue(other.results().isEmpty());
        assertEquals(3, other.skippedEntries());
        assertTrue(d.get(0).message().contains("empty file"), d.toString());
        assertTrue(d.get(1).message().contains("top level is an object"), d.toString());
        assertTrue(d.get(2).position().equals("entry 0") && d.get(2).message().contains("not a JMH result"), d.toString());
        assertEquals(5, d.size());
    }

    @Test
    void badEntriesAreSkippedOthersKept() {
        List<Diagnostic> d = new ArrayList<>();
        JmhJsonReader.Outcome o = Fixtures.read(Fixtures.BAD.resolve("mixed.json"), d);
        assertEquals(1, o.results().size());
        assertEquals(3, o.skippedEntries());
        assertTrue(d.get(0).message().contains("unknown mode \"weird\""), d.toString());
        assertTrue(d.get(0).position().startsWith("entry 1 (dev.nettune"), d.toString());
        assertTrue(d.get(1).message().contains("primary.score is not a number: \"lots\""), d.toString());
        assertTrue(d.get(2).position().equals("entry 3"), d.toString());
    }

    @Test
    void duplicatesAreCountedNotSilentlyDropped() {
        ResultSet set = InputFinder.load(List.of(Fixtures.FOREIGN.resolve("one-iteration.json"),
                Fixtures.FOREIGN.resolve("one-iteration.json")));
        assertEquals(1, set.results().size());
        assertEquals(1, set.skippedEntries());
        assertFalse(set.diagnostics().isEmpty());
        assertTrue(set.summaryLine().startsWith("read 2 files, 1 result, skipped 1 entry"), set.summaryLine());
    }
}
