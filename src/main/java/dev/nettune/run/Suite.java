package dev.nettune.run;

import dev.nettune.run.Preflight.Prepared;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Version;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
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
    public static final String DEFAULT_RESULTS = Profile.DEFAULT_RESULTS;
    public static final String DEFAULT_ANALYSIS = Profile.DEFAULT_ANALYSIS;
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = UsageException.EXIT_STATUS;
    /** The analysis module's entry point, run as a separate process after the benchmarks. */
    static final String ANALYZE_CLASS = "dev.nettune.analysis.Analyze";
    /** Analyze's exit status for "no usable input". */
    static final int ANALYZE_NO_INPUT = 2;

    /** How long a class waits for another JMH run's lock (/tmp/jmh.lock) before it counts as failed. */
    static final long LOCK_WAIT_SECONDS = 900;
    static final long LOCK_POLL_SECONDS = 5;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
            System.err.println("nettune: error: " + e.getMessage()); // one line: UsageException folds line breaks
            status = EXIT_USAGE;
        }
        System.exit(status);
    }

    int run(SuiteOptions o) {
        if (o.help()) {
            out.println(SuiteOptions.HELP);
            return EXIT_OK;
        }
        if (o.skip()) {
            Preflight.checkFolders(o, Path.of(""));
            out.println("nettune: benchmarks skipped (nettune.skip=true); regenerating the report from " + o.results());
            return analyze(o, true) ? EXIT_OK : EXIT_FAILED;
        }
        Prepared p = Preflight.prepare(o, JvmMatrix.Sources.ofThisProcess(), BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of()));
        Preflight.printPlan(out, p);
        if (o.dryRun()) {
            out.println("nettune: dry run; nothing started.");
            return EXIT_OK;
        }
        if (o.ignoreLock()) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        return execute(p);
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
        settings.put("forks", p.timing().blocks());
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
        b.forks(p.timing().blocks())
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
        String taskset = String.valueOf(Preflight.onPath("taskset"));
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
        return Durations.of(seconds);
    }
}
