package dev.nettune.run.record;

import dev.nettune.run.options.Jdk;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.check.Preflight;
import dev.nettune.run.folder.RunLock;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.StoppingRule;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.Variant;
import dev.nettune.results.RunDocument;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RunDocuments makes the {@link RunDocument} ({@code run.json}) of a new run from its {@link RunSpec}
 * (plan, method, JVMs, host, git commit), and reads the same RunSpec back out of one when the run is
 * resumed. "method", "selfCheck", "status", "counts" and the per-JVM "summary" describe the
 * randomized interleaved blocks.
 */
public final class RunDocuments {
    static final String DESIGN = "randomized interleaved blocks";
    static final String ORDER = "point-major";
    /** The order of a run whose points have several placements: they share each block ({@link dev.nettune.run.plan.PointGroups}). */
    static final String ORDER_PLACEMENTS = "point-major, a point's placements in each block";

    private RunDocuments() {
    }

    /** The run.json of a new run. */
    public static RunDocument of(Preflight.Prepared p, RunSpec spec, Instant started, Path cwd) {
        SuiteOptions o = p.options();
        RunDocument.Settings settings = new RunDocument.Settings(null, spec.blocks(), spec.warmup().count(), spec.warmup().time().toString(),
                spec.measurement().count(), spec.measurement().time().toString(), o.include(), spec.jmhArgs(), o.variants());
        List<RunDocument.PlannedClass> classes = new ArrayList<>();
        for (Plan.ClassPlan c : p.plan().classes()) {
            int warmup = spec.points().stream().filter(ps -> ps.className().equals(c.className())).findFirst()
                    .map(ps -> spec.warmupOf(ps).count()).orElse(spec.warmup().count());
            classes.add(new RunDocument.PlannedClass(c.className(), c.methods(), c.points().size(), c.params(),
                    c.modes().stream().map(Mode::shortLabel).toList(), c.forkJvmArgs(), warmup,
                    c.unsteady().isEmpty() ? null : c.unsteady(), c.cpus().isEmpty() ? null : c.cpus()));
        }
        List<RunDocument.PlannedPoint> points = new ArrayList<>();
        for (RunSpec.PointSpec ps : spec.points()) {
            points.add(new RunDocument.PlannedPoint(ps.index(), ps.className(), ps.point().benchmark(), ps.point().mode().shortLabel(),
                    new TreeMap<>(ps.point().params()), ps.cpus()));
        }
        int forks = spec.points().size() * spec.blocks() * spec.slots();
        RunDocument.Plan plan = new RunDocument.Plan(spec.points().size(), forks, Math.round(spec.estimatedSeconds()), classes, points);
        List<RunDocument.Jvm> jvms = new ArrayList<>();
        for (JvmTarget t : spec.targets()) {
            Variant v = t.variant();
            jvms.add(RunDocument.Jvm.planned(t.label(), t.jdk().home().toString(), t.jdk().feature(), t.jdk().vendor(), t.jdk().version(),
                    t.jdk().runtimeVersion(), v == null ? null : v.name(), v == null ? null : v.description(),
                    v == null ? List.of() : v.flags(), t.flags(), t.placement(), t.cpus()));
        }
        return RunDocument.started(spec.runId(), o.profile().id(), started.truncatedTo(ChronoUnit.SECONDS).toString(),
                Environment.gitCommit(cwd), Environment.gitDirty(cwd), Version.getPlainVersion(), System.getProperty("java.home"),
                ProcessHandle.current().pid(), RunLock.runner(), method(spec), spec.selfCheck(), settings, Environment.host().facts(), plan,
                jvms, p.notes());
    }

    /** The "method" object: how forks were scheduled and how long each ran. */
    static RunDocument.Method method(RunSpec spec) {
        List<RunDocument.Pair> pairs = new ArrayList<>();
        for (StoppingRule.Pair pair : StoppingRule.pairs(spec.targets(), spec.baseline())) {
            pairs.add(new RunDocument.Pair(spec.targets().get(pair.baseline()).label(), spec.targets().get(pair.candidate()).label()));
        }
        return new RunDocument.Method(DESIGN, dev.nettune.run.plan.PointGroups.of(spec.points()).interleavesPlacements() ? ORDER_PLACEMENTS : ORDER,
                spec.blocks(), spec.seed(), spec.ci(), spec.ci() == null ? null : spec.maxBlocks(),
                spec.warmup().toString(), spec.measurement().toString(), spec.baseline(), pairs);
    }

    /** A BadRecord says why run.json cannot be read back into a RunSpec. */
    static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;

        BadRecord(String message) {
            super(message);
        }
    }

    /**
     * The RunSpec recorded in {@code doc}, with its JVM targets; each target's JDK is inspected again
     * and must still be the runtime the run used.
     */
    static RunSpec spec(RunDocument doc, Path runDir) throws BadRecord {
        RunDocument.Method method = require(doc.method(), "method");
        RunDocument.Settings settings = require(doc.settings(), "settings");
        RunDocument.Plan plan = require(doc.plan(), "plan");
        Map<String, List<String>> forkArgs = new LinkedHashMap<>();
        Map<String, Integer> warmups = new LinkedHashMap<>();
        for (RunDocument.PlannedClass c : require(plan.classes(), "plan.classes")) {
            forkArgs.put(require(c.className(), "plan.classes[].class"), require(c.forkJvmArgs(), "plan.classes[].forkJvmArgs"));
            if (c.warmupIterations() != null) {
                warmups.put(c.className(), c.warmupIterations());
            }
        }
        List<RunSpec.PointSpec> points = new ArrayList<>();
        for (RunDocument.PlannedPoint pt : require(plan.points(), "plan.points")) {
            String where = "plan.points[" + points.size() + "]";
            String cls = require(pt.className(), where + ".class");
            Mode mode;
            try {
                mode = Mode.deepValueOf(require(pt.mode(), where + ".mode"));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new BadRecord(where + ".mode '" + pt.mode() + "' is not a JMH mode");
            }
            if (!forkArgs.containsKey(cls)) {
                throw new BadRecord(where + " names class " + cls + ", which plan.classes lacks");
            }
            Map<String, String> params = new TreeMap<>(pt.params() == null ? Map.of() : pt.params());
            points.add(new RunSpec.PointSpec(points.size(), cls, new Plan.Point(require(pt.benchmark(), where + ".benchmark"), mode, params),
                    forkArgs.get(cls), warmups.get(cls), pt.cpus()));
        }
        List<JvmTarget> targets = new ArrayList<>();
        for (RunDocument.Jvm j : require(doc.jvms(), "jvms")) {
            targets.add(target(j));
        }
        List<String> jmhArgs = require(settings.extraJmhArgs(), "settings.extraJmhArgs");
        CommandLineOptions jmh;
        try {
            jmh = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new BadRecord("settings.extraJmhArgs " + jmhArgs + ": " + e.getMessage());
        }
        int blocks = require(method.blocks(), "method.blocks");
        int cap = method.maxBlocks() == null ? blocks : method.maxBlocks();
        return new RunSpec(runDir.getFileName().toString(), runDir, points, targets, jmhArgs, jmh,
                new RunSpec.Iterations(require(settings.warmupIterations(), "settings.warmupIterations"),
                        time(settings.warmupTime(), "settings.warmupTime")),
                new RunSpec.Iterations(require(settings.measurementIterations(), "settings.measurementIterations"),
                        time(settings.measurementTime(), "settings.measurementTime")),
                blocks, require(method.seed(), "method.seed"), method.ciTarget(), Math.max(blocks, cap),
                require(method.baseline(), "method.baseline"), Boolean.TRUE.equals(doc.selfCheck()), countersMode(doc));
    }

    /** The run's counters mode; a run made before counters counted nothing. */
    private static dev.nettune.run.options.CountersMode countersMode(RunDocument doc) throws BadRecord {
        try {
            return dev.nettune.run.options.CountersMode.ofRecord(doc.counters() == null ? null : doc.counters().mode());
        } catch (dev.nettune.run.options.UsageException e) {
            throw new BadRecord("counters.mode '" + doc.counters().mode() + "' is not extra, every or off");
        }
    }

    private static JvmTarget target(RunDocument.Jvm j) throws BadRecord {
        String label = require(j.label(), "jvms[].label");
        Path home = Path.of(require(j.javaHome(), "JVM " + label + ": javaHome"));
        Jdk jdk;
        try {
            jdk = Jdk.inspect(home);
        } catch (Jdk.NotAJdkException e) {
            throw new BadRecord("JVM " + label + ": " + e.getMessage());
        }
        String runtime = j.runtimeVersion();
        if (!jdk.runtimeVersion().equals(runtime)) {
            throw new BadRecord("JVM " + label + ": " + home + " now holds " + jdk.runtimeVersion() + ", the run used " + runtime);
        }
        Variant variant = null;
        if (j.variant() != null) {
            variant = new Variant(j.variant(), jdk.feature(), jdk.feature(), require(j.variantFlags(), "JVM " + label + ": variantFlags"),
                    j.cpuList(), String.valueOf(j.variantDescription()));
        }
        JvmTarget t = new JvmTarget(label, jdk, variant);
        if (!t.flags().equals(j.flags())) {
            throw new BadRecord("JVM " + label + ": flags " + t.flags() + " differ from the recorded " + j.flags());
        }
        return t;
    }

    private static TimeValue time(String value, String key) throws BadRecord {
        try {
            return TimeValue.fromString(require(value, key));
        } catch (RuntimeException e) {
            throw new BadRecord("'" + key + "' = '" + value + "' is not a JMH time");
        }
    }

    private static <T> T require(T value, String key) throws BadRecord {
        if (value == null) {
            throw new BadRecord("no '" + key + "'");
        }
        return value;
    }
}
