package dev.nettune.run.execution;

import dev.nettune.counters.CounterAvailability;
import dev.nettune.host.Launchers;
import dev.nettune.results.SkipLine;
import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.folder.JmhTempFiles;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.record.Outcome;
import dev.nettune.run.options.Durations;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.plan.RunSpec;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A ForkRunner runs one JMH fork of one benchmark point on one JVM: one {@link Runner} with
 * {@code -f 1 -wf 0}, the point's method, mode and one value per parameter, the run's iteration
 * settings, and the target's launcher and flags. JMH's output goes to the {@link JmhLog}; what
 * comes back is the fork's result, or why there is none: a skip (the benchmark wrote its reason to
 * skips.jsonl) or a failure (JMH's exception line). A fork that counts gets the profilers of the
 * run's {@link CounterAvailability} on top of the run's own options.
 */
final class ForkRunner implements Execution.Forks {
    /** How long a fork waits for another JMH run's lock (/tmp/jmh.lock) before it counts as failed. */
    static final long LOCK_WAIT_SECONDS = 900;
    static final long LOCK_POLL_SECONDS = 5;

    private final RunSpec spec;
    private final JmhLog log;
    private final PrintStream console;
    private final CounterAvailability counters;

    /** A Result is how one fork ended: its single-fork JMH result when ok, else the reason. */
    record Result(ForkLine.Status status, RunResult result, String reason, Instant startedAt, Instant endedAt) {
    }

    ForkRunner(RunSpec spec, JmhLog log, PrintStream console, CounterAvailability counters) {
        this.spec = spec;
        this.log = log;
        this.console = console;
        this.counters = counters;
    }

    /**
     * The executable JMH forks with: the JDK's java, or for a fixed placement a script in the result
     * directory that execs it under taskset (JMH's -jvm takes one path, not a command line).
     */
    static String launcher(JvmTarget t, Path dir) throws IOException {
        return launcher(t, null, dir);
    }

    /**
     * The executable the forks of a point pinned to {@code pointCpus} (a profile's {@code @cpus}; null when
     * free) start with on {@code t}: a target placed by its variant keeps its own placement.
     */
    static String launcher(JvmTarget t, String pointCpus, Path dir) throws IOException {
        String cpus = t.cpus() != null ? t.cpus() : pointCpus;
        if (cpus == null) {
            return t.jdk().java().toString();
        }
        Path script = dir.resolve(t.cpus() != null ? "java-taskset.sh" : "java-taskset-" + cpus + ".sh");
        return Launchers.pinned(script, t.jdk().java(), cpus, "nettune: fork " + t.label() + " with placement 'taskset -c " + cpus + "'"
                + (t.cpus() != null ? "" : " (the point's, from its profile)")).toString();
    }

    /** The options of one fork of {@code point} on {@code target}, whose files go to {@code dir}, without counters. */
    static Options options(RunSpec spec, RunSpec.PointSpec point, JvmTarget target, String launcher, Path dir) {
        return options(spec, point, target, launcher, dir, null);
    }

    /**
     * The options of one fork of {@code point} on {@code target}, whose files go to {@code dir}; with the
     * profilers of {@code counters} when it is not null.
     */
    static Options options(RunSpec spec, RunSpec.PointSpec point, JvmTarget target, String launcher, Path dir,
                           CounterAvailability counters) {
        List<String> flags = new ArrayList<>();
        spec.jmh().getJvmArgsPrepend().orElse(List.of()).forEach(flags::add);
        flags.addAll(target.flags());
        flags.add("-D" + dev.nettune.results.ResultFiles.SOCKOPTS_PROPERTY + "=" + dir.resolve(dev.nettune.results.ResultFiles.SOCKOPTS));
        flags.add("-D" + dev.nettune.results.ResultFiles.SKIPS_PROPERTY + "=" + dir.resolve(Execution.SKIPS));
        ChainedOptionsBuilder b = new OptionsBuilder().parent(spec.jmh())
                .include("^" + Pattern.quote(point.point().benchmark()) + "$")
                .forks(1).warmupForks(0)
                .mode(point.point().mode())
                .warmupIterations(spec.warmupOf(point).count()).warmupTime(spec.warmupOf(point).time())
                .measurementIterations(spec.measurement().count()).measurementTime(spec.measurement().time());
        point.point().params().forEach(b::param);
        if (counters != null) {
            counters.addTo(b);
        }
        // Without jvmArgs JMH hands the fork this process's own JVM flags, which were chosen for the
        // JDK running the suite (e.g. --sun-misc-unsafe-memory-access=allow, fatal on 17): never inherit them.
        List<String> jvmArgs = spec.jmh().getJvmArgs().hasValue() ? List.copyOf(spec.jmh().getJvmArgs().get()) : point.forkJvmArgs();
        return b.jvmArgs(jvmArgs.toArray(new String[0]))
                .jvm(launcher).jvmArgsPrepend(flags.toArray(new String[0]))
                .shouldFailOnError(false)
                .build();
    }

    /**
     * Runs the fork; waits (up to {@link #LOCK_WAIT_SECONDS}) while another JMH run holds the
     * machine's JMH lock. After a fork of a netns placement, removes what a fork that could not
     * clean up (killed outright) left behind ({@link dev.nettune.placement.Netns#sweep()}).
     */
    @Override
    public Result run(RunSpec.PointSpec point, JvmTarget target, String launcher, Path dir) {
        return run(point, target, launcher, dir, false);
    }

    @Override
    public Result run(RunSpec.PointSpec point, JvmTarget target, String launcher, Path dir, boolean count) {
        try {
            Result refused = ports(point); // a connection-churning point: see PortUse
            return refused != null ? refused : runFork(point, target, launcher, dir, count);
        } finally {
            if (point.point().params().getOrDefault(Plan.PLACEMENT_PARAM, "").startsWith("netns")) {
                sweep();
            }
        }
    }

    /** For a point that churns ports: a skip when its fork could exhaust them, else null after waiting for TIME_WAIT to drain. */
    private Result ports(RunSpec.PointSpec point) {
        java.util.Map<String, String> params = point.point().params();
        RunSpec.Iterations warmup = spec.warmupOf(point);
        if (!dev.nettune.placement.PortUse.churnsPorts(params)) {
            return null;
        }
        double seconds = (warmup.count() * warmup.time().convertTo(TimeUnit.MILLISECONDS)
                + spec.measurement().count() * spec.measurement().time().convertTo(TimeUnit.MILLISECONDS)) / 1000.0;
        String refused = dev.nettune.placement.PortUse.exhaustionReason(params, seconds);
        if (refused != null) {
            return new Result(ForkLine.Status.SKIPPED, null, refused, Instant.now(), Instant.now());
        }
        try {
            dev.nettune.placement.PortUse.Drain d = dev.nettune.placement.PortUse.drain(params, dev.nettune.placement.PortUse.boundMillis());
            if (d != null) {
                log.note(d.describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is being stopped: the fork's own start notices
        }
        return null;
    }

    private void sweep() {
        try {
            for (String removed : dev.nettune.placement.Netns.sweep()) {
                log.note("removed " + removed + " left by a fork that ended without cleaning up");
            }
        } catch (IOException e) {
            log.note("could not check for namespaces left by forks: " + e.getMessage());
        }
    }

    private Result runFork(RunSpec.PointSpec point, JvmTarget target, String launcher, Path dir, boolean count) {
        Options options = options(spec, point, target, launcher, dir, count ? counters : null);
        long lockDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCK_WAIT_SECONDS);
        boolean toldWaiting = false;
        while (true) {
            Instant started = Instant.now();
            PrintStream stdout = System.out;
            PrintStream stderr = System.err;
            try {
                Collection<RunResult> results;
                // JMH's host copies the forked VM's System.out/err to its own: into the log with the rest.
                System.setOut(log.stream());
                System.setErr(log.stream());
                JmhTempFiles.recordWhenForked(spec.runDir());
                try {
                    results = new Runner(options, log.format()).run();
                } finally {
                    System.setOut(stdout);
                    System.setErr(stderr);
                }
                Instant ended = Instant.now();
                if (results.size() == 1) {
                    RunResult r = results.iterator().next();
                    String partial = incomplete(r, spec.measurement().count());
                    if (partial != null) {
                        String why = log.failureReason();
                        return new Result(ForkLine.Status.FAILED, null, partial + (why != null ? ": " + why : " (see jmh.log)"), started, ended);
                    }
                    return new Result(ForkLine.Status.OK, r, null, started, ended);
                }
                if (results.size() > 1) {
                    return new Result(ForkLine.Status.FAILED, null, "JMH returned " + results.size()
                            + " results for one point (does another benchmark name match " + point.point().benchmark() + "?)", started, ended);
                }
                String skip = skipReason(point, dir);
                if (skip != null) {
                    return new Result(ForkLine.Status.SKIPPED, null, skip, started, ended);
                }
                String reason = log.failureReason();
                return new Result(ForkLine.Status.FAILED, null, reason != null ? reason : "no result and no error from JMH (see jmh.log)",
                        started, ended);
            } catch (RunnerException | RuntimeException e) {
                String msg = String.valueOf(e.getMessage());
                boolean locked = msg.contains("jmh.lock");
                if (locked && System.nanoTime() < lockDeadline) {
                    // Another JMH run on this machine: benchmarks sharing CPUs would measure each other, so wait.
                    if (!toldWaiting) {
                        console.println("nettune: another JMH run holds the JMH lock; waiting (up to "
                                + Durations.of(LOCK_WAIT_SECONDS) + "; -Dnettune.ignoreLock=true runs anyway)");
                        toldWaiting = true;
                    }
                    if (sleep(LOCK_POLL_SECONDS)) {
                        continue;
                    }
                }
                log.note("runner error: " + e);
                Throwable cause = e.getCause();
                String reason = msg + (cause == null || cause.getMessage() == null || msg.contains(cause.getMessage()) ? "" : ": " + cause.getMessage())
                        + (locked ? " (another JMH run held the lock for " + Durations.of(LOCK_WAIT_SECONDS)
                        + "; pass -Dnettune.ignoreLock=true to run anyway)" : "");
                return new Result(ForkLine.Status.FAILED, null, JmhLog.clip(reason), started, Instant.now());
            }
        }
    }

    /**
     * Why {@code r} is not a whole fork, or null when it is: without fail-on-error JMH returns the
     * iterations before one that threw (4,000 thread-per-connection connections: a control request timed out
     * in the third), and a score from part of a fork is not the fork's.
     */
    static String incomplete(RunResult r, int planned) {
        int measured = r.getBenchmarkResults().stream().mapToInt(b -> b.getIterationResults().size()).sum();
        return measured < planned ? "an iteration failed: JMH measured " + measured + " of " + planned + " iterations" : null;
    }

    /** The reason dev.nettune.bench.SkipPoint wrote for this point on this JVM, or null. */
    static String skipReason(RunSpec.PointSpec point, Path dir) {
        try {
            for (SkipLine s : Outcome.readSkips(dir.resolve(Execution.SKIPS))) {
                if (point.point().benchmark().equals(s.benchmark()) && s.paramMap().equals(point.point().params())) {
                    return s.reason() != null ? s.reason() : "no reason given";
                }
            }
        } catch (IOException e) {
            return null; // unreadable skip file: the fork counts as failed, with JMH's reason
        }
        return null;
    }

    private static boolean sleep(long seconds) {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
