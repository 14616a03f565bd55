package dev.nettune.bench.reuse;

import dev.nettune.client.PortExhaustedException;
import dev.nettune.client.ClientModel;
import dev.nettune.client.DriverThreads;
import dev.nettune.client.load.Completions;
import dev.nettune.client.load.Operation;
import dev.nettune.client.load.ThreadLoad;
import dev.nettune.client.load.Workload;
import dev.nettune.client.load.Workloads;
import dev.nettune.host.TimeWait;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives connect-per-request (FIN close, so every connection leaves TIME_WAIT) past the size of
 * the ephemeral port range. Two outcomes are valid — the kernel reuses TIME_WAIT ports
 * (tcp_tw_reuse) and every connect succeeds, or the run stops with a PortExhaustedException that
 * names the sysctls — and a hang (the timeout) or any other failure is not. Heavy: ~30k connects.
 */
@Tag("heavy")
class PortExhaustionTest {
    private static final int THREADS = 4;
    /** Above the range, so ports must be reused or run out; 10% margin. */
    private static final double PAST_RANGE = 1.1;

    @Test
    void connectPerRequestPastThePortRangeGivesAValidResultOrAClearMessage() {
        int ports = TimeWait.portCount();
        int target = ports > 0 ? (int) (ports * PAST_RANGE) : 30_000;
        System.out.println("PortExhaustionTest: " + TimeWait.settings() + "; driving " + target + " connects");
        assertTimeoutPreemptively(Duration.ofSeconds(150), () -> {
            try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT);
                 Workloads clients = new Workloads(Workload.CONNECT_PER_REQUEST, ClientModel.STREAM, CloseStyle.FIN.clientTuning(),
                         server.address(), THREADS, 64)) {
                List<Operation> ops = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    ops.add(clients.newOperation());
                }
                long start = System.nanoTime();
                int done = 0;
                try (ThreadLoad load = new ThreadLoad(ops, DriverThreads.platform("exhaustion-test-"))) {
                    Completions completions = new Completions(load);
                    for (; done < target; done++) {
                        completions.takeOne();
                    }
                } catch (IOException e) {
                    // Outcome 2: exhaustion, reported with its cause and the sysctls involved.
                    assertInstanceOf(PortExhaustedException.class, e.getCause(), "only port exhaustion may stop this run: " + e);
                    assertTrue(e.getMessage().contains("net.ipv4.ip_local_port_range") && e.getMessage().contains("net.ipv4.tcp_tw_reuse"),
                            e.getMessage());
                    System.out.println("PortExhaustionTest: stopped after " + done + " operations: " + e.getMessage());
                    return;
                }
                // Outcome 1: more connects than ports, all verified; the ports were reused.
                int port = ((InetSocketAddress) server.address()).getPort();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("PortExhaustionTest: %d verified connect-per-request operations (range %d ports) in %.1f s"
                        + " (%.0f/s), %d TIME_WAIT left, server accepted %d%n", done, ports, seconds, done / seconds,
                        TimeWait.count(port), server.stats().accepted());
                assertTrue(server.stats().accepted() >= target - 2L * THREADS, "a connection per operation: " + server.stats());
            }
        });
    }
}
