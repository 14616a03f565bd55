package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sample-mode results are read in the unit their JSON names: the same latencies written in s/op
 * (a benchmark whose time unit is seconds, as the dual-mode benchmarks' sample points are) and in
 * us/op give the same report, figure for figure.
 */
class SampleUnitTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Round-trip latencies per fork, in µs: three forks, two iterations of a few samples each. */
    private static final double[][][] MICROS = {{{52, 55, 61}, {53, 54, 120}}, {{50, 51, 58}, {52, 53, 90}},
        {{57, 60, 66}, {58, 59, 140}}};

    @TempDir
    Path tmp;

    @Test
    void secondsAndMicrosecondsPerOperationReadTheSame() throws IOException {
        String seconds = report(tmp.resolve("s"), "s/op", 1e-6);
        String micros = report(tmp.resolve("us"), "us/op", 1);
        // the mean of the three forks' means (65.8, 59.0, 73.3 µs), in µs whatever the file's unit
        assertTrue(micros.contains("mean µs/op [95% CI]") && micros.contains("66.1 ["), micros);
        assertEquals(micros, seconds);
    }

    /** The detail appendix of the round-trip family for MICROS written in {@code unit} (value × factor). */
    private String report(Path root, String unit, double factor) throws IOException {
        Path file = root.resolve("run").resolve("RoundTrip.json");
        Files.createDirectories(file.getParent());
        ArrayNode entries = JSON.createArrayNode();
        for (String jdk : new String[] {"17.0.15", "25.0.3"}) {
            ObjectNode e = entries.addObject();
            e.put("jmhVersion", "1.37").put("benchmark", "dev.nettune.bench.RoundTripBenchmark.roundTrip")
                    .put("mode", "sample").put("threads", 1).put("forks", MICROS.length).put("jvm", "/jdk/bin/java")
                    .put("jdkVersion", jdk).put("vmName", "OpenJDK 64-Bit Server VM").put("vmVersion", jdk + "+1")
                    .put("warmupIterations", 1).put("measurementIterations", 2);
            e.putArray("jvmArgs");
            e.putObject("params").put("payload", "64");
            ObjectNode pm = e.putObject("primaryMetric");
            double sum = 0;
            int n = 0;
            ArrayNode hist = JSON.createArrayNode();
            for (double[][] fork : MICROS) {
                ArrayNode f = hist.addArray();
                for (double[] iteration : fork) {
                    ArrayNode it = f.addArray();
                    for (double v : iteration) {
                        it.addArray().add(v * factor).add(1);
                        sum += v;
                        n++;
                    }
                }
            }
            pm.put("score", sum / n * factor).put("scoreError", 1 * factor);
            pm.putArray("scoreConfidence").add((sum / n - 1) * factor).add((sum / n + 1) * factor);
            pm.putObject("scorePercentiles").put("0.0", 50 * factor).put("50.0", 57 * factor).put("99.0", 140 * factor)
                    .put("100.0", 140 * factor);
            pm.put("scoreUnit", unit);
            pm.set("rawDataHistogram", hist);
            e.putObject("secondaryMetrics");
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), entries);
        Path out = root.resolve("report");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, Analyze.run(new String[] {"--out", out.toString(), "--no-charts", "--no-html", root.resolve("run").toString()},
                p, p), sink.toString(StandardCharsets.UTF_8));
        return Files.readString(out.resolve("appendix/details-round_trip.md"));
    }
}
