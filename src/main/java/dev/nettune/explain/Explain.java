package dev.nettune.explain;

import dev.nettune.cli.Cli;
import dev.nettune.host.Launchers;
import dev.nettune.results.ResultFiles;
import dev.nettune.results.RunDocument;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Explain is the entry point of flame graphs for flagged rows: for each point it re-runs the point
 * per JVM of its pair as two JMH forks under async-profiler ({@link ProfiledFork}: CPU with allocations,
 * then wall clock, apart), writes a
 * flame graph per JVM and event (CPU, wall clock, allocations) and a differential one per pair, into
 * {@code <run>/explain/<point id>/}, with {@code explain/index.html} and {@code explain/index.json}
 * over all points. It prints one progress line per fork with the time it expects and the clock time
 * it expects to finish; a profiler that cannot load or a fork that fails or hangs is recorded with
 * its reason, and the next point goes on (a profiler that cannot load stops the rest at once, with
 * the same reason). It never fails the run that calls it: {@link #afterRun} returns a {@link Summary}
 * and throws nothing.
 *
 * <p>The profiled forks are not measurements: one fork, under a profiler, after the run. Their scores
 * are shown only to say what the profile saw; the comparison is the run's.
 */
public final class Explain {
    /** Folder of the explanations inside a run folder. */
    public static final String FOLDER = "explain";
    /** The index of a run's explanations: one entry per point, with its page. */
    public static final String INDEX_JSON = "index.json";
    public static final String INDEX_HTML = "index.html";
    /** The value of {@code nettune.explain} when none is given; see README "Flame graphs of flagged rows". */
    public static final Mode DEFAULT_MODE = Mode.FLAGGED;
    /** The system property the suite reads. */
    public static final String PROPERTY = "nettune.explain";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Which points get flame graphs. */
    public enum Mode {
        /** The rows the report flags (verdict better or worse). */
        FLAGGED,
        /** Every point of the run. */
        ALL,
        /** None. */
        NONE;

        /** The mode {@code text} names; an error naming {@value #PROPERTY} and the valid values otherwise. */
        public static Mode parse(String text) {
            if (text == null || text.isBlank()) {
                return DEFAULT_MODE;
            }
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + ": '" + text + "' is not one of flagged, all, none");
            }
        }
    }

    /**
     * Settings of one explanation.
     *
     * @param library      an async-profiler library to load instead of the one in the jar, or null
     * @param measurement  measurement iterations of a profiled fork, or null for the run's
     * @param hostJava     the java that runs JMH's host (null: this JVM's); tests point it elsewhere
     * @param ignoreJmhLock run even while another JMH run holds JMH's lock (a profile next to a running
     *                     benchmark is disturbed, not wrong); by default such a fork fails with that reason
     */
    public record Settings(Path library, Integer measurement, Path hostJava, boolean ignoreJmhLock) {
        public static Settings defaults() {
            return new Settings(null, null, null, false);
        }
    }

    /**
     * A Summary is what an explanation did, for the caller's last lines.
     *
     * @param points    points asked for
     * @param explained points with at least one differential flame graph
     * @param failed    points without one (reasons in the index)
     * @param index     explain/index.html, or null when nothing was written
     * @param message   one line for the console
     */
    public record Summary(int points, int explained, int failed, Path index, String message) {
    }

    private Explain() {
    }

    /**
     * Explains the points {@code mode} names in the run folder {@code runDir} (a value of
     * {@value #PROPERTY}: flagged, all, none; empty for {@link #DEFAULT_MODE}), printing progress to
     * {@code out}. Never throws: bad input and failures come back in the summary's message.
     */
    public static Summary afterRun(Path runDir, String mode, PrintStream out) {
        try {
            Mode m = Mode.parse(mode);
            if (m == Mode.NONE) {
                return new Summary(0, 0, 0, null, "nettune: explain: none asked for (" + PROPERTY + "=none)");
            }
            FlaggedPoints.Picked picked = m == Mode.ALL ? FlaggedPoints.allPoints(runDir)
                    : FlaggedPoints.fromComparisons(runDir.resolve(FlaggedPoints.COMPARISONS), FlaggedPoints.DEFAULT_VERDICTS);
            picked.warnings().forEach(w -> out.println("nettune: explain: " + w));
            return explain(runDir, picked.points(), Settings.defaults(), out);
        } catch (IOException | RuntimeException e) {
            String msg = "nettune: explain: no flame graphs: " + e.getMessage();
            out.println(msg);
            return new Summary(0, 0, 0, null, msg);
        }
    }

    /**
     * Explains {@code points} of the run in {@code runDir}: profiles each point per JVM of its
     * pairs, writes the pages under {@code <runDir>/explain/}. Profiler failures are recorded, not
     * thrown; an IOException only for a run folder it cannot read or write.
     */
    public static Summary explain(Path runDir, List<FlaggedPoint> points, Settings settings, PrintStream out) throws IOException {
        if (points.isEmpty()) {
            return explain(runDir, points, settings, out, null);
        }
        // the profiler's native library is extracted outside the run folder: a committed run keeps no binary
        Path libDir = Files.createTempDirectory("nettune-async-profiler");
        try {
            return explain(runDir, points, settings, out, libDir);
        } finally {
            try (var files = Files.walk(libDir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static Summary explain(Path runDir, List<FlaggedPoint> points, Settings settings, PrintStream out, Path libDir)
            throws IOException {
        if (points.isEmpty()) {
            String msg = "nettune: explain: no flagged rows; nothing to profile";
            out.println(msg);
            return new Summary(0, 0, 0, null, msg);
        }
        RunDocument run = RunDocument.read(runDir.resolve(ResultFiles.RUN));
        Path root = runDir.resolve(FOLDER);
        Files.createDirectories(root);
        ProfilerSetup setup = ProfilerSetup.onThisHost(libDir, settings.library());
        Map<String, List<FlaggedPoint>> byPoint = new LinkedHashMap<>();
        points.forEach(p -> byPoint.computeIfAbsent(p.pointKey(), k -> new ArrayList<>()).add(p));

        List<PointPage.Entry> entries = new ArrayList<>();
        if (!setup.available()) {
            out.println("nettune: explain: " + setup.unavailable());
            byPoint.values().forEach(ps -> entries.add(PointPage.Entry.notRun(ps, setup.unavailable())));
            return finish(root, entries, setup, out);
        }
        setup.notes().forEach(n -> out.println("nettune: explain: " + n));
        List<Planned> plan = new ArrayList<>();
        for (List<FlaggedPoint> ps : byPoint.values()) {
            Set<String> labels = new LinkedHashSet<>();
            ps.forEach(p -> {
                labels.add(p.baseline());
                labels.add(p.candidate());
            });
            Map<String, Map<ProfiledFork.Session, ProfiledFork.Request>> requests = new LinkedHashMap<>();
            String problem = null;
            for (String label : labels) {
                try {
                    Path dir = root.resolve(ps.get(0).id()).resolve(label);
                    ProfiledFork.Request r = request(run, ps.get(0), label, dir, settings);
                    Map<ProfiledFork.Session, ProfiledFork.Request> sessions = new LinkedHashMap<>();
                    for (ProfiledFork.Session session : ProfiledFork.Session.values()) {
                        sessions.put(session, r.in(session, dir.resolve(session.id)));
                    }
                    requests.put(label, sessions);
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            // a JVM this machine lacks: the point is not profiled at all (half a pair explains nothing)
            plan.add(new Planned(ps, problem == null ? requests : Map.of(), problem));
        }
        long forks = plan.stream().flatMap(p -> p.requests().values().stream()).mapToLong(Map::size).sum();
        long remaining = plan.stream().flatMap(p -> p.requests().values().stream()).flatMap(m -> m.values().stream())
                .mapToLong(ProfiledFork.Request::expectedSeconds).sum();
        out.println("nettune: explain: " + byPoint.size() + " point(s), " + forks + " profiled fork(s), about "
                + remaining + " s (until about " + CLOCK.format(Instant.now().plusSeconds(remaining)) + " UTC) -> " + root);
        Path hostJava = settings.hostJava() != null ? settings.hostJava()
                : Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        String stopAll = null;
        int done = 0;
        for (Planned p : plan) {
            Map<String, Map<ProfiledFork.Session, ProfiledFork.Outcome>> outcomes = new LinkedHashMap<>();
            for (Map.Entry<String, Map<ProfiledFork.Session, ProfiledFork.Request>> e : p.requests().entrySet()) {
                Map<ProfiledFork.Session, ProfiledFork.Outcome> byLabel = outcomes.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
                for (ProfiledFork.Request r : e.getValue().values()) {
                    done++;
                    if (stopAll != null) {
                        byLabel.put(r.session(), new ProfiledFork.Outcome(ProfiledFork.Status.PROFILER_FAILED, stopAll, null, Double.NaN,
                                null, Double.NaN, 0));
                        continue;
                    }
                    out.println("nettune: explain [" + done + "/" + forks + "] " + shortName(p.points().get(0)) + " on " + e.getKey()
                            + ": one fork under async-profiler (" + r.session().words + "), about " + r.expectedSeconds()
                            + " s (all done about " + CLOCK.format(Instant.now().plusSeconds(remaining)) + " UTC)");
                    out.flush();
                    Duration limit = Duration.ofSeconds(ProfiledFork.LIMIT_FACTOR * r.expectedSeconds() + ProfiledFork.GRACE_SECONDS);
                    ProfiledFork.Outcome o = ProfiledFork.run(ProfiledFork.command(hostJava, classPath, r, setup, settings.ignoreJmhLock()),
                            r, limit);
                    remaining = Math.max(0, remaining - r.expectedSeconds());
                    byLabel.put(r.session(), o);
                    if (o.status() != ProfiledFork.Status.OK) {
                        out.println("nettune: explain: " + e.getKey() + " (" + r.session().words + "): " + o.reason());
                    }
                    if (o.status() == ProfiledFork.Status.PROFILER_FAILED) {
                        stopAll = o.reason() + " (the remaining forks were not started)";
                    }
                }
            }
            entries.add(PointPage.write(root, p.points(), p.requests(), outcomes, p.problem(), setup, out));
        }
        return finish(root, entries, setup, out);
    }

    private record Planned(List<FlaggedPoint> points, Map<String, Map<ProfiledFork.Session, ProfiledFork.Request>> requests,
                           String problem) {
    }

    /** The fork of {@code point} on JVM {@code label}, from run.json's JVMs, plan and settings. */
    static ProfiledFork.Request request(RunDocument run, FlaggedPoint point, String label, Path dir, Settings s) {
        RunDocument.Jvm jvm = run.jvms() == null ? null
                : run.jvms().stream().filter(j -> label.equals(j.label())).findFirst().orElse(null);
        if (jvm == null || jvm.javaHome() == null) {
            throw new IllegalArgumentException("run.json has no JVM labelled '" + label + "' with a javaHome");
        }
        Path java = Path.of(jvm.javaHome(), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException(label + ": " + java + " is not on this machine");
        }
        List<String> flags = new ArrayList<>(jvm.flags() == null ? List.of() : jvm.flags());
        if (jvm.variantFlags() != null) {
            jvm.variantFlags().stream().filter(f -> !flags.contains(f)).forEach(flags::add);
        }
        String cls = point.benchmark().substring(0, Math.max(0, point.benchmark().lastIndexOf('.')));
        RunDocument.PlannedClass planned = run.plan() == null || run.plan().classes() == null ? null
                : run.plan().classes().stream().filter(c -> cls.equals(c.className())).findFirst().orElse(null);
        RunDocument.Settings rs = run.settings();
        int warmup = planned != null && planned.warmupIterations() != null ? planned.warmupIterations()
                : rs != null && rs.warmupIterations() != null ? rs.warmupIterations() : 1;
        int measurement = s.measurement() != null ? s.measurement()
                : rs != null && rs.measurementIterations() != null ? rs.measurementIterations() : 2;
        String wt = jmhTime(rs == null ? null : rs.warmupTime());
        String mt = jmhTime(rs == null ? null : rs.measurementTime());
        List<String> forkArgs = planned != null && planned.forkJvmArgs() != null ? planned.forkJvmArgs() : List.of();
        // profiled where it was measured: the JVM's variant placement, else the point's pin from its profile
        String cpus = jvm.cpus() != null && jvm.cpus().isTextual() ? jvm.cpus().asText() : pinnedCpus(run, point);
        return new ProfiledFork.Request(point, label, cpus == null ? java : pinned(java, cpus, dir), flags, forkArgs, warmup, wt,
                measurement, mt, dir, ProfiledFork.Session.CPU_ALLOC);
    }

    /** The CPUs run.json's plan pinned {@code point}'s forks to, or null when they ran free. */
    static String pinnedCpus(RunDocument run, FlaggedPoint point) {
        if (run.plan() == null || run.plan().points() == null) {
            return null;
        }
        return run.plan().points().stream()
                .filter(pp -> point.benchmark().equals(pp.benchmark()) && point.params().equals(pp.params() == null ? Map.of() : pp.params()))
                .map(RunDocument.PlannedPoint::cpus).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** A launcher in {@code dir} that execs {@code java} under {@code taskset -c cpus} (JMH's -jvm takes one path). */
    private static Path pinned(Path java, String cpus, Path dir) {
        try {
            return Launchers.pinned(dir.resolve("java-taskset.sh"), java, cpus, "nettune explain: profiled where the point was measured");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the launcher in " + dir, e);
        }
    }

    private static String jmhTime(String t) {
        String s = t == null ? "1s" : t.replace(" ", "");
        ProfiledFork.seconds(s); // fails with the value when run.json holds something else
        return s;
    }

    static String shortName(FlaggedPoint p) {
        String[] parts = p.benchmark().split("\\.");
        String head = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : p.benchmark();
        return head + " " + p.paramText();
    }

    private static Summary finish(Path root, List<PointPage.Entry> entries, ProfilerSetup setup, PrintStream out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("profiler", setup.available() ? String.join("; ", setup.notes()) : setup.unavailable());
        json.put("points", entries);
        Files.writeString(root.resolve(INDEX_JSON), JSON.writeValueAsString(json), StandardCharsets.UTF_8);
        Path index = root.resolve(INDEX_HTML);
        Files.writeString(index, PointPage.index(entries, setup), StandardCharsets.UTF_8);
        int explained = (int) entries.stream().filter(e -> !e.diffs().isEmpty()).count();
        String msg = "nettune: explain: " + explained + " of " + entries.size() + " point(s) with differential flame graphs: " + index;
        out.println(msg);
        return new Summary(entries.size(), explained, entries.size() - explained, index, msg);
    }

    @Command(name = "java -cp target/benchmarks.jar dev.nettune.explain.Explain",
            description = "Flame graphs for the flagged rows of a run: re-runs each point per JVM as two JMH forks (CPU and allocations; wall clock) under"
                    + " async-profiler (CPU, wall clock, allocations), and writes a flame graph per JVM and a differential one"
                    + " per JVM pair into <run>/explain/<point>/, with <run>/explain/index.html. The suite runs it after a run"
                    + " with -Dnettune.explain=flagged|all|none.",
            footer = {"Exit status: 0 done (profiles that failed are recorded with their reason in explain/index.json),"
                    + " 2 bad input, 3 no differential flame graph could be made."})
    static final class Arguments implements Cli.Checked {
        @Option(names = "--run", paramLabel = "DIR", required = true, description = "the run folder (with run.json)")
        Path run;
        @Option(names = "--points", paramLabel = "WHICH", description = "flagged: the rows of report/comparisons.csv whose verdict"
                + " is better or worse; all: every point of points.jsonl (default ${DEFAULT-VALUE})")
        String points = "flagged";
        @Option(names = "--verdicts", paramLabel = "LIST", split = ",", description = "with --points flagged, the verdicts that"
                + " flag a row (default better,worse)")
        List<String> verdicts = new ArrayList<>(List.of("better", "worse"));
        @Option(names = "--lib", paramLabel = "FILE", description = "an async-profiler library (libasyncProfiler.so) to load"
                + " instead of the one in the jar")
        Path lib;
        @Option(names = "--iterations", paramLabel = "N", description = "measurement iterations of a profiled fork (default: the"
                + " run's)")
        Integer iterations;

        @Override
        public void check() {
            if (!Files.isRegularFile(run.resolve(ResultFiles.RUN))) {
                throw Cli.invalid("--run", run, "has no " + ResultFiles.RUN);
            }
            if (!points.equals("flagged") && !points.equals("all")) {
                throw Cli.invalid("--points", points, "is not one of flagged, all");
            }
            if (iterations != null) {
                Cli.range("--iterations", iterations, 1, 100);
            }
            if (lib != null && !Files.isRegularFile(lib)) {
                throw Cli.invalid("--lib", lib, "is not a file");
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments();
        OptionalInt parsed = Cli.parse(Cli.commandLine(a), args, out, err, "Explain: ");
        if (parsed.isPresent()) {
            return parsed.getAsInt();
        }
        try {
            FlaggedPoints.Picked picked = a.points.equals("all") ? FlaggedPoints.allPoints(a.run)
                    : FlaggedPoints.fromComparisons(a.run.resolve(FlaggedPoints.COMPARISONS), Set.copyOf(a.verdicts));
            picked.warnings().forEach(w -> out.println("nettune: explain: " + w));
            Summary s = explain(a.run, picked.points(), new Settings(a.lib, a.iterations, null, false), out);
            return s.points() > 0 && s.explained() == 0 ? 3 : Cli.EXIT_OK;
        } catch (IOException | RuntimeException e) {
            return Cli.fail(err, "Explain: ", e.getMessage(), null);
        }
    }
}
