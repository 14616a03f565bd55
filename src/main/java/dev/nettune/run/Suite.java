package dev.nettune.run;

import dev.nettune.run.Preflight.Prepared;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
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
    public static final String DEFAULT_RESULTS = Profile.DEFAULT_RESULTS;
    public static final String DEFAULT_ANALYSIS = Profile.DEFAULT_ANALYSIS;
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = UsageException.EXIT_STATUS;
    /** The analysis module's entry point, run as a separate process after the benchmarks. */
    static final String ANALYZE_CLASS = "dev.nettune.analysis.Analyze";
    /** Analyze's exit status for "no usable input". */
    static final int ANALYZE_NO_INPUT = 2;

    /** How long a fork waits for another JMH run's lock (/tmp/jmh.lock) before it counts as failed. */
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
        if (o.resume() != null) {
            return resume(o);
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

    /**
     * Starts a new run of a validated plan: creates the run folder, writes run.json (plan, method,
     * JVMs, host), runs the schedule and then the analysis.
     */
    int execute(Prepared p) {
        SuiteOptions o = p.options();
        Instant started = Instant.now();
        Path runDir = RunId.create(o.results(), started, o.profile()).toAbsolutePath();
        int blocks = p.timing().blocks();
        int cap = o.blockCap() != null ? o.blockCap() : blocks;
        long seed = p.seed();
        // Preflight refused a baseline that names no JVM of the plan
        String baseline = o.baseline() != null ? o.baseline() : RunSpec.defaultBaseline(p.targets());
        RunSpec spec = new RunSpec(runDir.getFileName().toString(), runDir, RunSpec.pointsOf(p.plan()), p.targets(), o.jmhArgs(),
                p.jmh(), new RunSpec.Iterations(p.timing().warmupIterations(), p.timing().warmupTime()),
                new RunSpec.Iterations(p.timing().measurementIterations(), p.timing().measurementTime()),
                blocks, seed, o.ci(), cap, baseline, p.selfCheck());
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
