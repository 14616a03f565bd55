package dev.nettune.analysis.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A block is what the runner scheduled as one: with placements interleaved, the placements of a point
 * share each block (positions 1..blockSize across them), and a complete run has no incomplete block;
 * in runs from before, each point's block is its own, and a fork missing there is still found.
 */
class ForkLogTest {
    static final String RT = "dev.nettune.bench.RoundTripBenchmark.roundTrip";
    static final List<String> JVMS = List.of("jdk17", "jdk25");

    private final List<ForkRecord> forks = new ArrayList<>();

    private void fork(String jvm, int point, String placement, int block, int position, int blockSize, ForkRecord.Status st) {
        int line = forks.size() + 1;
        boolean ok = st == ForkRecord.Status.OK;
        forks.add(new ForkRecord(Path.of("forks.jsonl"), line, line, jvm, "dev.nettune.bench.RoundTripBenchmark", RT, "thrpt",
                Map.of("payload", "64", "placement", placement), point, block, position, blockSize, "", "", st,
                ok ? "" : st == ForkRecord.Status.SKIPPED ? "placement netns: needs root" : "fork exited with 1",
                ok ? block - 1 : -1, ok ? 15000 : Double.NaN, ok ? "ops/s" : ""));
    }

    /** Points 0 (inprocess) and 1 (process) interleaved in 3 blocks of 4 forks, as the runner writes them. */
    private void interleaved() {
        for (int b = 1; b <= 3; b++) {
            int pos = 1;
            for (String jvm : JVMS) {
                fork(jvm, 0, "inprocess", b, pos++, 4, ForkRecord.Status.OK);
                fork(jvm, 1, "process", b, pos++, 4, ForkRecord.Status.OK);
            }
        }
    }

    private List<ForkLog.IncompleteBlock> incomplete() {
        return new ForkLog("2026-12-04T19-25-39Z-quick", Path.of("forks.jsonl"), forks, List.of()).incompleteBlocks();
    }

    @Test
    void placementsThatShareEveryBlockLeaveNoneIncomplete() {
        interleaved();
        assertEquals(List.of(), incomplete(), "each point alone has 2 of the block's 4 forks, which is no gap");
    }

    @Test
    void aPlacementSkippedByDesignLeavesNoneIncomplete() {
        // point 2 (netns) is skipped on both JVMs in block 1; the runner leaves it out of the later blocks
        fork("jdk17", 2, "netns", 1, 1, 6, ForkRecord.Status.SKIPPED);
        fork("jdk17", 0, "inprocess", 1, 2, 6, ForkRecord.Status.OK);
        fork("jdk17", 1, "process", 1, 3, 6, ForkRecord.Status.OK);
        fork("jdk25", 2, "netns", 1, 4, 6, ForkRecord.Status.SKIPPED);
        fork("jdk25", 0, "inprocess", 1, 5, 6, ForkRecord.Status.OK);
        fork("jdk25", 1, "process", 1, 6, 6, ForkRecord.Status.OK);
        for (int b = 2; b <= 3; b++) {
            int pos = 1;
            for (String jvm : JVMS) {
                fork(jvm, 1, "process", b, pos++, 4, ForkRecord.Status.OK);
                fork(jvm, 0, "inprocess", b, pos++, 4, ForkRecord.Status.OK);
            }
        }
        assertEquals(List.of(), incomplete());
    }

    @Test
    void aFailedOrMissingForkMakesItsSharedBlockIncompleteOnce() {
        interleaved();
        forks.removeIf(f -> f.block() == 3 && f.jvm().equals("jdk25") && f.point() == 1); // the run stopped before it
        ForkRecord ok = forks.stream().filter(f -> f.block() == 2 && f.jvm().equals("jdk17") && f.point() == 0).findFirst().orElseThrow();
        forks.set(forks.indexOf(ok), new ForkRecord(ok.file(), ok.line(), ok.seq(), ok.jvm(), ok.className(), ok.benchmark(), ok.mode(),
                ok.params(), ok.point(), ok.block(), ok.position(), ok.blockSize(), "", "", ForkRecord.Status.FAILED,
                "fork exited with 1", -1, Double.NaN, ""));
        List<ForkLog.IncompleteBlock> blocks = incomplete();
        assertEquals(List.of(2, 3), blocks.stream().map(ForkLog.IncompleteBlock::block).toList());
        assertEquals(List.of(0, 1), blocks.stream().map(ForkLog.IncompleteBlock::missing).toList());
        assertEquals(List.of(4, 3), blocks.stream().map(b -> b.outcomes().size()).toList());
        assertEquals("inprocess+process", blocks.get(0).params().get("placement"));
        assertEquals(4, blocks.get(0).blockSize());
    }

    @Test
    void runsFromBeforeInterleavingStillKeepAPointsBlockItsOwn() {
        // all blocks of point 0, then all of point 1: each block holds one point's two forks, positions 1 and 2
        for (int point = 0; point <= 1; point++) {
            for (int b = 1; b <= 3; b++) {
                for (int j = 0; j < JVMS.size(); j++) {
                    if (!(point == 1 && b == 1 && j == 1)) { // point 1's block 1 lacks jdk25: not hidden by point 0's block 1
                        fork(JVMS.get(j), point, point == 0 ? "inprocess" : "process", b, j + 1, 2, ForkRecord.Status.OK);
                    }
                }
            }
        }
        List<ForkLog.IncompleteBlock> blocks = incomplete();
        assertEquals(1, blocks.size(), blocks.toString());
        assertEquals(1, blocks.get(0).point());
        assertEquals(1, blocks.get(0).block());
        assertEquals(1, blocks.get(0).missing());
        assertTrue(blocks.get(0).params().get("placement").equals("process"), blocks.get(0).params().toString());
    }
}
