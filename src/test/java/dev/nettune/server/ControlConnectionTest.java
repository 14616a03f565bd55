package dev.nettune.server;

import dev.nettune.client.StreamConnection;
import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A STATS request reads a server's counters and settings over the frame protocol, as a benchmark
 * reads a server in another process: the control connection is counted nowhere (not accepted, not
 * open, no frames or bytes, not "the last accepted socket"), and the reply agrees with the server's
 * own counters.
 */
class ControlConnectionTest {
    static final long SETTLE_MILLIS = 5_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void aControlConnectionReadsTheCountersAndIsCountedNowhere(ServerModel model) throws Exception {
        assumeTrue(model.unavailableReason() == null, model.unavailableReason());
        ServerConfig config = ServerConfig.DEFAULT.withTuning(SocketTuning.NO_DELAY.withReceiveBuffer(65536));
        try (Server server = model.start(config);
             RemoteServer remote = RemoteServer.connect((InetSocketAddress) server.address())) {
            assertEquals(model, remote.model());
            assertEquals(65536, remote.config().tuning().receiveBuffer());
            assertEquals(true, remote.config().tuning().tcpNoDelay());
            assertEquals(0, server.stats().accepted(), "the control connection is not a served one: " + server.stats());
            assertNull(server.acceptedOptions(), "nor the last accepted socket");
            assertNull(remote.acceptedOptions());
            assertEquals(server.listenerOptions(), remote.listenerOptions());

            Request r = Request.of(Kind.ECHO, 1000);
            try (StreamConnection c = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
                for (int i = 0; i < 3; i++) {
                    c.exchange(r);
                }
                ServerStats seen = remote.stats();
                assertEquals(1, seen.accepted());
                assertEquals(1, seen.open());
                assertEquals(3, seen.frames());
                assertEquals(3L * (Header.BYTES + 1000), seen.bytesIn(), "STATS requests are not counted in");
                assertEquals(server.stats().bytesOut(), seen.bytesOut(), "nor their replies out");
                assertEquals(server.stats().toString(), seen.toString());
                assertEquals(server.acceptedOptions(), remote.acceptedOptions());
                assertNotNull(remote.acceptedOptions());
            }
            long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
            while (remote.stats().open() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // the server notices the close on its own thread
            }
            assertEquals(0, remote.stats().open());
            assertEquals(1, remote.stats().closed());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void aStatsRequestWithAPayloadIsAProtocolError(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        try (Server server = model.start(ServerConfig.DEFAULT); Socket s = new Socket()) {
            s.connect(server.address());
            s.setSoTimeout((int) SETTLE_MILLIS);
            ByteBuffer bad = ByteBuffer.allocate(Header.BYTES + 4);
            Header.encode(bad, 0, Kind.STATS, 4, 1, 0);
            s.getOutputStream().write(bad.array());
            InputStream in = s.getInputStream();
            try {
                assertEquals(-1, in.read(), "the server closes without answering");
            } catch (java.net.SocketException reset) {
                // closed with unread bytes pending: the kernel resets, which is a close too
            }
            long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
            while (server.stats().protocolErrors() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // counted on the server's thread
            }
            assertEquals(1, server.stats().protocolErrors());
        }
    }

    @org.junit.jupiter.api.Test
    void aPeerThatIsNotANettuneServerIsNamedAsSuch() throws Exception {
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    s.getInputStream().readNBytes(Header.BYTES);
                    ByteBuffer echo = ByteBuffer.allocate(Header.BYTES);
                    Header.encode(echo, 0, Kind.ECHO_REPLY, 0, 1, 0); // a well-formed frame, but not the answer
                    s.getOutputStream().write(echo.array());
                    s.getInputStream().read(); // until the client gives up
                } catch (java.io.IOException e) {
                    // the client closed: the fake peer's job is done
                }
            });
            peer.start();
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> RemoteServer.connect(new InetSocketAddress(fake.getInetAddress(), fake.getLocalPort())));
            assertTrue(e.getMessage().contains("expected STATS_REPLY") && e.getMessage().contains("a nettune server?"), e.getMessage());
            peer.join(SETTLE_MILLIS);
        }
    }
}
