package dev.nettune.bench;

import dev.nettune.client.StreamConnection;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.testutil.Leaks;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recording a point's read-back options verifies them: an accepted socket that did not get what
 * the point asked for fails the point's setup, where every benchmark records its options
 * (SockoptsLog.record), whether or not a sockopts file is written.
 */
class SockoptsLogTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ServerModel.class, names = {"BLOCKING", "SELECTOR"})
    void anAcceptedSocketThatDiffersFromTheRequestFailsThePoint(ServerModel model) throws Exception {
        Leaks.Snapshot before = Leaks.snapshot();
        // The server's accepted sockets get TCP_NODELAY off; the point claims to have asked for it on.
        try (Server server = model.start(ServerConfig.DEFAULT.withTuning(SocketTuning.DEFAULTS.withTcpNoDelay(false)));
             StreamConnection c = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
            c.exchange(Request.of(Kind.ECHO, 64)); // answered: the server has accepted and read back
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SockoptsLog.record(null, "server-accepted", SocketTuning.NO_DELAY, server.acceptedOptions()));
            assertTrue(e.getMessage().contains("server-accepted") && e.getMessage().contains("TCP_NODELAY"), e.getMessage());
            assertDoesNotThrow(() -> SockoptsLog.record(null, "client", SocketTuning.NO_DELAY, c.options()));
        }
        assertNull(before.leakedSince());
    }
}
