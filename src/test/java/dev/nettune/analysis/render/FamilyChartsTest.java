package dev.nettune.analysis.render;

import dev.nettune.analysis.family.ConnectionReuse;
import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.IoModel;
import dev.nettune.analysis.family.Other;
import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.analysis.render.svg.SvgCheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Family charts from a committed reference run, from foreign and broken files, and from synthetic
 * results that exercise intervals, missing parameters and the non-negative rule.
 */
class FamilyChartsTest {

    static final Path REFERENCE_RUN = Path.of("bench-results/2026-11-24T14-46-07Z-quick");

    @TempDir
    Path tmp;

    private static Map<FamilyDescriptor, List<Charts.Link>> drawAll(ResultSet set, Path dir, List<Diagnostic> diags)
            throws IOException {
        Map<FamilyDescriptor, List<Charts.Link>> out = new LinkedHashMap<>();
        for (FamilyDescriptor f : Families.ALL) {
            List<Result> rs = f.results(set);
            if (!rs.isEmpty()) {
                out.put(f, Charts.family(f, rs, set::name, dir, diags));
            }
        }
        return out;
    }

    @Test
    void committedRunGetsOneChartPerQuestion() throws IOException {
        ResultSet set = InputFinder.load(List.of(REFERENCE_RUN));
        List<Diagnostic> diags = new ArrayList<>();
        Map<FamilyDescriptor, List<Charts.Link>> links = drawAll(set, tmp, diags);
        assertEquals(List.of(), diags);
        List<String> titles = links.values().stream().flatMap(List::stream).map(Charts.Link::title).toList();
        assertEquals(List.of(
                "RoundTripBenchmark.roundTrip (sample): time per round trip",
                "RoundTripBenchmark.roundTrip (thrpt): round trips/s",
                "ConnectionScalingBenchmark.roundTrips: round trips/s vs connections, one line per client × server",
                "ConnectionScalingBenchmark.roundTrips: p99 round-trip latency vs connections, one line per client × server",
                "OpenLoopLatencyBenchmark.roundTrips (thrpt): round trips/s",
                "OpenLoopLatencyBenchmark.roundTrips (thrpt): p99 round-trip latency",
                "SingleConnectionLatencyBenchmark.roundTrip (sample): time per round trip",
                "LargeEchoBenchmark.roundTrip: round-trip time by SO_SNDBUF × message size",
                "SocketBufferStreamBenchmark.stream: throughput by SO_SNDBUF × write size",
                "StreamIoPathBenchmark.stream: throughput by write size × I/O path",
                "CoalescingBenchmark.message: messages/s per strategy, K parts × S bytes",
                "NagleBenchmark.message: time per message per strategy, K parts × S bytes",
                "PipelinedCoalescingBenchmark.pipeline: messages/s per strategy, K parts × S bytes",
                "ConnectionReuseBenchmark.operation: operations/s per workload (RR, CRR, CC, pools, the seed's executor) × threads"), titles);
        long total = 0;
        for (Charts.Link l : links.values().stream().flatMap(List::stream).toList()) {
            String svg = Files.readString(tmp.resolve(l.file()));
            List<SvgCheck.Text> texts = SvgCheck.check(svg);
            assertFalse(SvgCheck.hasNegativeNumber(texts), "no axis below zero: " + l.file());
            assertTrue(l.file().startsWith("charts/") && l.alt().length() > 40, l.toString());
            assertTrue(svg.length() < 30_000, l.file() + " is " + svg.length() + " bytes");
            total += svg.length();
        }
        assertTrue(total < 200_000, "one run's family charts: " + total + " bytes");
        String scaling = Files.readString(tmp.resolve(links.get(Families.get(IoModel.class)).get(0).file()));
        List<String> texts = SvgCheck.check(scaling).stream().map(SvgCheck.Text::content).toList();
        assertTrue(texts.containsAll(List.of("jdk17", "jdk25", "STREAM client × BLOCKING server", "1", "16", "256", "1024")),
                texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("n = 1 fork per point: no interval")), texts.toString());
        assertTrue(scaling.length() < 15_000, "a typical chart is a few kB: " + scaling.length());
    }

    @Test
    void foreignAndBrokenFilesNeverThrow() throws IOException {
        ResultSet set = InputFinder.load(List.of(Fixtures.FOREIGN, Fixtures.BAD, Fixtures.SUITE));
        List<Diagnostic> diags = new ArrayList<>();
        Map<FamilyDescriptor, List<Charts.Link>> links = drawAll(set, tmp, diags);
        assertEquals(List.of(), diags);
        assertTrue(links.get(Families.get(Other.class)).size() >= 2, links.toString());
        for (Charts.Link l : links.values().stream().flatMap(List::stream).toList()) {
            SvgCheck.check(Files.readString(tmp.resolve(l.file())));
        }
    }

    // ---- synthetic results -------------------------------------------------------------------

    static final JvmId A = new JvmId("r1", "jdk17", "", "17.0.15", "", "");
    static final JvmId B = new JvmId("r1", "jdk25", "", "25.0.1", "", "");

    static Result result(JvmId jvm, String benchmark, String mode, String unit, Map<String, String> params,
                         double[][] samples) {
        Metric m = new Metric("primary", unit, Double.NaN, Double.NaN, samples, null, Map.of());
        return new Result(new ResultKey(benchmark, params, mode, unit, jvm), m, Map.of(), Path.of("x.json"), 0, "1.37", 1);
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void missingParametersFallBackToAGenericChart() throws IOException {
        String cs = "dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips";
        List<Result> rs = List.of(
                result(A, cs, "thrpt", "ops/s", params("client", "STREAM"), new double[][] {{100}, {110}}),
                result(A, cs, "thrpt", "ops/s", params("client", "SELECTOR"), new double[][] {{120}, {130}}),
                result(B, cs, "thrpt", "ops/s", params("client", "STREAM", "extra", "1"), new double[][] {{90}, {95}}));
        List<Diagnostic> diags = new ArrayList<>();
        List<Charts.Link> links = Charts.family(Families.get(IoModel.class), rs, JvmId::label, tmp, diags);
        assertEquals(List.of(), diags);
        assertEquals(1, links.size());
        assertTrue(links.get(0).alt().startsWith("Dot plot"), links.get(0).alt());
        SvgCheck.check(Files.readString(tmp.resolve(links.get(0).file())));
    }

    @Test
    void intervalsComeFromForksAndNeverReachBelowZero() throws IOException {
        String rt = "dev.nettune.bench.reuse.ConnectionReuseBenchmark.operation";
        List<Result> rs = new ArrayList<>();
        for (String w : List.of("PERSISTENT", "CONNECT_PER_REQUEST")) {
            for (JvmId j : List.of(A, B)) {
                // a wild spread: mean ± t·s/√n would reach far below zero
                rs.add(result(j, rt, "thrpt", "ops/s", params("workload", w, "threads", "1"),
                        new double[][] {{1000, 1000}, {40000, 40000}, {3000, 3000}}));
            }
        }
        List<Charts.Link> links = Charts.family(Families.get(ConnectionReuse.class), rs, JvmId::label, tmp, new ArrayList<>());
        String svg = Files.readString(tmp.resolve(links.get(0).file()));
        List<SvgCheck.Text> texts = SvgCheck.check(svg);
        assertFalse(SvgCheck.hasNegativeNumber(texts));
        assertTrue(texts.stream().anyMatch(t -> t.content().equals("0")), "a linear axis from zero");
        String all = String.join(" ", texts.stream().map(SvgCheck.Text::content).toList());
        assertTrue(all.contains("95% t interval over forks (n = 3 forks per point)"), all);
    }

    @Test
    void manyJvmsSplitIntoChartsOfAtMostSixteenPanels() throws IOException {
        String cs = "dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips";
        List<Result> rs = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
            JvmId jvm = new JvmId("run" + j, "jdk17", "", "17.0." + j, "", "");
            for (String c : List.of("1", "16", "256")) {
                rs.add(result(jvm, cs, "thrpt", "ops/s", params("client", "STREAM", "server", "BLOCKING",
                        "connections", c), new double[][] {{1000 * (j + 1)}}));
            }
        }
        List<Diagnostic> diags = new ArrayList<>();
        List<Charts.Link> links = Charts.family(Families.get(IoModel.class), rs, JvmId::key, tmp, diags);
        assertEquals(List.of(), diags);
        assertEquals(2, links.size(), links.toString());
        assertTrue(links.get(0).title().endsWith("(1/2)") && links.get(1).title().endsWith("(2/2)"), links.toString());
        for (Charts.Link l : links) {
            SvgCheck.check(Files.readString(tmp.resolve(l.file())));
        }
    }

    @Test
    void chartsOfManyRunsAndPairsDoNotCollide() throws IOException {
        JvmId other = new JvmId("r2", "jdk17", "", "17.0.15", "", "");
        String rt = "dev.nettune.bench.RoundTripBenchmark.roundTrip";
        List<Result> r1 = List.of(result(A, rt, "thrpt", "ops/s", params("payload", "64"), new double[][] {{1}}));
        List<Result> r2 = List.of(result(other, rt, "thrpt", "ops/s", params("payload", "64"), new double[][] {{2}}));
        String f1 = Charts.family(Families.get(Other.class), r1, JvmId::label, tmp, new ArrayList<>()).get(0).file();
        String f2 = Charts.family(Families.get(Other.class), r2, JvmId::label, tmp, new ArrayList<>()).get(0).file();
        assertFalse(f1.equals(f2), f1);
        List<Result> both = new ArrayList<>(r1);
        both.addAll(r2);
        String f3 = Charts.family(Families.get(Other.class), both, JvmId::key, tmp, new ArrayList<>()).get(0).file();
        assertFalse(f3.equals(f1) || f3.equals(f2), f3);
    }
}
