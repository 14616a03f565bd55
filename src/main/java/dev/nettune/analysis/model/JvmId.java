package dev.nettune.analysis.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A JvmId is the JVM a result was measured on: a label (the suite's {@code <jvmLabel>} folder, or
 * one derived from the JMH JSON such as {@code jdk17} or {@code jdk17+-XX:+UseZGC}), the vendor and
 * version, a variant (the flags that tell JVMs of one version apart; empty when none), where its
 * threads ran, and the run it belongs to.
 *
 * <p>Two results are on the same JVM when run id and label are equal. The same label in two runs is
 * two JvmIds, so runs are kept apart yet can be compared.
 *
 * @param runId     the run's id ({@code run.json} or the results folder name); never null
 * @param label     short name shown in tables
 * @param vendor    JVM vendor, or "" when unknown
 * @param version   Java version, e.g. "17.0.15"; "" when unknown
 * @param variant   flags that distinguish this JVM, space separated; "" when none
 * @param placement CPU placement of the run (e.g. "free", "taskset -c 0"); "" when unknown
 */
public record JvmId(String runId, String label, String vendor, String version, String variant, String placement) {

    /** The identity used for grouping: run id and label. */
    public String key() {
        return label + "@" + runId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JvmId j && j.runId.equals(runId) && j.label.equals(label);
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    /** The numeric components of {@link #version}, e.g. [17, 0, 15]; [] when unknown. */
    public List<Integer> versionNumbers() {
        List<Integer> out = new ArrayList<>();
        for (String part : version.split("[^0-9]+")) {
            if (!part.isEmpty() && out.size() < 4) {
                try {
                    out.add(Integer.parseInt(part));
                } catch (NumberFormatException e) {
                    break; // absurdly long digit run: the leading components are enough to order
                }
            }
        }
        // "1.8.0_392" is Java 8
        if (out.size() > 1 && out.get(0) == 1) {
            out.remove(0);
        }
        return out;
    }

    /** Orders JVMs oldest first: by version, then without variant first, then run id, then label. */
    public static int compareAge(JvmId a, JvmId b) {
        List<Integer> va = a.versionNumbers();
        List<Integer> vb = b.versionNumbers();
        for (int i = 0; i < Math.max(va.size(), vb.size()); i++) {
            int x = i < va.size() ? va.get(i) : Integer.MAX_VALUE;
            int y = i < vb.size() ? vb.get(i) : Integer.MAX_VALUE;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        int c = Boolean.compare(!a.variant.isEmpty(), !b.variant.isEmpty());
        if (c != 0) {
            return c;
        }
        c = a.runId.compareTo(b.runId);
        return c != 0 ? c : a.label.compareTo(b.label);
    }

    /**
     * Derives a label from what a JMH JSON result says about its JVM: "jdk" + feature version, plus
     * the variant flags when there are any.
     */
    public static String labelFor(String jdkVersion, String variant) {
        String major = jdkVersion == null ? "" : new JvmId("", "", "", jdkVersion, "", "").versionNumbers()
                .stream().findFirst().map(String::valueOf).orElse("");
        String base = major.isEmpty() ? "jvm" : "jdk" + major;
        return variant.isEmpty() ? base : base + " " + variant;
    }

    /**
     * The flags in a JMH result's {@code jvmArgs} that tell variants apart: everything except
     * settings that only describe the environment (encodings, temp dir, user, IDE agents).
     */
    public static String variantOf(List<String> jvmArgs) {
        List<String> kept = new ArrayList<>();
        for (String a : jvmArgs) {
            String l = a.toLowerCase(Locale.ROOT);
            boolean noise = l.startsWith("-dfile.encoding") || l.startsWith("-dsun.stdout.encoding")
                    || l.startsWith("-dsun.stderr.encoding") || l.startsWith("-dstdout.encoding")
                    || l.startsWith("-dstderr.encoding") || l.startsWith("-djava.io.tmpdir")
                    || l.startsWith("-duser.") || l.startsWith("-javaagent") || l.startsWith("-didea.")
                    || l.startsWith("-dnet.bytebuddy") || l.startsWith("--sun-misc-unsafe-memory-access")
                    || l.startsWith("--enable-native-access");
            if (!noise) {
                kept.add(a);
            }
        }
        return String.join(" ", kept);
    }
}
