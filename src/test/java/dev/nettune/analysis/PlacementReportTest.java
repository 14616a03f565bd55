package dev.nettune.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report of results with a server placement parameter: the JVM tables keep one row per
 * placement (never an in-process fork against a netns one), and a section sets each JVM's placed
 * points against its in-process ones.
 */
class PlacementReportTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** One JMH JSON file of one JDK: RoundTrip 64 B thrpt in process and in a namespace, four forks each. */
    void write(String jdk, double inprocess, double netns) throws IOException {
        ArrayNode all = JSON.createArrayNode();
        for (String placement : new String[] {"inprocess", "netns"}) {
            double center = placement.equals("inprocess") ? inprocess : netns;
            ObjectNode e = all.addObject();
            e.put("jmhVersion", "1.37").put("benchmark", "dev.nettune.bench.RoundTripBenchmark.roundTrip").put("mode", "thrpt")
                    .put("threads", 1).put("forks", 4).put("jvm", "/jdk/bin/java").put("jdkVersion", jdk)
                    .put("vmName", "OpenJDK 64-Bit Server VM").put("vmVersion", jdk + "+1");
            e.putArray("jvmArgs");
            e.putObject("params").put("payload", "64").put("placement", placement);
            ObjectNode m = e.putObject("primaryMetric");
            m.put("score", center).put("scoreError", "NaN").put("scoreUnit", "ops/s");
            ArrayNode raw = m.putArray("rawData");
            for (double f : new double[] {0.97, 1.02, 0.99, 1.03}) {
                raw.addArray().add(center * f).add(center * f);
            }
            e.putObject("secondaryMetrics");
        }
        JSON.writeValue(tmp.resolve("jdk" + jdk + ".json").toFile(), all);
    }

    @Test
    void placementsAreComparedWithinEachJvmAndJvmsPlacementByPlacement() throws IOException {
        write("17.0.15", 20_000, 10_000);
        write("25.0.3", 22_000, 10_500);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path report = tmp.resolve("report");
        int status = Analyze.run(new String[] {"--out", report.toString(), "--no-charts", "--no-html", tmp.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        String readme = Files.readString(report.resolve("README.md"));
        assertTrue(readme.contains("## Server placement against in-process"), readme);
        assertTrue(readme.contains("jdk17.0.15 netns vs jdk17.0.15 inprocess"), readme);
        assertTrue(readme.contains("jdk25.0.3 netns vs jdk25.0.3 inprocess"), readme);
        assertTrue(readme.contains("0.500 ["), "netns / in process on JDK 17, a ratio of 0.5: " + readme);
        String jvmSection = readme.substring(readme.indexOf("## Comparison tables"), readme.indexOf("## Server placement"));
        assertTrue(jvmSection.contains("placement=inprocess") && jvmSection.contains("placement=netns"),
                "the JVM table keeps a row per placement: " + jvmSection);
        assertTrue(jvmSection.contains("1.10 [") && jvmSection.contains("1.05 ["),
                "each row sets a placement against itself (22,000 / 20,000 and 10,500 / 10,000): " + jvmSection);
        assertFalse(jvmSection.contains("0.525") || jvmSection.contains("0.477"), "never a netns fork against an in-process one");

        // comparisons.csv holds the placement rows the report shows, labelled by placement
        List<String> placementRows = Files.readAllLines(report.resolve("comparisons.csv")).stream()
                .filter(l -> l.contains(",placement,")).toList();
        assertEquals(2, placementRows.size(), String.join("\n", placementRows));
        assertTrue(placementRows.stream().anyMatch(l -> l.contains(",jdk17.0.15 inprocess,") && l.contains(",jdk17.0.15 netns,")
                && l.contains(",0.5,")), String.join("\n", placementRows));
    }

    @Test
    void eachPlacementPairHasTheForestPlotOfAJvmPair() throws IOException {
        write("17.0.15", 20_000, 10_000);
        write("25.0.3", 22_000, 10_500);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path report = tmp.resolve("charts-report");
        int status = Analyze.run(new String[] {"--out", report.toString(), "--no-html", tmp.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        String readme = Files.readString(report.resolve("README.md"));
        String placements = readme.substring(readme.indexOf("## Server placement"));
        for (String jdk : List.of("jdk17.0.15", "jdk25.0.3")) {
            String heading = jdk + " netns vs " + jdk + " inprocess\n";
            int at = placements.indexOf(heading);
            assertTrue(at > 0, placements);
            String section = placements.substring(at, placements.indexOf("####", at));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("!\\[Forest plot of " + java.util.regex.Pattern.quote(jdk)
                    + " netns against " + java.util.regex.Pattern.quote(jdk) + " inprocess: 1 benchmark points, 0 better, 1 worse[^]]*\\]\\((charts/forest-[^)]+\\.svg)\\)")
                    .matcher(section);
            assertTrue(m.find(), placements);
            assertTrue(Files.readString(report.resolve(m.group(1))).startsWith("<svg"), m.group(1));
        }
    }
}
