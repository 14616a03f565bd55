package dev.nettune.client;

import dev.nettune.jvm.VirtualThreads;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every client model against every server model exchanges verified frames of 1 B to 1 MiB. */
class ClientServerMatrixTest {
    static final int[] SIZES = {0, 1, 64, 1024, 65_536, 1 << 20};

    static Stream<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (ClientModel c : ClientModel.values()) {
            for (ServerModel s : ServerModel.values()) {
                args.add(Arguments.of(c, s));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} client -> {1} server")
    @MethodSource("matrix")
    void everyModelPairExchangesVerifiedFramesOfEverySize(ClientModel client, ServerModel server) throws Exception {
        assumeTrue(client.unavailableReason() == null, client.unavailableReason());
        assumeTrue(server != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        try (Server srv = server.start(ServerConfig.DEFAULT)) {
            long frames = 0;
            for (Kind kind : new Kind[]{Kind.ECHO, Kind.ACK}) {
                for (int size : SIZES) {
                    frames += exchange(client, srv, kind, size, 3);
                }
            }
            assertEquals(frames, srv.stats().frames());
            assertEquals(0, srv.stats().protocolErrors());
        }
    }

    /** Runs {@code rounds} exchanges with the given model; returns frames sent. */
    static long exchange(ClientModel model, Server srv, Kind kind, int size, int rounds) throws Exception {
        switch (model) {
            case SELECTOR:
                try (SelectorClient c = new SelectorClient(srv.address(), SocketTuning.NO_DELAY, 2, kind, size)) {
                    return c.roundTrips(rounds);
                }
            case VIRTUAL:
                // JDK 17 API only: a virtual thread from the factory, joined, its failure rethrown here.
                AtomicReference<Exception> failure = new AtomicReference<>();
                Thread t = VirtualThreads.factory("test-vt-").newThread(() -> {
                    try (ClientConnection c = model.open(srv.address(), SocketTuning.NO_DELAY)) {
                        Request r = Request.of(kind, size);
                        for (int i = 0; i < rounds; i++) {
                            c.exchange(r);
                        }
                    } catch (Exception e) {
                        failure.set(e);
                    }
                });
                t.start();
                t.join();
                if (failure.get() != null) {
                    throw failure.get();
                }
                return rounds;
            default:
                try (ClientConnection c = model.open(srv.address(), SocketTuning.NO_DELAY)) {
                    Request r = model == ClientModel.CHANNEL ? Request.direct(kind, size) : Request.of(kind, size);
                    for (int i = 0; i < rounds; i++) {
                        c.exchange(r);
                    }
                    return rounds;
                }
        }
    }

    @ParameterizedTest(name = "{0} client over a Unix-domain socket")
    @MethodSource("channelModels")
    void channelModelsWorkOverUnixDomainSockets(ClientModel client) throws Exception {
        ServerConfig unix = ServerConfig.DEFAULT.withTransport(Transport.UNIX).withTuning(SocketTuning.DEFAULTS);
        try (Server srv = ServerModel.SELECTOR.start(unix)) {
            long frames = 0;
            for (int size : SIZES) {
                if (client == ClientModel.SELECTOR) {
                    try (SelectorClient c = new SelectorClient(srv.address(), SocketTuning.DEFAULTS, 3, Kind.ECHO, size)) {
                        frames += c.roundTrips(2);
                    }
                } else {
                    try (ClientConnection c = client.open(srv.address(), SocketTuning.DEFAULTS)) {
                        Request r = Request.direct(Kind.ECHO, size);
                        c.exchange(r);
                        c.exchange(r);
                        frames += 2;
                    }
                }
            }
            assertEquals(frames, srv.stats().frames());
        }
    }

    static Stream<ClientModel> channelModels() {
        return Stream.of(ClientModel.CHANNEL, ClientModel.SELECTOR);
    }

    @ParameterizedTest(name = "{0} server listens on loopback only")
    @MethodSource("serverModels")
    void serversListenOnLoopbackOnly(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        try (Server srv = model.start(ServerConfig.DEFAULT)) {
            InetSocketAddress a = (InetSocketAddress) srv.address();
            assertTrue(a.getAddress().isLoopbackAddress(), "bound to " + a);
            assertTrue(a.getPort() > 0, "real port read back: " + a);
        }
    }

    static Stream<ServerModel> serverModels() {
        return Stream.of(ServerModel.values());
    }
}
