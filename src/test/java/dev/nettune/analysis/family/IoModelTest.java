package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.units.Units;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The I/O-model answer of a scale run names the crossover per JDK with the ratios either side and what a
 * connection cost each pair at the most connections; a run whose points read no memory (quick's, at most
 * 256 connections) reads as before. The readings' means and 95% t intervals are those of
 * src/test/resources/analysis/reference/reference_connection_costs.py (SciPy; as in ConnectionCostsTest),
 * the server JVM's of the thread-per-connection pair ten times the client's of the Selector pair.
 */
class IoModelTest {
    static final String BENCH = "dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips";
    /** Eight forks' whole-trial readings, bytes (ConnectionCostsTest.BYTES, HEAP, CONNECTS). */
    static final double[] BYTES = {10240.0, 11010.0, 9870.0, 10555.0, 10120.0, 10890.0, 9980.0, 10400.0};
    static final double[] HEAP = {1480.5, 1502.25, 1490.0, 1475.75, 1510.0, 1499.5, 1488.0, 1493.25};
    static final double[] THREE = {8120.0, 7990.0, 8410.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    /** Fork-to-fork spread of the scores, so every ratio has an interval. */
    static final double[] SPREAD = {1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.00};

    /** Words as plain as possible: figures unlinked, ratios with three digits. */
    static final Wording PLAIN = new Wording() {
        @Override
        public String link(Answer a, Finding f, Answer.Contrast c, String text) {
            return text;
        }

        @Override
        public String jvm(Finding f) {
            return f.jvm().label();
        }

        @Override
        public String ratioCi(double r, double low, double high) {
            return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", r, low, high);
        }

        @Override
        public String join(List<String> parts) {
            return String.join(" and ", parts);
        }

        @Override
        public String across(Answer a, String label, String more, String fewer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String figure(Answer.Contrast c, String more, String fewer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String level(Answer.Contrast c, Units.Scale scale) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String amount(ResultKey k, double v) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String param(String name, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String ratio(double r) {
            throw new UnsupportedOperationException();
        }
    };

    /** Rows of three iterations, the reading in the last (as LoadCounters writes it). */
    static Metric lastIteration(String name, double[] forks) {
        double[][] s = new double[forks.length][];
        for (int f = 0; f < forks.length; f++) {
            s[f] = new double[] {0, 0, forks[f]};
        }
        return new Metric(name, "#", Double.NaN, Double.NaN, s, null, Map.of());
    }

    static Result point(JvmId jvm, String client, String server, int connections, double score, Map<String, double[]> readings) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client", client);
        params.put("connections", Integer.toString(connections));
        params.put("payload", "64");
        params.put("placement", "process");
        params.put("server", server);
        params.put("transport", "TCP");
        double[][] rows = new double[SPREAD.length][];
        for (int f = 0; f < SPREAD.length; f++) {
            double v = score * SPREAD[(f + client.length()) % SPREAD.length]; // the two pairs' spreads differ
            rows[f] = new double[] {v, v, v};
        }
        Map<String, Metric> secondary = new LinkedHashMap<>();
        readings.forEach((name, forks) -> secondary.put(name, lastIteration(name, forks)));
        return new Result(new ResultKey(BENCH, params, "thrpt", "ops/s", jvm),
                new Metric("primary", "ops/s", Double.NaN, Double.NaN, rows, null, Map.of()), secondary,
                Path.of(jvm.label() + ".json"), 0, "1.37", 1);
    }

    static Question question(String id) {
        return Families.questions().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    static String sentence(List<Integer> counts, boolean readings) {
        return sentence("IO_MODEL", "STREAM", counts, readings);
    }

    /** The question's sentence for two JDKs whose thread-per-connection pair is {@code threadClient}×BLOCKING. */
    static String sentence(String id, String threadClient, List<Integer> counts, boolean readings) {
        Question q = question(id);
        double[] nan = new double[SPREAD.length];
        Arrays.fill(nan, Double.NaN);
        List<Finding> findings = new ArrayList<>();
        for (String label : List.of("jdk17", "jdk25")) {
            JvmId jvm = new JvmId("2026-12-05T00-00-00Z-scale", label, "", label.substring(3), "", "");
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < counts.size(); i++) {
                int c = counts.get(i);
                boolean read = readings && i == counts.size() - 1;
                // the Selector pair slows a little, thread per connection a lot: behind at the first count, ahead after
                results.add(point(jvm, "SELECTOR", "SELECTOR", c, 50_000 - 2_000 * i,
                        read ? Map.of("bytesPerConnection", BYTES, "serverBytesPerConnection", THREE)
                                : Map.of("bytesPerConnection", nan, "serverBytesPerConnection", nan)));
                results.add(point(jvm, threadClient, "BLOCKING", c, 60_000 / (1 << (2 * i)),
                        read ? Map.of("bytesPerConnection", HEAP, "serverBytesPerConnection", Arrays.stream(BYTES).map(b -> 10 * b).toArray())
                                : Map.of("bytesPerConnection", nan, "serverBytesPerConnection", nan)));
            }
            findings.add(q.find(jvm, results));
        }
        return q.sentence(new Answer(q, "2026-12-05T00-00-00Z-scale", findings), PLAIN);
    }

    @Test
    void aScaleRunNamesTheCrossoverAndWhatAConnectionCostsAtTheMost() {
        String s = sentence(List.of(1000, 4000, 10000), true);
        System.out.println(s);
        assertTrue(s.contains("crossover between 1000 and 4000 connections on jdk17 ("), s);
        assertTrue(s.contains(" at 1000, ") && s.contains(" at 4000)"), "the ratios either side of the crossing: " + s);
        // client JVM: BYTES mean 10383.125 [10037.67, 10728.58] B, server JVM n=3 8173.33 [7639.20, 8707.47] B (SciPy)
        String selector = "SELECTOR×SELECTOR 10.1 KiB [9.80, 10.5] (8) + 8173 B [7639, 8707] (3)";
        // HEAP mean 1492.41 [1482.92, 1501.90] B; ten times BYTES: 101 KiB [98.0, 105]
        String blocking = "STREAM×BLOCKING 1492 B [1483, 1502] (8) + 101 KiB [98.0, 105] (8)";
        assertTrue(s.contains("Bytes per connection at the most connections measured"), s);
        assertTrue(s.contains("jdk17 at 10000: " + selector + ", " + blocking), s);
        assertTrue(s.contains("jdk25 at 10000: " + selector + ", " + blocking), s);
    }

    @Test
    void aRunWithoutMemoryReadingsReadsAsBefore() {
        String s = sentence(List.of(1, 16, 256), false);
        assertTrue(s.contains("crossover between 1 and 16 connections"), s);
        assertFalse(s.contains("Bytes per connection"), s);
    }

    @Test
    void theServerSideIsReadWithOneSelectorClientAndOnlyWhereMeasured() {
        String s = sentence("IO_MODEL_SERVER", "SELECTOR", List.of(1000, 4000, 10000), true);
        assertTrue(s.startsWith("ratio of round trips/s, SELECTOR×SELECTOR over SELECTOR×BLOCKING (client × server): "), s);
        assertTrue(s.contains("crossover between 1000 and 4000 connections on jdk17 ("), s);
        assertTrue(s.contains("jdk17 at 10000: SELECTOR×SELECTOR 10.1 KiB [9.80, 10.5] (8) + 8173 B [7639, 8707] (3), "
                + "SELECTOR×BLOCKING 1492 B [1483, 1502] (8) + 101 KiB [98.0, 105] (8)"), s);
        // quick's points have no Selector client against the thread-per-connection server: not asked there, and
        // the report leaves the question out rather than saying "not measured" in every quick run
        assertTrue(question("IO_MODEL_SERVER").find(new JvmId("r", "jdk17", "", "17", "", ""), List.of()).contrasts().isEmpty());
        assertFalse(question("IO_MODEL_SERVER").always());
        assertTrue(question("IO_MODEL").always());
    }
}
