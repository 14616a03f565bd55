package dev.nettune.run.execution;

import dev.nettune.counters.CounterAvailability;
import dev.nettune.results.PointLine;
import dev.nettune.results.RunDocument;
import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.folder.JmhTempFiles;
import dev.nettune.run.folder.Journal;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.record.ForkCounterValues;
import dev.nettune.run.record.MergedResults;
import dev.nettune.run.record.Outcome;
import dev.nettune.run.folder.ResumeStore;
import dev.nettune.run.folder.RunLock;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.plan.PointGroups;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.record.RunState;
import dev.nettune.run.plan.StoppingRule;

import dev.nettune.stats.PairedRatio;
import org.openjdk.jmh.results.Result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * An Execution runs a {@link RunSpec}'s schedule: group of points after group ({@link PointGroups}:
 * a point, or the placements of one point), block after block, one fork at a time ({@link ForkRunner}),
 * each block's points and JVMs in the order the {@link Schedule} gives, until the {@link StoppingRule}
 * says every point of the group has enough blocks. After every fork, in this order: its JMH
 * result to {@code .resume/<seq>.ser}, the JVM's merged {@code <Class>.json} rewritten, its line
 * appended to {@code forks.jsonl}; so a killed runner loses at most the fork that was running, and
 * a stopped one (SIGTERM, Ctrl-C: the shutdown hook) also records that fork as interrupted and
 * run.json as "interrupted". A failed fork is recorded with its reason and the run goes on.
 *
 * <p>Counters ({@code -Dnettune.counters}): a block's slots ({@link RunSpec#slots()}) are its JVMs, and
 * with {@code extra} each JVM once more for a fork that counts; a fork that counted has its counters
 * in its forks.jsonl line and its row of the merged JSON, taken from its own result before merging.
 */
public final class Execution {
    static final String SKIPS = dev.nettune.results.ResultFiles.SKIPS;
    public static final String JMH_LOG = "jmh.log";
    /** How long the shutdown hook waits for the fork it stopped before killing it. */
    static final long STOP_GRACE_MILLIS = 3000;
    /** After a fork without a result, how often and how far apart to check whether the suite is stopping. */
    static final int STOP_POLLS = 5;
    static final long STOP_POLL_MILLIS = 50;

    /** How an execution ended. */
    public enum End {
        /** Every point done, no fork failed. */
        COMPLETE,
        /** Every point done, some fork failed. */
        COMPLETE_WITH_FAILURES,
        /** Stopped by the shutdown hook, or by an error writing the results; resumable. */
        INTERRUPTED
    }

    /** A Forks runs one fork; {@link ForkRunner} is the real one, tests substitute their own. */
    interface Forks {
        ForkRunner.Result run(RunSpec.PointSpec point, JvmTarget target, String launcher, Path dir);

        /** Runs one fork, with the run's counters when {@code count}; a stand-in that cannot count ignores it. */
        default ForkRunner.Result run(RunSpec.PointSpec point, JvmTarget target, String launcher, Path dir, boolean count) {
            return run(point, target, launcher, dir);
        }
    }

    /** The fork running now, for the shutdown hook; {@code slot} as in {@link RunSpec#slots()}. */
    private record InFlight(RunSpec.PointSpec point, int block, int position, int blockSize, int slot, Instant startedAt) {
    }

    private final RunSpec spec;
    private final RunRecord record;
    private final RunState state;
    private final MergedResults merged;
    private final ResumeStore store;
    private final PrintStream out;
    private final StoppingRule rule;
    private final java.util.function.Function<JmhLog, Forks> forks;
    /** The console's error stream, captured before any fork points System.err at the JMH log. */
    private final PrintStream err = System.err;
    private final Object lock = new Object();
    // guarded by lock
    private InFlight inFlight;
    private boolean closing;
    private Journal journal;
    /** What the run's counting forks count; null when the run counts nothing. */
    private CounterAvailability counters;
    /** What to run to continue this run, printed when it stops (the caller's full command, see {@link #resumeHint}). */
    private String resumeHint;

    public Execution(RunSpec spec, RunRecord record, RunState state, MergedResults merged, PrintStream out) {
        this(spec, record, state, merged, out, null);
    }

    /** An execution whose forks come from {@code forks} (given the run's JMH log); null for the real {@link ForkRunner}. */
    public Execution(RunSpec spec, RunRecord record, RunState state, MergedResults merged, PrintStream out,
              java.util.function.Function<JmhLog, Forks> forks) {
        this.forks = forks;
        this.spec = spec;
        this.record = record;
        this.state = state;
        this.merged = merged;
        this.store = new ResumeStore(spec.runDir());
        this.out = out;
        this.rule = new StoppingRule(spec.targets(), spec.baseline(), spec.blocks(), spec.ci(), spec.maxBlocks());
        this.resumeHint = "-Dnettune.resume=" + spec.runId();
    }

    /**
     * Sets what the counting forks count (the run's probe, or on resume its record); required when the
     * run's counters mode is not off.
     */
    public Execution counters(CounterAvailability available) {
        this.counters = available;
        return this;
    }

    /** Sets the command printed to continue this run when it stops: every option it needs, not just the id. */
    public Execution resumeHint(String hint) {
        this.resumeHint = hint;
        return this;
    }

    /** Runs what is left of the schedule. */
    public End run() {
        if (spec.counters().counts() && counters == null) {
            throw new IllegalStateException("counters '" + spec.counters().id() + "' without what the host can count");
        }
        List<String> notes = new ArrayList<>();
        List<String> launchers = new ArrayList<>();
        Map<String, String> pinnedLaunchers = new HashMap<>(); // "target cpus" -> launcher
        try {
            for (JvmTarget t : spec.targets()) {
                Path dir = spec.runDir().resolve(t.label());
                Files.createDirectories(dir);
                String launcher = ForkRunner.launcher(t, dir);
                launchers.add(launcher);
                record.update(doc -> doc.withJvm(t.label(), j -> j.withLauncher(launcher)));
            }
            Files.createDirectories(store.dir()); // a run stopped before its first result is resumable too
            journal = Journal.open(spec.runDir(), notes);
        } catch (IOException e) {
            out.println("nettune: error: cannot prepare " + spec.runDir() + ": " + e.getMessage());
            return stopOnError(e);
        }
        notes.forEach(n -> out.println("nettune: note: " + n));
        Thread hook = new Thread(this::stop, "nettune-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        record.update(doc -> {
            RunDocument running = doc.withStatus(RunDocument.RUNNING);
            for (JvmTarget t : spec.targets()) {
                running = running.withJvm(t.label(), j -> j.withStatus(RunDocument.RUNNING));
            }
            return running;
        });
        Progress progress = new Progress();
        try (JmhLog log = new JmhLog(spec.runDir().resolve(JMH_LOG))) {
            Forks runner = forks != null ? forks.apply(log) : new ForkRunner(spec, log, out, counters);
            PointGroups groups = state.groups();
            for (int g = 0; g < groups.size(); g++) {
                List<RunSpec.PointSpec> members = new ArrayList<>();
                for (int i : groups.members(g)) {
                    if (!state.isDone(i)) {
                        members.add(spec.points().get(i));
                    }
                }
                if (members.isEmpty()) {
                    continue;
                }
                for (RunSpec.PointSpec p : members) {
                    out.println("nettune: point " + (p.index() + 1) + "/" + spec.points().size() + " " + p.describe() + ": "
                            + spec.blocks() + " block" + (spec.blocks() == 1 ? "" : "s") + " x " + spec.targets().size() + " JVM"
                            + (spec.targets().size() == 1 ? "" : "s") + (spec.slots() > spec.targets().size() ? " x 2 (score, counters)" : "")
                            + (spec.ci() == null ? "" : ", more until +-" + percent(spec.ci())
                            + " (cap " + spec.maxBlocks() + ")")
                            + (members.size() > 1 ? ", its " + members.size() + " placements interleaved in each block" : ""));
                }
                for (int b = 1; ; b++) {
                    List<RunState.Cell> order = state.blockOrder(g, b);
                    for (int pos = 0; pos < order.size(); pos++) {
                        RunState.Cell c = order.get(pos);
                        if (state.settled(c.point(), b, c.slot())) {
                            continue; // finished in an earlier session of this run
                        }
                        RunSpec.PointSpec p = spec.points().get(c.point());
                        int target = spec.targetOf(c.slot());
                        String launcher = p.cpus() == null ? launchers.get(target) : pinnedLaunchers.computeIfAbsent(target + " " + p.cpus(),
                                k -> pinnedLauncher(spec.targets().get(target), p.cpus()));
                        if (!fork(runner, log, progress, p, b, pos + 1, order.size(), c.slot(), launcher)) {
                            return End.INTERRUPTED;
                        }
                    }
                    // The group's points stop together, so that every block of the group holds all of them.
                    List<StoppingRule.Decision> decisions = new ArrayList<>();
                    for (RunSpec.PointSpec p : members) {
                        decisions.add(rule.decide(b, state.scores(p.index(), b), state.seqs(p.index(), b)));
                    }
                    if (decisions.stream().allMatch(d -> d.stop() != null)) {
                        for (int i = 0; i < members.size(); i++) {
                            finishPoint(members.get(i), b, decisions.get(i));
                        }
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!removeHook(hook)) {
                return End.INTERRUPTED;
            }
            out.println("nettune: error: " + e.getMessage() + "; the run stops here (resume it with " + resumeHint + ")");
            return stopOnError(e);
        } finally {
            closeJournal();
        }
        if (!removeHook(hook)) {
            return End.INTERRUPTED;
        }
        boolean failures = state.outcomes().values().stream().anyMatch(o -> o.failedCount() > 0);
        End end = failures ? End.COMPLETE_WITH_FAILURES : End.COMPLETE;
        record.update(doc -> {
            RunDocument done = tallies(doc.finished(failures ? "complete-with-failures" : "complete",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
            for (JvmTarget t : spec.targets()) {
                done = done.withJvm(t.label(), j -> j.withStatus("done"));
            }
            return done;
        });
        try {
            store.delete();
            Files.deleteIfExists(spec.runDir().resolve(JmhTempFiles.LIST)); // JMH deletes its files when this process exits
            Files.deleteIfExists(spec.runDir().resolve(RunLock.FILE)); // a complete run needs no liveness proof (the lock holds until exit)
        } catch (IOException e) {
            out.println("nettune: warning: cannot delete " + store.dir() + " (" + e.getMessage() + "); the results are complete without it");
        }
        return end;
    }

    /** The launcher of {@code t} for a point its profile pins to {@code cpus}. */
    private String pinnedLauncher(JvmTarget t, String cpus) {
        try {
            return ForkRunner.launcher(t, cpus, spec.runDir().resolve(t.label()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the launcher of " + t.label() + " pinned to CPU " + cpus, e);
        }
    }

    /**
     * Runs and records one fork, slot {@code j} of its block; false when the suite is stopping. Its
     * counters go into its forks.jsonl line and, as its row, into the merged JSON.
     */
    private boolean fork(Forks runner, JmhLog log, Progress progress, RunSpec.PointSpec p, int block, int position,
                         int blockSize, int j, String launcher) throws IOException {
        JvmTarget t = spec.targets().get(spec.targetOf(j));
        String role = spec.countingOnly(j) ? dev.nettune.results.ForkLine.ROLE_COUNTERS : null;
        synchronized (lock) {
            if (closing) {
                return false;
            }
            inFlight = new InFlight(p, block, position, blockSize, j, Instant.now());
        }
        log.begin("fork " + state.nextSeq() + ": " + t.label() + " " + p.describe() + " point " + (p.index() + 1)
                + " block " + block + " position " + position + "/" + blockSize + (role == null ? "" : " (" + role + ")"));
        ForkRunner.Result r = runner.run(p, t, launcher, spec.runDir().resolve(t.label()), spec.counts(j));
        if (r.status() != ForkLine.Status.OK && stopping()) {
            return false; // Ctrl-C reached the fork first: the hook records it as interrupted, not failed
        }
        ForkLine line;
        int remaining;
        double remainingSeconds;
        synchronized (lock) {
            if (closing) {
                return false; // the hook recorded this fork as interrupted
            }
            inFlight = null;
            int seq = state.nextSeq();
            Integer row = null;
            Double score = null;
            String unit = null;
            Map<String, dev.nettune.results.ForkCounter> counted = null;
            if (r.status() == ForkLine.Status.OK) {
                store.write(seq, r.result());
                counted = ForkCounterValues.of(r.result());
                row = merged.add(t.label(), p, r.result());
                merged.write(t.label(), p.className());
                Result<?> primary = r.result().getPrimaryResult();
                score = Double.isFinite(primary.getScore()) ? primary.getScore() : null;
                unit = primary.getScoreUnit();
            }
            line = new ForkLine(seq, t.label(), p.className(), p.point().benchmark(), p.point().mode().shortLabel(),
                    p.point().params(), p.index(), block, position, blockSize, r.startedAt(), r.endedAt(), r.status(),
                    r.reason(), row, score, unit, role, counted == null || counted.isEmpty() ? null : counted);
            journal.append(line);
            state.add(line);
            remaining = state.remainingForks();
            remainingSeconds = state.remainingEstimatedSeconds();
        }
        progress.forkDone(spec.estimatedForkSeconds(p));
        String what = switch (line.status()) {
            case OK -> (line.score() == null ? "no finite score" : Progress.score(line.score())) + " " + line.unit();
            case FAILED -> "FAILED: " + line.reason();
            case SKIPPED -> "skipped: " + line.reason() + " (left out of later blocks)";
            case INTERRUPTED -> "interrupted";
        };
        out.printf(Locale.ROOT, "  [%s] %-16s %s  (fork %.1fs; %s)%n",
                Progress.where(p.index(), spec.points().size(), block, spec.blocks(), spec.maxBlocks()),
                t.label() + (role == null ? "" : " (" + role + ")"), what, line.nanos() / 1e9, progress.clock(remaining, remainingSeconds));
        return true;
    }

    /** Records a point whose blocks are done and says how it stopped, with each compared ratio. */
    private void finishPoint(RunSpec.PointSpec p, int blocks, StoppingRule.Decision d) throws IOException {
        PointLine line = new PointLine(p.index(), p.className(), p.point().benchmark(),
                p.point().mode().shortLabel(), new TreeMap<>(p.point().params()), blocks, d.stop(), spec.ci(), d.halfWidths());
        synchronized (lock) {
            if (closing) {
                return;
            }
            journal.append(line);
            state.pointDone(line);
            record.update(this::tallies);
        }
        StringBuilder s = new StringBuilder("  point " + (p.index() + 1) + "/" + spec.points().size() + " done: " + blocks
                + " block" + (blocks == 1 ? "" : "s") + " (" + d.stop() + ")");
        for (Map.Entry<String, PairedRatio> e : d.ratios().entrySet()) {
            PairedRatio r = e.getValue();
            String base = spec.targets().get(rule.pairs().stream().filter(x -> spec.targets().get(x.candidate()).label()
                    .equals(e.getKey())).findFirst().orElseThrow().baseline()).label();
            s.append("; ").append(e.getKey()).append('/').append(base).append(' ')
                    .append(String.format(Locale.ROOT, "%.3f", r.ratio()));
            s.append(r.n() >= 2 ? String.format(Locale.ROOT, " [%.3f, %.3f]", r.low(), r.high()) : " (no interval)")
                    .append(" n=").append(r.n());
            if (r.orderAdjusted()) {
                s.append(String.format(Locale.ROOT, ", later fork %+.1f%%", 100 * (r.orderEffect() - 1)));
            }
        }
        out.println(s);
    }

    /** {@code doc} with the run's counts and each JVM's summary as the state has them now. */
    private RunDocument tallies(RunDocument doc) {
        RunDocument out = doc.withCounts(state.counts());
        for (Map.Entry<String, Outcome> e : state.outcomes().entrySet()) {
            out = out.withJvm(e.getKey(), j -> j.withSummary(e.getValue().toSummary()));
        }
        return out;
    }

    /** The shutdown hook: record the running fork as interrupted and run.json as "interrupted", then end the fork. */
    private void stop() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            InFlight f = inFlight;
            if (f != null && journal != null) {
                JvmTarget t = spec.targets().get(spec.targetOf(f.slot()));
                ForkLine line = new ForkLine(state.nextSeq(), t.label(), f.point().className(), f.point().point().benchmark(),
                        f.point().point().mode().shortLabel(), f.point().point().params(), f.point().index(), f.block(),
                        f.position(), f.blockSize(), f.startedAt(), Instant.now(), ForkLine.Status.INTERRUPTED,
                        "the suite was stopped (SIGTERM or Ctrl-C) while this fork ran", null, null, null,
                        spec.countingOnly(f.slot()) ? dev.nettune.results.ForkLine.ROLE_COUNTERS : null, null);
                try {
                    journal.append(line);
                    state.add(line);
                } catch (IOException e) {
                    err.println("nettune: cannot record the interrupted fork in " + Journal.FORKS + ": " + e.getMessage());
                }
            }
            record.update(doc -> tallies(doc.interrupted(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), null, null)));
        }
        err.println("nettune: stopped; finished forks are kept. Resume with: " + resumeHint);
        endForks();
    }

    /** Ends the forked JVMs this process started (JMH's forks), politely first. */
    private static void endForks() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
        for (ProcessHandle c : children) {
            long left = deadline - System.nanoTime();
            try {
                c.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                c.destroyForcibly(); // did not end in time (or waiting failed): do not leave it running
            }
        }
    }

    /**
     * Whether the suite is being stopped. A Ctrl-C reaches the forked JVM and this one together, and
     * the fork may end (failed) before this JVM's shutdown has begun: after a fork without a result,
     * look a little longer before recording it as failed.
     */
    private boolean stopping() {
        for (int i = 0; i < STOP_POLLS; i++) {
            synchronized (lock) {
                if (closing) {
                    return true;
                }
            }
            Thread probe = new Thread(() -> { });
            try {
                Runtime.getRuntime().addShutdownHook(probe);
                Runtime.getRuntime().removeShutdownHook(probe);
            } catch (IllegalStateException e) {
                return true; // shutdown has begun: the hook is on its way
            }
            try {
                Thread.sleep(STOP_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    /** Removes the shutdown hook; false when the suite is already stopping (the hook has run or is running). */
    private boolean removeHook(Thread hook) {
        synchronized (lock) {
            if (closing) {
                return false;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                return true;
            } catch (IllegalStateException e) {
                return false; // shutdown began; the hook is about to take the lock and record the stop
            }
        }
    }

    private End stopOnError(Exception e) {
        record.update(doc -> doc.interrupted(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), null,
                String.valueOf(e.getMessage())));
        return End.INTERRUPTED;
    }

    private void closeJournal() {
        synchronized (lock) {
            if (journal != null && !closing) {
                try {
                    journal.close();
                } catch (IOException e) {
                    out.println("nettune: warning: closing " + Journal.FORKS + ": " + e.getMessage());
                }
            }
        }
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
