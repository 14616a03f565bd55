package dev.nettune.socket;

import org.junit.jupiter.api.Test;

import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A socket whose read-back options differ from the request fails, naming the endpoint and option; the kernel's documented bounds do not. */
class OptionVerificationTest {
    private static final SocketTuning ASKED = SocketTuning.NO_DELAY.withSendBuffer(65536).withReceiveBuffer(65536).withLingerSeconds(0);

    @Test
    void optionsAsRequestedPass() {
        assertDoesNotThrow(() -> ASKED.verify("client", new EffectiveOptions(65536, 65536, true, 0)));
    }

    @Test
    void aDifferentNoDelayFailsNamingEndpointAndOption() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ASKED.verify("server-accepted", new EffectiveOptions(65536, 65536, false, 0)));
        assertTrue(e.getMessage().contains("server-accepted") && e.getMessage().contains("TCP_NODELAY reads back false, requested true"), e.getMessage());
    }

    @Test
    void aDifferentLingerOrBufferFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ASKED.verify("client", new EffectiveOptions(65536, 65536, true, -1)));
        assertTrue(e.getMessage().contains("SO_LINGER reads back -1, requested 0"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> ASKED.verify("client", new EffectiveOptions(32768, 65536, true, 0)));
        assertTrue(e.getMessage().contains("SO_SNDBUF reads back 32768, requested 65536"), e.getMessage());
    }

    @Test
    void aBufferCappedAtTheKernelMaximumPasses() throws Exception {
        SocketTuning huge = SocketTuning.DEFAULTS.withSendBuffer(256 << 20).withReceiveBuffer(256 << 20);
        try (Socket s = new Socket()) {
            huge.applyToClient(OptionTarget.of(s));
            EffectiveOptions e = EffectiveOptions.readFrom(OptionTarget.of(s));
            assertTrue(e.sendBuffer() < 256 << 20, "the kernel caps at net.core.wmem_max: " + e);
            assertDoesNotThrow(() -> huge.verify("client", e));
        }
    }

    @Test
    void optionsNotRequestedOrNotOnTheSocketAreNotChecked() {
        assertDoesNotThrow(() -> SocketTuning.DEFAULTS.verify("client", new EffectiveOptions(123, 456, false, 7)));
        assertDoesNotThrow(() -> ASKED.verify("server-listener", new EffectiveOptions(null, 65536, null, null)));
        assertThrows(IllegalStateException.class, () -> ASKED.verify("client", null), "nothing read back is not a pass");
    }
}
