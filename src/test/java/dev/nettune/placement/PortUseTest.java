package dev.nettune.placement;

import dev.nettune.host.TimeWait;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which points churn ports, which are refused, and TIME_WAIT counted as the drain counts it. */
class PortUseTest {
    static final int CONNECTS = 300;

    static Map<String, String> point(String workload, String close, String placement) {
        return Map.of("workload", workload, "close", close, "placement", placement);
    }

    @Test
    void aPointChurnsPortsWhenItConnectsPerOperationAndClosesWithFin() {
        assertTrue(PortUse.churnsPorts(point("CONNECT_ONLY", "FIN", "inprocess")));
        assertTrue(PortUse.churnsPorts(point("CONNECT_PER_REQUEST", "FIN", "netns")));
        assertTrue(PortUse.churnsPorts(point("SEED_EXECUTOR", "FIN", "process")));
        assertFalse(PortUse.churnsPorts(point("CONNECT_ONLY", "RST", "inprocess")), "RST leaves no TIME_WAIT");
        assertFalse(PortUse.churnsPorts(point("PERSISTENT", "FIN", "inprocess")));
        assertFalse(PortUse.churnsPorts(Map.of("payload", "64")), "not a connection workload");
    }

    @Test
    void offLoopbackWithFinAForkThatCouldOutrunTheRangeIsRefusedSayingWhatRuns() {
        assumeTrue(PortUse.rangePorts() > 0, "not Linux: no ip_local_port_range");
        int ports = PortUse.rangePorts();
        double longFork = 2.0 * ports / PortUse.MAX_CONNECTS_PER_SECOND;
        double shortFork = 0.5 * ports / PortUse.MAX_CONNECTS_PER_SECOND;
        String why = PortUse.exhaustionReason(point("CONNECT_ONLY", "FIN", "netns:rate=1gbit"), longFork);
        assertTrue(why != null && why.startsWith("placement netns:rate=1gbit with close=FIN") && why.contains("close=RST")
                && why.contains(String.format(java.util.Locale.ROOT, "%,d ports", ports)), why);
        assertTrue(PortUse.exhaustionReason(point("CONNECT_PER_REQUEST", "FIN", "remote=192.0.2.7:7000"), longFork) != null);
        assertNull(PortUse.exhaustionReason(point("CONNECT_ONLY", "FIN", "netns"), shortFork), "a fork too short to outrun the range");
        assertNull(PortUse.exhaustionReason(point("CONNECT_ONLY", "RST", "netns"), longFork));
        assertNull(PortUse.exhaustionReason(point("CONNECT_ONLY", "FIN", "process"), longFork), "loopback reuses TIME_WAIT ports");
    }

    @Test
    void eachConnectClosedFirstByTheClientHoldsAnEphemeralPortInTimeWait() throws IOException, InterruptedException {
        int[] range = TimeWait.range();
        assumeTrue(range[1] >= range[0] && PortUse.timeWait(range) >= 0, "not Linux: no /proc/net/tcp");
        try (ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            // the port was picked from the ephemeral range, so an earlier test's server there may have left TIME_WAIT
            int earlier = PortUse.timeWait(range, port);
            for (int i = 0; i < CONNECTS; i++) {
                try (Socket c = new Socket()) {
                    c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    try (Socket accepted = server.accept()) {
                        c.close(); // the client closes first: TIME_WAIT lands on its side, on its ephemeral port
                        accepted.getInputStream().read(); // the FIN arrives: -1, then the server closes too
                    }
                }
            }
            int held = PortUse.timeWait(range, port) - earlier;
            // tcp_tw_reuse=2 may hand a loopback connect a port still in TIME_WAIT, ending that one early
            assertTrue(held > CONNECTS / 2 && held <= CONNECTS, held + " of " + CONNECTS + " connects in TIME_WAIT");
            PortUse.Drain d = PortUse.drain(0);
            assertTrue(d.before() >= held && d.rangePorts() == range[1] - range[0] + 1, d.toString());
            assertEquals(d.after() > d.target(), d.bounded(), d.describe());
            assertTrue(d.describe().startsWith(String.format(java.util.Locale.ROOT, "ports before the fork: %,d TIME_WAIT", d.before())),
                    d.describe());
        }
    }

    @Test
    void onLoopbackWithTwReuseTheForkIsNotHeldBackOnlyCounted() throws InterruptedException {
        String reuse;
        try {
            reuse = dev.nettune.socket.Sysctl.read("net.ipv4.tcp_tw_reuse").trim();
        } catch (RuntimeException e) {
            reuse = null;
        }
        assumeTrue(reuse != null && PortUse.rangePorts() > 0, "not Linux: no tcp_tw_reuse");
        boolean loopbackReuses = "1".equals(reuse) || "2".equals(reuse);
        assertEquals(loopbackReuses, PortUse.reusesTimeWait(point("CONNECT_ONLY", "FIN", "inprocess")));
        assertEquals(loopbackReuses, PortUse.reusesTimeWait(point("CONNECT_ONLY", "FIN", "process")));
        assertEquals("1".equals(reuse), PortUse.reusesTimeWait(point("CONNECT_ONLY", "FIN", "netns")), "off loopback only 1 reuses");
        if (loopbackReuses) {
            long start = System.nanoTime();
            PortUse.Drain d = PortUse.drain(point("CONNECT_ONLY", "FIN", "inprocess"), 60_000);
            assertTrue(System.nanoTime() - start < 30_000_000_000L, "a reusing point is counted, not waited for");
            assertTrue(d.waitedMillis() == 0 && !d.bounded(), d.toString());
        }
    }
}
