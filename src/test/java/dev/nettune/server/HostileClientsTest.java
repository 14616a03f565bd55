package dev.nettune.server;

import dev.nettune.client.StreamConnection;
import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.SocketTuning;
import dev.nettune.testutil.Leaks;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Payloads;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Servers hold their memory under hostile clients: many connections that each announce a large
 * frame and send nothing more cost the server a small buffer each, not the announced size; they are
 * closed after the read timeout while a valid client keeps being served (and an idle valid
 * connection is not timed out); a frame whose bytes would pass the memory budget closes only its
 * connection; close() returns within its bound with stalled connections still open, and nothing
 * is left behind.
 */
class HostileClientsTest {
    /** Hostile connections per model: enough that announced-size buffers (16 MiB each) would be gigabytes. */
    static final int HOSTILE = 200;
    /** What each announces: the default frame cap, so the header itself is valid. */
    static final int ANNOUNCED = ServerConfig.DEFAULT_MAX_FRAME_BYTES;
    /** Short, so the test waits little; an idle valid connection waits longer than this between its frames. */
    static final int READ_TIMEOUT_MILLIS = 400;
    /** Far below HOSTILE announced frames (3.2 GiB), far above HOSTILE first buffers (~200 KiB). */
    static final long BUDGET = 4 << 20;
    /** How long to wait for the server to time out or refuse connections: many read timeouts. */
    static final long SETTLE_MILLIS = 10_000;
    /** close()'s bound plus slack for a busy machine. */
    static final long STOP_BOUND_MILLIS = ThreadPerConnectionServer.JOIN_MILLIS + 2_000;

    static final ServerConfig CONFIG = ServerConfig.DEFAULT.withMaxBufferedBytes(BUDGET).withReadTimeoutMillis(READ_TIMEOUT_MILLIS);

    @BeforeAll
    static void warmUpJdkResources() throws Exception {
        // The JDK starts some threads and opens some files lazily and keeps them (virtual-thread carriers and
        // pollers): one exchange per model before any baseline, so they are not mistaken for leaks.
        for (ServerModel model : ServerModel.values()) {
            if (model.unavailableReason() == null) {
                try (Server server = model.start(CONFIG);
                     StreamConnection c = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
                    c.exchange(Request.of(Kind.ECHO, 100));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void stalledHeadersCostLittleAndAreTimedOutWhileValidClientsAreServed(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        Leaks.Snapshot before = Leaks.snapshot();
        List<Socket> hostile = new ArrayList<>();
        List<Socket> stalledAtStop = new ArrayList<>();
        Server server = model.start(CONFIG);
        try {
            Request r = Request.of(Kind.ECHO, 1000);
            try (StreamConnection valid = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
                valid.exchange(r);
                for (int i = 0; i < HOSTILE; i++) {
                    hostile.add(stalledHeader(server, i));
                }
                valid.exchange(r); // served while the hostile connections wait mid-frame

                await(() -> server.stats().readTimeouts(), HOSTILE, server);
                assertEquals(0, server.stats().budgetRefusals(), "a header alone must not reserve its frame: " + server.stats());
                assertTrue(server.stats().peakBufferedBytes() <= BUDGET, server.stats().toString());
                for (Socket s : hostile) {
                    assertClosedByServer(s);
                }
                // Idle longer than the read timeout between frames: still served.
                valid.exchange(r);
                assertEquals(3, server.stats().frames(), server.stats().toString());
            }

            // Stop with stalled connections open (and one mid-payload): close() ends them all within its bound.
            for (int i = 0; i < 20; i++) {
                stalledAtStop.add(stalledHeader(server, i));
            }
            Socket midPayload = stalledHeader(server, 99);
            midPayload.getOutputStream().write(new byte[5000]);
            stalledAtStop.add(midPayload);
            await(() -> server.stats().open(), stalledAtStop.size(), server);
        } finally {
            long t0 = System.nanoTime();
            server.close();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(stopMillis < STOP_BOUND_MILLIS, "close() took " + stopMillis + " ms");
            closeAll(hostile);
            closeAll(stalledAtStop);
        }
        assertEquals(0, server.stats().bufferedBytes(), "every buffer given back to the budget: " + server.stats());
        assertNull(before.leakedSince());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void aFrameBeyondTheBudgetClosesOnlyItsConnection(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        long budget = 256 << 10;
        try (Server server = model.start(CONFIG.withMaxBufferedBytes(budget));
             StreamConnection valid = new StreamConnection(server.address(), SocketTuning.NO_DELAY)) {
            Request r = Request.of(Kind.ECHO, 1000);
            valid.exchange(r);
            try (Socket greedy = stalledHeader(server, 1)) {
                // Real payload bytes, more than the budget holds: the buffer grows with them until the budget refuses.
                try {
                    greedy.getOutputStream().write(Payloads.of(512 << 10, 1));
                } catch (SocketException closedMeanwhile) {
                    // The server may refuse and close before the write is done: broken pipe or reset, as expected.
                }
                await(() -> server.stats().budgetRefusals(), 1, server);
                assertClosedByServer(greedy);
            }
            assertTrue(server.stats().peakBufferedBytes() <= budget, server.stats().toString());
            valid.exchange(r);
            assertEquals(0, server.stats().readTimeouts(), server.stats().toString());
        }
    }

    /** A connection that sends one valid header announcing {@value #ANNOUNCED} bytes, then nothing. */
    private static Socket stalledHeader(Server server, int seq) throws IOException {
        return HostileClientsCheck.stalledHeader(server.address(), seq);
    }

    /** Reads until the server's close (EOF or reset); the server must send nothing. */
    private static void assertClosedByServer(Socket s) throws IOException {
        s.setSoTimeout((int) SETTLE_MILLIS);
        InputStream in = s.getInputStream();
        try {
            assertEquals(-1, in.read(), "the server must close a stalled connection without a reply");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + SETTLE_MILLIS + " ms", e);
        } catch (SocketException reset) {
            // Closed with our unread bytes pending: the kernel sends RST. Closed too.
        }
    }

    /** Polls a counter the server updates on its own threads until it reaches {@code expected}. */
    private static void await(LongSupplier counter, long expected, Server server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        // until equal, not until reached: a count of open connections may first include one whose close
        // the server has not read yet (the valid client's, closed just before)
        while (counter.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, counter.getAsLong(), server.stats().toString());
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }
}
