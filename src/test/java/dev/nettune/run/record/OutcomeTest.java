package dev.nettune.run.record;

import dev.nettune.results.RunDocument;
import dev.nettune.results.SkipLine;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Specs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.nettune.run.folder.ForkLine.Status.FAILED;
import static dev.nettune.run.folder.ForkLine.Status.INTERRUPTED;
import static dev.nettune.run.folder.ForkLine.Status.OK;
import static dev.nettune.run.folder.ForkLine.Status.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OutcomeTest {
    static final String RT = "dev.nettune.bench.model.ModelBenchmark.roundTrip";

    @Test
    void eachForkIsOkFailedSkippedOrInterruptedAndASkipCountsForEveryBlockOfItsPoint() {
        RunSpec spec = Specs.spec(2, 3, null, 9, Specs.targets("jdk17", "jdk25"));
        RunState state = new RunState(spec);
        int seq = 0;
        // point 0: jdk17 ok in blocks 1-3; jdk25 fails block 2, is interrupted in block 3 and then runs it again
        for (int b = 1; b <= 3; b++) {
            state.add(Specs.line(spec, ++seq, "jdk17", 0, b, OK, b - 1, 100.0));
        }
        state.add(Specs.line(spec, ++seq, "jdk25", 0, 1, OK, 0, 90.0));
        state.add(Specs.line(spec, ++seq, "jdk25", 0, 2, FAILED, null, null));
        state.add(Specs.line(spec, ++seq, "jdk25", 0, 3, INTERRUPTED, null, null));
        state.add(Specs.line(spec, ++seq, "jdk25", 0, 3, OK, 1, 95.0));
        // point 1: jdk17 is skipped in block 1 (so not run in blocks 2-3); jdk25 is interrupted in block 1
        state.add(Specs.line(spec, ++seq, "jdk17", 1, 1, SKIPPED, null, null));
        state.add(Specs.line(spec, ++seq, "jdk25", 1, 1, INTERRUPTED, null, null));

        Map<String, Outcome> o = state.outcomes();
        assertEquals("jdk17: 6 forks planned, 3 ok, 0 failed, 3 skipped (skipped reason), 0 incomplete blocks, 12s",
                o.get("jdk17").summary("jdk17"));
        assertEquals("jdk25: 6 forks planned, 2 ok, 1 failed, 0 skipped, 1 interrupted, 2 incomplete blocks, 12s",
                o.get("jdk25").summary("jdk25"));
        assertEquals(List.of("ModelBenchmark.roundTrip thrpt {payload=64} block 2: failed reason"),
                o.get("jdk25").toSummary().failedForks());
        assertEquals(2, state.incompleteBlocks(), "point 0 block 2 (failed) and point 1 block 1 (interrupted)");
        assertEquals(1, o.get("jdk25").failedCount());
        // left to run: point 1 block 1 on jdk25 (interrupted), blocks 2-3 on jdk25; jdk17 is skipped there
        assertEquals(3, state.remainingForks());
        assertEquals(List.of(1), state.order(1, 2), "jdk17 is left out of point 1 after its skip");
        assertEquals(2, state.order(1, 1).size(), "the block where the skip happened still holds both");
        RunDocument.Counts counts = state.counts();
        assertEquals(12, counts.forksPlanned());
        assertEquals(5, counts.forksOk());
        assertEquals(3, counts.forksSkipped());
    }

    @Test
    void scoresOfABlockAreTheOkForksOnly() {
        RunSpec spec = Specs.spec(1, 2, null, 6, Specs.targets("a", "b"));
        RunState state = new RunState(spec);
        state.add(Specs.line(spec, 1, "a", 0, 1, OK, 0, 10.0));
        state.add(Specs.line(spec, 2, "b", 0, 1, FAILED, null, null));
        state.add(Specs.line(spec, 3, "b", 0, 2, OK, 0, 12.0));
        double[][] s = state.scores(0, 2);
        assertEquals(10.0, s[0][0]);
        assertEquals(Double.NaN, s[0][1]);
        assertEquals(Double.NaN, s[1][0]);
        assertEquals(12.0, s[1][1]);
    }

    @Test
    void skipLinesAreReadAsWrittenByTheBenchmarks(@TempDir Path tmp) throws Exception {
        Path skips = tmp.resolve("skips.jsonl");
        // As dev.nettune.bench.SkipPoint writes it (params in key order), plus a broken line.
        String line = "{\"benchmark\":\"" + RT + "\",\"params\":\"model=VIRTUAL,payload=64\",\"jvm\":\"17.0.15\","
                + "\"reason\":\"virtual threads need JDK 21+\"}\n";
        Files.writeString(skips, line + "not json\n");
        List<SkipLine> read = Outcome.readSkips(skips);
        assertEquals(1, read.size(), "the broken line is left out");
        assertEquals(RT, read.get(0).benchmark());
        assertEquals(Map.of("model", "VIRTUAL", "payload", "64"), read.get(0).paramMap());
        assertEquals("virtual threads need JDK 21+", read.get(0).reason());
    }

    @Test
    void missingSkipFileMeansNoSkips(@TempDir Path tmp) throws Exception {
        assertEquals(List.of(), Outcome.readSkips(tmp.resolve("none.jsonl")));
    }
}
