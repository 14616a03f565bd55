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
 * RunDocument is the layout of {@code run.json}: written from a {@link RunSpec} when a run starts
 * (plan, method, JVMs, host, git commit), read back into the same RunSpec when it is resumed. The
 * keys the analysis reads (runId, profile, startedAt, gitCommit, jmhVersion, host, jvms[] with label,
 * javaHome, vendor, version, flags, placement) keep today's meaning; "method", "selfCheck",
 * "status", "counts" and the per-JVM "summary" describe the randomized interleaved blocks.
 */
public final class RunDocument {
    static final String DESIGN = "randomized interleaved blocks";
    static final String ORDER = "point-major";

    private RunDocument() {
    }

    /** The run.json of a new run. */
    public static Map<String, Object> of(Preflight.Prepared p, RunSpec spec, Instant started, Path cwd) {
        SuiteOptions o = p.options();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runId", spec.runId());
        doc.put("profile", o.profile().id());
        doc.put("status", "running");
        doc.put("startedAt", started.truncatedTo(ChronoUnit.SECONDS).toString());
        doc.put("gitCommit", Environment.gitCommit(cwd));
        doc.put("gitDirty", Environment.gitDirty(cwd));
        doc.put("jmhVersion", Version.getPlainVersion());
        doc.put("suiteJavaHome", System.getProperty("java.home"));
        doc.put("pid", ProcessHandle.current().pid());
        doc.put("runner", RunLock.runner());
        doc.put("method", method(spec));
        doc.put("selfCheck", spec.selfCheck());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("blocks", spec.blocks());
        settings.put("warmupIterations", spec.warmup().count());
        settings.put("warmupTime", spec.warmup().time().toString());
        settings.put("measurementIterations", spec.measurement().count());
        settings.put("measurementTime", spec.measurement().time().toString());
        settings.put("include", o.include());
        settings.put("extraJmhArgs", spec.jmhArgs());
        settings.put("variants", o.variants());
        doc.put("settings", settings);
        doc.put("host", Environment.host());
        List<Map<String, Object>> classes = new ArrayList<>();
        for (Plan.ClassPlan c : p.plan().classes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", c.className());
            m.put("methods", c.methods());
            m.put("points", c.points().size());
            m.put("profileParams", c.params());
            m.put("profileModes", c.modes().stream().map(Mode::shortLabel).toList());
            m.put("forkJvmArgs", c.forkJvmArgs());
            classes.add(m);
        }
        List<Map<String, Object>> points = new ArrayList<>();
        for (RunSpec.PointSpec ps : spec.points()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("point", ps.index());
            m.put("class", ps.className());
            m.put("benchmark", ps.point().benchmark());
            m.put("mode", ps.point().mode().shortLabel());
            m.put("params", new TreeMap<>(ps.point().params()));
            points.add(m);
        }
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("pointsPerJvm", spec.points().size());
        plan.put("forksPlanned", spec.points().size() * spec.blocks() * spec.targets().size());
        plan.put("estimatedSeconds", Math.round(spec.points().size() * spec.blocks() * spec.targets().size() * spec.estimatedForkSeconds()));
        plan.put("classes", classes);
        plan.put("points", points);
        doc.put("plan", plan);
        List<Map<String, Object>> jvms = new ArrayList<>();
        for (JvmTarget t : spec.targets()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("label", t.label());
            j.put("javaHome", t.jdk().home().toString());
            j.put("feature", t.jdk().feature());
            j.put("vendor", t.jdk().vendor());
            j.put("version", t.jdk().version());
            j.put("runtimeVersion", t.jdk().runtimeVersion());
            j.put("variant", t.variant() == null ? null : t.variant().name());
            j.put("variantDescription", t.variant() == null ? null : t.variant().description());
            j.put("variantFlags", t.variant() == null ? List.of() : t.variant().flags());
            j.put("flags", t.flags());
            j.put("placement", t.placement());
            j.put("cpus", t.cpus());
            j.put("status", "pending");
            jvms.add(j);
        }
        doc.put("jvms", jvms);
        doc.put("notes", p.notes());
        return doc;
    }

    /** The "method" object: how forks were scheduled and how long each ran. */
    static Map<String, Object> method(RunSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("design", DESIGN);
        m.put("order", ORDER);
        m.put("blocks", spec.blocks());
        m.put("seed", spec.seed());
        m.put("ciTarget", spec.ci());
        m.put("maxBlocks", spec.ci() == null ? null : spec.maxBlocks());
        m.put("warmup", spec.warmup().toString());
        m.put("measurement", spec.measurement().toString());
        m.put("baseline", spec.baseline());
        List<Map<String, String>> pairs = new ArrayList<>();
        for (StoppingRule.Pair pair : StoppingRule.pairs(spec.targets(), spec.baseline())) {
            Map<String, String> m2 = new LinkedHashMap<>();
            m2.put("baseline", spec.targets().get(pair.baseline()).label());
            m2.put("candidate", spec.targets().get(pair.candidate()).label());
            pairs.add(m2);
        }
        m.put("pairs", pairs);
        return m;
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
    @SuppressWarnings("unchecked")
    static RunSpec spec(Map<String, Object> doc, Path runDir) throws BadRecord {
        Map<String, Object> method = map(doc, "method");
        Map<String, Object> settings = map(doc, "settings");
        Map<String, Object> plan = map(doc, "plan");
        Map<String, List<String>> forkArgs = new LinkedHashMap<>();
        for (Map<String, Object> c : list(plan, "classes")) {
            forkArgs.put(string(c, "class"), strings(c, "forkJvmArgs"));
        }
        List<RunSpec.PointSpec> points = new ArrayList<>();
        for (Map<String, Object> pt : list(plan, "points")) {
            String cls = string(pt, "class");
            Mode mode;
            try {
                mode = Mode.deepValueOf(string(pt, "mode"));
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new BadRecord("plan.points[" + points.size() + "].mode '" + pt.get("mode") + "' is not a JMH mode");
            }
            Map<String, String> params = new TreeMap<>();
            ((Map<String, Object>) pt.getOrDefault("params", Map.of())).forEach((k, v) -> params.put(k, String.valueOf(v)));
            if (!forkArgs.containsKey(cls)) {
                throw new BadRecord("plan.points[" + points.size() + "] names class " + cls + ", which plan.classes lacks");
            }
            points.add(new RunSpec.PointSpec(points.size(), cls, new Plan.Point(string(pt, "benchmark"), mode, params), forkArgs.get(cls)));
        }
        List<JvmTarget> targets = new ArrayList<>();
        for (Map<String, Object> j : list(doc, "jvms")) {
            targets.add(target(j));
        }
        List<String> jmhArgs = strings(settings, "extraJmhArgs");
        CommandLineOptions jmh;
        try {
            jmh = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        } catch (CommandLineOptionException e) {
            throw new BadRecord("settings.extraJmhArgs " + jmhArgs + ": " + e.getMessage());
        }
        int blocks = integer(method, "blocks");
        Double ci = method.get("ciTarget") == null ? null : ((Number) method.get("ciTarget")).doubleValue();
        int cap = method.get("maxBlocks") == null ? blocks : integer(method, "maxBlocks");
        return new RunSpec(runDir.getFileName().toString(), runDir, points, targets, jmhArgs, jmh,
                new RunSpec.Iterations(integer(settings, "warmupIterations"), time(settings, "warmupTime")),
                new RunSpec.Iterations(integer(settings, "measurementIterations"), time(settings, "measurementTime")),
                blocks, ((Number) require(method, "seed")).longValue(), ci, Math.max(blocks, cap), string(method, "baseline"),
                Boolean.TRUE.equals(doc.get("selfCheck")));
    }

    private static JvmTarget target(Map<String, Object> j) throws BadRecord {
        String label = string(j, "label");
        Path home = Path.of(string(j, "javaHome"));
        Jdk jdk;
        try {
            jdk = Jdk.inspect(home);
        } catch (Jdk.NotAJdkException e) {
            throw new BadRecord("JVM " + label + ": " + e.getMessage());
        }
        String runtime = string(j, "runtimeVersion");
        if (!jdk.runtimeVersion().equals(runtime)) {
            throw new BadRecord("JVM " + label + ": " + home + " now holds " + jdk.runtimeVersion() + ", the run used " + runtime);
        }
        Variant variant = null;
        if (j.get("variant") != null) {
            variant = new Variant(string(j, "variant"), jdk.feature(), jdk.feature(), strings(j, "variantFlags"),
                    (String) j.get("cpus"), String.valueOf(j.get("variantDescription")));
        }
        JvmTarget t = new JvmTarget(label, jdk, variant);
        if (!t.flags().equals(strings(j, "flags"))) {
            throw new BadRecord("JVM " + label + ": flags " + t.flags() + " differ from the recorded " + j.get("flags"));
        }
        return t;
    }

    private static TimeValue time(Map<String, Object> m, String key) throws BadRecord {
        try {
            return TimeValue.fromString(string(m, key));
        } catch (RuntimeException e) {
            throw new BadRecord("'" + key + "' = '" + m.get(key) + "' is not a JMH time");
        }
    }

    private static Object require(Map<String, Object> m, String key) throws BadRecord {
        Object v = m.get(key);
        if (v == null) {
            throw new BadRecord("no '" + key + "'");
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) throws BadRecord {
        if (!(require(m, key) instanceof Map)) {
            throw new BadRecord("'" + key + "' is not an object");
        }
        return (Map<String, Object>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) throws BadRecord {
        if (!(require(m, key) instanceof List)) {
            throw new BadRecord("'" + key + "' is not an array");
        }
        return (List<Map<String, Object>>) m.get(key);
    }

    private static List<String> strings(Map<String, Object> m, String key) throws BadRecord {
        if (!(require(m, key) instanceof List<?> l)) {
            throw new BadRecord("'" + key + "' is not an array");
        }
        return l.stream().map(String::valueOf).toList();
    }

    private static String string(Map<String, Object> m, String key) throws BadRecord {
        return String.valueOf(require(m, key));
    }

    private static int integer(Map<String, Object> m, String key) throws BadRecord {
        if (!(require(m, key) instanceof Number n)) {
            throw new BadRecord("'" + key + "' is not a number");
        }
        return n.intValue();
    }
}
