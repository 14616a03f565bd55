package dev.nettune.run.record;

import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Specs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which blocks an interruption cut (some JVM ran ok before the stop, another did not run), so that a
 * resume runs them again whole; made-up fork lines, nothing is started.
 */
class CutBlockTest {
    final RunSpec spec = Specs.spec(2, 3, null, 3, Specs.targets("a", "b"));

    RunState state(ForkLine... lines) {
        RunState s = new RunState(spec);
        for (ForkLine l : lines) {
            s.add(l);
        }
        return s;
    }

    @Test
    void aBlockWithAnOkForkAndAMissingOneIsCut() {
        // SIGKILL after block 2's first fork: the other JVM of block 2 never ran
        ForkLine b1a = Specs.line(spec, 1, "a", 0, 1, ForkLine.Status.OK, 0, 100.0);
        ForkLine b1b = Specs.line(spec, 2, "b", 0, 1, ForkLine.Status.OK, 0, 110.0);
        ForkLine b2a = Specs.line(spec, 3, "a", 0, 2, ForkLine.Status.OK, 1, 101.0);
        List<Resume.CutBlock> cut = Resume.cutBlocks(spec, state(b1a, b1b, b2a), Set.of());
        assertEquals(1, cut.size());
        assertEquals(0, cut.get(0).point());
        assertEquals(2, cut.get(0).block());
        assertEquals(List.of(b2a), cut.get(0).superseded());
        assertTrue(cut.get(0).describe(spec).startsWith("point 1 block 2 ("), cut.get(0).describe(spec));
    }

    @Test
    void anInterruptedForkCutsItsBlockOnlyWhenAnotherEndedOk() {
        ForkLine b1a = Specs.line(spec, 1, "a", 0, 1, ForkLine.Status.OK, 0, 100.0);
        ForkLine b1b = Specs.line(spec, 2, "b", 0, 1, ForkLine.Status.INTERRUPTED, null, null);
        assertEquals(List.of(b1a), Resume.cutBlocks(spec, state(b1a, b1b), Set.of()).get(0).superseded());
        ForkLine first = Specs.line(spec, 1, "a", 0, 1, ForkLine.Status.INTERRUPTED, null, null);
        assertEquals(List.of(), Resume.cutBlocks(spec, state(first), Set.of()), "nothing ran ok: nothing to run again but the fork");
    }

    @Test
    void completeFailedAndDoneBlocksAreNotCut() {
        ForkLine b1a = Specs.line(spec, 1, "a", 0, 1, ForkLine.Status.OK, 0, 100.0);
        ForkLine b1b = Specs.line(spec, 2, "b", 0, 1, ForkLine.Status.FAILED, null, null);
        assertEquals(List.of(), Resume.cutBlocks(spec, state(b1a, b1b), Set.of()), "a failed fork is settled: the block is whole");
        ForkLine p1 = Specs.line(spec, 3, "a", 1, 1, ForkLine.Status.OK, 0, 100.0);
        assertEquals(List.of(), Resume.cutBlocks(spec, state(b1a, b1b, p1), Set.of(1)), "a done point is never run again");
    }

    @Test
    void aSupersededForkKeepsItsRecordButLeavesThePairing() {
        ForkLine ok = Specs.line(spec, 3, "a", 0, 2, ForkLine.Status.OK, 1, 101.5);
        ForkLine s = Resume.supersede(ok);
        assertEquals(ForkLine.Status.INTERRUPTED, s.status());
        assertEquals(ok.seq(), s.seq());
        assertEquals(ok.startedAt(), s.startedAt());
        assertEquals(ok.block(), s.block());
        assertNull(s.row());
        assertNull(s.score());
        assertTrue(s.reason().startsWith("superseded: block 2 was cut by an interruption"), s.reason());
        assertTrue(s.reason().contains("its score 101.5 ops/s is not used"), s.reason());
        RunState after = state(Specs.line(spec, 1, "a", 0, 1, ForkLine.Status.OK, 0, 100.0),
                Specs.line(spec, 2, "b", 0, 1, ForkLine.Status.OK, 0, 110.0), s);
        assertEquals(2 + 2 + 6, after.remainingForks(), "point 1: block 2 on both JVMs again and block 3; point 2: 3 blocks x 2");
    }

    @Test
    void aBlockOfAPlacementGroupIsCutWhenAnotherPlacementOfItDidNotRun() {
        // two placements of one point share each block: a stop after the in-process forks of block 1 cuts the block
        List<RunSpec.PointSpec> ps = Specs.placementPoints(List.of("64"), List.of("inprocess", "netns"));
        RunSpec g = new RunSpec(spec.runId(), spec.runDir(), ps, spec.targets(), List.of(), spec.jmh(), spec.warmup(), spec.measurement(),
                3, 42L, null, 3, spec.baseline(), false);
        ForkLine a = Specs.line(g, 1, "a", 0, 1, ForkLine.Status.OK, 0, 100.0);
        ForkLine b = Specs.line(g, 2, "b", 0, 1, ForkLine.Status.OK, 0, 110.0);
        RunState s = new RunState(g);
        s.add(a);
        s.add(b);
        List<Resume.CutBlock> cut = Resume.cutBlocks(g, s, Set.of());
        assertEquals(1, cut.size(), "point 0's block 1 is whole on its own, not with its other placement: " + cut);
        assertEquals(0, cut.get(0).point());
        assertEquals(List.of(a, b), cut.get(0).superseded().stream().sorted(java.util.Comparator.comparingInt(ForkLine::seq)).toList());
    }
}
