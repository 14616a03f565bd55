package dev.nettune.client;

import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections opened for the measured path are not read back, and say so when asked; their probe twin is. */
class ReadBackTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ClientModel.class, names = {"STREAM", "CHANNEL"})
    void aMeasuredPathConnectionHasNoOptionsAndItsTwinHas(ClientModel model) throws Exception {
        try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT)) {
            Request r = model.request(Kind.ECHO, 64);
            try (ClientConnection probe = model.open(server.address(), SocketTuning.NO_DELAY);
                 ClientConnection measured = model.openWithoutReadBack(server.address(), SocketTuning.NO_DELAY)) {
                assertEquals(Boolean.TRUE, probe.options().tcpNoDelay());
                measured.exchange(r); // verified like any other
                IllegalStateException e = assertThrows(IllegalStateException.class, measured::options);
                assertTrue(e.getMessage().contains("without reading its socket options back"), e.getMessage());
            }
            ConnectPerRequest crr = new ConnectPerRequest(server.address(), SocketTuning.NO_DELAY, model);
            for (int i = 0; i < 20; i++) {
                crr.exchange(r);
            }
            assertEquals(20, crr.connects());
            assertEquals(Boolean.TRUE, server.acceptedOptions().tcpNoDelay());
        }
    }
}
