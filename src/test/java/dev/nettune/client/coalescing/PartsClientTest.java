package dev.nettune.client.coalescing;

import dev.nettune.server.BlockingServer;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerStats;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PartsClient delivers verified messages with every strategy, counts its writes, and detects corruption. */
class PartsClientTest {
    private static final int PARTS = 4;
    private static final int PART_BYTES = 100;
    private static final int MESSAGE_BYTES = Header.BYTES + PARTS * PART_BYTES;

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void everyStrategyDeliversVerifiedMessagesWithTheExpectedWrites(Strategy strategy) throws IOException {
        BlockingServer server = new BlockingServer(ServerConfig.DEFAULT);
        int messages = 3;
        try (PartsClient client = new PartsClient(strategy, server.address(), SocketTuning.NO_DELAY, PARTS, PART_BYTES)) {
            for (int i = 0; i < messages; i++) {
                int writes = client.exchange();
                boolean perPart = strategy == Strategy.STREAM_PER_PART || strategy == Strategy.CHANNEL_PER_PART;
                // 416 B fit every BufferedOutputStream: one flush per message.
                assertEquals(perPart ? PARTS + 1 : 1, writes, strategy + " writes per message");
            }
        } finally {
            server.close();
        }
        ServerStats st = server.stats();
        assertEquals(messages, st.frames(), st.toString());
        assertEquals((long) messages * MESSAGE_BYTES, st.bytesIn(), st.toString());
        assertEquals(0, st.protocolErrors(), st.toString());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void pipelinedMessagesAreAcknowledgedInOrder(Strategy strategy) throws IOException {
        BlockingServer server = new BlockingServer(ServerConfig.DEFAULT);
        int messages = 16; // as many as PipelinedCoalescingBenchmark keeps in flight
        try (PartsClient client = new PartsClient(strategy, server.address(), SocketTuning.NO_DELAY, 16, 1024)) {
            for (int i = 0; i < messages; i++) {
                client.send();
            }
            for (int i = 0; i < messages; i++) {
                client.awaitAck();
            }
            assertThrows(IllegalStateException.class, client::awaitAck, "no message left to acknowledge");
        } finally {
            server.close();
        }
        assertEquals(messages, server.stats().frames());
        assertEquals(0, server.stats().protocolErrors());
    }

    @Test
    void smallBufferFlushesSeveralTimesPerMessage() throws IOException {
        BlockingServer server = new BlockingServer(ServerConfig.DEFAULT);
        try (PartsClient client = new PartsClient(Strategy.BUFFERED_512, server.address(), SocketTuning.NO_DELAY, 16, 64)) {
            // 16 B header + 16 x 64 B through a 512 B buffer: flushes of 464 B (header + 7 parts), 512 B, 64 B.
            assertEquals(3, client.exchange());
        } finally {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"STREAM_PER_PART", "BUFFERED_8K", "COPY_DIRECT", "GATHERING", "GATHERING_DIRECT"})
    void aCorruptedPartFailsTheExchange(Strategy strategy) throws IOException {
        BlockingServer server = new BlockingServer(ServerConfig.DEFAULT);
        try (PartsClient client = new PartsClient(strategy, server.address(), SocketTuning.NO_DELAY, PARTS, PART_BYTES)) {
            client.exchange();
            // Flip one bit of part 2 after its CRC was computed: what the strategy actually sends.
            ByteBuffer direct = client.partBuffer(2);
            if (strategy == Strategy.GATHERING_DIRECT) {
                direct.put(7, (byte) (direct.get(7) ^ 1));
            } else {
                client.part(2)[7] ^= 1;
            }
            assertThrows(IOException.class, client::exchange, "the server must drop the connection on a CRC mismatch");
        } finally {
            server.close();
        }
        assertEquals(1, server.stats().frames(), "only the intact message is acknowledged");
        assertEquals(1, server.stats().protocolErrors());
    }

    @Test
    void unknownStrategiesFailNamingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategy.parse("WRITEV"));
        assertTrue(e.getMessage().contains("strategy") && e.getMessage().contains("GATHERING"), e.getMessage());
    }

    @Test
    void noDescriptorOrThreadOutlivesItsServerAndClient() throws Exception {
        // Warm up class loading and the JDK's lazily opened descriptors before taking the baseline.
        runOnce(Strategy.STREAM_PER_PART);
        runOnce(Strategy.GATHERING);
        long fds = openDescriptors();
        int threads = Thread.activeCount();
        for (int round = 0; round < 3; round++) {
            for (Strategy s : Strategy.values()) {
                runOnce(s);
            }
        }
        assertEquals(fds, openDescriptors(), "open file descriptors");
        assertEquals(threads, Thread.activeCount(), "live threads");
    }

    private static void runOnce(Strategy s) throws IOException {
        BlockingServer server = new BlockingServer(ServerConfig.DEFAULT);
        try (PartsClient client = new PartsClient(s, server.address(), SocketTuning.NO_DELAY, PARTS, PART_BYTES)) {
            client.exchange();
        } finally {
            server.close();
        }
    }

    private static long openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
