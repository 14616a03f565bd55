package dev.nettune.socket;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * A SocketTuning is the set of socket options a benchmark asks for. A null field means "leave the
 * kernel default" (for buffers: keep autotuning). Immutable; {@code with*} methods return copies.
 *
 * <p>When to apply: SO_RCVBUF must be set before connect (client) or bind (listener) to affect the
 * TCP window scale; accepted sockets inherit it from the listener. SO_SNDBUF, TCP_NODELAY and
 * SO_LINGER may be set any time before use.
 */
public final class SocketTuning {
    /** Nothing requested: kernel defaults and autotuning. */
    public static final SocketTuning DEFAULTS = new SocketTuning(null, null, null, null);
    /** TCP_NODELAY on, everything else default: the usual request/response setting. */
    public static final SocketTuning NO_DELAY = DEFAULTS.withTcpNoDelay(true);

    /** A buffer request below this many bytes may read back larger: the kernel's floor (SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF). */
    static final int BUFFER_FLOOR_BELOW = 4096;

    private final Integer sendBuffer;
    private final Integer receiveBuffer;
    private final Boolean tcpNoDelay;
    private final Integer lingerSeconds;

    private SocketTuning(Integer sendBuffer, Integer receiveBuffer, Boolean tcpNoDelay, Integer lingerSeconds) {
        this.sendBuffer = positiveOrNull("SO_SNDBUF", sendBuffer);
        this.receiveBuffer = positiveOrNull("SO_RCVBUF", receiveBuffer);
        this.tcpNoDelay = tcpNoDelay;
        if (lingerSeconds != null && lingerSeconds < 0) {
            throw new IllegalArgumentException("SO_LINGER must be >= 0 seconds, or unset: " + lingerSeconds);
        }
        this.lingerSeconds = lingerSeconds;
    }

    private static Integer positiveOrNull(String name, Integer v) {
        if (v != null && v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 bytes, or unset for autotuning: " + v);
        }
        return v;
    }

    public SocketTuning withSendBuffer(Integer bytes) { return new SocketTuning(bytes, receiveBuffer, tcpNoDelay, lingerSeconds); }
    public SocketTuning withReceiveBuffer(Integer bytes) { return new SocketTuning(sendBuffer, bytes, tcpNoDelay, lingerSeconds); }
    public SocketTuning withTcpNoDelay(Boolean on) { return new SocketTuning(sendBuffer, receiveBuffer, on, lingerSeconds); }
    /** SO_LINGER 0 makes close() send RST and leave no TIME_WAIT. */
    public SocketTuning withLingerSeconds(Integer seconds) { return new SocketTuning(sendBuffer, receiveBuffer, tcpNoDelay, seconds); }

    /** Requested SO_SNDBUF in bytes, or null for autotuning. */
    public Integer sendBuffer() { return sendBuffer; }
    /** Requested SO_RCVBUF in bytes, or null for autotuning. */
    public Integer receiveBuffer() { return receiveBuffer; }
    public Boolean tcpNoDelay() { return tcpNoDelay; }
    public Integer lingerSeconds() { return lingerSeconds; }

    /** Applies what belongs before connect: all requested options. */
    public void applyToClient(OptionTarget s) throws IOException {
        set(s, StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        set(s, StandardSocketOptions.SO_SNDBUF, sendBuffer);
        set(s, StandardSocketOptions.TCP_NODELAY, tcpNoDelay);
        set(s, StandardSocketOptions.SO_LINGER, lingerSeconds);
    }

    /** Applies what belongs on a listener before bind: SO_RCVBUF, which accepted sockets inherit. */
    public void applyToListener(OptionTarget s) throws IOException {
        set(s, StandardSocketOptions.SO_RCVBUF, receiveBuffer);
    }

    /** Applies what belongs on an accepted socket: everything but SO_RCVBUF (inherited from the listener). */
    public void applyToAccepted(OptionTarget s) throws IOException {
        set(s, StandardSocketOptions.SO_SNDBUF, sendBuffer);
        set(s, StandardSocketOptions.TCP_NODELAY, tcpNoDelay);
        set(s, StandardSocketOptions.SO_LINGER, lingerSeconds);
    }

    /**
     * Checks that a socket read back what this tuning asked for, and fails naming the endpoint and
     * option when it did not: a point that did not run with the options it asked for must not
     * produce a figure. TCP_NODELAY and SO_LINGER must read back exactly as requested. A buffer
     * must read back as requested, or as the kernel bounds it: capped at net.core.wmem_max /
     * rmem_max (Java then reads back exactly that maximum), or raised to the kernel's floor for a
     * request below {@value #BUFFER_FLOOR_BELOW} bytes. Options not requested, and options the
     * socket does not have (null, e.g. TCP_NODELAY on a listener), are not checked.
     *
     * @throws IllegalStateException when an option differs from the request
     */
    public void verify(String endpoint, EffectiveOptions effective) {
        if (effective == null) {
            throw new IllegalStateException(endpoint + ": no socket options were read back to verify against " + this);
        }
        List<String> wrong = new ArrayList<>();
        checkBuffer(wrong, "SO_SNDBUF", sendBuffer, effective.sendBuffer(), "net.core.wmem_max");
        checkBuffer(wrong, "SO_RCVBUF", receiveBuffer, effective.receiveBuffer(), "net.core.rmem_max");
        check(wrong, "TCP_NODELAY", tcpNoDelay, effective.tcpNoDelay());
        check(wrong, "SO_LINGER", lingerSeconds, effective.lingerSeconds());
        if (!wrong.isEmpty()) {
            throw new IllegalStateException(endpoint + " socket options differ from the request: " + String.join("; ", wrong));
        }
    }

    private static void checkBuffer(List<String> wrong, String name, Integer requested, Integer effective, String maxSysctl) {
        if (requested == null || effective == null || requested.equals(effective)) {
            return;
        }
        if (requested < BUFFER_FLOOR_BELOW && effective > requested) {
            return; // raised to the kernel's floor
        }
        String max = Sysctl.read(maxSysctl); // only on a difference: never on the measured path
        if (effective < requested && max.equals(effective.toString())) {
            return; // capped at the kernel's maximum: the point runs with that, and sockopts.jsonl says so
        }
        wrong.add(name + " reads back " + effective + ", requested " + requested + " (" + maxSysctl + "=" + max + ")");
    }

    private static void check(List<String> wrong, String name, Object requested, Object effective) {
        if (requested != null && effective != null && !requested.equals(effective)) {
            wrong.add(name + " reads back " + effective + ", requested " + requested);
        }
    }

    private static <T> void set(OptionTarget s, SocketOption<T> option, T value) throws IOException {
        if (value == null) {
            return;
        }
        if (!s.supported().contains(option)) {
            throw new IllegalArgumentException(option.name() + "=" + value + " requested, but this socket does not support it"
                    + " (Unix-domain sockets have no TCP_NODELAY or SO_LINGER)");
        }
        s.set(option, value);
    }

    @Override
    public String toString() {
        return "SocketTuning[SO_SNDBUF=" + orAuto(sendBuffer) + ", SO_RCVBUF=" + orAuto(receiveBuffer)
                + ", TCP_NODELAY=" + (tcpNoDelay == null ? "default" : tcpNoDelay)
                + ", SO_LINGER=" + (lingerSeconds == null ? "default" : lingerSeconds) + "]";
    }

    private static String orAuto(Integer v) {
        return v == null ? "auto" : v.toString();
    }
}
