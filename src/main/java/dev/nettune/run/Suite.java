package dev.nettune.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Suite runs the whole benchmark suite on every JVM of the matrix and then the analysis; it is what
 * {@code mvn verify} starts (exec:exec, a separate java process). Steps:
 * <ol>
 *   <li>validate everything (profile, JVMs, variants and their flags, include, JMH options) and
 *       print the plan with an estimated time — bad input stops here, before anything runs;</li>
 *   <li>create {@code <results>/<runId>/} (never an existing one), write run.json (plan, method,
 *       seed, JVMs, environment);</li>
 *   <li>run the schedule ({@link Execution}): per benchmark point, blocks of one fork on every JVM in
 *       a shuffled order, one JMH fork at a time; after each fork {@code <label>/<Class>.json} (a row
 *       per fork), forks.jsonl and run.json are up to date on disk;</li>
 *   <li>print one line per JVM, run {@code dev.nettune.analysis.Analyze} over the whole results root.</li>
 * </ol>
 * {@code --resume=<runId>} continues a stopped run from its own record ({@link Resume}).
 */
public final class Suite {
    public static final String DEFAULT_RESULTS = "bench-results";
    public static final String DEFAULT_ANALYSIS = "analysis";
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    /** The analysis module's entry point, run as a separate process after the benchmarks. */
    static final String ANALYZE_CLASS = "dev.nettune.analysis.Analyze";
    /** Analyze's exit status for "no usable input". */
    static final int ANALYZE_NO_INPUT = 2;
    /** Seconds a fork costs besides its iterations (JVM start, setup, teardown), for estimates. */
    static final double FORK_OVERHEAD_SECONDS = 1.5;
    /** How long validating a JVM's flags ({@code java <flags> -version}) may take. */
    static final long VALIDATE_TIMEOUT_SECONDS = 60;

    /** How long a fork waits for another JMH run's lock (/tmp/jmh.lock) before it counts as failed. */
    static final long LOCK_WAIT_SECONDS = 900;
    static final long LOCK_POLL_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Quick is meant to answer every family's question within this per JVM on a 2-core machine. */
    static final long QUICK_BUDGET_SECONDS = 600;
    /** Smoke is CI's check of the whole pipeline: benchmarks within this for all JVMs together. */
    static final long SMOKE_BUDGET_SECONDS = 240;

    private final PrintStream out;
    private final String analyzeClass;

    Suite(PrintStream out) {
        this(out, ANALYZE_CLASS);
    }

    Suite(PrintStream out, String analyzeClass) {
        this.out = out;
        this.analyzeClass = analyzeClass;
    }

    public static void main(String[] args) {
        int status;
        try {
            status = new Suite(System.out).run(SuiteOptions.parse(args));
        } catch (UsageException e) {
            System.out.flush();
            System.err.println("nettune: error: " + e.getMessage());
            System.err.println("nettune: nothing was run (options: java -cp target/benchmarks.jar " + Suite.class.getName() + " --help)");
            status = EXIT_USAGE;
        }
        System.exit(status);
    }

    /** The JMH iteration settings in force: the profile's, overridden by extra JMH options. */
    record Timing(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime) {
        static Timing of(Profile p, CommandLineOptions cmd) {
            return new Timing(cmd.getForkCount().orElse(p.blocks),
                    cmd.getWarmupIterations().orElse(p.warmupIterations),
                    cmd.getWarmupTime().orElse(TimeValue.seconds(p.warmupSeconds)),
                    cmd.getMeasurementIterations().orElse(p.measurementIterations),
                    cmd.getMeasurementTime().orElse(TimeValue.seconds(p.measurementSeconds)));
        }

        double secondsPerPoint() {
            return Math.max(1, forks) * (warmupIterations * seconds(warmupTime)
                    + measurementIterations * seconds(measurementTime) + FORK_OVERHEAD_SECONDS);
        }

        private static double seconds(TimeValue t) {
            return t.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
        }

        String describe() {
            return "forks " + forks + ", warmup " + warmupIterations + " x " + warmupTime + ", measurement "
                    + measurementIterations + " x " + measurementTime;
        }
    }

    /** Everything validated before a run: what would run where. */
    record Prepared(SuiteOptions options, CommandLineOptions jmh, Timing timing, Plan plan, List<JvmTarget> targets,
                    List<String> notes) {
    }

    int run(SuiteOptions o) {
        if (o.help()) {
            out.println(SuiteOptions.HELP);
            return EXIT_OK;
        }
        if (o.skip()) {
            out.println("nettune: benchmarks skipped (nettune.skip=true); regenerating the report from " + o.results());
            return analyze(o, true) ? EXIT_OK : EXIT_FAILED;
        }
        if (o.resume() != null) {
            return resume(o);
        }
        Prepared p = prepare(o, JvmMatrix.Sources.ofThisProcess(), BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of()));
        printPlan(p);
        if (o.dryRun()) {
            out.println("nettune: dry run; nothing started.");
            return EXIT_OK;
        }
        if (o.ignoreLock()) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        return execute(p);
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

    void printPlan(Prepared p) {
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
                    duration(Math.round(c.points().size() * perPoint)), c.hasProfile() ? "" : "  (no profile file: full @Param grid)");
        }
        int points = p.plan().pointCount();
        long perJvm = Math.round(points * perPoint);
        out.printf("  %-40s %7s %6d %8s%n", "total", "", points, duration(perJvm));
        out.println("Plan: " + points + " points x " + p.targets().size() + " JVMs = " + points * p.targets().size()
                + " runs, estimated " + duration(perJvm * p.targets().size()) + " (~" + Math.round(perPoint * 10) / 10.0
                + " s a point), then the analysis into " + o.analysis());
        if (o.profile() == Profile.QUICK && perJvm > QUICK_BUDGET_SECONDS) {
            out.println("  warning: quick should fit " + duration(QUICK_BUDGET_SECONDS) + " per JVM; this plan needs ~"
                    + duration(perJvm) + ": trim the quick.* keys of the largest classes above");
        }
        if (o.profile() == Profile.SMOKE && perJvm * p.targets().size() > SMOKE_BUDGET_SECONDS) {
            out.println("  warning: smoke should fit " + duration(SMOKE_BUDGET_SECONDS) + " for all JVMs; this plan needs ~"
                    + duration(perJvm * p.targets().size()) + ": give every class 1-2 smoke points");
        }
    }

    /**
     * Starts a new run of a validated plan: creates the run folder, writes run.json (plan, method,
     * JVMs, host), runs the schedule and then the analysis.
     */
    int execute(Prepared p) {
        SuiteOptions o = p.options();
        Instant started = Instant.now();
        Path runDir = RunId.create(o.results(), started, o.profile()).toAbsolutePath();
        int blocks = o.blocks() != null ? o.blocks() : p.timing().forks();
        int cap = o.maxBlocks() != null ? Math.max(blocks, o.maxBlocks()) : blocks * RunSpec.DEFAULT_CAP_FACTOR;
        long seed = o.seed() != null ? o.seed() : freshSeed();
        String baseline = o.baseline() != null && p.targets().stream().anyMatch(t -> t.label().equals(o.baseline()))
                ? o.baseline() : RunSpec.defaultBaseline(p.targets());
        RunSpec spec = new RunSpec(runDir.getFileName().toString(), runDir, RunSpec.pointsOf(p.plan()), p.targets(), o.jmhArgs(),
                p.jmh(), new RunSpec.Iterations(p.timing().warmupIterations(), p.timing().warmupTime()),
                new RunSpec.Iterations(p.timing().measurementIterations(), p.timing().measurementTime()),
                blocks, seed, o.ci(), cap, baseline, isSelfCheck(o, p.targets()));
        RunRecord record = new RunRecord(runDir.resolve("run.json"), RunDocument.of(p, spec, started, Path.of("").toAbsolutePath()));
        record.update(doc -> { });
        out.println("nettune: run " + spec.runId() + " -> " + runDir);
        out.println("nettune: " + spec.points().size() + " points x " + blocks + " blocks x " + spec.targets().size()
                + " JVMs, one fork at a time in randomized interleaved blocks (seed " + seed + "; JMH output in "
                + runDir.resolve(Execution.JMH_LOG) + ")");
        return finish(o, spec, record, new RunState(spec), new MergedResults(runDir));
    }

    /**
     * Continues an interrupted run ({@code --resume=<runId>}): everything but the output folders and
     * the JMH lock comes from the run's own record (see {@link Resume}).
     */
    int resume(SuiteOptions o) {
        Path runDir = Resume.locate(o, o.resume());
        Resume.Loaded l = Resume.load(runDir, Environment.gitCommit(Path.of("").toAbsolutePath()));
        List<String> ignored = Resume.ignored(o);
        int total = l.state().remainingForks();
        out.println("nettune: resuming run " + l.spec().runId() + " in " + runDir + ": " + l.done() + " forks recorded, "
                + l.state().pointsDone() + "/" + l.spec().points().size() + " points done, " + total + " forks to run (seed "
                + l.spec().seed() + ")");
        if (!ignored.isEmpty()) {
            out.println("nettune: the run's recorded settings apply; ignoring --" + String.join(", --", ignored));
        }
        if (o.dryRun()) {
            out.println("nettune: dry run; nothing started.");
            return EXIT_OK;
        }
        if (o.ignoreLock()) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        try {
            l.merged().writeAll(); // drop any row written after the last recorded fork
        } catch (IOException e) {
            throw new UsageException("nettune.resume: cannot rewrite the merged results in " + runDir + ": " + e.getMessage());
        }
        Resume.begin(l.record());
        return finish(o, l.spec(), l.record(), l.state(), l.merged());
    }

    /** Runs what is left of a run's schedule, prints the summary, runs the analysis; the exit status. */
    private int finish(SuiteOptions o, RunSpec spec, RunRecord record, RunState state, MergedResults merged) {
        long t0 = System.nanoTime();
        Execution.End end = new Execution(spec, record, state, merged, out).run();
        long wall = (System.nanoTime() - t0) / 1_000_000_000L;
        record.update(doc -> doc.put("wallSeconds", ((Number) doc.getOrDefault("wallSeconds", 0)).longValue() + wall));
        out.println();
        out.println("nettune: run " + spec.runId() + (end == Execution.End.INTERRUPTED ? " stopped" : " finished") + " after "
                + duration(wall));
        Map<String, Outcome> outcomes = state.outcomes();
        outcomes.forEach((label, oc) -> out.println("  " + oc.summary(label)));
        int incomplete = state.incompleteBlocks();
        out.println("  incomplete blocks (a fork failed or was interrupted): " + incomplete);
        out.println("  raw results: " + spec.runDir());
        if (end == Execution.End.INTERRUPTED) {
            out.println("nettune: resume with -Dnettune.resume=" + spec.runId() + " (java ... --resume=" + spec.runId() + ")");
            return EXIT_FAILED;
        }
        boolean analysed = analyze(o, false);
        if (end == Execution.End.COMPLETE_WITH_FAILURES) {
            int failed = outcomes.values().stream().mapToInt(Outcome::failedCount).sum();
            out.println("nettune: " + failed + " fork(s) failed: see 'failedForks' in " + record.file() + " and "
                    + spec.runDir().resolve(Execution.JMH_LOG));
        }
        return end == Execution.End.COMPLETE && analysed ? EXIT_OK : EXIT_FAILED;
    }

    /** A seed for the block order: below 2^31, so that it can be given back as --seed whatever parses it. */
    static long freshSeed() {
        return new SecureRandom().nextInt(Integer.MAX_VALUE);
    }

    /**
     * An A/A run: asked for (--selfCheck), or two targets without a variant on the same JDK build
     * (vendor and runtime version; two installed copies of one build are the same JDK for this).
     */
    static boolean isSelfCheck(SuiteOptions o, List<JvmTarget> targets) {
        if (o.selfCheck() != null) {
            return true;
        }
        Set<String> builds = new HashSet<>();
        for (JvmTarget t : targets) {
            if (t.variant() == null && !builds.add(t.jdk().vendor() + " " + t.jdk().runtimeVersion())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The executable JMH forks with: the JDK's java, or for a fixed placement a script in the result
     * directory that execs it under taskset (JMH's -jvm takes one path, not a command line).
     */
    static String launcher(JvmTarget t, Path dir) throws IOException {
        if (t.cpus() == null) {
            return t.jdk().java().toString();
        }
        Path script = dir.resolve("java-taskset.sh");
        String taskset = String.valueOf(onPath("taskset"));
        Files.writeString(script, "#!/bin/sh\n# nettune: fork " + t.label() + " with placement '" + t.placement() + "'\nexec '"
                + taskset + "' -c " + t.cpus() + " '" + t.jdk().java() + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }

    /**
     * Runs the analysis module over the whole results root, as its own process. A build without it
     * (before the module is merged) prints so and counts as success.
     */
    boolean analyze(SuiteOptions o, boolean noInputIsFine) {
        try {
            Class.forName(analyzeClass, false, Suite.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            out.println("nettune: analysis module (" + analyzeClass + ") is not in this build; no report written");
            return true;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), analyzeClass, "--out", o.analysis().toString()));
        if (o.baseline() != null) {
            command.addAll(List.of("--baseline", o.baseline()));
        }
        command.add(o.results().toString());
        out.println("nettune: analysis: " + String.join(" ", command.subList(3, command.size())));
        out.flush();
        try {
            Process proc = new ProcessBuilder(command).inheritIO().start();
            int status = proc.waitFor();
            if (status == 0) {
                out.println("nettune: report: " + o.analysis().resolve("README.md"));
                return true;
            }
            if (status == ANALYZE_NO_INPUT) {
                out.println("nettune: analysis found no usable results under " + o.results());
                return noInputIsFine;
            }
            out.println("nettune: analysis failed (exit " + status + ")");
            return false;
        } catch (IOException e) {
            out.println("nettune: cannot start the analysis: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes JSON atomically: a reader never sees half a run.json. */
    static void writeJson(Path file, Object value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("nettune: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** "9m41s", "42s". */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + String.format("%02d", (seconds % 3600) / 60) + "m";
    }
}
