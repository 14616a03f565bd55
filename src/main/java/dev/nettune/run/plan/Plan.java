package dev.nettune.run.plan;

import dev.nettune.run.options.Profile;
import dev.nettune.run.options.UsageException;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Plan is what the suite runs: per benchmark class, the methods selected by the include regex,
 * and the benchmark points (method × mode × one value per parameter) of the profile, each of which
 * the runner executes in blocks on every JVM. Classes the profile leaves out are listed as
 * {@link #omitted}.
 *
 * <p>Profile files: {@code nettune/profiles/<SimpleClassName>.properties}, keys per profile:
 * <ul>
 *   <li>{@code <profile>.<param>=v1,v2}: the values of one parameter; the points are the cross
 *       product of all parameters (a parameter without a key keeps its @Param values);</li>
 *   <li>{@code <profile>.<p1>+<p2>=a1+b1,a2+b2}: parameters that vary together: only the listed
 *       combinations (e.g. {@code quick.client+server=STREAM+BLOCKING,SELECTOR+SELECTOR}), crossed
 *       with the other parameters;</li>
 *   <li>{@code <profile>.@mode=thrpt,sample}: these modes replace the annotated ones, as JMH's -bm does;</li>
 *   <li>{@code <profile>.@points=none}: the class has no point in this profile (its question is
 *       answered by another class there); the plan lists it as omitted;</li>
 *   <li>{@code <profile>.@warmup=N}: warm-up iterations (each of the profile's warm-up time) of every
 *       fork of the class in this profile, replacing the profile's default; a non-negative integer.
 *       A {@code -wi} in the extra JMH options overrides it. Written by the calibration
 *       ({@code analysis.calibrate}) from long forks;</li>
 *   <li>{@code <profile>.@unsteady=<class>:<p1>=<v1>;<p2>=<v2>,...}: the points the calibration found
 *       without a steady state, each with its classification ({@value #UNSTEADY_CLASSES}); recorded in
 *       run.json so the report names them. Written by the calibration.</li>
 *   <li>{@code <profile>.@cpus=<cpu>[:<p1>=<v1>;<p2>=<v2>],...}: forks of the class's points (all, or those
 *       whose parameters match) run pinned to that CPU or range ({@code taskset -c}), client and in-process
 *       server alike: on a small machine a one-connection round trip is otherwise bimodal (client and server
 *       on one CPU or two) and that, not the JVM, sets its spread. The first matching entry wins; a JVM
 *       variant with a placement of its own ({@code cpu0}) keeps it. Recorded per point in run.json.</li>
 * </ul>
 * A class with no key for a profile runs its full @Param grid in it. A key naming no @Param of the
 * class, an unknown profile or mode, a value the parameter does not accept ({@link ParamRule}) or a
 * parameter in two keys of one profile is an error: a typo would otherwise silently change the grid.
 *
 * <p>Parameter values given on the command line ({@code -p}) replace the profile's for that
 * parameter; a joined key loses that parameter and keeps its other parameters' listed values.
 * A {@code -p} name that no selected benchmark has, or a value its parameter does not accept, is an
 * error (JMH itself would ignore the name, or fail every point at setup).
 *
 * @param classes the classes with at least one point, in class-name order
 * @param omitted fully-qualified names of selected classes the profile gives no point
 */
public record Plan(List<ClassPlan> classes, List<String> omitted) {

    /** Resource folder of the per-class profile files. */
    public static final String PROFILE_DIR = "nettune/profiles/";
    /** Profile key suffix restricting benchmark modes. */
    public static final String MODE_KEY = "@mode";
    /** Profile key suffix whose only value, {@value #NONE}, leaves the class out of the profile. */
    public static final String POINTS_KEY = "@points";
    public static final String NONE = "none";
    /** Profile key suffix giving the class's warm-up iterations in this profile. */
    public static final String WARMUP_KEY = "@warmup";
    /** Profile key suffix listing the class's points the calibration found without a steady state. */
    public static final String UNSTEADY_KEY = "@unsteady";
    /** Classifications an {@value #UNSTEADY_KEY} entry may carry (the calibration's names). */
    public static final String UNSTEADY_CLASSES = "slow-down, no-steady-state, inconsistent";
    /** Profile key suffix pinning the class's points (or some of them) to CPUs. */
    public static final String CPUS_KEY = "@cpus";
    /** A CPU or a range of them, as {@value #CPUS_KEY} takes it (a comma would split the entries). */
    static final Pattern CPU_LIST = Pattern.compile("[0-9]+(-[0-9]+)?");
    /** Joins parameter names in a key, and their values in a combination. */
    public static final String JOIN = "+";
    /** The @Param of the benchmarks whose server can run elsewhere ({@link dev.nettune.placement.Placement}). */
    public static final String PLACEMENT_PARAM = "placement";

    public Plan {
        classes = List.copyOf(classes);
        omitted = List.copyOf(omitted);
    }

    /** One benchmark point: a method, a mode and one value per parameter. */
    public record Point(String benchmark, Mode mode, Map<String, String> params) {
        public Point {
            params = Map.copyOf(new TreeMap<>(params));
        }

        /** "Class.method thrpt {k=v, ...}", for messages. */
        @Override
        public String toString() {
            return benchmark + " " + mode.shortLabel() + " " + new TreeMap<>(params);
        }
    }

    /**
     * The part of the plan for one benchmark class.
     *
     * @param className  fully-qualified class name
     * @param methods    fully-qualified benchmark names (class.method) selected
     * @param modes      modes the profile or the command line imposes (empty: the annotated ones)
     * @param params     values the profile or the command line imposes per parameter; with joined
     *                   keys not every combination of them is a point: run {@link #points}
     * @param points     every point to run
     * @param hasProfile whether the class's profile file has keys for this profile (false: full grid)
     * @param forkJvmArgs the class's {@code @Fork(jvmArgs)}, empty when it sets none
     * @param warmup     the profile file's warm-up iterations for the class, or null for the profile's default
     * @param unsteady   the profile file's {@value #UNSTEADY_KEY} entries, as written ("slow-down:connections=1;...")
     * @param cpus       the profile file's {@value #CPUS_KEY} entries, as written ("0:connections=1")
     */
    public record ClassPlan(String className, List<String> methods, List<Mode> modes, Map<String, List<String>> params,
                            List<Point> points, boolean hasProfile, List<String> forkJvmArgs, Integer warmup,
                            List<String> unsteady, List<String> cpus) {
        public ClassPlan {
            unsteady = List.copyOf(unsteady);
            cpus = List.copyOf(cpus);
        }

        /** The CPUs the forks of {@code p} are pinned to (the first matching {@value #CPUS_KEY} entry), or null when free. */
        public String cpusOf(Point p) {
            for (String entry : cpus) {
                int colon = entry.indexOf(':');
                String rest = colon < 0 ? "" : entry.substring(colon + 1).trim();
                boolean matches = true;
                for (String kv : rest.isEmpty() ? new String[0] : rest.split(";")) {
                    int eq = kv.indexOf('=');
                    matches &= kv.substring(eq + 1).trim().equals(p.params().get(kv.substring(0, eq).trim()));
                }
                if (matches) {
                    return (colon < 0 ? entry : entry.substring(0, colon)).trim();
                }
            }
            return null;
        }

        public String simpleName() {
            return simple(className);
        }

        /** Warm-up iterations of the class's forks when the command line gives no -wi. */
        public int warmupOr(int profileDefault) {
            return warmup == null ? profileDefault : warmup;
        }
    }

    /** Total points. */
    public int pointCount() {
        return classes.stream().mapToInt(c -> c.points().size()).sum();
    }

    /** Reads a class's profile file from the class path, or null when it has none. */
    public static Properties profileResource(String className) {
        try (InputStream in = Plan.class.getClassLoader().getResourceAsStream(PROFILE_DIR + simple(className) + ".properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UsageException("cannot read " + PROFILE_DIR + simple(className) + ".properties: " + e.getMessage());
        }
    }

    /** Parameters that vary together in a profile: their names and the listed combinations. */
    record Axis(List<String> names, List<List<String>> tuples) {
        /** This axis restricted to {@code keep}, combinations made distinct; null when nothing is left. */
        Axis project(Set<String> keep) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (keep.contains(names.get(i))) {
                    idx.add(i);
                }
            }
            if (idx.isEmpty()) {
                return null;
            }
            Set<List<String>> distinct = new LinkedHashSet<>();
            for (List<String> t : tuples) {
                distinct.add(idx.stream().map(t::get).toList());
            }
            return new Axis(idx.stream().map(names::get).toList(), List.copyOf(distinct));
        }
    }

    /** One profile's keys of one class. */
    record ProfileSpec(List<Axis> axes, List<Mode> modes, boolean none, boolean present, Integer warmup, List<String> unsteady,
                       List<String> cpus) {
        static final ProfileSpec ABSENT = new ProfileSpec(List.of(), List.of(), false, false, null, List.of(), List.of());
    }

    /**
     * Builds the plan.
     *
     * @param entries   the benchmark list (one entry per method and annotated mode)
     * @param profile   the profile whose keys apply
     * @param include   regex selecting benchmarks by fully-qualified name (find, as JMH does), or null for all
     * @param cliParams parameter values from extra JMH options (-p), overriding the profile
     * @param cliModes  modes from extra JMH options (-bm), overriding the profile
     * @param profiles  class name → its profile properties, or null when it has none (refused: every class needs one)
     */
    public static Plan build(Collection<BenchmarkListEntry> entries, Profile profile, String include,
                             Map<String, List<String>> cliParams, List<Mode> cliModes,
                             Function<String, Properties> profiles) {
        Pattern pattern = includePattern(include);
        // Class -> method -> entries (one per annotated mode), in benchmark-list order.
        Map<String, Map<String, List<BenchmarkListEntry>>> byClass = new TreeMap<>();
        for (BenchmarkListEntry e : entries) {
            byClass.computeIfAbsent(e.getUserClassQName(), k -> new TreeMap<>())
                    .computeIfAbsent(e.getUsername(), k -> new ArrayList<>()).add(e);
        }
        if (byClass.isEmpty()) {
            throw new UsageException("no benchmarks in META-INF/BenchmarkList: was benchmarks.jar built with the JMH annotation processor?");
        }
        Map<String, Map<String, List<BenchmarkListEntry>>> selected = new LinkedHashMap<>();
        Map<String, ProfileSpec> specs = new LinkedHashMap<>();
        List<String> omitted = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<BenchmarkListEntry>>> c : byClass.entrySet()) {
            Map<String, List<BenchmarkListEntry>> methods = new LinkedHashMap<>();
            c.getValue().forEach((name, list) -> {
                if (pattern == null || pattern.matcher(name).find()) {
                    methods.put(name, list);
                }
            });
            if (methods.isEmpty()) {
                continue;
            }
            Properties props = profiles.apply(c.getKey());
            if (props == null) {
                throw new UsageException("benchmark class " + c.getKey() + " has no profile file: expected " + PROFILE_DIR + simple(c.getKey())
                        + ".properties on the class path (src/main/resources/" + PROFILE_DIR + simple(c.getKey()) + ".properties) with its"
                        + " points per profile (" + String.join(", ", Profile.names()) + " keys, or <profile>." + POINTS_KEY + "=" + NONE + ")");
            }
            ProfileSpec spec = readProfile(c.getKey(), declared(c.getValue()), profile, props);
            if (spec.none()) {
                omitted.add(c.getKey());
                continue;
            }
            selected.put(c.getKey(), methods);
            specs.put(c.getKey(), spec);
        }
        if (selected.isEmpty()) {
            if (!omitted.isEmpty()) {
                throw new UsageException("nettune.include: '" + include + "' selects only classes the " + profile.id()
                        + " profile leaves out (" + String.join(", ", omitted.stream().map(Plan::simple).toList())
                        + "); choose another -Dnettune.profile or include");
            }
            throw new UsageException("nettune.include: '" + include + "' matches no benchmark (Class.method, found anywhere); classes: "
                    + String.join(", ", byClass.keySet().stream().map(Plan::simple).toList()));
        }
        checkCommandLineParams(cliParams, selected);
        List<ClassPlan> classes = new ArrayList<>();
        selected.forEach((cls, methods) -> classes.add(classPlan(cls, methods, specs.get(cls), cliParams, cliModes)));
        return new Plan(classes, omitted);
    }

    /** Every @Param of a class's methods with its declared values. */
    private static Map<String, List<String>> declared(Map<String, List<BenchmarkListEntry>> methods) {
        Map<String, List<String>> out = new TreeMap<>();
        for (List<BenchmarkListEntry> list : methods.values()) {
            for (BenchmarkListEntry e : list) {
                e.getParams().orElse(Map.of()).forEach((k, v) -> out.putIfAbsent(k, List.of(v)));
            }
        }
        return out;
    }

    private static ParamRule rule(String className, String param, Map<String, List<String>> declared) {
        return ParamRule.of(className, param, declared.get(param), Plan.class.getClassLoader());
    }

    /** -p names must be parameters of a selected benchmark; their values must be ones those parameters accept. */
    private static void checkCommandLineParams(Map<String, List<String>> cliParams,
                                               Map<String, Map<String, List<BenchmarkListEntry>>> selected) {
        Set<String> known = new TreeSet<>();
        Map<String, Map<String, List<String>>> declaredByClass = new LinkedHashMap<>();
        selected.forEach((cls, methods) -> {
            Map<String, List<String>> d = declared(methods);
            declaredByClass.put(cls, d);
            known.addAll(d.keySet());
        });
        cliParams.forEach((name, values) -> {
            if (!known.contains(name)) {
                throw new UsageException("nettune.jmh: -p " + name + ": no selected benchmark has a @Param '" + name + "'"
                        + (known.isEmpty() ? " (they have none)" : "; theirs: " + String.join(", ", known)));
            }
            if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
                throw new UsageException("nettune.jmh: -p " + name + "=" + String.join(",", values) + ": an empty value");
            }
            declaredByClass.forEach((cls, d) -> {
                if (d.containsKey(name)) {
                    ParamRule r = rule(cls, name, d);
                    for (String v : values) {
                        String why = r.refusal(v);
                        if (why == null) {
                            why = ParamLimit.refusal(simple(cls), name, v, Plan.class.getClassLoader());
                        }
                        if (why != null) {
                            throw new UsageException("nettune.jmh: -p " + name + "=" + String.join(",", values) + ": " + why);
                        }
                    }
                }
            });
        });
    }

    /** Reads and checks every key of a class's profile file; returns the keys of {@code profile}. */
    static ProfileSpec readProfile(String className, Map<String, List<String>> declared, Profile profile, Properties props) {
        if (props == null) {
            return ProfileSpec.ABSENT;
        }
        String file = PROFILE_DIR + simple(className) + ".properties";
        List<Axis> axes = new ArrayList<>();
        List<Mode> modes = new ArrayList<>();
        boolean none = false;
        boolean present = false;
        Integer warmup = null;
        List<String> unsteady = new ArrayList<>();
        List<String> cpus = new ArrayList<>();
        Map<String, Set<String>> usedPerProfile = new TreeMap<>();
        Set<String> nonePerProfile = new TreeSet<>();
        Set<String> otherKeysPerProfile = new TreeSet<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            int dot = key.indexOf('.');
            String prof = dot < 0 ? key : key.substring(0, dot);
            if (dot < 0 || Arrays.stream(Profile.values()).noneMatch(p -> p.id().equals(prof))) {
                throw new UsageException(file + ": key '" + key + "' is not <profile>.<param> with profile one of " + Profile.names());
            }
            String name = key.substring(dot + 1);
            String raw = props.getProperty(key);
            List<String> values = split(raw);
            if (values.isEmpty()) {
                throw new UsageException(file + ": key '" + key + "' has no values");
            }
            boolean mine = prof.equals(profile.id());
            present |= mine;
            if (name.equals(POINTS_KEY)) {
                if (!values.equals(List.of(NONE))) {
                    throw new UsageException(file + ": " + key + "=" + raw + ": the only value is '" + NONE + "' (no point in this profile)");
                }
                nonePerProfile.add(prof);
                none |= mine;
                continue;
            }
            otherKeysPerProfile.add(prof);
            if (name.equals(WARMUP_KEY)) {
                int n = warmupValue(file, key, raw);
                if (mine) {
                    warmup = n;
                }
                continue;
            }
            if (name.equals(UNSTEADY_KEY)) {
                for (String v : values) {
                    checkUnsteady(file, key, v, declared);
                }
                if (mine) {
                    unsteady.addAll(values);
                }
                continue;
            }
            if (name.equals(CPUS_KEY)) {
                for (String v : values) {
                    checkCpus(file, key, v, declared);
                }
                if (mine) {
                    cpus.addAll(values);
                }
                continue;
            }
            if (name.equals(MODE_KEY)) {
                List<Mode> parsed = new ArrayList<>();
                for (String m : values) {
                    try {
                        parsed.add(Mode.deepValueOf(m));
                    } catch (IllegalArgumentException | IllegalStateException e) {
                        throw new UsageException(file + ": " + key + ": unknown mode '" + m + "'; valid: thrpt, avgt, sample, ss");
                    }
                }
                if (mine) {
                    modes.addAll(parsed);
                }
                continue;
            }
            List<String> names = List.of(name.split(Pattern.quote(JOIN), -1));
            Set<String> used = usedPerProfile.computeIfAbsent(prof, k -> new TreeSet<>());
            List<List<String>> tuples = new ArrayList<>();
            for (String n : names) {
                if (!declared.containsKey(n)) {
                    throw new UsageException(file + ": key '" + key + "' names no @Param of " + className
                            + "; its params: " + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())));
                }
                if (!used.add(n)) {
                    throw new UsageException(file + ": key '" + key + "': parameter '" + n + "' already has values in another "
                            + prof + " key");
                }
            }
            for (String v : values) {
                List<String> tuple = List.of(v.split(Pattern.quote(JOIN), -1));
                if (tuple.size() != names.size() || tuple.stream().anyMatch(String::isBlank)) {
                    throw new UsageException(file + ": " + key + ": '" + v + "' is not " + names.size() + " value(s) joined by '"
                            + JOIN + "', one per parameter of the key");
                }
                for (int i = 0; i < names.size(); i++) {
                    String why = rule(className, names.get(i), declared).refusal(tuple.get(i).trim());
                    if (why != null) {
                        throw new UsageException(file + ": " + key + ": " + why);
                    }
                }
                tuples.add(tuple.stream().map(String::trim).toList());
            }
            if (mine) {
                axes.add(new Axis(names, List.copyOf(tuples)));
            }
        }
        for (String prof : nonePerProfile) {
            if (otherKeysPerProfile.contains(prof)) {
                throw new UsageException(file + ": " + prof + "." + POINTS_KEY + "=" + NONE + " leaves the class out of "
                        + prof + ", yet other " + prof + " keys give it points");
            }
        }
        return new ProfileSpec(axes, modes, none, present, warmup, List.copyOf(unsteady), List.copyOf(cpus));
    }

    /** The value of a {@value #WARMUP_KEY} key: a non-negative integer, else an error naming file, key and value. */
    static int warmupValue(String file, String key, String raw) {
        String v = raw.trim();
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // not a number: the error below says what is expected
        }
        throw new UsageException(file + ": " + key + "=" + raw + ": warm-up iterations must be a non-negative integer");
    }

    /** An {@value #UNSTEADY_KEY} entry: {@code <class>:<param>=<value>;...}, the class one of {@value #UNSTEADY_CLASSES}. */
    static void checkUnsteady(String file, String key, String entry, Map<String, List<String>> declared) {
        int colon = entry.indexOf(':');
        String cls = colon < 0 ? entry : entry.substring(0, colon).trim();
        if (colon < 0 || !List.of(UNSTEADY_CLASSES.split(", ")).contains(cls)) {
            throw new UsageException(file + ": " + key + ": '" + entry + "' is not <classification>:<param>=<value>;... with classification one of "
                    + UNSTEADY_CLASSES);
        }
        checkSelector(file, key, entry, entry.substring(colon + 1), declared);
    }

    /** A {@value #CPUS_KEY} entry: {@code <cpu>[:<param>=<value>;...]}, the CPU a number or a range ("0", "0-1"). */
    static void checkCpus(String file, String key, String entry, Map<String, List<String>> declared) {
        int colon = entry.indexOf(':');
        String cpus = (colon < 0 ? entry : entry.substring(0, colon)).trim();
        if (!CPU_LIST.matcher(cpus).matches()) {
            throw new UsageException(file + ": " + key + ": '" + entry + "' does not start with a CPU or a range of CPUs (e.g. 0 or 0-1;"
                    + " to pin some points only: 0:connections=1)");
        }
        if (colon >= 0) {
            checkSelector(file, key, entry, entry.substring(colon + 1), declared);
        }
    }

    /** The {@code <param>=<value>;...} part of an entry: every name a @Param of the class. */
    private static void checkSelector(String file, String key, String entry, String selector, Map<String, List<String>> declared) {
        String rest = selector.trim();
        for (String kv : rest.isEmpty() ? new String[0] : rest.split(";")) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || !declared.containsKey(kv.substring(0, eq).trim())) {
                throw new UsageException(file + ": " + key + ": '" + kv + "' in '" + entry + "' is not <param>=<value> naming a @Param; params: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())));
            }
        }
    }

    private static ClassPlan classPlan(String className, Map<String, List<BenchmarkListEntry>> methods, ProfileSpec spec,
                                       Map<String, List<String>> cliParams, List<Mode> cliModes) {
        List<Mode> modes = cliModes.isEmpty() ? spec.modes() : cliModes;
        List<Point> points = new ArrayList<>();
        Map<String, Set<String>> imposed = new TreeMap<>();
        for (Map.Entry<String, List<BenchmarkListEntry>> m : methods.entrySet()) {
            Map<String, String[]> annotated = m.getValue().get(0).getParams().orElse(Map.of());
            Set<String> own = new TreeSet<>(annotated.keySet());
            Set<String> profiled = new TreeSet<>(own);
            profiled.removeAll(cliParams.keySet());
            List<Axis> axes = new ArrayList<>();
            Set<String> covered = new TreeSet<>();
            for (Axis a : spec.axes()) {
                Axis p = a.project(profiled);
                if (p != null) {
                    axes.add(p);
                    covered.addAll(p.names());
                    p.tuples().forEach(t -> {
                        for (int i = 0; i < t.size(); i++) {
                            imposed.computeIfAbsent(p.names().get(i), k -> new LinkedHashSet<>()).add(t.get(i));
                        }
                    });
                }
            }
            for (String param : own) {
                if (cliParams.containsKey(param)) {
                    axes.add(single(param, cliParams.get(param)));
                    imposed.computeIfAbsent(param, k -> new LinkedHashSet<>()).addAll(cliParams.get(param));
                } else if (!covered.contains(param)) {
                    axes.add(single(param, Arrays.asList(annotated.get(param))));
                }
            }
            Set<Mode> methodModes = new LinkedHashSet<>();
            if (modes.isEmpty()) {
                m.getValue().forEach(e -> methodModes.add(e.getMode()));
            } else {
                methodModes.addAll(modes);
            }
            for (Mode mode : methodModes) {
                for (Map<String, String> combo : crossProduct(axes)) {
                    points.add(new Point(m.getKey(), mode, combo));
                }
            }
        }
        Map<String, List<String>> params = new TreeMap<>();
        imposed.forEach((k, v) -> params.put(k, List.copyOf(v)));
        List<String> forkJvmArgs = methods.values().stream().flatMap(List::stream)
                .filter(e -> e.getJvmArgs().hasValue()).findFirst()
                .map(e -> List.copyOf(e.getJvmArgs().get())).orElse(List.of());
        return new ClassPlan(className, List.copyOf(methods.keySet()), List.copyOf(modes), params, List.copyOf(points),
                spec.present(), forkJvmArgs, spec.warmup(), spec.unsteady(), spec.cpus());
    }

    private static Axis single(String name, List<String> values) {
        return new Axis(List.of(name), values.stream().map(List::of).toList());
    }

    /** Every combination taking one entry of each axis. */
    static List<Map<String, String>> crossProduct(List<Axis> axes) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new TreeMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (List<String> t : a.tuples()) {
                    Map<String, String> m = new TreeMap<>(partial);
                    for (int i = 0; i < t.size(); i++) {
                        m.put(a.names().get(i), t.get(i));
                    }
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    public static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** {@code nettune.include} as a pattern (found in a benchmark's name, as JMH does), or null for all benchmarks. */
    public static Pattern includePattern(String include) {
        try {
            return include == null || include.isBlank() ? null : Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new UsageException("nettune.include: '" + include + "' is not a regular expression: " + e.getDescription());
        }
    }
}
