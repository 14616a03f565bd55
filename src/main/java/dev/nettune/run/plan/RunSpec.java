package dev.nettune.run.plan;

import dev.nettune.run.options.CountersMode;
import dev.nettune.run.options.JvmTarget;

import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A RunSpec is what a run executes, fixed when it starts: the benchmark points in run order, the
 * JVM targets, the JMH settings of every fork, the planned blocks and the seed of their order, and
 * adaptive stopping. run.json records all of it, so that a resumed run executes the same schedule
 * ({@link Resume} reads it back).
 *
 * @param runId       the run folder's name
 * @param runDir      the run folder (absolute)
 * @param points      the points in run order; {@code points.get(i).index() == i}
 * @param targets     the JVM targets; a block runs one fork on each
 * @param jmhArgs     extra JMH options as given (recorded, parsed into {@code jmh})
 * @param jmh         those options parsed: the parent of every fork's options (-prof, -jvmArgs, -t …)
 * @param warmup      warm-up iterations of every fork whose point sets none ({@link #warmupOf}), and their length
 * @param measurement measurement iterations of every fork
 * @param blocks      planned blocks per point
 * @param seed        seed of the block orders ({@link Schedule})
 * @param ci          adaptive stopping's target 95% CI relative half-width, or null for none
 * @param maxBlocks   blocks per point adaptive stopping may reach (≥ blocks)
 * @param baseline    label every non-variant target is compared against when stopping adaptively
 * @param selfCheck   whether the run is an A/A self-check
 * @param counters    which forks count ({@link CountersMode}); with {@code extra} a block has two slots per JVM
 *                    ({@link #slots()}): the score fork and the counting fork
 */
public record RunSpec(String runId, Path runDir, List<PointSpec> points, List<JvmTarget> targets, List<String> jmhArgs,
                      CommandLineOptions jmh, Iterations warmup, Iterations measurement, int blocks, long seed, Double ci,
                      int maxBlocks, String baseline, boolean selfCheck, CountersMode counters) {

    /** A run without counters. */
    public RunSpec(String runId, Path runDir, List<PointSpec> points, List<JvmTarget> targets, List<String> jmhArgs,
                   CommandLineOptions jmh, Iterations warmup, Iterations measurement, int blocks, long seed, Double ci,
                   int maxBlocks, String baseline, boolean selfCheck) {
        this(runId, runDir, points, targets, jmhArgs, jmh, warmup, measurement, blocks, seed, ci, maxBlocks, baseline, selfCheck,
                CountersMode.OFF);
    }

    /**
     * Seconds a fork costs besides its iterations (JVM start, trial setup and teardown), for
     * estimates: the mean over a quick run's forks on a 2-core machine, so setup-heavy points (many
     * connections, connect-per-request warm-up) are in it; a single plain point costs less.
     */
    public static final double FORK_OVERHEAD_SECONDS = 1.2;

    public RunSpec {
        points = List.copyOf(points);
        targets = List.copyOf(targets);
        jmhArgs = List.copyOf(jmhArgs);
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).index() != i) {
                throw new IllegalArgumentException("point " + i + " has index " + points.get(i).index());
            }
        }
        if (blocks < 1 || maxBlocks < blocks) {
            throw new IllegalArgumentException("blocks " + blocks + ", cap " + maxBlocks);
        }
        if (counters == null) {
            throw new IllegalArgumentException("no counters mode");
        }
    }

    /**
     * The forks of one block of a point, before skips: one per JVM, and with {@code extra} counters one
     * more per JVM. Slot {@code s} runs target {@code s % targets}; the slots from {@code targets.size()}
     * on are the counting forks. The schedule shuffles slots, so a counting fork is as likely to run
     * before its JVM's score fork as after it.
     */
    public int slots() {
        return targets.size() * (counters == CountersMode.EXTRA ? 2 : 1);
    }

    /** The target index of slot {@code slot}. */
    public int targetOf(int slot) {
        return slot % targets.size();
    }

    /** Whether slot {@code slot} is a block's extra counting fork (whose score is not its JVM's). */
    public boolean countingOnly(int slot) {
        return slot >= targets.size();
    }

    /** Whether the fork in slot {@code slot} runs with the counters' profilers. */
    public boolean counts(int slot) {
        return counters == CountersMode.EVERY || counters == CountersMode.EXTRA && countingOnly(slot);
    }

    /** The slot of a fork of target {@code target}, a counting-only fork or not. */
    public int slotOf(int target, boolean countingOnly) {
        if (countingOnly && counters != CountersMode.EXTRA) {
            throw new IllegalArgumentException("a counting fork in a run whose counters are '" + counters.id() + "'");
        }
        return countingOnly ? target + targets.size() : target;
    }

    /**
     * A PointSpec is one benchmark point of the run: what JMH runs in each of its forks.
     *
     * @param index        0-based position in the run, the "point" of forks.jsonl
     * @param className    the benchmark class, fully qualified
     * @param point        method, mode and one value per parameter
     * @param forkJvmArgs  the class's {@code @Fork} JVM arguments (forks never inherit the runner's)
     * @param warmup       the class's warm-up iterations from its profile file, or null for the run's
     * @param cpus         the CPUs its forks are pinned to (the profile file's {@code @cpus}), or null when free
     */
    public record PointSpec(int index, String className, Plan.Point point, List<String> forkJvmArgs, Integer warmup, String cpus) {
        public PointSpec {
            forkJvmArgs = List.copyOf(forkJvmArgs);
        }

        public PointSpec(int index, String className, Plan.Point point, List<String> forkJvmArgs, Integer warmup) {
            this(index, className, point, forkJvmArgs, warmup, null);
        }

        public PointSpec(int index, String className, Plan.Point point, List<String> forkJvmArgs) {
            this(index, className, point, forkJvmArgs, null, null);
        }

        public String simpleClassName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }

        /** "RoundTripBenchmark.roundTrip thrpt {payload=64}", for the console. */
        public String describe() {
            String b = point.benchmark();
            String shortName = b.startsWith(className + ".") ? simpleClassName() + b.substring(className.length()) : b;
            return shortName + " " + point.mode().shortLabel() + (point.params().isEmpty() ? "" : " " + new java.util.TreeMap<>(point.params()));
        }
    }

    /**
     * Iterations is one phase of a fork: how many iterations of how long.
     *
     * @param count iterations (0 for no warm-up)
     * @param time  duration of each
     */
    public record Iterations(int count, TimeValue time) {
        /** "2 x 1 s", as run.json's "method" says it. */
        @Override
        public String toString() {
            return count + " x " + time;
        }

        double seconds() {
            return count * time.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
        }
    }

    /** The points of a plan in run order: class by class, each class's points in plan order. */
    public static List<PointSpec> pointsOf(Plan plan) {
        List<PointSpec> out = new ArrayList<>();
        for (Plan.ClassPlan c : plan.classes()) {
            for (Plan.Point p : c.points()) {
                out.add(new PointSpec(out.size(), c.className(), p, c.forkJvmArgs(), c.warmup(), c.cpusOf(p)));
            }
        }
        return out;
    }

    /** The first target without a variant: the default baseline. */
    public static String defaultBaseline(List<JvmTarget> targets) {
        return targets.stream().filter(t -> t.variant() == null).map(JvmTarget::label).findFirst()
                .orElse(targets.get(0).label());
    }

    /**
     * The warm-up of a fork of {@code p}: a -wi among the extra JMH options overrides everything, then
     * the class's profile file ({@code <profile>.@warmup}), then the run's default.
     */
    public Iterations warmupOf(PointSpec p) {
        if (p.warmup() == null || jmh.getWarmupIterations().hasValue()) {
            return warmup;
        }
        return new Iterations(p.warmup(), warmup.time());
    }

    /** Seconds one fork of {@code p} is expected to take before any has been measured. */
    public double estimatedForkSeconds(PointSpec p) {
        return warmupOf(p).seconds() + measurement.seconds() + FORK_OVERHEAD_SECONDS;
    }

    /** Seconds every planned fork is expected to take: points × blocks × slots, each fork as {@link #estimatedForkSeconds(PointSpec)}. */
    public double estimatedSeconds() {
        return points.stream().mapToDouble(this::estimatedForkSeconds).sum() * blocks * slots();
    }

    /** The target's index, or -1. */
    public int indexOf(String label) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }
}
