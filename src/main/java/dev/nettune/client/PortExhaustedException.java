package dev.nettune.client;

import dev.nettune.socket.Sysctl;

import java.io.IOException;
import java.net.BindException;
import java.net.NoRouteToHostException;

/**
 * A PortExhaustedException says a connect failed because no local ephemeral port was free:
 * connect-per-request left too many sockets in TIME_WAIT. Its message names the sysctls involved.
 */
public final class PortExhaustedException extends IOException {
    private static final long serialVersionUID = 1L;

    public PortExhaustedException(long connectsSoFar, IOException cause) {
        super("ephemeral ports exhausted after " + connectsSoFar + " connects (" + cause + "). Each closed connection holds its port "
                + "in TIME_WAIT for 60 s on the side that closed first. See net.ipv4.ip_local_port_range (" + Sysctl.read("net.ipv4.ip_local_port_range")
                + "), net.ipv4.tcp_tw_reuse (" + Sysctl.read("net.ipv4.tcp_tw_reuse") + "); SO_LINGER 0 closes with RST and leaves no TIME_WAIT.", cause);
    }

    /** True when {@code e} is the kernel's EADDRNOTAVAIL / no free local port. */
    public static boolean isExhaustion(IOException e) {
        String m = String.valueOf(e.getMessage());
        return (e instanceof BindException || e instanceof NoRouteToHostException || e instanceof java.net.ConnectException)
                && (m.contains("Cannot assign requested address") || m.contains("Address already in use") || m.contains("EADDRNOTAVAIL"));
    }
}
