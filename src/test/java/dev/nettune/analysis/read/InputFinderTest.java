package dev.nettune.analysis.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.model.ResultSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the analysis reads from a run folder, and what it leaves to the tools that wrote it. */
class InputFinderTest {

    @TempDir
    Path tmp;

    @Test
    void theRunsOwnReportAndFlameGraphsAreNotReadAsResults() throws IOException {
        Path run = tmp.resolve("2026-11-30T11-00-00Z-quick");
        Fixtures.copyTree(Fixtures.QUICK_RUN.resolve("2026-11-30T11-00-00Z-quick"), run);
        ResultSet plain = InputFinder.load(List.of(tmp));

        // what explain and the report leave beside the results: JSON that is not JMH's
        Files.createDirectories(run.resolve("explain/point-1"));
        Files.writeString(run.resolve("explain/index.json"), "{\"points\": []}");
        Files.writeString(run.resolve("explain/point-1/flames.json"), "{\"jvm\": \"jdk17\"}");
        Files.createDirectories(run.resolve("report"));
        Files.writeString(run.resolve("report/summary.json"), "{}");
        ResultSet withExplain = InputFinder.load(List.of(tmp));

        assertEquals(plain.files(), withExplain.files(), "files read as results");
        assertEquals(plain.results().size(), withExplain.results().size());
        assertEquals(plain.diagnostics(), withExplain.diagnostics(), "nothing named unusable");
        assertTrue(InputFinder.writtenAfterTheRun(run.resolve("explain/point-1/flames.json")));
        assertTrue(!InputFinder.writtenAfterTheRun(run.resolve("jdk17/RoundTripBenchmark.json")));

        // a folder named explain that is not a run's (no run.json beside it) is the user's input
        Path foreign = tmp.resolve("mine/explain/RoundTripBenchmark.json");
        assertTrue(!InputFinder.writtenAfterTheRun(foreign));
    }

}
