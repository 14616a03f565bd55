package dev.nettune.server;

import dev.nettune.client.StreamConnection;
import dev.nettune.host.ProcessProbe;
import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A server reports the CPU time of its own threads: it grows with the work served and stays within the process's. */
class ServerCpuTest {
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void serverThreadsCpuGrowsWithWorkAndStaysWithinTheProcess(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        try (Server server = model.start(ServerConfig.DEFAULT);
             StreamConnection c = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
            c.socket().setSoTimeout(5_000);
            long before = server.cpuNanos();
            long process0 = ProcessProbe.cpuNanos();
            Request r = Request.of(Kind.ECHO, 1024);
            for (int i = 0; i < 5_000; i++) {
                c.exchange(r);
            }
            long used = server.cpuNanos() - before;
            long process = ProcessProbe.cpuNanos() - process0;
            if (model == ServerModel.VIRTUAL) {
                assertEquals(-1, server.cpuNanos(), "virtual threads' CPU time cannot be split out");
                return;
            }
            // 5,000 verified echoes take well over a millisecond of server CPU, and never more than the whole process used.
            assertTrue(used > 1_000_000, "server CPU " + used + " ns for 5,000 echoes");
            assertTrue(used <= process + 10_000_000, "server CPU " + used + " ns > process CPU " + process + " ns");
        }
    }
}
