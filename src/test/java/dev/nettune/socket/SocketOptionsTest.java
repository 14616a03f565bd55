package dev.nettune.socket;

import dev.nettune.client.StreamConnection;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import org.junit.jupiter.api.Test;

import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requested socket options are applied at the right moment and read back on both ends. */
class SocketOptionsTest {

    @Test
    void smallBuffersReadBackAsRequestedAndTheKernelHoldsTwice() throws Exception {
        SocketTuning t = SocketTuning.NO_DELAY.withSendBuffer(4096).withReceiveBuffer(8192);
        try (Server srv = ServerModel.BLOCKING.start(ServerConfig.DEFAULT.withTuning(t));
             StreamConnection c = new StreamConnection(srv.address(), t)) {
            EffectiveOptions client = c.options();
            assertEquals(4096, client.sendBuffer());
            assertEquals(8192, client.receiveBuffer());
            assertEquals(Boolean.TRUE, client.tcpNoDelay());
            assertEquals(8192, client.kernelSendBuffer(), "Linux doubles SO_SNDBUF; Java reports half");
            assertEquals(8192, srv.listenerOptions().receiveBuffer(), "SO_RCVBUF set on the listener before bind");
            c.exchange(dev.nettune.wire.Request.of(dev.nettune.wire.Kind.ECHO, 64));
            EffectiveOptions accepted = srv.acceptedOptions();
            assertNotNull(accepted);
            assertEquals(4096, accepted.sendBuffer());
            assertEquals(8192, accepted.receiveBuffer(), "accepted sockets inherit SO_RCVBUF from the listener");
        }
    }

    @Test
    void hugeRequestsAreCappedAtTheKernelMaximum() throws Exception {
        long wmemMax = Long.parseLong(Sysctl.read("net.core.wmem_max"));
        long rmemMax = Long.parseLong(Sysctl.read("net.core.rmem_max"));
        int huge = 256 << 20;
        try (Socket s = new Socket()) {
            SocketTuning.DEFAULTS.withSendBuffer(huge).withReceiveBuffer(huge).applyToClient(OptionTarget.of(s));
            EffectiveOptions e = EffectiveOptions.readFrom(OptionTarget.of(s));
            assertEquals(wmemMax, e.sendBuffer().longValue(), "SO_SNDBUF capped at net.core.wmem_max");
            assertEquals(rmemMax, e.receiveBuffer().longValue(), "SO_RCVBUF capped at net.core.rmem_max");
        }
    }

    @Test
    void invalidRequestsFailNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SocketTuning.DEFAULTS.withSendBuffer(0));
        assertTrue(e.getMessage().contains("SO_SNDBUF"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SocketTuning.DEFAULTS.withLingerSeconds(-2));
        assertTrue(e.getMessage().contains("SO_LINGER"), e.getMessage());
    }

    @Test
    void lingerZeroReadsBack() throws Exception {
        try (Socket s = new Socket()) {
            SocketTuning.DEFAULTS.withLingerSeconds(0).applyToClient(OptionTarget.of(s));
            assertEquals(0, EffectiveOptions.readFrom(OptionTarget.of(s)).lingerSeconds());
        }
    }
}
