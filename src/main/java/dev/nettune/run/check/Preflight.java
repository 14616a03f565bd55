package dev.nettune.run.check;

import dev.nettune.run.options.Durations;
import dev.nettune.run.options.Jdk;
import dev.nettune.run.options.JvmMatrix;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.plan.PointGroups;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.options.Profile;
import dev.nettune.run.folder.RunLock;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.UsageException;
import dev.nettune.run.options.Variant;

import dev.nettune.host.Launchers;
import dev.nettune.results.RunDocument;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Preflight is everything the suite does before a run starts: it checks the options against the
 * file system, the JVMs and the benchmark list, turns them into a {@link Prepared} run (plan, JVM
 * targets, timing, seed) and prints the plan with its cost. Every {@link UsageException} comes from
 * here (or from {@link SuiteOptions#parse}), before any benchmark starts.
 *
 * <p>The checks come in three groups, so that Maven can run the first two before compiling
 * ({@link MavenCheck}): the options alone ({@link SuiteOptions#parse}); the file system and the
 * JVMs ({@link #jmhOptions}, {@link #checkFolders}, {@link #targets}); and what needs the compiled
 * benchmark list ({@link #plan}: include, profile files, {@code -p} names and values).
 */
public final class Preflight {
    /** How long validating a JVM's flags ({@code java <flags> -version}) may take. */
    static final long VALIDATE_TIMEOUT_SECONDS = 60;
    /**
     * Quick is meant to answer every family's question within this per JVM on a 2-core machine: 20
     * minutes since the calibrated warm-ups, at 8 blocks (fewer blocks failed the A/A goal; see
     * {@link dev.nettune.run.options.Profile#QUICK}); 10 is the aim once a design holds with fewer.
     */
    public static final long QUICK_BUDGET_SECONDS = 1200;
    /** Smoke is CI's check of the whole pipeline: benchmarks within this for all JVMs together. */
    public static final long SMOKE_BUDGET_SECONDS = 240;
    /** Fewest blocks with which a paired comparison has any spread to test against. */
    static final int MIN_BLOCKS_TO_TEST = 2;
    private static final long DAY_SECONDS = 24 * 3600;
    /** run.json's status of a run that finished every fork. */
    static final String STATUS_COMPLETE = "complete";


    private Preflight() {
    }

    /**
     * The JMH iteration settings of one fork, from the profile and overridden by extra JMH options,
     * and the blocks every point starts with.
     *
     * @param blocks blocks per point (each one fork per JVM); the starting number under adaptive stopping
     * @param warmupIterations the profile's default warm-up, or the -wi of the extra JMH options
     * @param warmupFromCommandLine whether a -wi was given: it then overrides every class's {@code @warmup}
     */
    public record Timing(int blocks, int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime,
                         boolean warmupFromCommandLine) {
        public Timing(int blocks, int warmupIterations, TimeValue warmupTime, int measurementIterations, TimeValue measurementTime) {
            this(blocks, warmupIterations, warmupTime, measurementIterations, measurementTime, false);
        }

        static Timing of(SuiteOptions o, CommandLineOptions cmd) {
            Profile p = o.profile();
            return new Timing(o.startBlocks(),
                    cmd.getWarmupIterations().orElse(p.warmupIterations),
                    cmd.getWarmupTime().orElse(TimeValue.seconds(p.warmupSeconds)),
                    cmd.getMeasurementIterations().orElse(p.measurementIterations),
                    cmd.getMeasurementTime().orElse(TimeValue.seconds(p.measurementSeconds)),
                    cmd.getWarmupIterations().hasValue());
        }

        /** Warm-up iterations of a fork of class {@code c}: a -wi, else its profile file's {@code @warmup}, else the profile's. */
        public int warmupOf(Plan.ClassPlan c) {
            return warmupFromCommandLine ? warmupIterations : c.warmupOr(warmupIterations);
        }

        /** Estimated seconds of one fork of class {@code c}. */
        double secondsPerFork(Plan.ClassPlan c) {
            return warmupOf(c) * seconds(warmupTime) + measurementIterations * seconds(measurementTime)
                    + RunSpec.FORK_OVERHEAD_SECONDS;
        }

        /** Estimated seconds of one block of every point of the plan on one JVM. */
        double secondsPerBlock(Plan plan) {
            return plan.classes().stream().mapToDouble(c -> c.points().size() * secondsPerFork(c)).sum();
        }

        /** Estimated seconds of one fork: its iterations plus JVM start, setup and teardown. */
        double secondsPerFork() {
            return warmupIterations * seconds(warmupTime) + measurementIterations * seconds(measurementTime)
                    + RunSpec.FORK_OVERHEAD_SECONDS;
        }

        /** Estimated seconds of one point on one JVM: blocks × one fork. */
        double secondsPerPoint() {
            return Math.max(1, blocks) * secondsPerFork();
        }

        private static double seconds(TimeValue t) {
            return t.convertTo(TimeUnit.MILLISECONDS) / 1000.0;
        }
    }

    /**
     * Everything checked before a run: what would run where, in which order.
     *
     * @param seed      seed of the block order: the option's, or a fresh one (to be recorded)
     * @param maxBlocks cap on blocks per point under adaptive stopping ({@link SuiteOptions#ci}), else null
     */
    public record Prepared(SuiteOptions options, CommandLineOptions jmh, Timing timing, Plan plan, List<JvmTarget> targets,
                           List<String> notes, long seed, Integer maxBlocks) {

        /** Whether two targets are one JVM started the same way: the run is (or contains) an A/A self-check. */
        public boolean selfCheck() {
            for (int i = 0; i < targets.size(); i++) {
                for (int j = i + 1; j < targets.size(); j++) {
                    if (JvmMatrix.sameJvm(targets.get(i), targets.get(j))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Everything checked, relative paths taken from the working directory. */
    public static Prepared prepare(SuiteOptions o, JvmMatrix.Sources sources, Collection<BenchmarkListEntry> entries) {
        return prepare(o, sources, entries, Path.of(""));
    }

    /** Checks every option against {@code base} (what relative paths are relative to), the JVMs and the benchmark list. */
    public static Prepared prepare(SuiteOptions o, JvmMatrix.Sources sources, Collection<BenchmarkListEntry> entries, Path base) {
        CommandLineOptions cmd = jmhOptions(o);
        checkFolders(o, base);
        List<String> notes = new ArrayList<>();
        List<JvmTarget> targets = targets(o, sources, base, notes, true);
        Plan plan = plan(o, cmd, entries);
        checkPinning(plan);
        long seed = o.seed() != null ? o.seed() : ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return new Prepared(o, cmd, Timing.of(o, cmd), plan, targets, notes, seed, o.blockCap());
    }

    /** Parses the extra JMH options and refuses those the suite sets itself or that would break the method. */
    static CommandLineOptions jmhOptions(SuiteOptions o) {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(o.jmhArgs().toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new UsageException("nettune.jmh: " + jmhRefusal(o.jmhArgs(), e.getMessage()));
        }
        checkProfilers(cmd);
        if (!cmd.getIncludes().isEmpty()) {
            throw new UsageException("nettune.jmh: benchmark patterns " + cmd.getIncludes() + " are not allowed here; use -Dnettune.include=REGEX");
        }
        if (!cmd.getExcludes().isEmpty()) {
            throw new UsageException("nettune.jmh: -e " + cmd.getExcludes() + " is not allowed here; use -Dnettune.include=REGEX");
        }
        if (cmd.getResult().hasValue() || cmd.getResultFormat().hasValue() || cmd.getJvm().hasValue() || cmd.getOutput().hasValue()) {
            throw new UsageException("nettune.jmh: -rf, -rff, -o and -jvm are set by the suite (use -Dnettune.results / -Dnettune.jvms)");
        }
        if (cmd.getForkCount().hasValue()) {
            throw new UsageException("nettune.jmh: -f " + cmd.getForkCount().get() + " is not allowed: every block runs one fork per JVM;"
                    + " use -Dnettune.blocks=N for more forks per point");
        }
        return cmd;
    }

    /**
     * JMH's refusal of extra options, with the whole argument it refused quoted: JMH's parser
     * (jopt-simple) reads {@code -bogus} as the one-letter options -b -o -g -u -s and names only the
     * first ("b is not a recognized option"). The argument is the shortest prefix of {@code args} that
     * JMH refuses with the same message; its last word (with the option before it when the word is that
     * option's value).
     */
    static String jmhRefusal(List<String> args, String message) {
        String msg = String.valueOf(message).lines().findFirst().orElse("").strip();
        String culprit = String.join(" ", args);
        for (int k = 1; k <= args.size(); k++) {
            try {
                new CommandLineOptions(args.subList(0, k).toArray(new String[0]));
            } catch (CommandLineOptionException e) {
                if (msg.equals(String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip())) {
                    String word = args.get(k - 1);
                    culprit = !word.startsWith("-") && k >= 2 && args.get(k - 2).startsWith("-") ? args.get(k - 2) + " " + word : word;
                    break;
                }
            }
        }
        String clustered = "";
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\S) is not a recognized option").matcher(msg);
        if (m.matches() && culprit.matches("-[^-].+") && culprit.charAt(1) == m.group(1).charAt(0)) {
            clustered = " (one dash takes one-letter options: JMH read '" + culprit + "' as -"
                    + String.join(" -", culprit.substring(1).split("")) + "; JMH's options: java -jar target/benchmarks.jar -h)";
        }
        return "JMH refuses '" + culprit + "': " + msg + clustered;
    }

    /**
     * Each {@code -prof} must name a profiler JMH has (built in or on the class path: {@code -lprof}
     * lists them) that can run here with its options; otherwise every fork would fail.
     */
    static void checkProfilers(CommandLineOptions cmd) {
        for (org.openjdk.jmh.runner.options.ProfilerConfig pc : cmd.getProfilers()) {
            String given = pc.getKlass() + (pc.getOpts() == null || pc.getOpts().isEmpty() ? "" : ":" + pc.getOpts());
            try {
                org.openjdk.jmh.profile.ProfilerFactory.getProfilerOrException(pc);
            } catch (org.openjdk.jmh.profile.ProfilerException e) {
                String why = String.valueOf(e.getMessage()).lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
                if (why.contains("ClassNotFoundException")) {
                    throw new UsageException("nettune.jmh: -prof " + given + ": JMH has no profiler '" + pc.getKlass() + "'; its profilers: "
                            + String.join(", ", profilerNames()) + " (java -jar target/benchmarks.jar -lprof)");
                }
                throw new UsageException("nettune.jmh: -prof " + given + ": JMH's " + pc.getKlass() + " profiler cannot run here: " + why
                        + (pc.getOpts() == null || pc.getOpts().isEmpty() ? "" : " (its options: -prof " + pc.getKlass() + ":help)"));
            } catch (RuntimeException | LinkageError e) {
                throw new UsageException("nettune.jmh: -prof " + given + ": JMH cannot create this profiler: " + e);
            }
        }
    }

    /**
     * The profiler names JMH knows, supported here or not: its built-in table (read directly: listing
     * them as {@code -lprof} does starts every perf-based profiler, seconds each) and the profilers on
     * the class path (ServiceLoader); from {@code -lprof}'s output if that table cannot be read.
     */
    @SuppressWarnings("unchecked")
    static List<String> profilerNames() {
        try {
            java.lang.reflect.Field f = org.openjdk.jmh.profile.ProfilerFactory.class.getDeclaredField("BUILT_IN");
            f.setAccessible(true);
            List<String> out = new ArrayList<>(((Map<String, ?>) f.get(null)).keySet());
            for (org.openjdk.jmh.profile.Profiler p : java.util.ServiceLoader.load(org.openjdk.jmh.profile.Profiler.class)) {
                if (!out.contains(p.getClass().getName())) {
                    out.add(p.getClass().getName());
                }
            }
            return out;
        } catch (ReflectiveOperationException | RuntimeException | java.util.ServiceConfigurationError e) {
            // another JMH version: ask JMH to list them
        }
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        org.openjdk.jmh.profile.ProfilerFactory.listProfilers(new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s+([A-Za-z][\\w.$]*): ").matcher(buf.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * The {@code -p} parameters of the extra JMH options, by name, as JMH read them. JMH offers no
     * list of the names it was given, so they are found in the arguments: {@code -p name=v1,v2} and
     * the attached {@code -pname=v1,v2} (joptsimple's short-option form; {@code -prof} is another option).
     */
    static Map<String, List<String>> jmhParams(List<String> args, CommandLineOptions cmd) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String spec = null;
            if (a.equals("-p") && i + 1 < args.size()) {
                spec = args.get(++i);
            } else if (a.startsWith("-p") && !a.startsWith("-prof") && a.indexOf('=') > 2) {
                spec = a.substring(2);
            }
            if (spec == null) {
                continue;
            }
            String name = spec.substring(0, Math.max(0, spec.indexOf('=')));
            if (name.isEmpty() || !cmd.getParameter(name).hasValue()) {
                throw new UsageException("nettune.jmh: '-p " + spec + "' is not -p name=v1,v2");
            }
            out.put(name, List.copyOf(cmd.getParameter(name).get()));
        }
        return out;
    }


    /**
     * The plan: the profile's points of the included benchmarks, with the extra JMH options' -p and
     * -bm, and {@code nettune.placements} as the values of the {@value Plan#Plan.PLACEMENT_PARAM} parameter.
     */
    static Plan plan(SuiteOptions o, CommandLineOptions cmd, Collection<BenchmarkListEntry> entries) {
        Map<String, List<String>> params = new LinkedHashMap<>(jmhParams(o.jmhArgs(), cmd));
        if (!o.placements().isEmpty()) {
            if (params.containsKey(Plan.PLACEMENT_PARAM)) {
                throw new UsageException("nettune.placements: placements are given twice, also as -p " + Plan.PLACEMENT_PARAM
                        + " in nettune.jmh; give them once");
            }
            java.util.regex.Pattern include = Plan.includePattern(o.include());
            if (entries.stream().noneMatch(e -> takesPlacement(e) && (include == null || include.matcher(e.getUsername()).find()))) {
                throw new UsageException("nettune.placements: no selected benchmark takes a placement" + (o.include() == null ? ""
                        : " (include '" + o.include() + "')") + "; those that do: " + String.join(", ", placementClasses(entries)));
            }
            params.put(Plan.PLACEMENT_PARAM, o.placements());
        }
        return Plan.build(entries, o.profile(), o.include(), params, List.copyOf(cmd.getBenchModes()), Plan::profileResource);
    }

    private static boolean takesPlacement(BenchmarkListEntry e) {
        return e.getParams().orElse(Map.of()).containsKey(Plan.PLACEMENT_PARAM);
    }

    /** Simple names of the benchmark classes with a {@value Plan#Plan.PLACEMENT_PARAM} parameter. */
    static List<String> placementClasses(Collection<BenchmarkListEntry> entries) {
        return entries.stream().filter(Preflight::takesPlacement)
                .map(e -> Plan.simple(e.getUserClassQName())).distinct().sorted().toList();
    }

    /**
     * Checks the folders: results and report writable (or creatable), the run to resume and the runs
     * to report present. {@code base} is what relative paths are relative to (the project folder).
     */
    public static void checkFolders(SuiteOptions o, Path base) {
        Path results = base.resolve(o.results());
        if (!o.skip()) {
            writable("nettune.results", results);
        }
        writable("nettune.analysis", base.resolve(o.analysis()));
        if (o.resume() != null) {
            resumable(base, o.results(), o.resume());
        }
        for (String id : o.runIdList()) {
            if (!Files.isDirectory(results.resolve(id))) {
                throw new UsageException("nettune.runs: no run '" + id + "' under " + results.toAbsolutePath().normalize());
            }
        }
    }

    /** A folder that exists and is writable, or whose nearest existing parent is a writable folder. */
    static void writable(String property, Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        if (Files.exists(p)) {
            if (!Files.isDirectory(p)) {
                throw new UsageException(property + ": " + p + " is a file, not a folder");
            }
            if (!canCreateIn(p)) {
                throw new UsageException(property + ": " + p + " is not writable");
            }
            return;
        }
        Path parent = p.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException(property + ": " + p + " cannot be created" + (parent == null ? "" : ": " + parent + " is a file"));
        }
        if (!canCreateIn(parent)) {
            throw new UsageException(property + ": " + p + " cannot be created: " + parent + " is not writable");
        }
    }

    /**
     * Whether a file can be created in {@code dir}: tried with a probe file that is removed at once,
     * because permissions do not tell (root passes every permission check, yet cannot write to a
     * read-only mount or to /proc).
     */
    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".nettune-probe", ""));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * The folder of run {@code id}: {@code <results>/<id>}, else, for an id that ends with a profile's
     * name ({@code …-smoke}, {@code …-smoke-2}), that profile's default results folder; both relative to
     * {@code base}. A UsageException names the folders tried.
     */
    public static Path locateRun(Path base, Path results, String id) {
        if (id.contains("/") || id.contains("\\") || id.equals("..") || id.equals(".")) {
            throw new UsageException("nettune.resume: '" + id + "' is not a run id (a folder name such as 2026-11-30T11-02-03Z-quick)");
        }
        List<Path> tried = new ArrayList<>();
        tried.add(base.resolve(results).resolve(id));
        for (Profile p : Profile.values()) {
            if (id.endsWith("-" + p.id()) || id.matches(".*-" + p.id() + "-\\d+")) {
                tried.add(base.resolve(p.defaultResults).resolve(id));
            }
        }
        for (Path dir : tried) {
            if (Files.isRegularFile(dir.resolve(dev.nettune.results.ResultFiles.RUN))) {
                return dir;
            }
        }
        for (Path dir : tried) {
            if (Files.isDirectory(dir)) {
                throw new UsageException("nettune.resume: " + dir.toAbsolutePath().normalize() + " has no run.json: not a nettune run");
            }
        }
        throw new UsageException("nettune.resume: no run '" + id + "' (no run.json in " + String.join(" or ",
                tried.stream().map(d -> d.toAbsolutePath().normalize().toString()).distinct().toList()) + ")");
    }

    /**
     * The run folder to resume: found ({@link #locateRun}), a nettune run of the block method, not
     * complete, not running (a run.json that says running while no runner holds the run is stale: it
     * can be resumed). Returns its run.json.
     */
    public static RunDocument resumable(Path base, Path results, String runId) {
        Path dir = locateRun(base, results, runId).toAbsolutePath().normalize();
        Path runJson = dir.resolve(dev.nettune.results.ResultFiles.RUN);
        RunDocument run;
        try {
            run = RunDocument.read(runJson);
        } catch (IOException e) {
            throw new UsageException("nettune.resume: " + runJson + " is not readable JSON: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException("nettune.resume: " + runJson + " is not a JSON object");
        }
        String status = run.status() == null ? "" : run.status();
        if (STATUS_COMPLETE.equals(status) || (STATUS_COMPLETE + "-with-failures").equals(status)) {
            throw new UsageException("nettune.resume: run " + runId + " is " + status + " (run.json status '" + status + "'): nothing to resume");
        }
        if (run.method() == null) {
            throw new UsageException("nettune.resume: run " + runId + " was made before randomized blocks (no 'method' in run.json)"
                    + " and cannot be continued; start a new run");
        }
        if (RunLock.STATUS_RUNNING.equals(status) && RunLock.runnerAlive(dir, run)) {
            RunDocument.Runner r = run.runner();
            long pid = r != null && r.pid() != null ? r.pid() : run.pid() != null ? run.pid() : 0;
            throw new UsageException("nettune.resume: run " + runId + " is still running (pid " + pid
                    + (r != null && r.hostname() != null ? " on " + r.hostname() : "") + "); wait for it or stop it first");
        }
        return run;
    }

    /**
     * The JVM matrix: discovered, named (jvms) or the A/A pair (selfCheck), then the variants; the
     * baseline must be one of its labels. Flags are tried on each JDK ({@link #validate}): every
     * target when {@code probeAll}, else only targets of a variant (the one case where a flag the
     * user chose may be refused).
     */
    static List<JvmTarget> targets(SuiteOptions o, JvmMatrix.Sources sources, Path base, List<String> notes, boolean probeAll) {
        List<JvmTarget> basis;
        if (o.selfCheck() != null) {
            basis = JvmMatrix.selfCheck(o.selfCheck(), sources);
        } else if (o.jvms() != null) {
            basis = JvmMatrix.named(o.jvms(), sources);
        } else {
            JvmMatrix.Found found = JvmMatrix.discover(sources);
            notes.addAll(found.notes());
            if (found.jdks().isEmpty()) {
                throw new UsageException("no JDK " + Jdk.MIN_FEATURE + "+ found; name one with -Dnettune.jvms=/path/to/jdk");
            }
            basis = JvmMatrix.label(found.jdks());
        }
        List<JvmTarget> targets = JvmMatrix.withVariants(basis, Variant.parseList(o.variants()), notes);
        if (o.baseline() != null && !o.skip()) {
            List<String> labels = targets.stream().map(JvmTarget::label).toList();
            if (o.resume() != null) {
                List<String> recorded = new ArrayList<>();
                List<RunDocument.Jvm> jvms = resumable(base, o.results(), o.resume()).jvms();
                (jvms == null ? List.<RunDocument.Jvm>of() : jvms).forEach(j -> recorded.add(j.label()));
                labels = recorded;
            }
            if (!labels.contains(o.baseline())) {
                throw new UsageException("nettune.baseline: '" + o.baseline() + "' is no JVM of this run; its JVMs: " + String.join(", ", labels));
            }
        }
        for (JvmTarget t : targets) {
            if (probeAll || t.variant() != null) {
                validate(t);
            }
        }
        return targets;
    }

    /**
     * Points a profile pins to CPUs ({@code @cpus}) need taskset and those CPUs in this process's
     * affinity mask: refused now, naming the class and the CPUs, rather than failing every fork.
     */
    static void checkPinning(Plan plan) {
        Map<String, String> cpus = new TreeMap<>(); // cpus -> a class pinned to them
        for (Plan.ClassPlan c : plan.classes()) {
            c.points().stream().map(c::cpusOf).filter(java.util.Objects::nonNull).forEach(x -> cpus.putIfAbsent(x, c.simpleName()));
        }
        if (cpus.isEmpty()) {
            return;
        }
        Path taskset = Launchers.onPath("taskset");
        for (Map.Entry<String, String> e : cpus.entrySet()) {
            String what = e.getValue() + " (its profile's " + Plan.CPUS_KEY + "=" + e.getKey() + ")";
            if (taskset == null) {
                throw new UsageException(what + " pins forks to CPUs with taskset (util-linux), which is not on PATH");
            }
            ProbeEnd end = probe(List.of(taskset.toString(), "-c", e.getKey(), "true"), what, "checking");
            if (end.exit() == null || end.exit() != 0) {
                throw new UsageException(what + ": 'taskset -c " + e.getKey() + " true' fails here: "
                        + (end.firstLine() == null ? "no output" : end.firstLine()));
            }
        }
    }

    /**
     * How a probe command ended: its exit status, null when it did not finish in
     * {@value #VALIDATE_TIMEOUT_SECONDS} s (it is then killed), and the first line it printed, or null.
     */
    private record ProbeEnd(Integer exit, String firstLine) {
    }

    /**
     * Runs a short probe command, stdout and stderr together; a command that cannot start, or an
     * interruption, is a UsageException naming {@code subject} (and, interrupted, what it was doing: {@code verb}).
     */
    private static ProbeEnd probe(List<String> command, String subject, String verb) {
        try {
            Process proc = new ProcessBuilder(command).redirectErrorStream(true).start();
            proc.getOutputStream().close();
            String output;
            try (InputStream in = proc.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String first = output.strip().lines().findFirst().orElse(null);
            if (!proc.waitFor(VALIDATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
                return new ProbeEnd(null, first);
            }
            return new ProbeEnd(proc.exitValue(), first);
        } catch (IOException e) {
            throw new UsageException(subject + ": cannot start " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while " + verb + " " + subject);
        }
    }

    /** Starts {@code [taskset -c CPUS] java <flags> -version} on the target: a flag it rejects stops the suite now. */
    static void validate(JvmTarget t) {
        List<String> command = new ArrayList<>();
        if (t.cpus() != null) {
            Path taskset = Launchers.onPath("taskset");
            if (taskset == null) {
                throw new UsageException(t.label() + ": CPU placement needs taskset (util-linux), which is not on PATH");
            }
            command.addAll(List.of(taskset.toString(), "-c", t.cpus()));
        }
        command.add(t.jdk().java().toString());
        command.addAll(t.flags());
        command.add("-version");
        ProbeEnd end = probe(command, t.label(), "validating");
        if (end.exit() == null) {
            throw new UsageException(t.label() + ": '" + String.join(" ", command) + "' did not finish in " + VALIDATE_TIMEOUT_SECONDS + " s");
        }
        if (end.exit() != 0) {
            throw new UsageException(t.label() + ": JDK " + t.jdk().feature() + " refuses these flags: '"
                    + String.join(" ", command) + "' says: " + (end.firstLine() == null ? "exit " + end.exit() : end.firstLine()));
        }
    }

    /**
     * Prints the plan: the method and a fork's settings, the JVMs, points per class, and the cost
     * (points × blocks × JVMs × seconds per fork), with warnings when it cannot test a difference or
     * exceeds the profile's budget.
     */
    public static void printPlan(PrintStream out, Prepared p) {
        SuiteOptions o = p.options();
        Timing t = p.timing();
        int jvms = p.targets().size();
        double perBlock = t.secondsPerBlock(p.plan());
        double perFork = perBlock / Math.max(1, p.plan().pointCount());
        String blocks = p.maxBlocks() == null ? String.valueOf(t.blocks()) : t.blocks() + "-" + p.maxBlocks();
        out.println("nettune: profile " + o.profile().id() + ", " + blocks + " blocks per point (randomized interleaved blocks,"
                + " point-major" + (PointGroups.of(RunSpec.pointsOf(p.plan())).interleavesPlacements() ? ", a point's placements in each block" : "")
                + "), seed " + p.seed() + (o.seed() == null ? " (-Dnettune.seed=" + p.seed() + " repeats this order)" : ""));
        out.println("  a fork: warmup " + (t.warmupFromCommandLine() ? t.warmupIterations() + " (-wi: every class)"
                : t.warmupIterations() + " unless its profile file says (" + o.profile().id() + "." + Plan.WARMUP_KEY + ")")
                + " x " + t.warmupTime() + ", measurement " + t.measurementIterations()
                + " x " + t.measurementTime() + ", ~" + oneDecimal(perFork) + " s with JVM start on average"
                + (o.ci() == null ? "" : "; blocks added until every JVM's 95% CI half-width is <= " + percent(o.ci()))
                + (o.include() == null ? "" : "; include '" + o.include() + "'")
                + (o.jmhArgs().isEmpty() ? "" : "; extra JMH options " + o.jmhArgs()));
        out.println("JVMs (" + jvms + "):");
        for (JvmTarget j : p.targets()) {
            out.printf("  %-20s JDK %-10s %-18s %s  placement %s%s%n", j.label(), j.jdk().version(), j.jdk().vendor(),
                    j.jdk().home(), j.placement(), j.flags().isEmpty() ? "" : "  flags " + String.join(" ", j.flags()));
        }
        for (String n : p.notes()) {
            out.println("  note: " + n);
        }
        out.println("Points (each: " + t.blocks() + " blocks x " + jvms + " JVMs x one fork):");
        out.printf("  %-40s %7s %6s %7s %8s%n", "class", "methods", "points", "warm-up", "est.");
        List<String> fullGrid = new ArrayList<>();
        for (Plan.ClassPlan c : p.plan().classes()) {
            boolean grid = !c.hasProfile() && o.profile() != Profile.FULL;
            if (grid) {
                fullGrid.add(c.simpleName());
            }
            long pinned = c.points().stream().filter(pt -> c.cpusOf(pt) != null).count();
            out.printf("  %-40s %7d %6d %7s %8s%s%s%n", c.simpleName(), c.methods().size(), c.points().size(),
                    t.warmupOf(c) + " x " + t.warmupTime(),
                    Durations.of(Math.round(c.points().size() * t.blocks() * jvms * t.secondsPerFork(c))),
                    grid ? "  (no " + o.profile().id() + " keys: the full @Param grid)" : "",
                    pinned == 0 ? "" : "  " + (pinned == c.points().size() ? "pinned" : pinned + " pinned") + " by "
                            + Plan.CPUS_KEY + "=" + String.join(",", c.cpus()));
        }
        for (String c : p.plan().omitted()) {
            out.printf("  %-40s %7s %6s %7s %8s  not in %s (%s.%s=%s in its profile file)%n", Plan.simple(c), "-", "-", "-", "-",
                    o.profile().id(), o.profile().id(), Plan.POINTS_KEY, Plan.NONE);
        }
        int points = p.plan().pointCount();
        long forks = (long) points * t.blocks() * jvms;
        long total = Math.round(perBlock * t.blocks() * jvms);
        out.printf("  %-40s %7s %6d %7s %8s%n", "total", "", points, "", Durations.of(total));
        String cap = p.maxBlocks() == null ? "" : ", at most " + Durations.of(Math.round(perBlock * p.maxBlocks() * jvms))
                + " with " + p.maxBlocks() + " blocks";
        out.println("Plan: " + points + " points x " + t.blocks() + " blocks x " + jvms + " JVMs = " + forks + " forks x ~"
                + oneDecimal(perFork) + " s = ~" + Durations.of(total) + " (" + Durations.of(Math.round(total / (double) jvms))
                + " per JVM)" + cap + ", then the analysis into " + o.analysis());
        if (o.countersMode() == dev.nettune.run.options.CountersMode.EXTRA) {
            out.println("  counters: extra: one more fork per JVM per block counts, so " + forks + " more forks, ~"
                    + Durations.of(total) + " more (-Dnettune.counters=every counts in the score forks instead, off not at all)");
        }
        if (p.selfCheck()) {
            out.println("  A/A self-check: " + String.join(" and ", sameJvmLabels(p.targets()))
                    + " are one JVM started the same way; the share of their rows the report flags is the method's false-positive rate (goal <= 5%)");
        }
        if (jvms == 1) {
            out.println("  note: one JVM: nothing to compare; the report shows each point's forks");
        }
        if (t.blocks() < MIN_BLOCKS_TO_TEST && p.maxBlocks() == null && jvms > 1) {
            out.println("  warning: " + t.blocks() + " block per point: no difference between JVMs can be tested"
                    + " (a paired comparison needs at least " + MIN_BLOCKS_TO_TEST + " blocks); the report will say \"cannot tell\"");
        }
        if (!fullGrid.isEmpty()) {
            out.println("  warning: " + String.join(", ", fullGrid) + " run(s) the full @Param grid in " + o.profile().id()
                    + ": give the class " + o.profile().id() + ".* keys or " + o.profile().id() + "." + Plan.POINTS_KEY + "=" + Plan.NONE);
        }
        if (total > DAY_SECONDS) {
            out.println("  note: that is days; narrow it with -Dnettune.include or -Dnettune.jmh=\"-p name=value\","
                    + " or continue an interrupted run with -Dnettune.resume=RUNID");
        }
        long perJvm = Math.round(total / (double) jvms);
        if (o.profile() == Profile.QUICK && perJvm > QUICK_BUDGET_SECONDS) {
            out.println("  warning: quick should fit " + Durations.of(QUICK_BUDGET_SECONDS) + " per JVM; this plan needs ~"
                    + Durations.of(perJvm) + ": fewer points (quick.* keys of the largest classes above) or fewer blocks");
        }
        if (o.profile() == Profile.SMOKE && total > SMOKE_BUDGET_SECONDS) {
            out.println("  warning: smoke should fit " + Durations.of(SMOKE_BUDGET_SECONDS) + " for all JVMs; this plan needs ~"
                    + Durations.of(total) + ": give every class one smoke point");
        }
    }

    private static List<String> sameJvmLabels(List<JvmTarget> targets) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            for (int j = i + 1; j < targets.size(); j++) {
                if (JvmMatrix.sameJvm(targets.get(i), targets.get(j))) {
                    if (!out.contains(targets.get(i).label())) {
                        out.add(targets.get(i).label());
                    }
                    if (!out.contains(targets.get(j).label())) {
                        out.add(targets.get(j).label());
                    }
                }
            }
        }
        return out;
    }

    private static String oneDecimal(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    private static String percent(double fraction) {
        return oneDecimal(fraction * 100) + "%";
    }
}
