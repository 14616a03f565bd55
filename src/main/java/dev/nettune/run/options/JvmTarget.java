package dev.nettune.run.options;

import java.util.ArrayList;
import java.util.List;

/**
 * A JvmTarget is one column of the matrix: a JDK, optionally started as a {@link Variant}, under a
 * label that names its result directory ({@code jdk17}, {@code jdk17-plainsocket}).
 *
 * @param label   directory-safe name, unique in a run
 * @param jdk     the JDK forks run on
 * @param variant the variant, or null for the JDK as installed
 */
public record JvmTarget(String label, Jdk jdk, Variant variant) {

    /**
     * Silences JMH 1.37's sun.misc.Unsafe warnings on JDK 24+ (JEP 498). JDK 17-23 refuse to start
     * with it, so it is only passed from feature {@value #UNSAFE_FLAG_SINCE}.
     */
    public static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";
    public static final int UNSAFE_FLAG_SINCE = 24;

    /** The JVM flags the suite adds for this target (besides the result-file properties). */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (jdk.feature() >= UNSAFE_FLAG_SINCE) {
            flags.add(UNSAFE_FLAG);
        }
        if (variant != null) {
            flags.addAll(variant.flags());
        }
        return flags;
    }

    /** "free" or e.g. "taskset -c 0". */
    public String placement() {
        return variant == null ? Variant.FREE : variant.placement();
    }

    /** The taskset CPU list, or null. */
    public String cpus() {
        return variant == null ? null : variant.cpus();
    }
}
