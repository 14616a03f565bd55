package dev.nettune.bench.reuse;

import dev.nettune.client.ConnectPerRequest;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
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

    @Test
    void matchesTimeWaitLinesWithThePortAtEitherEnd() {
        // 0x1F90 = 8080; 0x8A2C = 35372.
        assertTrue(TimeWait.isTimeWait("   0: 0100007F:8A2C 0100007F:1F90 06 00000000:00000000 03:00000F8E 00000000     0        0 0", 8080));
        assertTrue(TimeWait.isTimeWait("   1: 0100007F:1F90 0100007F:8A2C 06 00000000:00000000 03:00000F8E 00000000     0        0 0", 8080));
        assertTrue(TimeWait.isTimeWait("   2: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:8A2C 06 0 0 0", 8080));
        assertFalse(TimeWait.isTimeWait("   3: 0100007F:8A2C 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 1", 8080),
                "ESTABLISHED is not TIME_WAIT");
        assertFalse(TimeWait.isTimeWait("   4: 0100007F:8A2C 0100007F:1F91 06 00000000:00000000 03:00000F8E 00000000     0        0 0", 8080),
                "another server's port");
        assertFalse(TimeWait.isTimeWait(HEADER, 8080));
    }

    @Test
    void readsThePortRangeInForce() {
        int ports = TimeWait.portCount();
        String range = TimeWait.portRange();
        if (!range.equals("unknown")) {
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
        assertTrue(timeWaitAfter(CloseStyle.FIN, connects) >= connects / 2, "FIN: about one TIME_WAIT per connection");
        assertTrue(timeWaitAfter(CloseStyle.RST, connects) <= connects / 20, "RST: next to none");
    }

    private static int timeWaitAfter(CloseStyle close, int connects) throws Exception {
        try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT)) {
            ConnectPerRequest crr = new ConnectPerRequest(server.address(), close.clientTuning());
            Request request = Request.of(Kind.ECHO, 64);
            for (int i = 0; i < connects; i++) {
                crr.exchange(request);
            }
            int port = ((InetSocketAddress) server.address()).getPort();
            int tw = TimeWait.count(port);
            System.out.println(close + ": " + tw + " TIME_WAIT after " + connects + " connects to port " + port);
            return tw;
        }
    }
}
