package dev.nettune.run;

import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Preflight is everything the suite does before a run starts: it validates the options against the
 * benchmark list and the JVMs, turns them into a {@link Prepared} run (plan, JVM targets, timing) and
 * prints the plan with an estimate. Every {@link UsageException} comes from here, before any
 * benchmark starts.
 */
public final class Preflight {
    /** Seconds a fork costs besides its iterations (JVM start, setup, teardown), for estimates. */
    static final double FORK_OVERHEAD_SECONDS = 1.5;
    /** How long validating a JVM's flags ({@code java <flags> -version}) may take. */
    static final long VALIDATE_TIMEOUT_SECONDS = 60;
    /** Quick is meant to answer every family's question within this per JVM on a 2-core machine. */
    static final long QUICK_BUDGET_SECONDS = 600;
    /** Smoke is CI's check of the whole pipeline: benchmarks within this for all JVMs together. */
    static final long SMOKE_BUDGET_SECONDS = 240;

    private Preflight() {
    }

    /** The JMH iteration settings in force: the profile's, overridden by extra JMH options. */
    public record Timing(int blocks, int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime) {
        static Timing of(Profile p, CommandLineOptions cmd) {
            return new Timing(cmd.getForkCount().orElse(p.blocks),
                    cmd.getWarmupIterations().orElse(p.warmupIterations),
                    cmd.getWarmupTime().orElse(TimeValue.seconds(p.warmupSeconds)),
                    cmd.getMeasurementIterations().orElse(p.measurementIterations),
                    cmd.getMeasurementTime().orElse(TimeValue.seconds(p.measurementSeconds)));
        }

        /** Estimated seconds of one fork: its iterations plus JVM start, setup and teardown. */
        double secondsPerFork() {
            return warmupIterations * seconds(warmupTime) + measurementIterations * seconds(measurementTime)
                    + FORK_OVERHEAD_SECONDS;
        }

        /** Estimated seconds of one point on one JVM: blocks × one fork. */
        double secondsPerPoint() {
            return Math.max(1, blocks) * secondsPerFork();
        }

        private static double seconds(TimeValue t) {
            return t.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
        }

        String describe() {
            return "blocks " + blocks + ", warmup " + warmupIterations + " x " + warmupTime + ", measurement "
                    + measurementIterations + " x " + measurementTime;
        }
    }

    /** Everything validated before a run: what would run where. */
    public record Prepared(SuiteOptions options, CommandLineOptions jmh, Timing timing, Plan plan, List<JvmTarget> targets,
                    List<String> notes) {
    }

    /** Validates the options against the benchmark list and the JVMs: every UsageException comes from here. */
    static Prepared prepare(SuiteOptions o, JvmMatrix.Sources sources, Collection<BenchmarkListEntry> entries) {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(o.jmhArgs().toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new UsageException("nettune.jmh: " + e.getMessage());
        }
        if (!cmd.getIncludes().isEmpty()) {
            throw new UsageException("nettune.jmh: benchmark patterns " + cmd.getIncludes() + " are not allowed here; use -Dnettune.include=REGEX");
        }
        if (cmd.getResult().hasValue() || cmd.getResultFormat().hasValue() || cmd.getJvm().hasValue() || cmd.getOutput().hasValue()) {
            throw new UsageException("nettune.jmh: -rf, -rff, -o and -jvm are set by the suite (use -Dnettune.results / -Dnettune.jvms)");
        }
        if (cmd.getForkCount().orElse(1) < 1) {
            throw new UsageException("nettune.jmh: -f 0 would run every benchmark inside the runner's JVM, not on the JVMs of the matrix");
        }
        Set<String> paramNames = new LinkedHashSet<>();
        entries.forEach(e -> e.getParams().orElse(Map.of()).keySet().forEach(paramNames::add));
        Map<String, List<String>> cliParams = new LinkedHashMap<>();
        for (String name : paramNames) {
            if (cmd.getParameter(name).hasValue()) {
                cliParams.put(name, List.copyOf(cmd.getParameter(name).get()));
            }
        }
        Plan plan = Plan.build(entries, o.profile(), o.include(), cliParams, List.copyOf(cmd.getBenchModes()), Plan::profileResource);

        List<String> notes = new ArrayList<>();
        List<JvmTarget> base;
        if (o.jvms() != null) {
            base = JvmMatrix.named(o.jvms(), sources);
        } else {
            JvmMatrix.Found found = JvmMatrix.discover(sources);
            notes.addAll(found.notes());
            if (found.jdks().isEmpty()) {
                throw new UsageException("no JDK " + Jdk.MIN_FEATURE + "+ found; name one with -Dnettune.jvms=/path/to/jdk");
            }
            base = JvmMatrix.label(found.jdks());
        }
        List<JvmTarget> targets = JvmMatrix.withVariants(base, Variant.parseList(o.variants()), notes);
        for (JvmTarget t : targets) {
            validate(t);
        }
        return new Prepared(o, cmd, Timing.of(o.profile(), cmd), plan, targets, notes);
    }

    /** Starts {@code [taskset -c CPUS] java <flags> -version} on the target: a flag it rejects stops the suite now. */
    static void validate(JvmTarget t) {
        List<String> command = new ArrayList<>();
        if (t.cpus() != null) {
            Path taskset = onPath("taskset");
            if (taskset == null) {
                throw new UsageException(t.label() + ": CPU placement needs taskset (util-linux), which is not on PATH");
            }
            command.addAll(List.of(taskset.toString(), "-c", t.cpus()));
        }
        command.add(t.jdk().java().toString());
        command.addAll(t.flags());
        command.add("-version");
        try {
            Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
            proc.getOutputStream().close();
            String output;
            try (InputStream in = proc.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!proc.waitFor(VALIDATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                throw new UsageException(t.label() + ": '" + String.join(" ", command) + "' did not finish in " + VALIDATE_TIMEOUT_SECONDS + " s");
            }
            if (proc.exitValue() != 0) {
                throw new UsageException(t.label() + ": JDK " + t.jdk().feature() + " refuses these flags: '"
                        + String.join(" ", command) + "' says: " + output.strip().lines().findFirst().orElse("exit " + proc.exitValue()));
            }
        } catch (IOException e) {
            throw new UsageException(t.label() + ": cannot start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while validating " + t.label());
        }
    }

    static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static void printPlan(PrintStream out, Prepared p) {
        SuiteOptions o = p.options();
        out.println("nettune: profile " + o.profile().id() + " (" + p.timing().describe() + ")"
                + (o.include() == null ? "" : ", include '" + o.include() + "'")
                + (o.jmhArgs().isEmpty() ? "" : ", extra JMH options " + o.jmhArgs()));
        out.println("JVMs (" + p.targets().size() + "):");
        for (JvmTarget t : p.targets()) {
            out.printf("  %-20s JDK %-10s %-18s %s  placement %s%s%n", t.label(), t.jdk().version(), t.jdk().vendor(),
                    t.jdk().home(), t.placement(), t.flags().isEmpty() ? "" : "  flags " + String.join(" ", t.flags()));
        }
        for (String n : p.notes()) {
            out.println("  note: " + n);
        }
        out.println("Benchmarks (per JVM):");
        out.printf("  %-40s %7s %6s %8s%n", "class", "methods", "points", "est.");
        double perPoint = p.timing().secondsPerPoint();
        for (Plan.ClassPlan c : p.plan().classes()) {
            out.printf("  %-40s %7d %6d %8s%s%n", c.simpleName(), c.methods().size(), c.points().size(),
                    Suite.duration(Math.round(c.points().size() * perPoint)), c.hasProfile() ? "" : "  (no profile file: full @Param grid)");
        }
        int points = p.plan().pointCount();
        long perJvm = Math.round(points * perPoint);
        out.printf("  %-40s %7s %6d %8s%n", "total", "", points, Suite.duration(perJvm));
        out.println("Plan: " + points + " points x " + p.targets().size() + " JVMs = " + points * p.targets().size()
                + " runs, estimated " + Suite.duration(perJvm * p.targets().size()) + " (~" + Math.round(perPoint * 10) / 10.0
                + " s a point), then the analysis into " + o.analysis());
        if (o.profile() == Profile.QUICK && perJvm > QUICK_BUDGET_SECONDS) {
            out.println("  warning: quick should fit " + Suite.duration(QUICK_BUDGET_SECONDS) + " per JVM; this plan needs ~"
                    + Suite.duration(perJvm) + ": trim the quick.* keys of the largest classes above");
        }
        if (o.profile() == Profile.SMOKE && perJvm * p.targets().size() > SMOKE_BUDGET_SECONDS) {
            out.println("  warning: smoke should fit " + Suite.duration(SMOKE_BUDGET_SECONDS) + " for all JVMs; this plan needs ~"
                    + Suite.duration(perJvm * p.targets().size()) + ": give every class 1-2 smoke points");
        }
    }
}
