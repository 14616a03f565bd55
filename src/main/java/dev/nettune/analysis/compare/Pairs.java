package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pairs decides which JVM is compared with which, and why ({@link JvmPair.Relation}).
 *
 * <p>Within a run of this suite (a run id with run.json), JVMs are told apart by run.json's
 * {@code jvms}: two entries with the same javaHome, flags and placement are one JDK under two
 * labels, the A/A self-check ({@code SELF_CHECK}, the first in run.json order as baseline); among
 * the remaining entries of one javaHome, the base JVM is the one with free (or unrecorded) placement
 * and the fewest flags (ties: run.json order), and each other is a variant of it ({@code VARIANT}).
 * The run's baseline is the JVM named by the options when the run has it, else the oldest base JVM
 * by version (ties: run.json order); every other base JVM is compared with it ({@code JDKS}).
 *
 * <p>JVMs of files without run metadata (other projects' JMH JSON) are compared with the oldest of
 * them that shares rows with them (or with the named baseline when it is one of them and shares
 * rows), so two such JVMs that share rows always give a comparison ({@code ACROSS_RUNS}). The
 * suite's own runs are compared with each other only when asked: every JVM of another run is then
 * compared with one global baseline (the named one, else the oldest JVM of any run).
 */
final class Pairs {

    /** A Plan is one comparison to make: a candidate JVM against its baseline, and why. */
    record Plan(JvmId baseline, JvmId candidate, JvmPair.Relation relation) {
    }

    private Pairs() {
    }

    /** The comparisons to make, in report order: run by run (JDKS, VARIANT, SELF_CHECK), then the others. */
    static List<Plan> choose(ResultSet set, Map<JvmId, Map<ResultKey.Row, Result>> cells, Comparisons.Options options) {
        List<Plan> out = new ArrayList<>();
        Set<Set<JvmId>> seen = new HashSet<>();
        List<JvmId> all = new ArrayList<>(cells.keySet());
        all.sort(JvmId::compareAge);
        List<String> runIds = all.stream().map(JvmId::runId).filter(set.runs()::containsKey).distinct().sorted()
                .collect(Collectors.toList());
        for (String runId : runIds) {
            RunInfo run = set.runs().get(runId);
            List<JvmId> jvms = all.stream().filter(j -> j.runId().equals(runId)).collect(Collectors.toList());
            withinRun(run, jvms, options.baseline(), cells).forEach(p -> add(out, seen, p));
        }
        List<JvmId> foreign = all.stream().filter(j -> !set.runs().containsKey(j.runId())).collect(Collectors.toList());
        JvmId named = named(foreign, options.baseline());
        for (JvmId j : foreign) {
            JvmId base = named != null && !named.equals(j) && share(cells, named, j) ? named
                    : foreign.stream().takeWhile(o -> !o.equals(j)).filter(o -> share(cells, o, j)).findFirst().orElse(null);
            if (base != null) {
                add(out, seen, new Plan(base, j, JvmPair.Relation.ACROSS_RUNS));
            }
        }
        if (options.acrossRuns()) {
            List<JvmId> suite = all.stream().filter(j -> set.runs().containsKey(j.runId())).collect(Collectors.toList());
            JvmId global = named(suite, options.baseline());
            if (global == null && !suite.isEmpty()) {
                global = suite.get(0);
            }
            for (JvmId j : all) {
                if (global != null && !j.runId().equals(global.runId()) && share(cells, global, j)) {
                    add(out, seen, new Plan(global, j, JvmPair.Relation.ACROSS_RUNS));
                }
            }
        }
        return out;
    }

    /** The plans of one run: JDKS against the run's baseline, VARIANT against its base, SELF_CHECK. */
    static List<Plan> withinRun(RunInfo run, List<JvmId> present, String wanted,
                                Map<JvmId, Map<ResultKey.Row, Result>> cells) {
        List<JvmId> jvms = new ArrayList<>(present);
        jvms.sort(Comparator.comparingInt((JvmId j) -> order(run, j)).thenComparing(JvmId::label));
        Map<List<Object>, JvmId> primaries = new LinkedHashMap<>();
        List<Plan> selfChecks = new ArrayList<>();
        for (JvmId j : jvms) {
            RunInfo.JvmInfo info = run.jvm(j.label());
            List<Object> identity = info == null || info.javaHome().isEmpty() ? List.of(j)
                    : List.of(info.javaHome(), info.flags(), info.placement());
            JvmId first = primaries.putIfAbsent(identity, j);
            if (first != null) {
                selfChecks.add(new Plan(first, j, JvmPair.Relation.SELF_CHECK));
            }
        }
        Map<String, List<JvmId>> byHome = new LinkedHashMap<>();
        for (JvmId j : primaries.values()) {
            RunInfo.JvmInfo info = run.jvm(j.label());
            String home = info == null || info.javaHome().isEmpty() ? "\u0000" + j.label() : info.javaHome();
            byHome.computeIfAbsent(home, h -> new ArrayList<>()).add(j);
        }
        List<JvmId> bases = new ArrayList<>();
        List<Plan> variants = new ArrayList<>();
        for (List<JvmId> home : byHome.values()) {
            JvmId base = home.stream().min(Comparator.comparingInt((JvmId j) -> plainness(run, j))
                    .thenComparingInt(j -> order(run, j))).orElseThrow();
            bases.add(base);
            home.stream().filter(j -> !j.equals(base)).forEach(j -> variants.add(new Plan(base, j, JvmPair.Relation.VARIANT)));
        }
        JvmId baseline = named(jvms, wanted);
        if (baseline == null) {
            baseline = bases.stream().min(Comparator.comparing((JvmId j) -> version(run, j), Pairs::compareVersions)
                    .thenComparingInt(j -> order(run, j))).orElseThrow();
        }
        List<Plan> out = new ArrayList<>();
        for (JvmId j : bases) {
            if (!j.equals(baseline)) {
                out.add(new Plan(baseline, j, JvmPair.Relation.JDKS));
            }
        }
        out.addAll(variants);
        out.addAll(selfChecks);
        return out.stream().filter(p -> share(cells, p.baseline(), p.candidate())).collect(Collectors.toList());
    }

    private static void add(List<Plan> out, Set<Set<JvmId>> seen, Plan p) {
        if (seen.add(Set.of(p.baseline(), p.candidate()))) {
            out.add(p);
        }
    }

    /** The first JVM (in the order given) whose label, or label@runId, is {@code wanted}; null when none. */
    private static JvmId named(List<JvmId> jvms, String wanted) {
        if (wanted == null) {
            return null;
        }
        return jvms.stream().filter(j -> j.label().equals(wanted) || j.key().equals(wanted)).findFirst().orElse(null);
    }

    private static boolean share(Map<JvmId, Map<ResultKey.Row, Result>> cells, JvmId a, JvmId b) {
        Map<ResultKey.Row, Result> x = cells.getOrDefault(a, Map.of());
        return cells.getOrDefault(b, Map.of()).keySet().stream().anyMatch(x::containsKey);
    }

    /** Position in run.json's jvms; JVMs it does not list come after, in label order. */
    private static int order(RunInfo run, JvmId j) {
        for (int i = 0; i < run.jvms().size(); i++) {
            if (run.jvms().get(i).label().equals(j.label())) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** 0 for the plainest JVM of a javaHome: free placement, then fewer flags. */
    private static int plainness(RunInfo run, JvmId j) {
        RunInfo.JvmInfo info = run.jvm(j.label());
        if (info == null) {
            return 0;
        }
        boolean free = info.placement().isEmpty() || info.placement().equals("free");
        return (free ? 0 : 1_000) + info.flags().size();
    }

    private static List<Integer> version(RunInfo run, JvmId j) {
        RunInfo.JvmInfo info = run.jvm(j.label());
        String v = info != null && !info.version().isEmpty() ? info.version() : j.version();
        List<Integer> out = new ArrayList<>();
        for (String part : Objects.requireNonNullElse(v, "").split("[^0-9]+")) {
            if (!part.isEmpty() && part.length() < 9 && out.size() < 4) {
                out.add(Integer.parseInt(part));
            }
        }
        if (out.size() > 1 && out.get(0) == 1) {
            out.remove(0); // "1.8.0_392" is Java 8
        }
        return Collections.unmodifiableList(out);
    }

    /** Numeric version order; an unknown version sorts after every known one. */
    private static int compareVersions(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : a.isEmpty() ? Integer.MAX_VALUE : 0;
            int y = i < b.size() ? b.get(i) : b.isEmpty() ? Integer.MAX_VALUE : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
