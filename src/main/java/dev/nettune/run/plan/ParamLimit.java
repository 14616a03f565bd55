package dev.nettune.run.plan;

import java.lang.management.ManagementFactory;
import java.util.Set;

/**
 * A ParamLimit is what a benchmark can run beyond its parameter's type ({@link ParamRule}): a
 * {@code -p} value that every fork would fail or skip on is refused before the run, naming the limit.
 * <ul>
 *   <li>a payload (request/reply bytes of one frame: {@value #PAYLOAD}, {@value #MESSAGE_BYTES}) above
 *       the servers' frame cap ({@code dev.nettune.server.ServerConfig.DEFAULT_MAX_FRAME_BYTES}): the
 *       server drops the connection, and a payload of gigabytes ends the fork in OutOfMemoryError first;</li>
 *   <li>{@value #CONNECTIONS} whose descriptors (two per connection, both ends in the fork, plus the
 *       margin the benchmarks keep, {@code dev.nettune.host.ProcessProbe.FD_MARGIN}) exceed the
 *       open-file limit the forks inherit ({@code ulimit -n}, as the JVM raised it).</li>
 * </ul>
 * The limits are read from those classes by name, so that this class compiles with the option
 * checks alone (pom.xml's preflight compilation); where they are not on the class path (a test's
 * made-up benchmark list) nothing is refused.
 */
public final class ParamLimit {
    static final String PAYLOAD = "payload";
    static final String MESSAGE_BYTES = "messageBytes";
    static final String CONNECTIONS = "connections";
    /** Parameters that are the payload of one frame. */
    static final Set<String> FRAME_PAYLOADS = Set.of(PAYLOAD, MESSAGE_BYTES);
    public static final String FRAME_CAP = "dev.nettune.server.ServerConfig.DEFAULT_MAX_FRAME_BYTES";
    public static final String FD_MARGIN = "dev.nettune.host.ProcessProbe.FD_MARGIN";
    /** Descriptors per connection with both ends in the fork. */
    static final int FDS_PER_CONNECTION = 2;

    private ParamLimit() {
    }

    /** Why {@code owner.param=value} cannot run, or null when it can (or the limit is unknown). */
    public static String refusal(String owner, String param, String value, ClassLoader loader) {
        return refusal(owner, param, value, constant(FRAME_CAP, loader), constant(FD_MARGIN, loader), openFileLimit());
    }

    /** The same with the limits given (null: unknown); for tests. */
    public static String refusal(String owner, String param, String value, Long frameCap, Long fdMargin, long fdLimit) {
        long v;
        try {
            v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null; // not a number: ParamRule has said so already
        }
        if (FRAME_PAYLOADS.contains(param) && frameCap != null && v > frameCap) {
            return owner + "." + param + "=" + value + " is above the servers' frame cap of " + frameCap + " bytes ("
                    + FRAME_CAP + "): every fork would fail";
        }
        if (CONNECTIONS.equals(param) && fdMargin != null && fdLimit > 0) {
            long needed = FDS_PER_CONNECTION * v + fdMargin;
            if (needed > fdLimit) {
                return owner + "." + param + "=" + value + " needs ~" + needed + " file descriptors (" + FDS_PER_CONNECTION
                        + " per connection + " + fdMargin + "), above this machine's open-file limit of " + fdLimit
                        + " (ulimit -n; raise it or give fewer connections)";
            }
        }
        return null;
    }

    /** The open files this JVM (and so a fork) may hold; -1 when unknown. */
    public static long openFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            return os.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** A static numeric field named {@code Class.FIELD}, or null when it cannot be read here. */
    public static Long constant(String qualified, ClassLoader loader) {
        int dot = qualified.lastIndexOf('.');
        try {
            Object v = Class.forName(qualified.substring(0, dot), false, loader).getField(qualified.substring(dot + 1)).get(null);
            return v instanceof Number n ? n.longValue() : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // the class is not on this class path: that limit is not checked
        }
    }
}
