package dev.nettune.run.options;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Variant is a named way to start a JDK: extra JVM flags and/or a CPU placement, valid on a
 * range of feature releases. The suite runs each selected variant on every JDK of the matrix in its
 * range, labelled {@code jdk<feature>-<name>}; flags are never passed to a JDK outside the range.
 *
 * <p>Syntax of {@code -Dnettune.variants}: definitions separated by {@code ;} (or {@code ,} between
 * built-in names). A definition is a built-in name ({@link #BUILT_IN}) or {@code name:jdks:spec} where
 * {@code jdks} is {@code *}, {@code 17}, {@code 13-17} or {@code 22+}, and {@code spec} is
 * whitespace-separated JVM flags and at most one {@code taskset=CPUS} (a taskset CPU list such as
 * {@code 0} or {@code 0,1}). Example: {@code plainsocket;cpu0;gc:21+:-XX:+UseParallelGC}.
 *
 * @param name        lower-case letters and digits, the label suffix
 * @param minFeature  oldest feature release the flags are valid on
 * @param maxFeature  newest feature release the flags are valid on
 * @param flags       JVM flags for the forked benchmark JVM
 * @param cpus        taskset CPU list, or null for free placement
 * @param description what the variant means, for the plan and the report
 */
public record Variant(String name, int minFeature, int maxFeature, List<String> flags, String cpus, String description) {

    /** Placement recorded for a JVM that the scheduler may move across all CPUs. */
    public static final String FREE = "free";

    /** Variants known by name. */
    public static final Map<String, Variant> BUILT_IN;

    static {
        Map<String, Variant> m = new LinkedHashMap<>();
        // PlainSocketImpl was the java.net.Socket implementation before JEP 353 (JDK 13) and was
        // removed in JDK 18; the property does nothing elsewhere, so it is only run on 13-17.
        m.put("plainsocket", new Variant("plainsocket", 13, 17, List.of("-Djdk.net.usePlainSocketImpl=true"), null,
                "pre-JEP 353 PlainSocketImpl for java.net.Socket"));
        // jdk.pollerMode appeared with the JDK 22 poller rework: 1 = platform poller threads
        // (the JDK 21 design), 2 = virtual-thread pollers (the Linux default since 22).
        m.put("poller1", new Variant("poller1", 22, Integer.MAX_VALUE, List.of("-Djdk.pollerMode=1"), null,
                "virtual-thread I/O polled by platform poller threads (JDK 21 design)"));
        m.put("cpu0", new Variant("cpu0", Jdk.MIN_FEATURE, Integer.MAX_VALUE, List.of(), "0",
                "whole benchmark JVM (client and server threads) pinned to CPU 0"));
        BUILT_IN = Collections.unmodifiableMap(m);
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");
    private static final Pattern RANGE = Pattern.compile("\\*|(\\d+)(?:-(\\d+)|(\\+))?");
    private static final Pattern CPUS = Pattern.compile("\\d+(-\\d+)?(,\\d+(-\\d+)?)*");

    public Variant {
        flags = List.copyOf(flags);
    }

    /** Whether the flags are valid on this feature release. */
    public boolean appliesTo(int feature) {
        return feature >= minFeature && feature <= maxFeature;
    }

    /** "free" or the taskset command that fixes placement, e.g. "taskset -c 0". */
    public String placement() {
        return cpus == null ? FREE : "taskset -c " + cpus;
    }

    /** The feature range in words, e.g. "JDK 13-17", "JDK 22+", "any JDK". */
    public String range() {
        if (maxFeature == Integer.MAX_VALUE) {
            return minFeature <= Jdk.MIN_FEATURE ? "any JDK" : "JDK " + minFeature + "+";
        }
        return minFeature == maxFeature ? "JDK " + minFeature : "JDK " + minFeature + "-" + maxFeature;
    }

    /** Parses a -Dnettune.variants value; blank means none. */
    public static List<Variant> parseList(String spec) {
        List<Variant> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String def : spec.split(";")) {
            def = def.trim();
            if (def.isEmpty()) {
                continue;
            }
            if (def.indexOf(':') < 0) {
                for (String name : def.split(",")) {
                    if (!name.isBlank()) {
                        out.add(builtIn(name.trim()));
                    }
                }
            } else {
                out.add(parse(def));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            for (int j = i + 1; j < out.size(); j++) {
                if (out.get(i).name().equals(out.get(j).name())) {
                    throw new UsageException("nettune.variants: variant '" + out.get(i).name() + "' given twice");
                }
            }
        }
        return out;
    }

    static Variant builtIn(String name) {
        Variant v = BUILT_IN.get(name);
        if (v == null) {
            throw new UsageException("nettune.variants: unknown variant '" + name + "'; built-in: "
                    + String.join(", ", BUILT_IN.keySet()) + "; or define one as name:jdks:flags, e.g. gc:21+:-XX:+UseParallelGC");
        }
        return v;
    }

    static Variant parse(String def) {
        String[] parts = def.split(":", 3);
        if (parts.length < 3) {
            throw new UsageException("nettune.variants: '" + def + "' is not name:jdks:spec (e.g. pin:*:taskset=0)");
        }
        String name = parts[0].trim();
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("nettune.variants: variant name '" + name + "' must be lower-case letters and digits");
        }
        Matcher r = RANGE.matcher(parts[1].trim());
        if (!r.matches()) {
            throw new UsageException("nettune.variants: '" + parts[1] + "' in '" + def + "' is not a JDK range (*, 17, 13-17, 22+)");
        }
        int min = Jdk.MIN_FEATURE;
        int max = Integer.MAX_VALUE;
        if (r.group(1) != null) {
            min = Integer.parseInt(r.group(1));
            max = r.group(2) != null ? Integer.parseInt(r.group(2)) : r.group(3) != null ? Integer.MAX_VALUE : min;
        }
        if (max < min) {
            throw new UsageException("nettune.variants: empty JDK range '" + parts[1] + "' in '" + def + "'");
        }
        List<String> flags = new ArrayList<>();
        String cpus = null;
        for (String token : parts[2].trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("taskset=")) {
                if (cpus != null) {
                    throw new UsageException("nettune.variants: '" + def + "' sets taskset twice");
                }
                cpus = token.substring("taskset=".length());
                if (!CPUS.matcher(cpus).matches()) {
                    throw new UsageException("nettune.variants: '" + cpus + "' in '" + def + "' is not a CPU list (0, 0,1, 0-1)");
                }
            } else if (token.startsWith("-")) {
                flags.add(token);
            } else {
                throw new UsageException("nettune.variants: '" + token + "' in '" + def + "' is neither a JVM flag (-...) nor taskset=CPUS");
            }
        }
        if (flags.isEmpty() && cpus == null) {
            throw new UsageException("nettune.variants: '" + def + "' has no flags and no taskset");
        }
        return new Variant(name, min, max, flags, cpus, String.join(" ", flags) + (cpus == null ? "" : " taskset -c " + cpus));
    }
}
