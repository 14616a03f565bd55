package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview of every run (what {@code mvn verify} regenerates into {@code analysis/}) after a
 * user's partial run: no file an earlier generation wrote is deleted, the files of the complete run
 * stay byte for byte, and an answer moves to the new run only where it measured the question as
 * completely; a later complete run takes every answer.
 */
class OverviewTest {

    private static final String COMPLETE = "2026-11-30T11-00-00Z-quick";
    private static final String PARTIAL = "2026-12-03T10-00-00Z-quick";
    private static final String LATER = "2026-12-04T10-00-00Z-quick";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aPartialRunDeletesNothingAndTakesOnlyTheAnswersItMeasuredCompletely() throws IOException {
        Path results = tmp.resolve("bench-results");
        Path overview = tmp.resolve("analysis");
        Fixtures.copyTree(Fixtures.QUICK_RUN.resolve(COMPLETE), results.resolve(COMPLETE));
        assertEquals(0, analyze(overview, results));
        Map<String, byte[]> before = files(overview);
        assertTrue(before.keySet().stream().anyMatch(f -> f.startsWith("charts/model-" + COMPLETE)), before.keySet().toString());

        // the user's run: round trips as the complete run measured them, connection scaling at 16
        // connections only, no other family
        Path partial = Fixtures.copyTree(Fixtures.QUICK_RUN.resolve(COMPLETE), results.resolve(PARTIAL));
        renameRun(partial, PARTIAL, "2026-12-03T10:00:00Z");
        for (String label : List.of("jdk17", "jdk25")) {
            for (String c : List.of("Coalescing", "ConnectionReuse", "Nagle", "SocketBufferStream")) {
                Files.delete(partial.resolve(label).resolve(c + "Benchmark.json"));
            }
            keepOnly(partial.resolve(label).resolve("ConnectionScalingBenchmark.json"), "connections", "16");
        }
        assertEquals(0, analyze(overview, results));
        Map<String, byte[]> after = files(overview);
        for (String f : before.keySet()) {
            assertTrue(after.containsKey(f), "deleted by the partial run's overview: " + f);
            if (f.startsWith("charts/") && f.contains(COMPLETE)) {
                assertArrayEquals(before.get(f), after.get(f), "the complete run's chart changed: " + f);
            }
        }
        // round trip: measured as completely, and newer; the rest stay with the complete run
        assertEquals(List.of(PARTIAL, COMPLETE, COMPLETE, COMPLETE, COMPLETE, COMPLETE), answerRuns(overview));
        String readme = Files.readString(overview.resolve("README.md"));
        assertTrue(readme.contains("### I/O model (run " + COMPLETE + ")"), "the family chart follows its answer");
        assertTrue(readme.contains("A run of a few points does not replace a fuller answer."), "the rule is stated");

        // a later complete run replaces every answer, and still deletes nothing
        Fixtures.copyTree(Fixtures.QUICK_RUN.resolve(COMPLETE), results.resolve(LATER));
        renameRun(results.resolve(LATER), LATER, "2026-12-04T10:00:00Z");
        assertEquals(0, analyze(overview, results));
        assertEquals(List.of(LATER, LATER, LATER, LATER, LATER, LATER), answerRuns(overview));
        // the verdict is the newest JDK pair's; these runs have no block records (unpaired), and unpaired
        // comparisons never pool (Synthesis's rule), so there is no pooled table
        String three = Files.readString(overview.resolve("README.md"));
        assertTrue(three.startsWith("# nettune report — 3 runs\n\n<a id=\"verdict\"></a>\n## Verdict: jdk25 against "
                + "jdk17\n\n**jdk25 vs jdk17**, run " + LATER + " "), three.substring(0, 300));
        assertFalse(three.contains("### Pooled over runs"), "unpaired runs pooled");
        Map<String, byte[]> last = files(overview);
        after.keySet().forEach(f -> assertTrue(last.containsKey(f), "deleted by the later run's overview: " + f));
    }

    private static int analyze(Path out, Path results) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(sink, true, StandardCharsets.UTF_8);
        int status = Analyze.run(new String[] {"--out", out.toString(), results.toString()}, p, p);
        assertEquals(0, status, sink.toString(StandardCharsets.UTF_8));
        return status;
    }

    /** The run each answer of the README names, in topic order ("" when not measured). */
    private static List<String> answerRuns(Path overview) throws IOException {
        String readme = Files.readString(overview.resolve("README.md"));
        String answers = readme.substring(readme.indexOf("## Answers"), readme.indexOf("## JVM against JVM"));
        return answers.lines().filter(l -> l.startsWith("- **")).map(l -> {
            int at = l.lastIndexOf("(Run ");
            return at < 0 ? "" : l.substring(at + 5, l.lastIndexOf(".)"));
        }).toList();
    }

    /** Every file under {@code dir}, by relative path with '/', with its bytes. */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }


    private static void renameRun(Path runDir, String id, String startedAt) throws IOException {
        ObjectNode run = (ObjectNode) JSON.readTree(runDir.resolve("run.json").toFile());
        run.put("runId", id);
        run.put("startedAt", startedAt);
        JSON.writeValue(runDir.resolve("run.json").toFile(), run);
    }

    /** Keeps the entries of a JMH file whose parameter {@code name} is {@code value}. */
    private static void keepOnly(Path file, String name, String value) throws IOException {
        ArrayNode kept = JSON.createArrayNode();
        for (JsonNode e : JSON.readTree(file.toFile())) {
            if (value.equals(e.path("params").path(name).asText())) {
                kept.add(e);
            }
        }
        assertTrue(kept.size() > 0 && kept.size() < JSON.readTree(file.toFile()).size(), file.toString());
        JSON.writeValue(file.toFile(), kept);
    }
}
