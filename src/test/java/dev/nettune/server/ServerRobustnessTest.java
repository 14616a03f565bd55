package dev.nettune.server;

import dev.nettune.client.StreamConnection;
import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.SocketTuning;
import dev.nettune.testutil.Leaks;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Servers drop only the connection that misbehaves, keep serving the others, and leave no file
 * descriptors or threads behind once closed.
 */
class ServerRobustnessTest {
    static final int CONNECTIONS = 100;
    /** How long to wait for the server to notice a dropped connection. */
    static final long SETTLE_MILLIS = 5_000;

    @BeforeAll
    static void warmUpJdkResources() throws Exception {
        // The JDK opens some files and starts some threads lazily and keeps them (class-path jars,
        // virtual-thread carriers and pollers, which grow with load): run the same workload once
        // before any baseline is taken, so they are not mistaken for leaks.
        for (ServerModel model : ServerModel.values()) {
            if (model != ServerModel.VIRTUAL || VirtualThreads.available()) {
                openExchangeAndClose(model);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void hundredConnectionsOpenAndCloseWithoutLeakingFdsOrThreads(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        Leaks.Snapshot before = Leaks.snapshot();
        openExchangeAndClose(model);
        assertNull(before.leakedSince());
    }

    /** Opens CONNECTIONS connections to a fresh server, one verified exchange each, and closes everything. */
    private static void openExchangeAndClose(ServerModel model) throws Exception {
        try (Server server = model.start(ServerConfig.DEFAULT)) {
            List<StreamConnection> conns = new ArrayList<>();
            try {
                Request r = Request.of(Kind.ECHO, 100);
                for (int i = 0; i < CONNECTIONS; i++) {
                    StreamConnection c = new StreamConnection(server.address(), SocketTuning.NO_DELAY);
                    conns.add(c);
                    c.exchange(r);
                }
                assertEquals(CONNECTIONS, server.stats().accepted());
                assertEquals(CONNECTIONS, server.stats().frames());
            } finally {
                for (StreamConnection c : conns) {
                    c.close();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void aBadClientLosesOnlyItsOwnConnection(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        ServerConfig config = ServerConfig.DEFAULT.withMaxFrameBytes(1 << 20);
        try (Server server = model.start(config);
             StreamConnection good = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
            Request r = Request.of(Kind.ECHO, 1000);
            good.exchange(r);

            // Garbage: not a frame at all.
            sendAndExpectClose(server, "this is not a nettune frame".getBytes());
            good.exchange(r);

            // A header declaring more than the maximum frame size.
            ByteBuffer huge = ByteBuffer.allocate(Header.BYTES);
            Header.encode(huge, 0, Kind.ECHO, (1 << 20) + 1, 1, 0);
            sendAndExpectClose(server, huge.array());
            good.exchange(r);

            // A payload whose CRC does not match its header.
            Request bad = Request.of(Kind.ECHO, 64);
            bad.next();
            byte[] corrupt = bad.array().clone();
            corrupt[Header.BYTES + 10] ^= 1;
            sendAndExpectClose(server, corrupt);
            good.exchange(r);

            // A reset in the middle of a frame: half the payload, then RST.
            Request half = Request.of(Kind.ECHO, 10_000);
            half.next();
            try (Socket s = new Socket()) {
                s.connect(server.address());
                s.getOutputStream().write(half.array(), 0, Header.BYTES + 5_000);
                s.setSoLinger(true, 0);
            }
            good.exchange(r);

            long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
            while (server.stats().closed() < 4 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // polling a counter the server updates on its own thread
            }
            // Garbage, oversized and corrupt frames are protocol errors; the reset is the transport's, not the protocol's.
            assertEquals(3, server.stats().protocolErrors(), server.stats().toString());
            assertEquals(4, server.stats().closed(), server.stats().toString());
            assertEquals(5, server.stats().frames(), "only the good client's frames were served");
            assertEquals(1, server.stats().open(), "only the good connection is still open: " + server.stats());
        }
    }

    /** Sends bytes on a fresh connection and waits for the server to close it (read returns -1). */
    private static void sendAndExpectClose(Server server, byte[] bytes) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(server.address());
            s.setSoTimeout((int) SETTLE_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] sink = new byte[64];
            int r;
            try {
                while ((r = in.read(sink)) >= 0) {
                    assertEquals(0, r, "the server must not answer a bad frame");
                }
            } catch (java.net.SocketException reset) {
                // The server may close with unread data pending, which the kernel turns into RST: also a close.
            }
        }
    }
}
