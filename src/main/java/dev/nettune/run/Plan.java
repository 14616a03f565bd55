package dev.nettune.run;

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
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Plan is what one JVM of the suite runs: per benchmark class, the methods selected by the
 * include regex, the modes and parameter values of the profile, and the resulting benchmark points
 * (method × mode × parameter combination), each of which JMH runs as one fork series.
 *
 * <p>Profile files: {@code nettune/profiles/<SimpleClassName>.properties} with
 * {@code <profile>.<param>=v1,v2} (a missing key keeps the @Param default) and
 * {@code <profile>.@mode=thrpt,sample} (these modes replace the annotated ones, as JMH's -bm does).
 * A key naming no @Param of the class, or an unknown profile, is an error: a typo would otherwise
 * silently run the whole grid.
 */
public record Plan(List<ClassPlan> classes) {

    /** Resource folder of the per-class profile files. */
    public static final String PROFILE_DIR = "nettune/profiles/";
    /** Profile key suffix restricting benchmark modes. */
    public static final String MODE_KEY = "@mode";

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
     * The part of the plan for one benchmark class, run by one JMH Runner.
     *
     * @param className  fully-qualified class name
     * @param methods    fully-qualified benchmark names (class.method) selected
     * @param modes      modes the profile imposes (empty: the annotated ones)
     * @param params     parameter values the profile or the command line imposes
     * @param points     every point the runner will run
     * @param hasProfile whether the class has a profile file
     * @param forkJvmArgs the class's {@code @Fork(jvmArgs)}, empty when it sets none
     */
    public record ClassPlan(String className, List<String> methods, List<Mode> modes, Map<String, List<String>> params,
                            List<Point> points, boolean hasProfile, List<String> forkJvmArgs) {
        public String simpleName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }

    /** Total points per JVM. */
    public int pointCount() {
        return classes.stream().mapToInt(c -> c.points().size()).sum();
    }

    /** Reads a class's profile file from the class path, or null when it has none. */
    public static Properties profileResource(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        try (InputStream in = Plan.class.getClassLoader().getResourceAsStream(PROFILE_DIR + simple + ".properties")) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UsageException("cannot read " + PROFILE_DIR + simple + ".properties: " + e.getMessage());
        }
    }

    /**
     * Builds the plan.
     *
     * @param entries   the benchmark list (one entry per method and annotated mode)
     * @param profile   the profile whose keys apply
     * @param include   regex selecting benchmarks by fully-qualified name (find, as JMH does), or null for all
     * @param cliParams parameter values from extra JMH options (-p), overriding the profile
     * @param cliModes  modes from extra JMH options (-bm), overriding the profile
     * @param profiles  class name → its profile properties, or null when it has none
     */
    public static Plan build(Collection<BenchmarkListEntry> entries, Profile profile, String include,
                             Map<String, List<String>> cliParams, List<Mode> cliModes,
                             Function<String, Properties> profiles) {
        Pattern pattern;
        try {
            pattern = include == null || include.isBlank() ? null : Pattern.compile(include);
        } catch (PatternSyntaxException e) {
            throw new UsageException("nettune.include: '" + include + "' is not a regular expression: " + e.getDescription());
        }
        // Class -> method -> entries (one per annotated mode), in benchmark-list order.
        Map<String, Map<String, List<BenchmarkListEntry>>> byClass = new TreeMap<>();
        for (BenchmarkListEntry e : entries) {
            byClass.computeIfAbsent(e.getUserClassQName(), k -> new TreeMap<>())
                    .computeIfAbsent(e.getUsername(), k -> new ArrayList<>()).add(e);
        }
        if (byClass.isEmpty()) {
            throw new UsageException("no benchmarks in META-INF/BenchmarkList: was benchmarks.jar built with the JMH annotation processor?");
        }
        List<ClassPlan> classes = new ArrayList<>();
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
            classes.add(classPlan(c.getKey(), c.getValue(), methods, profile, cliParams, cliModes, profiles.apply(c.getKey())));
        }
        if (classes.isEmpty()) {
            StringBuilder available = new StringBuilder();
            byClass.forEach((cls, ms) -> available.append("\n  ").append(cls).append(": ")
                    .append(String.join(", ", ms.keySet().stream().map(m -> m.substring(m.lastIndexOf('.') + 1)).toList())));
            throw new UsageException("nettune.include: '" + include + "' matches no benchmark; available:" + available);
        }
        return new Plan(List.copyOf(classes));
    }

    private static ClassPlan classPlan(String className, Map<String, List<BenchmarkListEntry>> allMethods,
                                       Map<String, List<BenchmarkListEntry>> methods, Profile profile,
                                       Map<String, List<String>> cliParams, List<Mode> cliModes, Properties props) {
        String file = PROFILE_DIR + className.substring(className.lastIndexOf('.') + 1) + ".properties";
        Set<String> classParams = new LinkedHashSet<>();
        for (List<BenchmarkListEntry> list : allMethods.values()) {
            for (BenchmarkListEntry e : list) {
                if (e.getParams().hasValue()) {
                    classParams.addAll(e.getParams().get().keySet());
                }
            }
        }
        Map<String, List<String>> params = new TreeMap<>();
        List<Mode> modes = new ArrayList<>();
        if (props != null) {
            for (String key : new TreeMap<>(props).keySet().stream().map(Object::toString).toList()) {
                int dot = key.indexOf('.');
                String prof = dot < 0 ? key : key.substring(0, dot);
                boolean known = Arrays.stream(Profile.values()).anyMatch(p -> p.id().equals(prof));
                if (dot < 0 || !known) {
                    throw new UsageException(file + ": key '" + key + "' is not <profile>.<param> with profile one of "
                            + Profile.names());
                }
                String name = key.substring(dot + 1);
                List<String> values = split(props.getProperty(key));
                if (values.isEmpty()) {
                    throw new UsageException(file + ": key '" + key + "' has no values");
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
                    if (prof.equals(profile.id())) {
                        modes.addAll(parsed);
                    }
                    continue;
                }
                if (!classParams.contains(name)) {
                    throw new UsageException(file + ": key '" + key + "' names no @Param of " + className
                            + "; its params: " + (classParams.isEmpty() ? "none" : String.join(", ", classParams)));
                }
                if (prof.equals(profile.id())) {
                    params.put(name, values);
                }
            }
        }
        cliParams.forEach((k, v) -> {
            if (classParams.contains(k)) {
                params.put(k, v);
            }
        });
        if (!cliModes.isEmpty()) {
            modes = new ArrayList<>(cliModes);
        }
        List<Point> points = new ArrayList<>();
        for (Map.Entry<String, List<BenchmarkListEntry>> m : methods.entrySet()) {
            Set<Mode> methodModes = new LinkedHashSet<>();
            if (modes.isEmpty()) {
                m.getValue().forEach(e -> methodModes.add(e.getMode()));
            } else {
                methodModes.addAll(modes);
            }
            Map<String, String[]> annotated = m.getValue().get(0).getParams().orElse(Map.of());
            Map<String, List<String>> grid = new TreeMap<>();
            annotated.forEach((k, v) -> grid.put(k, params.containsKey(k) ? params.get(k) : Arrays.asList(v)));
            for (Mode mode : methodModes) {
                for (Map<String, String> combo : crossProduct(grid)) {
                    points.add(new Point(m.getKey(), mode, combo));
                }
            }
        }
        List<String> forkJvmArgs = methods.values().stream().flatMap(List::stream)
                .filter(e -> e.getJvmArgs().hasValue()).findFirst()
                .map(e -> List.copyOf(e.getJvmArgs().get())).orElse(List.of());
        return new ClassPlan(className, List.copyOf(methods.keySet()), List.copyOf(modes), params, List.copyOf(points),
                props != null, forkJvmArgs);
    }

    static List<Map<String, String>> crossProduct(Map<String, List<String>> grid) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new TreeMap<>());
        for (Map.Entry<String, List<String>> e : grid.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : e.getValue()) {
                    Map<String, String> m = new TreeMap<>(partial);
                    m.put(e.getKey(), v);
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
}
