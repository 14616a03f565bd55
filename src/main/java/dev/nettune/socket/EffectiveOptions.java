package dev.nettune.socket;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Locale;

/**
 * EffectiveOptions are the socket options as read back from a socket after setting them: what
 * Java's getOption reports. Null means the socket does not support the option.
 *
 * @param sendBuffer    SO_SNDBUF as Java reports it, bytes (on Linux: half the kernel's value)
 * @param receiveBuffer SO_RCVBUF as Java reports it, bytes (on Linux: half the kernel's value)
 * @param tcpNoDelay    TCP_NODELAY
 * @param lingerSeconds SO_LINGER in seconds, -1 when off
 */
public record EffectiveOptions(Integer sendBuffer, Integer receiveBuffer, Boolean tcpNoDelay, Integer lingerSeconds) {

    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");

    /** Reads back every option the socket supports. */
    public static EffectiveOptions readFrom(OptionTarget s) throws IOException {
        return new EffectiveOptions(
                get(s, StandardSocketOptions.SO_SNDBUF),
                get(s, StandardSocketOptions.SO_RCVBUF),
                get(s, StandardSocketOptions.TCP_NODELAY),
                get(s, StandardSocketOptions.SO_LINGER));
    }

    private static <T> T get(OptionTarget s, SocketOption<T> option) throws IOException {
        return s.supported().contains(option) ? s.get(option) : null;
    }

    /**
     * The send buffer the kernel holds, bytes: on Linux twice Java's read-back, because the JDK
     * halves getsockopt's SO_SNDBUF (net_util_md.c) to hide the kernel's doubling of the request.
     */
    public Integer kernelSendBuffer() {
        return kernelView(sendBuffer);
    }

    /** The receive buffer the kernel holds, bytes (see {@link #kernelSendBuffer()}). */
    public Integer kernelReceiveBuffer() {
        return kernelView(receiveBuffer);
    }

    private static Integer kernelView(Integer javaValue) {
        return javaValue == null ? null : LINUX ? javaValue * 2 : javaValue;
    }
}
