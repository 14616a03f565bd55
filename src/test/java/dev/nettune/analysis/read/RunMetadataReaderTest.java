package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.RunInfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.json's per-JVM summary, in the runner's two forms. */
class RunMetadataReaderTest {

    @TempDir
    Path tmp;

    private RunInfo.Summary summary(String json) throws Exception {
        Path f = Files.writeString(tmp.resolve("run.json"), "{\"runId\":\"r\",\"jvms\":[{\"label\":\"jdk25\",\"summary\":" + json + "}]}");
        List<Diagnostic> diags = new ArrayList<>();
        RunInfo run = RunMetadataReader.readRun(f, diags);
        assertEquals(List.of(), diags);
        return run.jvms().get(0).summary();
    }

    @Test
    void failedForksOfTheBlockMethodAreNotFailedPoints() throws Exception {
        assertEquals(0, summary("{\"forksPlanned\":96,\"ok\":94,\"failed\":2,\"incompleteBlocks\":2,\"failedForks\":[\"a\",\"b\"]}").failed());
    }

    @Test
    void failedPointsOfAPointCountingSummaryStay() throws Exception {
        RunInfo.Summary s = summary("{\"points\":22,\"ok\":21,\"skipped\":0,\"failed\":1,\"failedPoints\":[\"p\"]}");
        assertEquals(1, s.failed());
        assertEquals(List.of("p"), s.failedPoints());
    }
}
