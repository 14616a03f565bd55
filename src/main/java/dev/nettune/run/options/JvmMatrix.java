package dev.nettune.run.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JvmMatrix finds the JDKs to run on and builds the list of {@link JvmTarget}s.
 *
 * <p>Discovery (no {@code -Dnettune.jvms}): the JDK running the suite (the one running Maven) first,
 * then every other JDK 17+ named by {@code JAVA_HOME}, {@code JAVA<N>_HOME} or
 * {@code JAVA_HOME_<N>_<arch>} variables, or installed under {@code /usr/lib/jvm/*} and
 * {@code ~/.sdkman/candidates/java/*}. Directories are compared by canonical path, so symlinked
 * aliases of one JDK count once; older JDKs are ignored with a note. Labels are {@code jdk<feature>};
 * a second JDK of the same feature gets a vendor suffix ({@code jdk17-temurin}).
 *
 * <p>Named ({@code -Dnettune.jvms=a,b}): each entry is a JAVA_HOME path, {@code label=path}, or a
 * bare feature number ({@code 21}) meaning the discovered JDK of that release. Anything that is not a
 * JDK 17+ is an error. One JDK may appear twice only under two explicit labels
 * ({@code a=17,b=17}): an A/A self-check, also reachable as {@code -Dnettune.selfCheck=17}
 * ({@link #selfCheck}); an unlabelled repeat is refused as a slip.
 */
public final class JvmMatrix {
    private static final Pattern ENV_NAME = Pattern.compile("JAVA_HOME|JAVA_?\\d+_HOME|JAVA_HOME_\\d+(_\\w+)?");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern FEATURE_ONLY = Pattern.compile("\\d+");
    /** Label suffixes of the two targets of an A/A self-check. */
    static final List<String> SELF_CHECK_SUFFIXES = List.of("a", "b");

    private JvmMatrix() {
    }

    /** Where discovery looks: the running JDK, environment and the usual install roots. */
    public record Sources(Path self, Map<String, String> env, List<Path> roots) {
        /** The sources of this process: its java.home, its environment, /usr/lib/jvm and sdkman. */
        public static Sources ofThisProcess() {
            return new Sources(Path.of(System.getProperty("java.home")), System.getenv(),
                    List.of(Path.of("/usr/lib/jvm"),
                            Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java")));
        }
    }

    /** JDKs found, in matrix order, and notes about candidates that were ignored. */
    public record Found(List<Jdk> jdks, List<String> notes) {
    }

    /** Every JDK 17+ the sources name, the running one first. */
    public static Found discover(Sources sources) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(sources.self());
        new TreeMap<>(sources.env()).forEach((k, v) -> {
            if (ENV_NAME.matcher(k).matches() && !v.isBlank()) {
                candidates.add(Path.of(v));
            }
        });
        for (Path root : sources.roots()) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    s.filter(Files::isDirectory).sorted().forEach(candidates::add);
                } catch (IOException e) {
                    // an unreadable install root simply contributes no candidates
                }
            }
        }
        List<String> notes = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Jdk self = null;
        List<Jdk> others = new ArrayList<>();
        for (Path c : candidates) {
            Jdk jdk;
            try {
                jdk = Jdk.inspect(c);
            } catch (Jdk.NotAJdkException e) {
                continue; // e.g. /usr/lib/jvm/openjdk-17 holds only src.zip: not a candidate, no noise
            }
            if (!seen.add(jdk.home())) {
                continue;
            }
            if (jdk.feature() < Jdk.MIN_FEATURE) {
                notes.add("ignoring " + jdk.home() + " (JDK " + jdk.feature() + "; nettune needs " + Jdk.MIN_FEATURE + "+)");
                continue;
            }
            if (self == null && c == sources.self()) {
                self = jdk;
            } else {
                others.add(jdk);
            }
        }
        others.sort(Comparator.comparingInt(Jdk::feature).thenComparing(j -> j.home().toString()));
        List<Jdk> all = new ArrayList<>();
        if (self != null) {
            all.add(self);
        }
        all.addAll(others);
        return new Found(all, notes);
    }

    /** Labels the discovered JDKs: jdk17, jdk25, and a vendor suffix for a second JDK of one feature. */
    public static List<JvmTarget> label(List<Jdk> jdks) {
        List<JvmTarget> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Jdk jdk : jdks) {
            String label = "jdk" + jdk.feature();
            if (used.contains(label)) {
                label = label + "-" + vendorSlug(jdk.vendor());
            }
            String base = label;
            for (int n = 2; used.contains(label); n++) {
                label = base + "-" + n;
            }
            used.add(label);
            out.add(new JvmTarget(label, jdk, null));
        }
        return out;
    }

    /** The JDKs a -Dnettune.jvms value names; errors for anything that is not a JDK 17+. */
    public static List<JvmTarget> named(String spec, Sources sources) {
        List<JvmTarget> out = new ArrayList<>();
        Map<Path, JvmTarget> homes = new LinkedHashMap<>();
        Map<JvmTarget, String> entries = new IdentityHashMap<>();
        Found discovered = null;
        for (String entry : spec.split(",")) {
            entry = entry.trim();
            if (entry.isEmpty()) {
                continue;
            }
            String label = null;
            int eq = entry.indexOf('=');
            if (eq > 0) {
                label = entry.substring(0, eq).trim();
                entry = entry.substring(eq + 1).trim();
                if (!LABEL.matcher(label).matches()) {
                    throw new UsageException("nettune.jvms: label '" + label + "' must be letters, digits, '.', '_' or '-'");
                }
            }
            Jdk jdk;
            if (FEATURE_ONLY.matcher(entry).matches()) {
                int feature = Integer.parseInt(entry);
                if (discovered == null) {
                    discovered = discover(sources);
                }
                jdk = discovered.jdks().stream().filter(j -> j.feature() == feature).findFirst()
                        .orElseThrow(() -> new UsageException("nettune.jvms: no JDK " + feature + " found; found: "
                                + describe(discover(sources).jdks())));
            } else {
                try {
                    jdk = Jdk.inspect(Path.of(entry));
                } catch (Jdk.NotAJdkException e) {
                    throw new UsageException("nettune.jvms: " + e.getMessage());
                }
            }
            if (jdk.feature() < Jdk.MIN_FEATURE) {
                throw new UsageException("nettune.jvms: " + entry + " is JDK " + jdk.feature() + "; nettune needs "
                        + Jdk.MIN_FEATURE + "+");
            }
            // One JDK twice is an A/A self-check, which needs two explicit labels; anything else is a slip.
            JvmTarget previous = homes.get(jdk.home());
            if (previous != null && (label == null || previous.label() == null)) {
                throw new UsageException("nettune.jvms: " + entries.get(previous) + " and " + (label == null ? "" : label + "=") + entry
                        + " are the same JDK (" + jdk.home() + "); to run it twice (A/A) label both, e.g. a=" + entry + ",b=" + entry
                        + ", or use -Dnettune.selfCheck=" + entry);
            }
            JvmTarget target = new JvmTarget(label, jdk, null);
            homes.putIfAbsent(jdk.home(), target);
            entries.put(target, (label == null ? "" : label + "=") + entry);
            out.add(target);
        }
        if (out.isEmpty()) {
            throw new UsageException("nettune.jvms: no JDK named");
        }
        // Unlabelled entries get the discovery labels, avoiding the explicit ones.
        List<JvmTarget> labelled = new ArrayList<>();
        Set<String> used = new HashSet<>();
        out.stream().filter(t -> t.label() != null).forEach(t -> {
            if (!used.add(t.label())) {
                throw new UsageException("nettune.jvms: label '" + t.label() + "' used twice");
            }
        });
        for (JvmTarget t : out) {
            if (t.label() != null) {
                labelled.add(t);
                continue;
            }
            String label = "jdk" + t.jdk().feature();
            if (used.contains(label)) {
                label = label + "-" + vendorSlug(t.jdk().vendor());
            }
            String base = label;
            for (int n = 2; used.contains(label); n++) {
                label = base + "-" + n;
            }
            used.add(label);
            labelled.add(new JvmTarget(label, t.jdk(), null));
        }
        return labelled;
    }

    /**
     * The A/A self-check of {@code -Dnettune.selfCheck}: one JDK (a feature number of a discovered
     * JDK, or a JAVA_HOME) as two targets, {@code jdk<feature>-a} and {@code jdk<feature>-b}, which
     * the runner treats as two JVMs. Their differences are the method's false positives.
     */
    public static List<JvmTarget> selfCheck(String spec, Sources sources) {
        List<JvmTarget> one;
        try {
            one = named(spec, sources);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage().replaceFirst("^nettune\\.jvms:", "nettune.selfCheck:"));
        }
        if (one.size() != 1) {
            throw new UsageException("nettune.selfCheck: '" + spec + "' is not one JDK; give a feature number or a JAVA_HOME, e.g. 17");
        }
        Jdk jdk = one.get(0).jdk();
        String base = "jdk" + jdk.feature();
        return List.of(new JvmTarget(base + "-" + SELF_CHECK_SUFFIXES.get(0), jdk, null),
                new JvmTarget(base + "-" + SELF_CHECK_SUFFIXES.get(1), jdk, null));
    }

    /**
     * Whether two targets are the same JVM started the same way: same JDK home, same flags, same
     * CPU placement. A run with such a pair is an A/A self-check.
     */
    public static boolean sameJvm(JvmTarget a, JvmTarget b) {
        return a.jdk().home().equals(b.jdk().home()) && a.flags().equals(b.flags())
                && Objects.equals(a.cpus(), b.cpus());
    }

    /**
     * The matrix: every base target, then each variant on every base JDK in its range. A variant
     * outside the range of every JDK is an error; one that skips some JDKs adds a note.
     */
    public static List<JvmTarget> withVariants(List<JvmTarget> base, List<Variant> variants, List<String> notes) {
        List<JvmTarget> out = new ArrayList<>(base);
        for (Variant v : variants) {
            List<String> skipped = new ArrayList<>();
            int added = 0;
            for (JvmTarget t : base) {
                if (v.appliesTo(t.jdk().feature())) {
                    out.add(new JvmTarget(t.label() + "-" + v.name(), t.jdk(), v));
                    added++;
                } else {
                    skipped.add(t.label());
                }
            }
            if (added == 0) {
                throw new UsageException("nettune.variants: " + v.name() + " is valid on " + v.range()
                        + " only; the matrix has " + describe(base.stream().map(JvmTarget::jdk).toList()));
            }
            if (!skipped.isEmpty()) {
                notes.add("variant " + v.name() + " not run on " + String.join(", ", skipped) + " (valid on " + v.range() + ")");
            }
        }
        return out;
    }

    static String describe(List<Jdk> jdks) {
        if (jdks.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (Jdk j : jdks) {
            s.append(s.length() == 0 ? "" : ", ").append("JDK ").append(j.feature()).append(" (").append(j.home()).append(')');
        }
        return s.toString();
    }

    static String vendorSlug(String vendor) {
        String v = vendor.toLowerCase(Locale.ROOT);
        if (v.contains("adoptium") || v.contains("temurin")) {
            return "temurin";
        }
        String slug = v.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        int dash = slug.indexOf('-');
        return slug.isEmpty() ? "other" : dash > 0 ? slug.substring(0, dash) : slug;
    }
}
