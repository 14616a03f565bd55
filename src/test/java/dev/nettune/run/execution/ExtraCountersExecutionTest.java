package dev.nettune.run.execution;

import dev.nettune.counters.CounterAvailability;
import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.folder.Journal;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.options.CountersMode;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Specs;
import dev.nettune.run.record.MergedResults;
import dev.nettune.run.record.RunState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -Dnettune.counters=extra} with made-up forks: every block runs each JVM twice, once to count
 * (marked "role":"counters" and asked to count) and once for the score, in a shuffled order; the
 * stopping rule and the tallies see the counting forks for what they are, and a run state rebuilt
 * from forks.jsonl (a resume) finds them in their slots.
 */
class ExtraCountersExecutionTest {
    static RunSpec extra(Path runDir, int blocks) {
        RunSpec s = ExecutionTest.spec(runDir, 1, blocks, null, blocks, Specs.targets("a", "b"));
        return new RunSpec(s.runId(), runDir, s.points(), s.targets(), List.of(), s.jmh(), s.warmup(), s.measurement(), blocks,
                s.seed(), null, blocks, s.baseline(), false, CountersMode.EXTRA);
    }

    @Test
    void eachBlockRunsACountingForkPerJvmBesideItsScoreFork(@TempDir Path tmp) throws Exception {
        RunSpec spec = extra(tmp, 4);
        assertEquals(4, spec.slots());
        RunRecord record = new RunRecord(tmp.resolve("run.json"), ExecutionTest.doc(spec.targets()));
        List<String> asked = new ArrayList<>();
        Execution.Forks fake = new Execution.Forks() {
            @Override
            public ForkRunner.Result run(RunSpec.PointSpec point, dev.nettune.run.options.JvmTarget target, String launcher, Path dir) {
                throw new AssertionError("the execution says whether a fork counts");
            }

            @Override
            public ForkRunner.Result run(RunSpec.PointSpec point, dev.nettune.run.options.JvmTarget target, String launcher, Path dir,
                                         boolean count) {
                asked.add(target.label() + (count ? "+" : ""));
                Instant now = Instant.now();
                // a counting fork scores far off, so that a score taken from it would show
                double score = count ? 1.0 : target.label().equals("a") ? 1000 : 900;
                return new ForkRunner.Result(ForkLine.Status.OK, ExecutionTest.fork(point.point(), score), null, now, now);
            }
        };
        RunState state = new RunState(spec);
        Execution.End end = new Execution(spec, record, state, new MergedResults(tmp),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), log -> fake)
                .counters(new CounterAvailability(List.of(), true, Map.of())).run();
        assertEquals(Execution.End.COMPLETE, end);
        assertEquals(16, asked.size(), "4 blocks x 2 JVMs x (score + counters)");
        assertEquals(8, asked.stream().filter(a -> a.endsWith("+")).count());

        List<ForkLine> lines = Journal.readForks(tmp);
        assertEquals(16, lines.size());
        for (ForkLine l : lines) {
            assertEquals(4, l.blockSize());
            assertEquals(l.score() == 1.0, l.countingOnly(), "the counting forks are the ones marked: " + l);
        }
        boolean countingFirstSomewhere = false;
        boolean countingLastSomewhere = false;
        for (int b = 1; b <= 4; b++) {
            int block = b;
            List<ForkLine> in = lines.stream().filter(l -> l.block() == block && l.jvm().equals("a")).toList();
            assertEquals(2, in.size());
            countingFirstSomewhere |= in.get(0).countingOnly();
            countingLastSomewhere |= in.get(1).countingOnly();
        }
        assertTrue(countingFirstSomewhere && countingLastSomewhere, "the schedule shuffles the counting fork too");

        double[][] scores = state.scores(0, 4);
        for (double s : scores[0]) {
            assertEquals(1000, s, 1e-9, "a's scores are its score forks'");
        }
        RunState rebuilt = new RunState(spec);
        lines.forEach(rebuilt::add);
        assertEquals(0, rebuilt.remainingForks(), "a resume finds every slot settled");
        assertEquals(16, rebuilt.counts().forksOk());
        assertEquals(8, rebuilt.outcomes().get("a").toSummary().forksPlanned(), "a label's tally counts its counting forks");
    }

    @Test
    void aCountingRunNeedsWhatTheHostCanCount(@TempDir Path tmp) {
        RunSpec spec = extra(tmp, 2);
        RunRecord record = new RunRecord(tmp.resolve("run.json"), ExecutionTest.doc(spec.targets()));
        Execution e = new Execution(spec, record, new RunState(spec), new MergedResults(tmp),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), log -> null);
        assertThrows(IllegalStateException.class, e::run);
        assertFalse(tmp.resolve("forks.jsonl").toFile().exists(), "refused before anything ran");
    }
}
