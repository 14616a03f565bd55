package dev.nettune.client.load;

import dev.nettune.client.ClientModel;
import dev.nettune.client.DriverThreads;
import dev.nettune.client.PortExhaustedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ThreadLoad counts every completed operation once, and the first failure of any thread stops it with the cause. */
class ThreadLoadTest {

    @Test
    void countsEveryCompletedOperationOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (ThreadLoad load = new ThreadLoad(List.of(runs::incrementAndGet, runs::incrementAndGet), DriverThreads.platform("count-test-"))) {
            Completions completions = new Completions(load);
            for (int i = 0; i < 10_000; i++) {
                completions.takeOne();
            }
            assertTrue(load.completed() >= 10_000);
            assertEquals(2, load.threads());
        }
        assertTrue(runs.get() >= 10_000);
    }

    /**
     * No operation runs before the last thread has started (a count, not a time): threads started into a
     * running load wait behind it, which made a thousand connections' set-up last longer than the trial.
     */
    @Test
    void noOperationRunsBeforeEveryThreadHasStarted() throws Exception {
        int n = 32;
        AtomicInteger started = new AtomicInteger();
        AtomicInteger fewestStartedSeen = new AtomicInteger(Integer.MAX_VALUE);
        ThreadFactory counting = r -> new Thread(r) {
            @Override
            public synchronized void start() {
                super.start();
                started.incrementAndGet();
            }
        };
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(() -> fewestStartedSeen.accumulateAndGet(started.get(), Math::min));
        }
        try (ThreadLoad load = new ThreadLoad(ops, counting)) {
            load.awaitCompleted(10L * n);
        }
        assertEquals(n, fewestStartedSeen.get(), "threads started when the first operation ran");
    }

    /** A thread that cannot start (no native thread left) fails the load: no operation has run, every one is closed. */
    @Test
    void aThreadThatCannotStartClosesEveryOperationUnrun() {
        int n = 8;
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        ThreadFactory failsAtFive = r -> made.incrementAndGet() == 5 ? new Thread(r) {
            @Override
            public synchronized void start() {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
            }
        } : new Thread(r);
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(new Operation() {
                @Override
                public void run() {
                    runs.incrementAndGet();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            });
        }
        assertThrows(OutOfMemoryError.class, () -> new ThreadLoad(ops, failsAtFive));
        assertEquals(0, runs.get(), "operations run");
        assertEquals(n, closed.get(), "operations closed");
    }

    /** Exhaustion in a client thread stops the load with the cause and the sysctls named, within bounded time. */
    @Test
    void portExhaustionStopsWithAMessageNamingTheSysctls() {
        AtomicInteger left = new AtomicInteger(1_000);
        Operation exhausting = () -> {
            if (left.decrementAndGet() < 0) {
                throw new PortExhaustedException(1_000, new BindException("Cannot assign requested address"));
            }
        };
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class, () -> {
            try (ThreadLoad load = new ThreadLoad(List.of(exhausting, () -> { }), DriverThreads.platform("exhaust-test-"))) {
                Completions completions = new Completions(load);
                for (;;) {
                    completions.takeOne();
                }
            }
        }));
        assertInstanceOf(PortExhaustedException.class, e.getCause());
        assertTrue(e.getMessage().contains("net.ipv4.ip_local_port_range"), e.getMessage());
        assertTrue(e.getMessage().contains("net.ipv4.tcp_tw_reuse"), e.getMessage());
        assertTrue(e.getMessage().contains("Cannot assign requested address"), e.getMessage());
    }

    /** A thread that waits for nothing (JMH's own client in sample mode) must still see a failure beside it. */
    @Test
    void checkHealthyReportsABackgroundClientsFailure() throws Exception {
        try (ThreadLoad load = new ThreadLoad(List.of(() -> {
            throw new IOException("Connection reset");
        }), DriverThreads.platform("check-test-"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (load.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(1); // waiting for the client thread's first (failing) operation
            }
            assertNotNull(load.failure());
            IOException e = assertThrows(IOException.class, load::checkHealthy);
            assertTrue(e.getMessage().contains("Connection reset"), e.getMessage());
        }
    }

    @Test
    void anEmptyLoadHasNothingToWaitFor() throws Exception {
        try (ThreadLoad load = new ThreadLoad(List.of(), DriverThreads.platform("empty-test-"))) {
            assertEquals(0, load.awaitCompleted(0), "nothing to wait for");
            assertEquals(0, load.minCompletedPerConnection());
        }
    }

    @Test
    void unknownParameterValuesNameTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.parse("POOL_2"));
        assertTrue(e.getMessage().contains("POOL_2") && e.getMessage().contains("SEED_EXECUTOR"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClientModel.parse("NIO"));
        assertTrue(e.getMessage().contains("NIO") && e.getMessage().contains("CHANNEL"), e.getMessage());
    }

    @Test
    void poolSizesFollowTheThreads() {
        assertEquals(1, Workload.POOL_1.poolSize(16));
        assertEquals(8, Workload.POOL_HALF.poolSize(16));
        assertEquals(1, Workload.POOL_HALF.poolSize(1));
        assertEquals(16, Workload.POOL_FULL.poolSize(16));
        assertEquals(0, Workload.CONNECT_PER_REQUEST.poolSize(16));
    }

    @Test
    void workloadsNeedABlockingConnectionPerClientThread() {
        assertTrue(Workloads.unsupportedReason(Workload.PERSISTENT, ClientModel.SELECTOR).contains("valid: [STREAM, CHANNEL"),
                Workloads.unsupportedReason(Workload.PERSISTENT, ClientModel.SELECTOR));
        assertTrue(Workloads.unsupportedReason(Workload.POOL_FULL, ClientModel.CHANNEL).contains("io=STREAM"));
        assertEquals(null, Workloads.unsupportedReason(Workload.SEED_EXECUTOR, ClientModel.CHANNEL));
    }
}
