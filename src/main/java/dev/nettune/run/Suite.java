package dev.nettune.run;

import dev.nettune.counters.CounterAvailability;
import dev.nettune.counters.CounterProbe;
import dev.nettune.run.options.CountersMode;
import dev.nettune.run.record.CounterRecords;
import dev.nettune.run.options.Durations;
import dev.nettune.run.record.Environment;
import dev.nettune.run.execution.Execution;
import dev.nettune.run.folder.JmhTempFiles;
import dev.nettune.run.folder.Journal;
import dev.nettune.run.options.JvmMatrix;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.record.MergedResults;
import dev.nettune.run.record.Outcome;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.check.Preflight;
import dev.nettune.run.options.Profile;
import dev.nettune.run.record.Resume;
import dev.nettune.run.record.RunDocuments;
import dev.nettune.run.folder.RunId;
import dev.nettune.run.folder.RunLock;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.record.RunState;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.UsageException;

import dev.nettune.run.check.Preflight.Prepared;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private final PrintStream out;
    private final String analyzeClass;
    /** What this host can count; tests take perf or tracefs away. */
    private java.util.function.Supplier<CounterAvailability> probe = CounterProbe::onThisHost;

    Suite(PrintStream out) {
        this(out, ANALYZE_CLASS);
    }

    Suite(PrintStream out, String analyzeClass) {
        this.out = out;
        this.analyzeClass = analyzeClass;
    }

    /** This suite with {@code probe} in place of probing the host's counters. */
    Suite probe(java.util.function.Supplier<CounterAvailability> hostProbe) {
        this.probe = hostProbe;
        return this;
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
            noteStale(o);
            out.println("nettune: benchmarks skipped (nettune.skip=true); regenerating the report from " + o.results());
            return analyze(o, true) ? EXIT_OK : EXIT_FAILED;
        }
        if (o.resume() != null) {
            return resume(o);
        }
        Prepared p = Preflight.prepare(o, JvmMatrix.Sources.ofThisProcess(), BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of()));
        Preflight.printPlan(out, p);
        printPlacements(out, p.plan());
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
     * Prints the server placements the plan runs, when any is not in process, and which of them this
     * host cannot give (their points will be skipped with the reason, as virtual threads on JDK 17).
     */
    static void printPlacements(PrintStream out, Plan plan) {
        java.util.Set<String> placements = new java.util.LinkedHashSet<>();
        java.util.Set<String> classes = new java.util.TreeSet<>();
        for (Plan.ClassPlan c : plan.classes()) {
            for (Plan.Point pt : c.points()) {
                String pl = pt.params().get(Plan.PLACEMENT_PARAM);
                if (pl != null) {
                    placements.add(pl);
                    classes.add(c.simpleName());
                }
            }
        }
        if (placements.isEmpty() || placements.equals(java.util.Set.of(dev.nettune.placement.Placement.INPROCESS))) {
            return;
        }
        out.println("Server placements: " + String.join(", ", placements) + " (" + String.join(", ", classes)
                + "; the other benchmarks run their server in process)");
        for (String text : placements) {
            dev.nettune.placement.Placement pl = dev.nettune.placement.Placement.parse(text);
            if (pl.kind() == dev.nettune.placement.Placement.Kind.NETNS) {
                String why = dev.nettune.placement.Netns.unavailableReason(pl.rate() != null || pl.delay() != null);
                if (why != null) {
                    out.println("  note: " + text + " cannot be had here (" + why + "): its points will be skipped with this reason");
                } else if (pl.delay() != null) {
                    out.println("  note: " + text + " needs the kernel's netem qdisc; without it (this is known when the first"
                            + " namespace is shaped) its points are skipped with the reason");
                }
            } else if (pl.kind() == dev.nettune.placement.Placement.Kind.REMOTE) {
                out.println("  note: " + text + " is a server you started; points whose server model or socket options differ"
                        + " from its own are skipped, saying how to start a matching one");
            }
        }
    }

    /**
     * Starts a new run of a validated plan: creates the run folder, writes run.json (plan, method,
     * JVMs, host), runs the schedule and then the analysis.
     */
    int execute(Prepared p) {
        SuiteOptions o = p.options();
        noteStale(o);
        Instant started = Instant.now();
        Path runDir = RunId.create(o.results(), started, o.profile()).toAbsolutePath();
        RunLock lock = lock(runDir, runDir.getFileName().toString());
        try (lock) {
            int blocks = p.timing().blocks();
            int cap = o.blockCap() != null ? o.blockCap() : blocks;
            long seed = p.seed();
            // Preflight refused a baseline that names no JVM of the plan
            String baseline = o.baseline() != null ? o.baseline() : RunSpec.defaultBaseline(p.targets());
            CountersMode counting = o.countersMode();
            RunSpec spec = new RunSpec(runDir.getFileName().toString(), runDir, RunSpec.pointsOf(p.plan()), p.targets(), o.jmhArgs(),
                    p.jmh(), new RunSpec.Iterations(p.timing().warmupIterations(), p.timing().warmupTime()),
                    new RunSpec.Iterations(p.timing().measurementIterations(), p.timing().measurementTime()),
                    blocks, seed, o.ci(), cap, baseline, p.selfCheck(), counting);
            CounterAvailability counters = counting.counts() ? probe.get() : null; // once per run: every fork counts the same
            RunRecord record = new RunRecord(runDir.resolve(dev.nettune.results.ResultFiles.RUN),
                    RunDocuments.of(p, spec, started, Path.of("").toAbsolutePath()).withCounters(CounterRecords.of(counting, counters,
                            spec.points().stream().anyMatch(pt -> CounterRecords.serverApart(pt.point().params().get(Plan.PLACEMENT_PARAM))))));
            record.update(doc -> doc); // written before the first fork
            out.println("nettune: run " + spec.runId() + " -> " + runDir);
            out.println("nettune: " + spec.points().size() + " points x " + blocks + " blocks x " + spec.targets().size()
                    + " JVMs, one fork at a time in randomized interleaved blocks (seed " + seed + "; JMH output in "
                    + runDir.resolve(Execution.JMH_LOG) + ")");
            CounterRecords.describe(counting, counters).forEach(out::println);
            return finish(o, spec, record, new RunState(spec), new MergedResults(runDir), counters);
        } catch (IOException e) {
            out.println("nettune: warning: releasing " + runDir.resolve(RunLock.FILE) + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** Takes a run's lock, held while this process runs it; a UsageException when another runner holds it. */
    private static RunLock lock(Path runDir, String id) {
        try {
            RunLock lock = RunLock.tryAcquire(runDir);
            if (lock == null) {
                throw new UsageException("nettune.resume: run " + id + " is still running (another runner holds "
                        + runDir.resolve(RunLock.FILE) + "); wait for it or stop it first");
            }
            return lock;
        } catch (IOException e) {
            throw new UsageException("nettune.results: cannot lock " + runDir.resolve(RunLock.FILE) + ": " + e.getMessage());
        }
    }

    /**
     * Rewrites as interrupted the run.json of every run under the results root that says running
     * while no runner holds it ({@link RunLock#markStale}), and says so: listings and reports made
     * after this start then show those runs as what they are.
     */
    private void noteStale(SuiteOptions o) {
        for (String id : RunLock.markStale(o.results())) {
            out.println("nettune: run " + id + " said 'running' but its runner is gone (killed, or the machine restarted):"
                    + " its run.json now says interrupted; continue it with " + resumeHint(o, id));
        }
    }

    /**
     * The command that continues run {@code runId} made with options {@code o}: the run id, and every
     * option a resume does not take from the run's record but needs to find it and report as this
     * run would (profile, results and report folders when not the default, baseline, report
     * selection, regression gate, ignoreLock), for Maven and for the java command.
     */
    static String resumeHint(SuiteOptions o, String runId) {
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("resume", runId);
        if (o.profile() != Profile.QUICK) {
            opts.put("profile", o.profile().id());
        }
        if (!o.results().equals(Path.of(o.profile().defaultResults))) {
            opts.put("results", o.results().toString());
        }
        if (!o.analysis().equals(Path.of(o.profile().defaultAnalysis))) {
            opts.put("analysis", o.analysis().toString());
        }
        if (o.baseline() != null) {
            opts.put("baseline", o.baseline());
        }
        if (o.runs() != null) {
            opts.put("runs", o.runs());
        }
        if (o.filter() != null) {
            opts.put("filter", o.filter());
        }
        if (o.failOnRegression() != null) {
            opts.put("failOnRegression", Double.toString(o.failOnRegression()));
        }
        if (o.ignoreLock()) {
            opts.put("ignoreLock", "true");
        }
        StringBuilder mvn = new StringBuilder("mvn verify");
        StringBuilder java = new StringBuilder("java -cp target/benchmarks.jar " + Suite.class.getName());
        opts.forEach((k, v) -> {
            mvn.append(' ').append(shellQuote("-D" + SuiteOptions.PROPERTY_PREFIX + k + "=" + v));
            java.append(' ').append(shellQuote("--" + k + "=" + v));
        });
        return mvn + " (or: " + java + ")";
    }

    /** A word as a POSIX shell reads it back: quoted unless it holds only safe characters. */
    static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9._/=:,%+@-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Continues an interrupted run ({@code --resume=<runId>}): everything but the output folders and
     * the JMH lock comes from the run's own record (see {@link Resume}). A run.json left "running" by
     * a runner that is gone is first rewritten as interrupted; a block the interruption cut runs again
     * whole ({@link Resume.CutBlock}).
     */
    int resume(SuiteOptions given) {
        Path runDir = Resume.locate(given, given.resume());
        String id = runDir.getFileName().toString();
        String recordedProfile;
        try {
            recordedProfile = dev.nettune.results.RunDocument.read(runDir.resolve(dev.nettune.results.ResultFiles.RUN)).profile();
        } catch (IOException | IllegalArgumentException e) {
            recordedProfile = null; // Resume.load names the unreadable run.json
        }
        Profile runProfile = given.profile();
        for (Profile pr : Profile.values()) {
            if (pr.id().equals(recordedProfile)) {
                runProfile = pr;
            }
        }
        SuiteOptions o = given.forRun(runProfile, runDir.getParent());
        noteStale(o);
        RunLock.markStaleRun(runDir); // found elsewhere than under the results root (the profile's default folder)
        RunLock lock = lock(runDir, id);
        try (lock) {
            return resume(given, o, runDir, runProfile);
        } catch (IOException e) {
            out.println("nettune: warning: releasing " + runDir.resolve(RunLock.FILE) + ": " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private int resume(SuiteOptions given, SuiteOptions o, Path runDir, Profile runProfile) {
        JmhTempFiles.sweep(runDir); // JMH's files of the stopped session, if its runner could not delete them
        Resume.Loaded l = Resume.load(runDir, Environment.gitCommit(Path.of("").toAbsolutePath()));
        List<String> ignored = Resume.ignored(given, runProfile, l.spec(), l.record().doc().settings().include());
        int total = l.state().remainingForks();
        out.println("nettune: resuming run " + l.spec().runId() + " in " + runDir + ": " + l.done() + " forks recorded, "
                + l.state().pointsDone() + "/" + l.spec().points().size() + " points done, " + total + " forks to run (seed "
                + l.spec().seed() + ")");
        if (!ignored.isEmpty()) {
            out.println("nettune: the run's recorded settings apply; ignoring --" + String.join(", --", ignored));
        }
        List<String> rerun = l.cut().stream().map(c -> c.describe(l.spec())).toList();
        for (String c : rerun) {
            out.println("nettune: " + c + " was cut by the interruption: the whole block runs again, so that its forks"
                    + " are seconds apart and pair honestly");
        }
        if (o.dryRun()) {
            out.println("nettune: dry run; nothing started.");
            return EXIT_OK;
        }
        if (o.ignoreLock()) {
            System.setProperty("jmh.ignoreLock", "true");
        }
        try {
            if (!l.cut().isEmpty()) {
                Journal.rewriteForks(runDir, l.lines());
            }
            l.merged().writeAll(l.spec()); // drop any row written after the last recorded fork, and the rows of cut blocks
        } catch (IOException e) {
            throw new UsageException("nettune.resume: cannot rewrite the results in " + runDir + ": " + e.getMessage());
        }
        Resume.begin(l.record(), rerun);
        CounterAvailability counters = CounterRecords.availability(l.record().doc().counters());
        CounterRecords.describe(l.spec().counters(), counters).forEach(out::println);
        return finish(o, l.spec(), l.record(), l.state(), l.merged(), counters);
    }

    /** Runs what is left of a run's schedule, prints the summary, runs the analysis; the exit status. */
    private int finish(SuiteOptions o, RunSpec spec, RunRecord record, RunState state, MergedResults merged,
                       CounterAvailability counters) {
        long t0 = System.nanoTime();
        String hint = resumeHint(o, spec.runId());
        Execution.End end = new Execution(spec, record, state, merged, out).counters(counters).resumeHint(hint).run();
        long wall = (System.nanoTime() - t0) / 1_000_000_000L;
        record.update(doc -> doc.plusWallSeconds(wall));
        out.println();
        out.println("nettune: run " + spec.runId() + (end == Execution.End.INTERRUPTED ? " stopped" : " finished") + " after "
                + duration(wall));
        Map<String, Outcome> outcomes = state.outcomes();
        outcomes.forEach((label, oc) -> out.println("  " + oc.summary(label)));
        int incomplete = state.incompleteBlocks();
        out.println("  incomplete blocks (a fork failed or was interrupted): " + incomplete);
        out.println("  raw results: " + spec.runDir());
        if (end == Execution.End.INTERRUPTED) {
            out.println("nettune: resume with: " + hint);
            return EXIT_FAILED;
        }
        boolean analysed = analyze(o, spec.runDir(), false);
        if (analysed && !o.explainMode().equals("none")) {
            // after the score and the report, never inside them; it prints its own progress and never throws
            dev.nettune.explain.Explain.Summary explained = dev.nettune.explain.Explain.afterRun(spec.runDir(), o.explainMode(), out);
            if (explained.index() != null) {
                // the reports link the flame graphs they find in the run folder: written again now that they exist
                analysed = analyze(o, spec.runDir(), false);
            }
        }
        if (end == Execution.End.COMPLETE_WITH_FAILURES) {
            int failed = outcomes.values().stream().mapToInt(Outcome::failedCount).sum();
            out.println("nettune: " + failed + " fork(s) failed: see 'failedForks' in " + record.file() + " and "
                    + spec.runDir().resolve(Execution.JMH_LOG));
        }
        return end == Execution.End.COMPLETE && analysed ? EXIT_OK : EXIT_FAILED;
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
            List<Path> hits = dirs.filter(d -> Files.isRegularFile(d.resolve(dev.nettune.results.ResultFiles.RUN)))
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
                Path runJson = d.resolve(dev.nettune.results.ResultFiles.RUN);
                if (!Files.isRegularFile(runJson)) {
                    continue;
                }
                String time;
                try {
                    dev.nettune.results.RunDocument n = dev.nettune.results.RunDocument.read(runJson);
                    String fin = n.finishedAt() == null ? "" : n.finishedAt();
                    String start = n.startedAt() == null ? "" : n.startedAt();
                    time = fin.compareTo(start) > 0 ? fin : start;
                } catch (IOException | IllegalArgumentException e) {
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

    /** "9m41s", "42s". */
    public static String duration(long seconds) {
        return Durations.of(seconds);
    }
}
