package dev.nettune.bench.reuse;

import dev.nettune.client.ClientModel;
import dev.nettune.client.DriverThreads;
import dev.nettune.client.load.Completions;
import dev.nettune.client.load.Operation;
import dev.nettune.client.load.ThreadLoad;
import dev.nettune.client.load.Workload;
import dev.nettune.client.load.Workloads;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.testutil.Leaks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every workload runs on every I/O path and server model it has, verified, and leaves no file descriptor or thread behind. */
class ReuseWorkloadsTest {
    private static final int THREADS = 3;
    private static final int OPERATIONS = 300;

    @Test
    void everyWorkloadRunsOnEveryPathAndServer() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (ServerModel model : new ServerModel[] {ServerModel.BLOCKING, ServerModel.POOLED, ServerModel.SELECTOR}) {
                for (ClientModel io : new ClientModel[] {ClientModel.STREAM, ClientModel.CHANNEL}) {
                    for (CloseStyle close : CloseStyle.values()) {
                        for (Workload w : Workload.values()) {
                            if (Workloads.unsupportedReason(w, io) == null) {
                                run(model, io, close, w, OPERATIONS);
                            }
                        }
                    }
                }
            }
        });
    }

    @Test
    void poolOnChannelHasAStatedReason() {
        String reason = Workloads.unsupportedReason(Workload.POOL_FULL, ClientModel.CHANNEL);
        assertNotNull(reason);
        assertTrue(reason.contains("STREAM"), reason);
        assertNull(Workloads.unsupportedReason(Workload.SEED_EXECUTOR, ClientModel.CHANNEL));
    }

    /** Thousands of connect-per-request sockets, then every descriptor and thread is gone again. */
    @Test
    void connectPerRequestLeavesNoDescriptorsOrThreads() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            run(ServerModel.BLOCKING, ClientModel.STREAM, CloseStyle.FIN, Workload.SEED_EXECUTOR, 100); // warm up JDK-internal threads
            Leaks.Snapshot before = Leaks.snapshot();
            run(ServerModel.BLOCKING, ClientModel.STREAM, CloseStyle.FIN, Workload.CONNECT_PER_REQUEST, 3_000);
            run(ServerModel.SELECTOR, ClientModel.CHANNEL, CloseStyle.RST, Workload.CONNECT_PER_REQUEST, 3_000);
            run(ServerModel.BLOCKING, ClientModel.STREAM, CloseStyle.FIN, Workload.SEED_EXECUTOR, 1_000);
            run(ServerModel.BLOCKING, ClientModel.STREAM, CloseStyle.FIN, Workload.POOL_HALF, 1_000);
            run(ServerModel.POOLED, ClientModel.STREAM, CloseStyle.FIN, Workload.CONNECT_PER_REQUEST, 3_000);
            assertNull(before.leakedSince(), "file descriptors and live threads back to baseline");
        });
    }

    private static void run(ServerModel model, ClientModel io, CloseStyle close, Workload w, int operations) throws IOException, InterruptedException {
        String what = w + " io=" + io + " close=" + close + " server=" + model;
        try (Server server = model.start(ServerConfig.DEFAULT);
             Workloads clients = new Workloads(w, io, close.clientTuning(), server.address(), THREADS, 64)) {
            List<Operation> ops = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                ops.add(clients.newOperation());
            }
            try (ThreadLoad load = new ThreadLoad(ops, DriverThreads.platform("workload-test-"))) {
                Completions completions = new Completions(load);
                for (int i = 0; i < operations; i++) {
                    completions.takeOne();
                }
            }
            long frames = server.stats().frames();
            if (w == Workload.CONNECT_ONLY) {
                assertEquals(0, frames, what + ": no data");
            } else {
                assertTrue(frames >= operations, what + ": every counted operation reached the server: " + frames);
            }
            if (w.connectsPerOperation()) {
                // connect() returns once the kernel completed the handshake; the server accepts from its backlog later.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (server.stats().accepted() < operations && System.nanoTime() < deadline) {
                    Thread.sleep(10); // polling: the server has no accept event to wait on
                }
                assertTrue(server.stats().accepted() >= operations, what + ": a connection per operation: " + server.stats());
            }
            assertEquals(0, server.stats().protocolErrors(), what + ": " + server.stats());
        }
    }
}
