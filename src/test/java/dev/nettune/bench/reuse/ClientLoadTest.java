package dev.nettune.bench.reuse;

import dev.nettune.client.PortExhaustedException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientLoadTest {

    @Test
    void countsEveryCompletedOperationOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (ClientLoad load = new ClientLoad(List.of(runs::incrementAndGet, runs::incrementAndGet), "count-test")) {
            load.startCounting();
            for (int i = 0; i < 10_000; i++) {
                load.takeOne();
            }
            assertTrue(load.completed() >= 10_000);
        }
        assertTrue(runs.get() >= 10_000);
    }

    /** Exhaustion in a client thread stops the benchmark with the cause and the sysctls named, within bounded time. */
    @Test
    void portExhaustionStopsWithAMessageNamingTheSysctls() {
        AtomicInteger left = new AtomicInteger(1_000);
        Operation exhausting = () -> {
            if (left.decrementAndGet() < 0) {
                throw new PortExhaustedException(1_000, new BindException("Cannot assign requested address"));
            }
        };
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class, () -> {
            try (ClientLoad load = new ClientLoad(List.of(exhausting, () -> { }), "exhaust-test")) {
                load.startCounting();
                for (;;) {
                    load.takeOne();
                }
            }
        }));
        assertInstanceOf(PortExhaustedException.class, e.getCause());
        assertTrue(e.getMessage().contains("net.ipv4.ip_local_port_range"), e.getMessage());
        assertTrue(e.getMessage().contains("net.ipv4.tcp_tw_reuse"), e.getMessage());
        assertTrue(e.getMessage().contains("Cannot assign requested address"), e.getMessage());
    }

    /** In sample mode the JMH thread runs its own operation; a failure beside it must still stop the run. */
    @Test
    void checkFailureReportsABackgroundClientsFailure() throws Exception {
        try (ClientLoad load = new ClientLoad(List.of(() -> {
            throw new IOException("Connection reset");
        }), "check-test")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (load.failure() == null && System.nanoTime() < deadline) {
                Thread.sleep(1); // waiting for the client thread's first (failing) operation
            }
            IOException e = assertThrows(IOException.class, load::checkFailure);
            assertTrue(e.getMessage().contains("Connection reset"), e.getMessage());
        }
    }

    @Test
    void unknownParameterValuesNameTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workload.parse("POOL_2"));
        assertTrue(e.getMessage().contains("POOL_2") && e.getMessage().contains("SEED_EXECUTOR"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CloseStyle.parse("LINGER"));
        assertTrue(e.getMessage().contains("LINGER") && e.getMessage().contains("RST"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> IoPath.parse("ASYNC"));
        assertTrue(e.getMessage().contains("ASYNC") && e.getMessage().contains("CHANNEL"), e.getMessage());
    }

    @Test
    void poolSizesFollowTheThreads() {
        assertEquals(1, Workload.POOL_1.poolSize(16));
        assertEquals(8, Workload.POOL_HALF.poolSize(16));
        assertEquals(1, Workload.POOL_HALF.poolSize(1));
        assertEquals(16, Workload.POOL_FULL.poolSize(16));
        assertEquals(0, Workload.CONNECT_PER_REQUEST.poolSize(16));
    }
}
