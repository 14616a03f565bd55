package dev.nettune.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlaggedPointsTest {
    private static final Path FIXTURE = Path.of("src/test/resources/explain/comparisons.csv");
    private static final Path COMMITTED = Path.of("bench-results/2026-12-04T13-05-38Z-quick");

    @Test
    void picksTheRowsWhoseVerdictIsBetterOrWorse() throws IOException {
        FlaggedPoints.Picked p = FlaggedPoints.fromComparisons(FIXTURE, FlaggedPoints.DEFAULT_VERDICTS);
        assertEquals(2, p.points().size(), p.toString());
        FlaggedPoint buf = p.points().get(0);
        assertEquals("dev.nettune.bench.buffers.SocketBufferStreamBenchmark.stream", buf.benchmark());
        assertEquals("thrpt", buf.mode());
        assertEquals(Map.of("path", "STREAM", "placement", "inprocess", "rcvBuf", "0", "sndBuf", "4096", "streamBytes", "4194304",
                "writeSize", "65536"), buf.params());
        assertEquals("jdk17", buf.baseline());
        assertEquals("jdk25", buf.candidate());
        assertEquals("better", buf.verdict());
        assertEquals(138.372528, buf.ratio(), 1e-9);
        assertEquals(56.7568274, buf.low(), 1e-9);
        FlaggedPoint rt = p.points().get(1);
        assertEquals("worse", rt.verdict());
        assertEquals("1024", rt.params().get("payload"), "a quoted note with a comma does not shift the columns");
    }

    @Test
    void rowsThisRunCannotReRunAreLeftOutWithTheirLine() throws IOException {
        List<String> w = FlaggedPoints.fromComparisons(FIXTURE, FlaggedPoints.DEFAULT_VERDICTS).warnings();
        assertEquals(2, w.size(), w.toString());
        assertTrue(w.get(0).contains("comparisons.csv:5: compares two runs"), w.get(0));
        assertTrue(w.get(1).contains("comparisons.csv:6: 5 fields, the header has 25"), w.get(1));
    }

    @Test
    void otherVerdictsCanBeAskedFor() throws IOException {
        List<FlaggedPoint> p = FlaggedPoints.fromComparisons(FIXTURE, Set.of("cannot tell")).points();
        assertEquals(1, p.size());
        assertEquals("dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips", p.get(0).benchmark());
    }

    @Test
    void theCommittedQuickRunFlagsTheSmallSendBufferRowOnly() throws IOException {
        List<FlaggedPoint> p = FlaggedPoints.fromComparisons(COMMITTED.resolve(FlaggedPoints.COMPARISONS),
                FlaggedPoints.DEFAULT_VERDICTS).points();
        assertEquals(1, p.size());
        assertEquals("4096", p.get(0).params().get("sndBuf"));
    }

    @Test
    void aMissingColumnOrFileNamesIt(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("comparisons.csv");
        Files.writeString(csv, "benchmark,params,mode,jvm,verdict\n");
        IOException e = assertThrows(IOException.class, () -> FlaggedPoints.fromComparisons(csv, FlaggedPoints.DEFAULT_VERDICTS));
        assertTrue(e.getMessage().contains(csv + ": no column 'baseline_jvm'"), e.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> FlaggedPoints.fromComparisons(dir.resolve("none.csv"), FlaggedPoints.DEFAULT_VERDICTS));
        assertTrue(missing.getMessage().contains("none.csv: no such file"), missing.getMessage());
    }

    @Test
    void everyPointOfARunForEachPair() throws IOException {
        FlaggedPoints.Picked p = FlaggedPoints.allPoints(COMMITTED);
        assertEquals(17, p.points().size());
        assertTrue(p.points().stream().allMatch(f -> f.baseline().equals("jdk17") && f.candidate().equals("jdk25")));
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void aPointIdIsReadableStableAndSafe() {
        FlaggedPoint p = FlaggedPoint.of("dev.nettune.bench.buffers.SocketBufferStreamBenchmark.stream", "thrpt",
                Map.of("sndBuf", "4096", "path", "STREAM"), "a", "b");
        assertEquals("SocketBufferStreamBenchmark.stream-thrpt-path-STREAM_sndBuf-4096", p.id());
        Map<String, String> many = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            many.put("param" + i, "value/" + i);
        }
        String id = FlaggedPoint.of("x.Y.z", "avgt", many, "a", "b").id();
        assertEquals(FlaggedPoint.MAX_ID, id.length());
        assertTrue(id.matches("[A-Za-z0-9._-]+"), id);
        assertEquals(id, FlaggedPoint.of("x.Y.z", "avgt", new TreeMap<>(many), "c", "d").id());
    }
}
