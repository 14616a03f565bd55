package dev.nettune.client.coalescing;

import dev.nettune.server.BlockingServer;
import dev.nettune.server.ServerConfig;
import dev.nettune.socket.SocketTuning;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sanity test of the effect NagleBenchmark measures, with a margin of orders of magnitude: with
 * TCP_NODELAY off on both sides, header + parts written one by one and then a read wait for the
 * server's delayed ACK (~40 ms on Linux) on every message; with TCP_NODELAY on, or with the message
 * coalesced into one write, an exchange on loopback takes tens of microseconds.
 */
class NagleStallTest {
    /** Messages timed per case: the median of 15 is robust to a few scheduler hiccups on a busy machine. */
    private static final int MESSAGES = 15;
    /** Messages first sent untimed: Linux ACKs at once in quick-ACK mode at the start of a connection. */
    private static final int WARMUP_MESSAGES = 5;
    private static final double STALL_MILLIS = 20;
    private static final double NO_STALL_MILLIS = 5;

    @Test
    void perPartWritesStallWithNagleOnAndCoalescedWritesDoNot() throws IOException {
        double perPartNagle = medianMillis(Strategy.STREAM_PER_PART, false);
        double perPartNoDelay = medianMillis(Strategy.STREAM_PER_PART, true);
        double copiedNagle = medianMillis(Strategy.COPY_HEAP, false);
        String figures = String.format("median ms: per-part Nagle on %.3f, per-part TCP_NODELAY %.3f, copied Nagle on %.3f",
                perPartNagle, perPartNoDelay, copiedNagle);
        System.out.println("NagleStallTest " + figures);
        assertTrue(perPartNagle >= STALL_MILLIS, figures);
        assertTrue(perPartNoDelay < NO_STALL_MILLIS, figures);
        assertTrue(copiedNagle < NO_STALL_MILLIS, figures);
    }

    private static double medianMillis(Strategy strategy, boolean noDelay) throws IOException {
        SocketTuning tuning = SocketTuning.DEFAULTS.withTcpNoDelay(noDelay);
        BlockingServer server = new BlockingServer(ServerConfig.DEFAULT.withTuning(tuning));
        long[] nanos = new long[MESSAGES];
        try (PartsClient client = new PartsClient(strategy, server.address(), tuning, 4, 64)) {
            assertEquals(noDelay, client.options().tcpNoDelay());
            for (int i = 0; i < WARMUP_MESSAGES; i++) {
                client.exchange();
            }
            assertEquals(noDelay, server.acceptedOptions().tcpNoDelay());
            for (int i = 0; i < MESSAGES; i++) {
                long t0 = System.nanoTime();
                client.exchange();
                nanos[i] = System.nanoTime() - t0;
            }
        } finally {
            server.close();
        }
        Arrays.sort(nanos);
        return nanos[MESSAGES / 2] / 1e6;
    }
}
