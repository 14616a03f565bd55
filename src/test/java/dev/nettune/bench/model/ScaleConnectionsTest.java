package dev.nettune.bench.model;

import dev.nettune.client.ClientModel;
import dev.nettune.client.load.Load;
import dev.nettune.host.ProcessProbe;
import dev.nettune.host.TimeWait;
import dev.nettune.placement.PlacedServer;
import dev.nettune.placement.Placement;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale profile's connections, held and verified with the server in a JVM of its own
 * (placement {@code process}, as the profile runs them): every server model against one Selector
 * client, and each other client model that holds thousands against the Selector server. Each
 * connection completes at least one verified round trip, the server sees every connection open and
 * no protocol error, and the server JVM holds a descriptor per connection. After the point: this
 * process's descriptors and live threads are back to their baseline, the server JVM is gone and no
 * child process is left; TIME_WAIT sockets on the server's port and both sides' counts are printed
 * (target/surefire-reports/...-output.txt). The baseline is taken after a first run at the same size,
 * so that what the JDK creates once and keeps (virtual-thread carriers, the async group's threads)
 * is not mistaken for a leak; a leak per connection or per point still shows.
 *
 * <p>Size: {@value #DEFAULT_CONNECTIONS} connections in the normal test run;
 * {@code -Dscale.connections=10000} holds the scale profile's 10,000 (a few minutes:
 * {@code mvn -B -o test -Dtest=ScaleConnectionsTest -Dscale.connections=10000}). A size whose
 * descriptors exceed {@code ulimit -n} is skipped with the reason.
 */
class ScaleConnectionsTest {
    /** Connections per case in the normal test run. */
    static final int DEFAULT_CONNECTIONS = 500;
    /** The switch that sets the size. */
    static final String SIZE_PROPERTY = "scale.connections";
    private static final int CONNECTIONS = Integer.getInteger(SIZE_PROPERTY, DEFAULT_CONNECTIONS);
    /** How long closed resources get to disappear. */
    private static final long SETTLE_MILLIS = 20_000;
    /** How long the connections get to complete their first round trip each. */
    private static final long VERIFY_SECONDS = 300;

    @ParameterizedTest(name = "{0} client, {1} server in a JVM of its own")
    @CsvSource({"SELECTOR, BLOCKING", "SELECTOR, POOLED", "SELECTOR, SELECTOR", "SELECTOR, VIRTUAL",
        "STREAM, SELECTOR", "ASYNC, SELECTOR", "VIRTUAL, SELECTOR"})
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void heldVerifiedAndGone(ClientModel client, ServerModel server) throws Exception {
        Assumptions.assumeTrue(client.unavailableReason() == null, client + ": " + client.unavailableReason());
        Assumptions.assumeTrue(server.unavailableReason() == null, server + ": " + server.unavailableReason());
        String fds = ProcessProbe.fdShortage(CONNECTIONS, true);
        Assumptions.assumeTrue(fds == null, fds);
        Set<Long> childrenBefore = children();
        run(client, server); // warm-up: the JDK's pools grow to this load once
        int fdsBefore = ProcessProbe.openFds();
        int threadsBefore = ProcessProbe.liveThreads();

        long serverPid = run(client, server);

        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        int fdsAfter = ProcessProbe.openFds();
        int threadsAfter = ProcessProbe.liveThreads();
        while ((fdsAfter > fdsBefore || threadsAfter > threadsBefore || !children().equals(childrenBefore))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            fdsAfter = ProcessProbe.openFds();
            threadsAfter = ProcessProbe.liveThreads();
        }
        System.out.printf("%s client, %s server, %d connections: after the point, descriptors %d (baseline %d), live threads %d"
                + " (baseline %d)%n", client, server, CONNECTIONS, fdsAfter, fdsBefore, threadsAfter, threadsBefore);
        assertTrue(fdsAfter <= fdsBefore, "descriptors: " + fdsBefore + " before, " + fdsAfter + " after the point");
        assertTrue(threadsAfter <= threadsBefore, "threads: " + threadsBefore + " before, " + threadsAfter + " after the point");
        assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "server JVM " + serverPid + " is gone");
        assertEquals(childrenBefore, children(), "no child process left");
    }

    /** One point: the server JVM, the load until every connection has a verified round trip, then both closed. Returns the server's pid. */
    private static long run(ClientModel client, ServerModel model) throws Exception {
        SocketTuning tuning = ModelPoint.tuning(Transport.TCP);
        long pid;
        int port;
        try (PlacedServer server = (PlacedServer) PlacedServer.start(Placement.parse("process"), model,
                ServerConfig.DEFAULT.withTransport(Transport.TCP).withTuning(tuning), line -> { })) {
            pid = ((Number) server.record().get("serverPid")).longValue();
            port = ((InetSocketAddress) server.address()).getPort();
            int clientFds0 = ProcessProbe.openFds();
            int serverFds0 = ProcessProbe.openFds(pid);
            long t0 = System.nanoTime();
            try (Load load = Load.closedLoop(client, server.address(), tuning, CONNECTIONS, 64)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(VERIFY_SECONDS);
                while (server.stats().open() < CONNECTIONS && System.nanoTime() < deadline) {
                    load.checkHealthy();
                    Thread.sleep(5);
                }
                double setup = (System.nanoTime() - t0) / 1e9;
                while (load.minCompletedPerConnection() < 1 && System.nanoTime() < deadline) {
                    load.checkHealthy();
                    Thread.sleep(10);
                }
                load.checkHealthy();
                assertTrue(load.minCompletedPerConnection() >= 1, "fewest verified round trips on a connection: "
                        + load.minCompletedPerConnection());
                assertEquals(CONNECTIONS, server.stats().open(), server.stats().toString());
                int clientFds = ProcessProbe.openFds();
                int serverFds = ProcessProbe.openFds(pid);
                assertTrue(serverFds - serverFds0 >= CONNECTIONS, "the server JVM holds a descriptor per connection: "
                        + serverFds0 + " before, " + serverFds + " held");
                System.out.printf("%s client, %s server, %d connections held: set up in %.2f s; descriptors held: client +%d,"
                        + " server JVM +%d; threads: client JVM %d, server JVM %d%n", client, model, CONNECTIONS, setup,
                        clientFds - clientFds0, serverFds - serverFds0, ProcessProbe.liveThreads(), ProcessProbe.threads(pid));
            }
            assertEquals(0, server.stats().protocolErrors(), server.stats().toString());
        }
        System.out.printf("%s client, %s server: %d sockets in TIME_WAIT on port %d after the point%n", client, model,
                TimeWait.count(port), port);
        return pid;
    }

    private static Set<Long> children() {
        Set<Long> out = new TreeSet<>();
        ProcessHandle.current().children().filter(ProcessHandle::isAlive).forEach(p -> out.add(p.pid()));
        return out;
    }
}
