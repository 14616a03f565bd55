package dev.nettune.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Suite runs the whole benchmark suite on every JVM of the matrix and then the analysis; it is what
 * {@code mvn verify} starts (exec:exec, a separate java process). Steps:
 * <ol>
 *   <li>validate everything (profile, JVMs, variants and their flags, include, JMH options) and
 *       print the plan with an estimated time — bad input stops here, before anything runs;</li>
 *   <li>create {@code <results>/<runId>/} (never an existing one), write run.json (plan + environment);</li>
 *   <li>per JVM, per benchmark class: one JMH Runner forking on that JVM ({@code -jvm}), writing
 *       {@code <label>/<Class>.json}; socket options and skipped points go to {@code <label>/*.jsonl};</li>
 *   <li>rewrite run.json with per-JVM summaries, print one line per JVM, run
 *       {@code dev.nettune.analysis.Analyze} over the whole results root.</li>
 * </ol>
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

    /** How long a class waits for another JMH run's lock (/tmp/jmh.lock) before it counts as failed. */
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

    int execute(Prepared p) {
        SuiteOptions o = p.options();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path runDir = RunId.create(o.results(), started, o.profile()).toAbsolutePath();
        String runId = runDir.getFileName().toString();
        Path cwd = Path.of("").toAbsolutePath();

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("runId", runId);
        record.put("profile", o.profile().id());
        record.put("status", "running");
        record.put("startedAt", started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        record.put("gitCommit", Environment.gitCommit(cwd));
        record.put("gitDirty", Environment.gitDirty(cwd));
        record.put("jmhVersion", Version.getPlainVersion());
        record.put("suiteJavaHome", System.getProperty("java.home"));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("forks", p.timing().forks());
        settings.put("warmupIterations", p.timing().warmupIterations());
        settings.put("warmupTime", p.timing().warmupTime().toString());
        settings.put("measurementIterations", p.timing().measurementIterations());
        settings.put("measurementTime", p.timing().measurementTime().toString());
        settings.put("include", o.include());
        settings.put("extraJmhArgs", o.jmhArgs());
        settings.put("variants", o.variants());
        record.put("settings", settings);
        record.put("host", Environment.host());
        List<Map<String, Object>> planJson = new ArrayList<>();
        for (Plan.ClassPlan c : p.plan().classes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", c.className());
            m.put("methods", c.methods());
            m.put("points", c.points().size());
            m.put("profileParams", c.params());
            m.put("profileModes", c.modes().stream().map(Mode::shortLabel).toList());
            planJson.add(m);
        }
        Map<String, Object> planRecord = new LinkedHashMap<>();
        planRecord.put("pointsPerJvm", p.plan().pointCount());
        planRecord.put("estimatedSeconds", Math.round(p.plan().pointCount() * p.timing().secondsPerPoint() * p.targets().size()));
        planRecord.put("classes", planJson);
        record.put("plan", planRecord);
        List<Map<String, Object>> jvms = new ArrayList<>();
        for (JvmTarget t : p.targets()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("label", t.label());
            j.put("javaHome", t.jdk().home().toString());
            j.put("feature", t.jdk().feature());
            j.put("vendor", t.jdk().vendor());
            j.put("version", t.jdk().version());
            j.put("runtimeVersion", t.jdk().runtimeVersion());
            j.put("variant", t.variant() == null ? null : t.variant().name());
            j.put("variantDescription", t.variant() == null ? null : t.variant().description());
            j.put("flags", t.flags());
            j.put("placement", t.placement());
            j.put("status", "pending");
            jvms.add(j);
        }
        record.put("jvms", jvms);
        record.put("notes", p.notes());
        Path runJson = runDir.resolve("run.json");
        writeJson(runJson, record);
        Thread hook = new Thread(() -> {
            synchronized (record) {
                if ("running".equals(record.get("status"))) {
                    record.put("status", "interrupted");
                    writeJson(runJson, record);
                }
            }
        }, "nettune-run-json");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("nettune: run " + runId + " -> " + runDir);

        double perPoint = p.timing().secondsPerPoint();
        double estimatedTotal = p.plan().pointCount() * perPoint * p.targets().size();
        double estimatedDone = 0;
        List<Outcome> outcomes = new ArrayList<>();
        int failed = 0;
        for (int ji = 0; ji < p.targets().size(); ji++) {
            JvmTarget t = p.targets().get(ji);
            Map<String, Object> j = jvms.get(ji);
            Outcome outcome = new Outcome();
            outcomes.add(outcome);
            Path dir = runDir.resolve(t.label());
            try {
                Files.createDirectories(dir);
                String jvm = launcher(t, dir);
                j.put("launcher", jvm);
                synchronized (record) {
                    j.put("status", "running");
                    writeJson(runJson, record);
                }
                long jt0 = System.nanoTime();
                List<Plan.ClassPlan> classes = p.plan().classes();
                for (int ci = 0; ci < classes.size(); ci++) {
                    Plan.ClassPlan c = classes.get(ci);
                    double elapsed = (System.nanoTime() - t0) / 1e9;
                    double remaining = estimatedTotal - estimatedDone;
                    if (estimatedDone > 0) {
                        remaining *= elapsed / estimatedDone; // scale the estimate by how this machine is doing
                    }
                    out.println();
                    out.println("==== nettune [" + t.label() + " " + (ji + 1) + "/" + p.targets().size() + "] " + c.simpleName()
                            + " (class " + (ci + 1) + "/" + classes.size() + ", " + c.points().size() + " points) -- elapsed "
                            + duration(Math.round(elapsed)) + ", suite ETA ~" + duration(Math.round(remaining)) + " ====");
                    runClass(p, t, jvm, dir, c, outcome);
                    estimatedDone += c.points().size() * perPoint;
                }
                outcome.addNanos(System.nanoTime() - jt0);
            } catch (IOException e) {
                outcome.addError(p.plan().classes().stream().flatMap(c -> c.points().stream()).toList(),
                        "cannot prepare " + dir + ": " + e.getMessage());
            }
            failed += outcome.failedCount();
            synchronized (record) {
                j.put("status", "done");
                j.put("summary", outcome.toJson());
                writeJson(runJson, record);
            }
        }
        long wall = (System.nanoTime() - t0) / 1_000_000_000L;
        synchronized (record) {
            record.put("status", failed == 0 ? "complete" : "complete-with-failures");
            record.put("finishedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            record.put("wallSeconds", wall);
            writeJson(runJson, record);
        }
        Runtime.getRuntime().removeShutdownHook(hook);

        out.println();
        out.println("nettune: run " + runId + " finished in " + duration(wall));
        for (int i = 0; i < p.targets().size(); i++) {
            out.println("  " + outcomes.get(i).summary(p.targets().get(i).label()));
        }
        out.println("  raw results: " + runDir);
        boolean analysed = analyze(o, false);
        if (failed > 0) {
            out.println("nettune: " + failed + " benchmark point(s) failed (no result, no skip reason): see run.json 'failedPoints' and the JMH output above");
        }
        return failed > 0 || !analysed ? EXIT_FAILED : EXIT_OK;
    }

    /** Runs one class on one JVM: one JMH Runner, one JSON file. */
    private void runClass(Prepared p, JvmTarget t, String jvm, Path dir, Plan.ClassPlan c, Outcome outcome) {
        Path skips = dir.resolve("skips.jsonl");
        List<String> flags = new ArrayList<>();
        p.jmh().getJvmArgsPrepend().orElse(List.of()).forEach(flags::add);
        flags.addAll(t.flags());
        flags.add("-Dnettune.sockopts.file=" + dir.resolve("sockopts.jsonl"));
        flags.add("-Dnettune.skips.file=" + skips);
        ChainedOptionsBuilder b = new OptionsBuilder().parent(p.jmh());
        for (String m : c.methods()) {
            b.include("^" + Pattern.quote(m) + "$");
        }
        b.forks(p.timing().forks())
                .warmupIterations(p.timing().warmupIterations()).warmupTime(p.timing().warmupTime())
                .measurementIterations(p.timing().measurementIterations()).measurementTime(p.timing().measurementTime());
        c.params().forEach((k, v) -> b.param(k, v.toArray(new String[0])));
        c.modes().forEach(b::mode);
        // Without jvmArgs JMH hands the forks this process's own JVM flags, which were chosen for the
        // JDK running Maven (e.g. --sun-misc-unsafe-memory-access=allow, fatal on 17): never inherit them.
        List<String> jvmArgs = p.jmh().getJvmArgs().hasValue() ? List.copyOf(p.jmh().getJvmArgs().get()) : c.forkJvmArgs();
        b.jvmArgs(jvmArgs.toArray(new String[0]));
        b.jvm(jvm).jvmArgsPrepend(flags.toArray(new String[0]))
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON).result(dir.resolve(c.simpleName() + ".json").toString());
        long t0 = System.nanoTime();
        long lockDeadline = t0 + TimeUnit.SECONDS.toNanos(LOCK_WAIT_SECONDS);
        while (true) {
            try {
                Collection<RunResult> results = new Runner(b.build()).run();
                outcome.add(c.points(), Outcome.done(results), Outcome.readSkips(skips).stream()
                        .filter(s -> c.methods().contains(s.benchmark())).toList());
                break;
            } catch (RunnerException | IOException | RuntimeException e) {
                boolean locked = String.valueOf(e.getMessage()).contains("jmh.lock");
                if (locked && System.nanoTime() < lockDeadline) {
                    // Another JMH run on this machine: benchmarks sharing CPUs would measure each other, so wait.
                    out.println("nettune: another JMH run holds the JMH lock; waiting (up to " + duration(LOCK_WAIT_SECONDS)
                            + "; -Dnettune.ignoreLock=true runs anyway)");
                    if (sleep(LOCK_POLL_SECONDS)) {
                        continue;
                    }
                }
                String msg = c.simpleName() + " on " + t.label() + ": " + e.getMessage()
                        + (locked ? " (another JMH run held the lock for " + duration(LOCK_WAIT_SECONDS)
                        + "; pass -Dnettune.ignoreLock=true to run anyway)" : "");
                out.println("nettune: ERROR " + msg);
                outcome.addError(c.points(), msg);
                break;
            }
        }
        out.println("nettune: " + c.simpleName() + " on " + t.label() + " took " + duration((System.nanoTime() - t0) / 1_000_000_000L));
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

    /** Folder of a run's own report, inside the run's folder. */
    static final String RUN_REPORT = "report";
    /** Folder, inside the analysis folder, of the report of several runs named with nettune.runs. */
    static final String SELECTED_REPORT = "selected";
    /** Analyze's exit status when its regression gate fails (see Analyze.EXIT_REGRESSION). */
    static final int ANALYZE_REGRESSION = 4;

    /**
     * Runs the analysis after a run (or for {@code nettune.skip=true}): the overview of every run
     * under the results root into the analysis folder, then the report of "your" run, the one
     * printed last: the run named by {@code nettune.runs}, else after a run the newest run (by
     * run.json's finishedAt or startedAt). With {@code nettune.skip=true} and no
     * {@code nettune.runs} only the overview is regenerated: no run was just made, and the
     * committed runs' folders are left as they are. See {@link #analyze(SuiteOptions, Path, boolean)}.
     */
    boolean analyze(SuiteOptions o, boolean noInputIsFine) {
        return analyze(o, o.runs() != null || o.skip() ? null : latestRun(o.results()), noInputIsFine);
    }

    /**
     * Runs the analysis module as its own processes. First the overview: every run under the
     * results root, each run's JVMs compared within their run, into {@code nettune.analysis}. Then
     * the report of the run just made ({@code runDir}; or of the runs {@code nettune.runs} names),
     * comparing that run's JVMs with each other, with {@code nettune.filter}, {@code nettune.baseline}
     * and the regression gate {@code nettune.failOnRegression}; it goes to
     * {@code <runDir>/report/} (several runs: {@code <analysis>/selected/}) and its path is printed
     * last. A build without the analysis module prints so and counts as success.
     *
     * @param runDir the run just made, or null (then nettune.runs, or no run report)
     * @return false when the analysis failed, found nothing after a run, or the gate failed
     */
    boolean analyze(SuiteOptions o, Path runDir, boolean noInputIsFine) {
        try {
            Class.forName(analyzeClass, false, Suite.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            out.println("nettune: analysis module (" + analyzeClass + ") is not in this build; no report written");
            return true;
        }
        List<String> overview = new ArrayList<>(List.of("--out", o.analysis().toString()));
        if (o.baseline() != null) {
            overview.addAll(List.of("--baseline", o.baseline()));
        }
        overview.add(o.results().toString());
        int status = runAnalyze(overview);
        if (status == ANALYZE_NO_INPUT) {
            out.println("nettune: analysis found no usable results under " + o.results());
            return noInputIsFine;
        }
        if (status != 0) {
            out.println("nettune: analysis failed (exit " + status + ")");
            return false;
        }
        out.println("nettune: report: " + o.analysis().resolve("README.md") + " (overview of all runs)");
        String runs = o.runs() != null ? o.runs() : runDir == null ? null : runDir.getFileName().toString();
        if (runs == null) {
            return true; // no run to report on: the overview is all there is
        }
        boolean several = runs.contains(",");
        Path one = several ? null : runDir != null && o.runs() == null ? runDir : runFolder(o.results(), runs.trim());
        Path reportDir = one == null ? o.analysis().resolve(SELECTED_REPORT) : one.resolve(RUN_REPORT);
        List<String> report = new ArrayList<>(List.of("--out", reportDir.toString(), "--runs", runs));
        if (o.filter() != null) {
            report.addAll(List.of("--filter", o.filter()));
        }
        if (o.baseline() != null) {
            report.addAll(List.of("--baseline", o.baseline()));
        }
        if (o.failOnRegression() != null) {
            report.addAll(List.of("--fail-on-regression", Double.toString(o.failOnRegression())));
        }
        report.add(o.results().toString());
        status = runAnalyze(report);
        if (status == 0 || status == ANALYZE_REGRESSION) {
            out.println("nettune: report of " + (several ? "runs " : "run ") + runs + ": " + reportDir.resolve("README.md")
                    + " (one page: " + reportDir.resolve("index.html") + ")");
        }
        if (status == ANALYZE_REGRESSION) {
            out.println("nettune: regression gate failed: rows worse than the baseline by more than "
                    + String.format(java.util.Locale.ROOT, "%.3g%%", o.failOnRegression() * 100)
                    + " (listed above; nettune.failOnRegression)");
            return false;
        }
        if (status != 0) {
            out.println("nettune: the report of " + runs + " failed (exit " + status + ")");
            return false;
        }
        return true;
    }

    /** Runs Analyze with {@code args} in its own process, its output inherited; returns its exit status. */
    private int runAnalyze(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), analyzeClass));
        command.addAll(args);
        out.println("nettune: analysis: " + String.join(" ", command.subList(3, command.size())));
        out.flush();
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            out.println("nettune: cannot start the analysis: " + e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The run folder {@code id} names ("latest", an id, or a unique prefix of one); null when none or several. */
    static Path runFolder(Path results, String id) {
        if (id.equals("latest")) {
            return latestRun(results);
        }
        try (java.util.stream.Stream<Path> dirs = Files.list(results)) {
            List<Path> hits = dirs.filter(d -> Files.isRegularFile(d.resolve("run.json")))
                    .filter(d -> d.getFileName().toString().equals(id) || d.getFileName().toString().startsWith(id)).toList();
            return hits.size() == 1 ? hits.get(0)
                    : hits.stream().filter(d -> d.getFileName().toString().equals(id)).findFirst().orElse(null);
        } catch (IOException e) {
            return null; // no results folder: Analyze says so
        }
    }

    /**
     * The newest run folder under {@code results}: the one whose run.json says it finished (or, not
     * finished, started) last; null when there is none. Read from run.json rather than file times,
     * which a git checkout sets arbitrarily.
     */
    static Path latestRun(Path results) {
        Path best = null;
        String bestTime = "";
        try (java.util.stream.Stream<Path> dirs = Files.list(results)) {
            for (Path d : dirs.sorted().toList()) {
                Path runJson = d.resolve("run.json");
                if (!Files.isRegularFile(runJson)) {
                    continue;
                }
                String time;
                try {
                    com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(runJson.toFile());
                    String fin = n.path("finishedAt").asText("");
                    String start = n.path("startedAt").asText("");
                    time = fin.compareTo(start) > 0 ? fin : start;
                } catch (IOException e) {
                    continue; // unreadable run.json: the analysis names it; it cannot be the newest run
                }
                if (best == null || time.compareTo(bestTime) >= 0) {
                    best = d;
                    bestTime = time;
                }
            }
        } catch (IOException e) {
            return null; // no results folder: no run to report on
        }
        return best;
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
