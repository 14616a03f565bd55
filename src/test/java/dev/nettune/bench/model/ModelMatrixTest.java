package dev.nettune.bench.model;

import dev.nettune.client.ClientModel;
import dev.nettune.client.load.Load;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every client model against every server model, at 1 and 256 connections, exchanges verified
 * frames through the benchmarks' load generator: each connection completes at least one round trip, 5 per connection on average (the
 * clients verify kind, sequence, length and CRC32C of every reply, and throw on a mismatch), and
 * the server counts every frame. Unix-domain sockets for the channel models on the Selector server.
 * Virtual-thread models are skipped on JDK 17-20 with the reason.
 */
class ModelMatrixTest {
    /** Round trips per connection the load must complete in total, on average. */
    private static final int ROUNDS_PER_CONNECTION = 5;
    /** Time every connection gets for them: 256 threads on 2 busy cores may wait long for their turn. */
    private static final long EVERY_CONNECTION_SECONDS = 30;

    static Stream<Arguments> points() {
        List<Arguments> out = new ArrayList<>();
        for (int connections : new int[] {1, 256}) {
            for (ClientModel c : ClientModel.values()) {
                for (ServerModel s : ServerModel.values()) {
                    out.add(Arguments.of(c, s, Transport.TCP, connections));
                }
            }
            for (ClientModel c : new ClientModel[] {ClientModel.CHANNEL, ClientModel.SELECTOR}) {
                out.add(Arguments.of(c, ServerModel.SELECTOR, Transport.UNIX, connections));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client x {1} server, {2}, {3} connections")
    @MethodSource("points")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyConnectionExchangesVerifiedFrames(ClientModel client, ServerModel serverModel, Transport transport, int connections) throws Exception {
        String reason = ModelPoint.unavailableReason(client, serverModel, transport, connections);
        Assumptions.assumeTrue(reason == null, reason);
        SocketTuning tuning = ModelPoint.tuning(transport);
        try (Server server = serverModel.start(ServerConfig.DEFAULT.withTransport(transport).withTuning(tuning))) {
            long rounds = (long) connections * ROUNDS_PER_CONNECTION;
            long before = server.stats().frames();
            try (Load load = Load.closedLoop(client, server.address(), tuning, connections, 1024)) {
                load.awaitCompleted(rounds);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVERY_CONNECTION_SECONDS);
                while (load.minCompletedPerConnection() < 1 && System.nanoTime() < deadline) {
                    load.checkHealthy();
                    Thread.sleep(10);
                }
                load.checkHealthy();
                assertTrue(load.minCompletedPerConnection() >= 1,
                        "a connection completed only " + load.minCompletedPerConnection() + " round trips in " + EVERY_CONNECTION_SECONDS + " s");
                assertEquals(connections, load.connections());
            }
            // Every round trip the load counted was verified; the server saw at least as many frames, no protocol errors.
            assertTrue(server.stats().frames() >= rounds, server.stats().toString());
            assertEquals(0, server.stats().protocolErrors(), server.stats().toString());
            assertEquals(connections, server.stats().accepted(), server.stats().toString());
        }
    }
}
