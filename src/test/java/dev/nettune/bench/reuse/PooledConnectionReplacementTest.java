package dev.nettune.bench.reuse;

import dev.nettune.client.ConnectionPool;
import dev.nettune.client.DriverThreads;
import dev.nettune.client.ClientModel;
import dev.nettune.client.load.Completions;
import dev.nettune.client.load.Operation;
import dev.nettune.client.load.ThreadLoad;
import dev.nettune.client.load.Workload;
import dev.nettune.client.load.Workloads;
import dev.nettune.server.BlockingServer;
import dev.nettune.server.ServerConfig;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pooled connection that the server closed is detected and replaced without failing the request. */
class PooledConnectionReplacementTest {

    @Test
    void serverClosedConnectionIsReplacedWithoutFailingTheRequest() throws Exception {
        try (BlockingServer server = new BlockingServer(ServerConfig.DEFAULT);
             ConnectionPool pool = new ConnectionPool(server.address(), CloseStyle.FIN.clientTuning(), 1)) {
            Request request = Request.of(Kind.ECHO, 64);
            pool.exchange(request);
            assertEquals(1, server.closeConnections());
            awaitClosed(server, 1);

            pool.exchange(request); // must not throw: the stale connection is replaced and the request retried

            assertEquals(1, pool.replaced());
            assertEquals(1, pool.open());
            assertEquals(2, server.stats().accepted(), "a fresh connection was opened");
            // 2 or 3: the server thread's blocked read may still take the stale attempt's frame before the
            // JDK's deferred close lands (then its reply fails); the retry on the fresh connection always counts.
            long frames = server.stats().frames();
            assertTrue(frames == 2 || frames == 3, "the retry reached the server: " + server.stats());
        }
    }

    /**
     * Under load (T = 4 threads on P = 2), connections dropped by the server cost no failed operation.
     * Between drops every client thread completes operations again, so no retry is still in flight
     * when the next drop comes (the pool retries once, by design).
     */
    @Test
    void poolUnderLoadSurvivesServerDrops() throws Exception {
        int threads = 4;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (BlockingServer server = new BlockingServer(ServerConfig.DEFAULT);
                 Workloads clients = new Workloads(Workload.POOL_HALF, ClientModel.STREAM, CloseStyle.FIN.clientTuning(),
                         server.address(), threads, 64)) {
                AtomicLongArray done = new AtomicLongArray(threads);
                List<Operation> ops = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    Operation op = clients.newOperation();
                    int index = i;
                    ops.add(() -> {
                        op.run();
                        done.incrementAndGet(index);
                    });
                }
                try (ThreadLoad load = new ThreadLoad(ops, DriverThreads.platform("pool-drop-test-"))) {
                    Completions completions = new Completions(load);
                    for (int round = 0; round < 5; round++) {
                        long[] before = new long[threads];
                        for (int i = 0; i < threads; i++) {
                            before[i] = done.get(i);
                        }
                        for (int i = 0; i < threads; i++) {
                            while (done.get(i) < before[i] + 2) {
                                completions.takeOne(); // throws if any client thread failed
                            }
                        }
                        server.closeConnections();
                    }
                    for (int i = 0; i < 200; i++) {
                        completions.takeOne();
                    }
                    assertNull(load.failure());
                }
                assertTrue(clients.poolReplaced() >= 1, "dropped connections were replaced: " + clients.poolReplaced());
                assertEquals(0, server.stats().protocolErrors());
            }
        });
    }

    private static void awaitClosed(BlockingServer server, long closed) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.stats().closed() < closed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(closed, server.stats().closed());
    }
}
