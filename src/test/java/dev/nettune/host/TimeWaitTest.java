package dev.nettune.host;

import dev.nettune.client.ConnectPerRequest;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeWaitTest {
    private static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";
    /** As {@link TimeWait#count(int)} matches: port 8080 at either end. */
    private static final TimeWait.Ports EITHER_END_8080 = (local, remote) -> local == 8080 || remote == 8080;

    @Test
    void matchesTimeWaitLinesWithThePortAtEitherEnd() {
        // 0x1F90 = 8080; 0x8A2C = 35372.
        assertTrue(TimeWait.isTimeWait("   0: 0100007F:8A2C 0100007F:1F90 06 00000000:00000000 03:00000F8E 00000000     0        0 0", EITHER_END_8080));
        assertTrue(TimeWait.isTimeWait("   1: 0100007F:1F90 0100007F:8A2C 06 00000000:00000000 03:00000F8E 00000000     0        0 0", EITHER_END_8080));
        assertTrue(TimeWait.isTimeWait("   2: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:8A2C 06 0 0 0", EITHER_END_8080));
        assertFalse(TimeWait.isTimeWait("   3: 0100007F:8A2C 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 1", EITHER_END_8080),
                "ESTABLISHED is not TIME_WAIT");
        assertFalse(TimeWait.isTimeWait("   4: 0100007F:8A2C 0100007F:1F91 06 00000000:00000000 03:00000F8E 00000000     0        0 0", EITHER_END_8080),
                "another server's port");
        assertFalse(TimeWait.isTimeWait(HEADER, EITHER_END_8080));
        assertTrue(TimeWait.isTimeWait("   5: 0100007F:8A2C 0100007F:1F91 06 0 0 0", (local, remote) -> local >= 35000 && local <= 36000),
                "an ephemeral port held, as placement's PortUse counts them");
    }

    @Test
    void readsThePortRangeInForce() {
        int ports = TimeWait.portCount();
        String range = TimeWait.portRange();
        if (range.equals("unknown")) {
            assertEquals(-1, ports);
            assertEquals(List.of(0, -1), List.of(TimeWait.range()[0], TimeWait.range()[1]));
        } else {
            assertEquals(List.of(Integer.parseInt(range.split(" ")[0]), Integer.parseInt(range.split(" ")[1])),
                    List.of(TimeWait.range()[0], TimeWait.range()[1]));
            String[] r = range.split(" ");
            assertEquals(2, r.length, "ip_local_port_range is 'low high': " + range);
            assertEquals(Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1, ports);
            assertTrue(ports > 1, "a real range, not a truncated read: " + range);
        }
    }

    @Test
    void readsTheKernelsTcpExtCounters() {
        if (java.nio.file.Files.isReadable(TimeWait.NETSTAT)) {
            assertEquals(TimeWait.TCP_EXT_COUNTERS, List.copyOf(TimeWait.tcpExt().keySet()));
            assertTrue(TimeWait.tcpExt().values().stream().allMatch(v -> v >= 0));
        }
    }

    /** FIN leaves a TIME_WAIT per connection on the client side; RST (SO_LINGER 0) leaves none. */
    @Test
    void finLeavesTimeWaitAndRstLeavesNone() throws Exception {
        int connects = 200;
        assertTrue(timeWaitAfter(SocketTuning.NO_DELAY, connects) >= connects / 2, "FIN: about one TIME_WAIT per connection");
        assertTrue(timeWaitAfter(SocketTuning.NO_DELAY.withLingerSeconds(0), connects) <= connects / 20, "RST: next to none");
    }

    private static int timeWaitAfter(SocketTuning close, int connects) throws Exception {
        try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT)) {
            ConnectPerRequest crr = new ConnectPerRequest(server.address(), close);
            Request request = Request.of(Kind.ECHO, 64);
            for (int i = 0; i < connects; i++) {
                crr.exchange(request);
            }
            int port = ((InetSocketAddress) server.address()).getPort();
            int tw = TimeWait.count(port);
            System.out.println((close.lingerSeconds() == null ? "FIN" : "RST") + ": " + tw + " TIME_WAIT after " + connects + " connects to port " + port);
            return tw;
        }
    }
}
