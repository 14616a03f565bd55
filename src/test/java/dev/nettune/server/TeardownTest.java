package dev.nettune.server;

import dev.nettune.client.StreamConnection;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Teardown closes clients in order, checks, then closes the server; every step runs, the first failure wins. */
class TeardownTest {
    private final List<String> steps = new ArrayList<>();

    /** A server that only records that it was closed (and throws {@code onClose} when not null). */
    private Server recordingServer(RuntimeException onClose) {
        return (Server) Proxy.newProxyInstance(Server.class.getClassLoader(), new Class<?>[] {Server.class}, (proxy, m, args) -> {
            if (m.getName().equals("close")) {
                steps.add("server");
                if (onClose != null) {
                    throw onClose;
                }
                return null;
            }
            throw new UnsupportedOperationException(m.getName()); // a teardown asks a server nothing but close, or what its check asks
        });
    }

    private AutoCloseable client(String name, Exception onClose) {
        return () -> {
            steps.add(name);
            if (onClose != null) {
                throw onClose;
            }
        };
    }

    @Test
    void closesClientsInOrderThenChecksThenClosesTheServer() throws IOException {
        Teardown.close(recordingServer(null), s -> steps.add("check"), client("load", null), null, client("connection", null));
        assertEquals(List.of("load", "connection", "check", "server"), steps);
    }

    @Test
    void everyStepRunsAndTheFirstFailureIsThrownWithTheLaterOnesSuppressed() {
        IOException first = new IOException("client 1");
        IllegalStateException check = new IllegalStateException("check");
        IllegalStateException server = new IllegalStateException("server");
        IOException thrown = assertThrows(IOException.class, () -> Teardown.close(recordingServer(server), s -> {
            steps.add("check");
            throw check;
        }, client("one", first), client("two", null)));
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {check, server}, thrown.getSuppressed());
        assertEquals(List.of("one", "two", "check", "server"), steps);
    }

    @Test
    void aFailingCheckIsThrownAfterTheServerIsClosed() {
        IllegalStateException check = new IllegalStateException("server verified 1 of 2");
        assertSame(check, assertThrows(IllegalStateException.class, () -> Teardown.close(recordingServer(null), s -> {
            throw check;
        }, client("client", null))));
        assertEquals(List.of("client", "server"), steps);
    }

    @Test
    void anInterruptedCheckBecomesAnInterruptedIOExceptionAndKeepsTheInterrupt() {
        try {
            InterruptedIOException e = assertThrows(InterruptedIOException.class, () -> Teardown.close(recordingServer(null), s -> {
                throw new InterruptedException();
            }));
            assertTrue(e.getCause() instanceof InterruptedException);
            assertTrue(Thread.currentThread().isInterrupted());
            assertEquals(List.of("server"), steps);
        } finally {
            Thread.interrupted(); // clear the flag for the next test on this thread
        }
    }

    @Test
    void aSetupThatFailedBeforeAnythingOpenedTearsDownToNothing() throws IOException {
        Teardown.close(null, s -> steps.add("check"), (AutoCloseable) null);
        assertEquals(List.of(), steps, "no server: no check");
    }

    @Test
    void aRealServerAndConnectionAreClosedAndTheServerSawTheExchange() throws IOException, InterruptedException {
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        Server server = ServerModel.BLOCKING.start(ServerConfig.DEFAULT);
        StreamConnection connection = new StreamConnection(server.address(), SocketTuning.NO_DELAY);
        connection.exchange(Request.of(Kind.ECHO, 64));
        long[] frames = {-1};
        Teardown.close(server, s -> frames[0] = s.stats().frames(), connection);
        assertEquals(1, frames[0]);
        assertTrue(connection.socket().isClosed());
        long deadline = System.currentTimeMillis() + 5_000;
        while (ManagementFactory.getThreadMXBean().getThreadCount() > threadsBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(10); // a joined thread may still be counted for a moment
        }
        assertTrue(ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore, "the server's threads are gone");
    }
}
