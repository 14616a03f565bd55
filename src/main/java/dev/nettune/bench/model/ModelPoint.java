package dev.nettune.bench.model;

import dev.nettune.bench.ServerPlacement;
import dev.nettune.bench.SockoptsLog;
import dev.nettune.host.ProcessProbe;
import dev.nettune.placement.Placement;
import dev.nettune.client.ClientModel;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.util.Arrays;

/**
 * ModelPoint holds what the I/O-model benchmarks share: parsing their parameters, deciding whether a
 * client × server × transport combination exists on this JVM and machine (and why not), and
 * starting the server with the socket options of the transport.
 */
final class ModelPoint {
    private ModelPoint() {
    }

    static Transport transport(String name) {
        try {
            return Transport.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + name + "'; valid: " + Arrays.toString(Transport.values()), e);
        }
    }

    static int positive(String param, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("@Param " + param + " must be >= 1, got " + value);
        }
        return value;
    }

    /** TCP_NODELAY on TCP (one small write per request must not wait for an ACK); Unix-domain sockets have no such option. */
    static SocketTuning tuning(Transport transport) {
        return transport == Transport.TCP ? SocketTuning.NO_DELAY : SocketTuning.DEFAULTS;
    }

    /**
     * Why this point cannot run here, or null when it can: virtual threads before JDK 21; a model
     * with no form over the transport (Unix-domain sockets exist for SocketChannel only); too few
     * file descriptors for the connections.
     */
    static String unavailableReason(ClientModel client, ServerModel server, Transport transport, int connections) {
        return unavailableReason(client, server, transport, connections, Placement.INPROCESS);
    }

    /**
     * As {@link #unavailableReason(ClientModel, ServerModel, Transport, int)} for a server placed where
     * {@code placement} says: a server in a process of its own halves the descriptors this one needs.
     * Whether the placement itself can be had here is {@link ServerPlacement}'s to say.
     */
    static String unavailableReason(ClientModel client, ServerModel server, Transport transport, int connections, String placement) {
        boolean apart;
        try {
            apart = !Placement.parse(placement).inProcess();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@Param placement: " + e.getMessage(), e);
        }
        if (client.unavailableReason() != null) {
            return "client model " + client + ": " + client.unavailableReason();
        }
        if (server.unavailableReason() != null) {
            return "server model " + server + ": " + server.unavailableReason();
        }
        if (!client.supports(transport)) {
            return "client model " + client + " has no " + transport + " form (Unix-domain sockets exist for SocketChannel only); valid: "
                    + ClientModel.valid(m -> m.supports(transport));
        }
        if (!server.supports(transport)) {
            return "server model " + server + " has no " + transport + " form (it serves java.net.Socket streams over TCP); valid: "
                    + ServerModel.valid(m -> m.supports(transport));
        }
        return ProcessProbe.fdShortage(connections, apart);
    }

    /** Starts the server in process and records its listener's options; accepted sockets are recorded by {@link #recordConnected}. */
    static Server startServer(BenchmarkParams params, ServerModel model, Transport transport) throws IOException {
        return startServer(params, model, transport, Placement.INPROCESS);
    }

    /** Starts the server where {@code placement} says ({@link ServerPlacement}) and records its listener's options. */
    static Server startServer(BenchmarkParams params, ServerModel model, Transport transport, String placement) throws IOException {
        SocketTuning tuning = tuning(transport);
        Server server = ServerPlacement.start(params, placement, model, ServerConfig.DEFAULT.withTransport(transport).withTuning(tuning));
        SockoptsLog.record(params, "server-listener", tuning, server.listenerOptions());
        return server;
    }

    /** Records the options of the client's first connection and the server's last accepted one. */
    static void recordConnected(BenchmarkParams params, Transport transport, Server server, EffectiveOptions client) {
        SocketTuning tuning = tuning(transport);
        SockoptsLog.record(params, "client", tuning, client);
        SockoptsLog.record(params, "server-accepted", tuning, server.acceptedOptions());
    }
}
