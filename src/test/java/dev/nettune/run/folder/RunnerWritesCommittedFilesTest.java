package dev.nettune.run.folder;

import dev.nettune.results.JsonLines;
import dev.nettune.results.PointLine;
import dev.nettune.results.ResultFiles;
import dev.nettune.results.RunDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner's own code path (the Journal, with the run's typed {@link ForkLine}) writes every
 * committed forks.jsonl and points.jsonl under bench-results/ back byte for byte: read as a resume
 * reads them, written as a run appends them; each committed run.json, read and rewritten through the
 * run's {@link RunRecord}; and each JVM's summary in run.json as its record writes it. Beside
 * dev.nettune.results.CommittedFilesRoundTripTest, which checks the records alone.
 */
class RunnerWritesCommittedFilesTest {
    static final Path RESULTS = Path.of("bench-results");

    @Test
    void forksWriteBackAsCommitted(@TempDir Path tmp) throws IOException {
        List<Path> runs = committedRuns(ResultFiles.FORKS);
        assertFalse(runs.isEmpty(), "no committed " + ResultFiles.FORKS + " under " + RESULTS.toAbsolutePath());
        for (Path run : runs) {
            Path out = Files.createDirectories(tmp.resolve(String.valueOf(run.hashCode())));
            Journal.rewriteForks(out, Journal.readForks(run));
            assertArrayEquals(Files.readAllBytes(run.resolve(ResultFiles.FORKS)), Files.readAllBytes(out.resolve(ResultFiles.FORKS)),
                    run.resolve(ResultFiles.FORKS).toString());
        }
    }

    @Test
    void pointsWriteBackAsCommitted(@TempDir Path tmp) throws IOException {
        List<Path> runs = committedRuns(ResultFiles.POINTS);
        assertFalse(runs.isEmpty(), "no committed " + ResultFiles.POINTS + " under " + RESULTS.toAbsolutePath());
        for (Path run : runs) {
            Map<Integer, PointLine> points = Journal.readPoints(run);
            List<Integer> order = new ArrayList<>(); // the order the run finished them, as the file has it
            for (String line : Files.readAllLines(run.resolve(ResultFiles.POINTS), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    order.add(JsonLines.object(line).get("point").asInt());
                }
            }
            Path out = Files.createDirectories(tmp.resolve(String.valueOf(run.hashCode())));
            try (Journal j = Journal.open(out, new ArrayList<>())) {
                for (int p : order) {
                    j.append(points.get(p));
                }
            }
            assertArrayEquals(Files.readAllBytes(run.resolve(ResultFiles.POINTS)), Files.readAllBytes(out.resolve(ResultFiles.POINTS)),
                    run.resolve(ResultFiles.POINTS).toString());
        }
    }

    /** Every JVM summary of the fork-count shape in a committed run.json writes back as the run's record writes it. */
    @Test
    void summariesWriteBackAsCommitted() throws IOException {
        int n = 0;
        for (Path run : committedRuns(ResultFiles.RUN)) {
            for (RunDocument.Jvm j : RunDocument.read(run.resolve(ResultFiles.RUN)).jvms()) {
                if (j.summary() != null && j.summary().has("forksPlanned")) {
                    assertEquals(JsonLines.text(j.summary()), JsonLines.text(JsonLines.bind(j.summary(), RunDocument.Summary.class)),
                            run + " " + j.label());
                    n++;
                }
            }
        }
        assertTrue(n > 0, "no committed summary of the fork-count shape");
    }

    /** Every committed run.json, read as a resume reads it and rewritten as a run rewrites it, is as it was. */
    @Test
    void runDocumentsWriteBackAsCommitted(@TempDir Path tmp) throws IOException {
        List<Path> runs = committedRuns(ResultFiles.RUN);
        assertFalse(runs.isEmpty(), "no committed " + ResultFiles.RUN + " under " + RESULTS.toAbsolutePath());
        for (Path run : runs) {
            Path out = Files.createDirectories(tmp.resolve(String.valueOf(run.hashCode()))).resolve(ResultFiles.RUN);
            Files.copy(run.resolve(ResultFiles.RUN), out);
            RunRecord record = RunRecord.read(out);
            record.update(doc -> doc);
            assertArrayEquals(Files.readAllBytes(run.resolve(ResultFiles.RUN)), Files.readAllBytes(out), run.resolve(ResultFiles.RUN).toString());
        }
    }

    /** A run.json with a key this runner does not write (a newer runner's) is not rewritten by it: that would drop the key. */
    @Test
    void aRunDocumentWithAnUnknownKeyIsNotTakenForRewriting(@TempDir Path tmp) throws IOException {
        Path run = committedRuns(ResultFiles.RUN).get(0).resolve(ResultFiles.RUN);
        Path out = tmp.resolve(ResultFiles.RUN);
        Files.writeString(out, Files.readString(run).replaceFirst("\\{", "{\n  \"fromTheFuture\" : 1,"));
        assertEquals(RunDocument.read(run), RunDocument.read(out), "the analysis reads it as before, the key ignored");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> RunRecord.read(out));
        assertTrue(e.getMessage().contains("rewriting it would lose them"), e.getMessage());
    }

    /** Run folders holding a non-empty {@code name}. */
    static List<Path> committedRuns(String name) throws IOException {
        try (Stream<Path> s = Files.walk(RESULTS)) {
            return s.filter(p -> p.getFileName().toString().equals(name) && p.toFile().length() > 0)
                    .map(Path::getParent).sorted().toList();
        }
    }
}
