package dev.nettune.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every line of every committed JSONL result file under bench-results/ reads into its record, and
 * the record written back gives the committed line byte for byte: the records write what the
 * hand-built maps wrote, in the same field order and number forms.
 */
class CommittedFilesRoundTripTest {
    static final Path RESULTS = Path.of("bench-results");

    /** The record each kind of file reads into. */
    static final Map<String, Function<ObjectNode, Object>> READERS = Map.of(
            ResultFiles.FORKS, n -> JsonLines.bind(n, ForkLine.class),
            ResultFiles.POINTS, n -> JsonLines.bind(n, PointLine.class),
            ResultFiles.SOCKOPTS, SockoptLine::of,
            ResultFiles.SKIPS, n -> JsonLines.bind(n, SkipLine.class),
            ResultFiles.REUSE, ReuseLine::of,
            ResultFiles.PLACEMENTS, PlacementLine::of);

    @ParameterizedTest
    @ValueSource(strings = {ResultFiles.FORKS, ResultFiles.POINTS, ResultFiles.SOCKOPTS, ResultFiles.SKIPS,
            ResultFiles.REUSE, ResultFiles.PLACEMENTS})
    void everyCommittedLineWritesBackAsItWas(String name) throws IOException {
        List<Path> files = committed(name);
        assertFalse(files.isEmpty(), "no committed " + name + " under " + RESULTS.toAbsolutePath());
        Function<ObjectNode, Object> reader = READERS.get(name);
        int lines = 0;
        for (Path f : files) {
            List<String> text = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < text.size(); i++) {
                if (text.get(i).isBlank()) {
                    continue;
                }
                Object record = reader.apply(JsonLines.object(text.get(i)));
                assertEquals(text.get(i), JsonLines.text(record), f + " line " + (i + 1) + " as " + record.getClass().getSimpleName());
                lines++;
            }
        }
        assertFalse(lines == 0, "no lines in the committed " + name);
    }

    /**
     * Every committed run.json, of each runner version's shape, reads into the record and writes back
     * byte for byte; what it holds is bound to the typed parts (no key of it is left unread), and the
     * record's own output reads and writes back the same again.
     */
    @org.junit.jupiter.api.Test
    void everyCommittedRunDocumentWritesBackAsItWas() throws IOException {
        List<Path> files = committed(ResultFiles.RUN);
        assertFalse(files.isEmpty(), "no committed " + ResultFiles.RUN);
        int first = 0;
        int blocks = 0;
        for (Path f : files) {
            RunDocument doc = RunDocument.read(f);
            String text = doc.text();
            assertEquals(Files.readString(f), text, f.toString());
            assertTrue(doc.writesBack(JsonLines.JSON.readTree(f.toFile())), f + ": a key the record does not know");
            assertEquals(text, RunDocument.of(JsonLines.JSON.readTree(text)).text(), f + ", second round trip");
            assertNotNull(doc.plan().classes().get(0).className(), f.toString());
            for (RunDocument.Jvm j : doc.jvms()) {
                assertNotNull(j.launcher(), f + " " + j.label());
            }
            if (doc.settings().forks() != null) {
                first++;
                assertNull(doc.method(), f + ": the first runner's shape has no method");
                assertNull(doc.plan().points(), f.toString());
            }
            if (doc.settings().blocks() != null) {
                blocks++;
                assertEquals(doc.settings().blocks(), doc.method().blocks(), f.toString());
                assertEquals(doc.plan().pointsPerJvm(), doc.plan().points().size(), f.toString());
                assertNotNull(doc.plan().classes().get(0).forkJvmArgs(), f.toString());
                doc.jvms().forEach(j -> assertNotNull(j.variantFlags(), f + " " + j.label()));
            }
        }
        assertTrue(first > 0 && blocks > 0, "both shapes are committed: " + first + " of the first, " + blocks + " of blocks");
    }

    static List<Path> committed(String name) throws IOException {
        try (Stream<Path> s = Files.walk(RESULTS)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
        }
    }
}
