package dev.nettune.bench.buffers;

import dev.nettune.client.bulk.IoPath;
import dev.nettune.placement.Placement;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad parameters fail at once with the valid values; fixtures leave no file descriptors or threads. */
class ParamsAndLeaksTest {
    private static final long SETTLE_MILLIS = 5_000;

    @Test
    void unknownPathNamesParameterValueAndValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoPath.parse("CHANNEL"));
        assertEquals("unknown path 'CHANNEL'; valid: [STREAM, CHANNEL_HEAP, CHANNEL_DIRECT]", e.getMessage());
    }

    @Test
    void bufferSizesAreBytesOrZeroForAutotuning() {
        assertNull(BufferSize.request("sndBuf", 0));
        assertEquals(4096, BufferSize.request("sndBuf", 4096));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BufferSize.request("rcvBuf", -1));
        assertTrue(e.getMessage().startsWith("bad rcvBuf -1; valid:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BufferSize.positive("writeSize", 0));
        assertTrue(e.getMessage().startsWith("bad writeSize 0; valid:"), e.getMessage());
    }

    @Test
    void fixturesLeaveNoFileDescriptorsOrThreads() throws Exception {
        // Warm up class loading and JDK-internal threads/fds that stay for the JVM's life.
        for (IoPath path : IoPath.values()) {
            try (StreamFixture f = new StreamFixture(null, Placement.INPROCESS, path, null, null, 65536, 1 << 16, TimeUnit.SECONDS.toNanos(10))) {
                f.send();
            }
        }
        int fds = openFds();
        int threads = Thread.activeCount();
        for (int i = 0; i < 10; i++) {
            for (IoPath path : IoPath.values()) {
                try (StreamFixture f = new StreamFixture(null, Placement.INPROCESS, path, 16384, 16384, 8192, 1 << 16, TimeUnit.SECONDS.toNanos(10))) {
                    f.send();
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while ((openFds() > fds || Thread.activeCount() > threads) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(openFds() <= fds, "open fds " + openFds() + " > baseline " + fds);
        assertTrue(Thread.activeCount() <= threads, "threads " + Thread.activeCount() + " > baseline " + threads);
    }

    private static int openFds() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? -1 : names.length;
    }
}
