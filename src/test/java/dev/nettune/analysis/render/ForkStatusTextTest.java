package dev.nettune.analysis.render;

import dev.nettune.analysis.model.ForkLog;
import dev.nettune.analysis.model.ForkRecord;
import dev.nettune.analysis.model.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failed and interrupted forks and incomplete blocks are said at the top and listed in the appendix. */
class ForkStatusTextTest {

    static final String RUN = "2026-11-30T11-00-00Z-quick";
    static final String RT = "dev.nettune.bench.RoundTripBenchmark.roundTrip";

    private static ForkRecord fork(int line, String jvm, int block, ForkRecord.Status st, String reason) {
        return new ForkRecord(Path.of("forks.jsonl"), line, line, jvm, "dev.nettune.bench.RoundTripBenchmark", RT, "thrpt",
                Map.of("payload", "64"), 0, block, jvm.equals("jdk17") ? 1 : 2, 2, "", "", st, reason,
                st == ForkRecord.Status.OK ? block - 1 : -1, st == ForkRecord.Status.OK ? 15000 : Double.NaN,
                st == ForkRecord.Status.OK ? "ops/s" : "");
    }

    private static ResultSet withLog(List<ForkRecord> forks) {
        ForkLog log = new ForkLog(RUN, Path.of("forks.jsonl"), forks, List.of());
        return new ResultSet(List.of(), List.of(), List.of(), Map.of(), new ArrayList<>(), List.of(), 0, Map.of(RUN, log));
    }

    @Test
    void problemsAreStatedAtTheTopAndListed() {
        List<ForkRecord> forks = new ArrayList<>();
        int line = 1;
        for (int b = 1; b <= 4; b++) {
            forks.add(fork(line++, "jdk17", b, ForkRecord.Status.OK, ""));
            ForkRecord.Status s = b == 2 || b == 3 ? ForkRecord.Status.FAILED : b == 4 ? ForkRecord.Status.INTERRUPTED
                    : ForkRecord.Status.OK;
            forks.add(fork(line++, "jdk25", b, s, s == ForkRecord.Status.FAILED ? "fork exited with 1" : s
                    == ForkRecord.Status.INTERRUPTED ? "Ctrl-C" : ""));
        }
        ResultSet set = withLog(forks);
        List<String> top = ForkStatusText.top(set);
        assertEquals(3, top.size(), top.toString());
        assertTrue(top.get(0).startsWith("⚠ **2 forks failed** in run " + RUN + " (jdk25 2): [which and why]"), top.get(0));
        assertTrue(top.get(1).contains("**1 fork interrupted**") && top.get(1).contains("-Dnettune.resume=" + RUN), top.get(1));
        assertTrue(top.get(2).startsWith("ℹ 3 blocks are incomplete in run " + RUN), top.get(2));
        String app = ForkStatusText.appendix(set);
        assertTrue(app.startsWith("<a id=\"forks\"></a>"), app);
        assertTrue(app.contains("| " + RUN + " | jdk25 | RoundTrip.roundTrip | payload=64 | 2     | failed      | fork exited with 1 | line 4"),
                app);
        assertTrue(app.contains("Incomplete blocks"), app);
    }

    @Test
    void aJvmThatSkipsAPointLeavesNoBlockIncomplete() {
        // jdk17 cannot run the point: skipped in block 1 and left out of the later blocks, as the runner does
        List<ForkRecord> forks = new ArrayList<>(List.of(fork(1, "jdk17", 1, ForkRecord.Status.SKIPPED, "needs JDK 21+"),
                fork(2, "jdk25", 1, ForkRecord.Status.OK, ""), fork(3, "jdk25", 2, ForkRecord.Status.OK, "")));
        assertTrue(withLog(forks).forkLogs().get(RUN).incompleteBlocks().isEmpty());
        assertTrue(ForkStatusText.top(withLog(forks)).isEmpty(), ForkStatusText.top(withLog(forks)).toString());
        forks.add(fork(4, "jdk25", 3, ForkRecord.Status.FAILED, "fork exited with 1"));
        assertEquals(List.of(3), withLog(forks).forkLogs().get(RUN).incompleteBlocks().stream()
                .map(ForkLog.IncompleteBlock::block).toList());
    }

    @Test
    void aCleanLogSaysNothingAtTheTop() {
        List<ForkRecord> forks = List.of(fork(1, "jdk17", 1, ForkRecord.Status.OK, ""),
                fork(2, "jdk25", 1, ForkRecord.Status.OK, ""));
        ResultSet set = withLog(forks);
        assertTrue(ForkStatusText.top(set).isEmpty());
        assertTrue(ForkStatusText.appendix(set).contains("Every fork ended well"));
    }
}
