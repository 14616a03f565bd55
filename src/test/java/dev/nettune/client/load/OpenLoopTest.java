package dev.nettune.client.load;

import dev.nettune.client.ClientConnection;
import dev.nettune.client.DriverThreads;
import dev.nettune.client.StreamConnection;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The open-loop driver issues the configured rate, and measures latency from the intended send time. */
class OpenLoopTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void issuesTheConfiguredRate() throws Exception {
        double rate = 2000;
        try (Server server = ServerModel.BLOCKING.start(ServerConfig.DEFAULT)) {
            List<ClientConnection> conns = List.of(new StreamConnection(server.address(), SocketTuning.NO_DELAY),
                    new StreamConnection(server.address(), SocketTuning.NO_DELAY));
            try (OpenLoop load = new OpenLoop(conns, List.of(Request.of(Kind.ECHO, 64), Request.of(Kind.ECHO, 64)),
                    DriverThreads.platform("test-open-"), rate).start()) {
                Thread.sleep(200); // past the start delay
                long n0 = load.completed();
                long t0 = System.nanoTime();
                Thread.sleep(1000);
                double achieved = (load.completed() - n0) * 1e9 / (System.nanoTime() - t0);
                load.checkHealthy();
                // Wide margin: a busy 2-core machine; the point is "the schedule, not as fast as possible" (which is > 10k/s).
                assertTrue(achieved > rate * 0.5 && achieved < rate * 1.5, "achieved " + achieved + "/s for " + rate + "/s scheduled");
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void latencyCountsFromTheIntendedSendTime() throws Exception {
        // A connection that takes 10 ms per exchange can serve 100/s; scheduled at 500/s it falls
        // behind, and the requests due meanwhile wait: after ~1 s the latest due ~0.8 s before it was sent.
        try (OpenLoop load = new OpenLoop(List.of(new SlowConnection(10)), List.of(Request.of(Kind.ECHO, 0)),
                DriverThreads.platform("test-slow-"), 500).start()) {
            Thread.sleep(1000);
            load.checkHealthy();
            Histogram fromIntended = load.intervalHistogram(null);
            Histogram fromSend = load.serviceHistogram(null);
            double serviceMs = fromSend.getValueAtPercentile(50) / 1e6;
            double maxMs = fromIntended.getMaxValue() / 1e6;
            assertTrue(serviceMs >= 9 && serviceMs < 100, "service time p50 " + serviceMs + " ms for a 10 ms exchange");
            assertTrue(maxMs > 300, "latency from intended send time, max " + maxMs + " ms: queueing not counted");
        }
    }

    /** A ClientConnection that sleeps instead of doing I/O: a server that can serve only so many per second. */
    private static final class SlowConnection implements ClientConnection {
        private final long millis;

        SlowConnection(long millis) {
            this.millis = millis;
        }

        @Override
        public void exchange(Request request) throws IOException {
            request.next();
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }

        @Override
        public EffectiveOptions options() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
