package dev.nettune.analysis.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A JvmId is the JVM a result was measured on: a label (the suite's {@code <jvmLabel>} folder, or
 * one derived from the JMH JSON such as {@code jdk11.0.15} or {@code jdk21.0.2 OpenJ9 flags:3f2a1c}),
 * the vendor, the version and full build, the VM (HotSpot, OpenJ9, ...), the flags that tell JVMs of
 * one build apart, where its threads ran, and the run it belongs to.
 *
 * <p>Two results are on the same JVM when run id and label are equal. The same label in two runs is
 * two JvmIds, so runs are kept apart yet can be compared. Labels derived from JMH JSON carry the
 * full version (11.0.7 and 11.0.15 are two JVMs), the VM when it is not HotSpot, and a short digest
 * of the non-default flags (the full list is in {@link #variant}); builds that still share a label
 * are told apart by {@link ResultSet}.
 *
 * @param runId     the run's id ({@code run.json} or the results folder name); never null
 * @param label     short name shown in tables
 * @param vendor    JVM vendor, or "" when unknown
 * @param version   Java version, e.g. "17.0.15"; "" when unknown
 * @param variant   non-default flags that distinguish this JVM, space separated; "" when none
 * @param placement CPU placement of the run (e.g. "free", "taskset -c 0"); "" when unknown
 * @param vm        the virtual machine: "HotSpot", "OpenJ9", "GraalVM" or JMH's vmName; "" when unknown
 * @param build     the full build, e.g. "17.0.15+6-Debian-1deb12u1" (JMH's vmVersion); "" when unknown
 */
public record JvmId(String runId, String label, String vendor, String version, String variant, String placement,
                    String vm, String build) {

    /** Hex digits of the flag digest shown in labels. */
    public static final int DIGEST_CHARS = 6;

    /** A JvmId whose VM and build are unknown. */
    public JvmId(String runId, String label, String vendor, String version, String variant, String placement) {
        this(runId, label, vendor, version, variant, placement, "", "");
    }

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

    /** This JVM under another label (same run, same facts). */
    public JvmId withLabel(String newLabel) {
        return new JvmId(runId, newLabel, vendor, version, variant, placement, vm, build);
    }

    /** A short digest of {@link #variant} ("" when there are no flags): the same flags give the same digest. */
    public String flagsDigest() {
        return digest(variant);
    }

    /**
     * What a reader needs to tell this JVM from another, in one line: build (or version), vendor,
     * VM, flags with their digest, placement; unknown parts are left out.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(build.isEmpty() ? (version.isEmpty() ? "version unknown" : version) : build);
        if (!vendor.isEmpty()) {
            parts.add(vendor);
        }
        if (!vm.isEmpty()) {
            parts.add(vm);
        }
        parts.add(variant.isEmpty() ? "no extra flags" : "flags " + flagsDigest() + ": " + variant);
        if (!placement.isEmpty()) {
            parts.add("placement " + placement);
        }
        return String.join(", ", parts);
    }

    /** The numeric components of {@link #version}, e.g. [17, 0, 15]; [] when unknown. */
    public List<Integer> versionNumbers() {
        return versionNumbers(version);
    }

    /** The numeric components of a Java version string; "1.8.0_392" is [8, 0, 392]. */
    static List<Integer> versionNumbers(String version) {
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
        if (out.size() > 1 && out.get(0) == 1) {
            out.remove(0); // "1.8.0_392" is Java 8
        }
        return out;
    }

    /** The feature (major) version, e.g. 17; 0 when unknown. */
    public int feature() {
        List<Integer> v = versionNumbers();
        return v.isEmpty() ? 0 : v.get(0);
    }

    /** Orders JVMs oldest first: by version, then build, then without variant first, then run id, then label. */
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
     * Derives a label from what a JMH JSON result says about its JVM: "jdk" + the full version, the
     * VM when it is not HotSpot, and "flags:" + the flags' digest when there are any, e.g.
     * {@code jdk11.0.15}, {@code jdk21.0.2 OpenJ9}, {@code jdk21.0.2 flags:3f2a1c}.
     */
    public static String labelFor(String jdkVersion, String vm, String variant) {
        String v = jdkVersion == null ? "" : jdkVersion.trim();
        StringBuilder sb = new StringBuilder(v.isEmpty() ? "jvm" : "jdk" + v);
        if (vm != null && !vm.isEmpty() && !vm.equals(HOTSPOT)) {
            sb.append(' ').append(vm);
        }
        if (variant != null && !variant.isEmpty()) {
            sb.append(" flags:").append(digest(variant));
        }
        return sb.toString();
    }

    static final String HOTSPOT = "HotSpot";

    /**
     * The VM family from JMH's {@code vmName}: "OpenJ9" (Eclipse OpenJ9 VM, IBM J9), "GraalVM",
     * "HotSpot" (OpenJDK / Java HotSpot Server and Client VMs); other names as written; "" when empty.
     */
    public static String vmOf(String vmName) {
        String n = vmName == null ? "" : vmName.trim();
        String l = n.toLowerCase(Locale.ROOT);
        if (l.contains("openj9") || l.contains("j9")) {
            return "OpenJ9";
        }
        if (l.contains("graal")) {
            return "GraalVM";
        }
        if (l.contains("hotspot") || l.contains("server vm") || l.contains("client vm")) {
            return HOTSPOT;
        }
        return n;
    }

    /**
     * The flags in a JMH result's {@code jvmArgs} that tell variants apart: everything except
     * settings that only describe the environment (encodings, temp dir, user, IDE agents, warnings
     * switches the suite passes to every JDK).
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
                    || l.startsWith("--enable-native-access") || l.startsWith("-d" + dev.nettune.results.ResultFiles.SOCKOPTS_PROPERTY)
                    || l.startsWith("-d" + dev.nettune.results.ResultFiles.SKIPS_PROPERTY);
            if (!noise) {
                kept.add(a);
            }
        }
        return String.join(" ", kept);
    }

    private static String digest(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, DIGEST_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
