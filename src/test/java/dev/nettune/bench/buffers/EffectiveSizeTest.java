package dev.nettune.bench.buffers;

import dev.nettune.client.bulk.IoPath;
import dev.nettune.placement.Placement;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Sysctl;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requested vs effective buffer sizes, checked against the kernel's own view ({@code ss -tmn},
 * skmem tb = sk_sndbuf, rb = sk_rcvbuf): on Linux Java reads back half of what the kernel holds.
 */
class EffectiveSizeTest {
    private static final Pattern SKMEM = Pattern.compile("skmem:\\(r\\d+,rb(\\d+),t\\d+,tb(\\d+),");

    @Test
    void javaReadsBackTheRequestWhileTheKernelHoldsTwice() throws Exception {
        assumeLinuxWithSs();
        try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT);
             Socket s = new Socket()) {
            SocketTuning tuning = SocketTuning.NO_DELAY.withSendBuffer(4096).withReceiveBuffer(16384);
            tuning.applyToClient(OptionTarget.of(s));
            s.connect(server.address());
            EffectiveOptions java = EffectiveOptions.readFrom(OptionTarget.of(s));
            assertEquals(4096, java.sendBuffer(), "Java's SO_SNDBUF read-back");
            assertEquals(16384, java.receiveBuffer(), "Java's SO_RCVBUF read-back");
            long[] kernel = skmem(s.getLocalPort());
            assertEquals(8192, kernel[1], "kernel sk_sndbuf (ss tb) for a 4096 request");
            assertEquals(32768, kernel[0], "kernel sk_rcvbuf (ss rb) for a 16384 request");
            assertEquals(kernel[1], (long) java.kernelSendBuffer(), "EffectiveOptions.kernelSendBuffer()");
            assertEquals(kernel[0], (long) java.kernelReceiveBuffer(), "EffectiveOptions.kernelReceiveBuffer()");
        }
    }

    @Test
    void autotunedSocketAlsoReadsHalfTheKernelValue() throws Exception {
        assumeLinuxWithSs();
        try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT);
             Socket s = new Socket()) {
            s.connect(server.address());
            int javaSndBuf = s.getOption(java.net.StandardSocketOptions.SO_SNDBUF);
            long[] kernel = skmem(s.getLocalPort());
            assertEquals(2L * javaSndBuf, kernel[1], "ss tb vs Java's SO_SNDBUF with autotuning (no traffic in between)");
        }
    }

    @Test
    void requestAboveTheCapReadsBackAsTheCap() throws Exception {
        String cap = Sysctl.read("net.core.wmem_max");
        Assumptions.assumeTrue(cap.matches("\\d+"), "net.core.wmem_max not readable here: " + cap);
        int wmemMax = Integer.parseInt(cap);
        Assumptions.assumeTrue(wmemMax < (1 << 30) / 4, "cap too large to exceed: " + wmemMax);
        try (Socket s = new Socket()) {
            s.setSendBufferSize(wmemMax * 4);
            assertEquals(wmemMax, s.getSendBufferSize(), "requested " + wmemMax * 4 + ", capped at net.core.wmem_max");
        }
    }

    @Test
    void fixtureReadsBackRequestedSizesOnBothEnds() throws Exception {
        try (StreamFixture f = new StreamFixture(null, Placement.INPROCESS, IoPath.CHANNEL_DIRECT, 65536, 262144, 65536, 1 << 20,
                TimeUnit.SECONDS.toNanos(10))) {
            f.send();
            assertEquals(65536, f.stream().options().sendBuffer(), "client SO_SNDBUF set before connect");
            assertEquals(262144, f.server().listenerOptions().receiveBuffer(), "listener SO_RCVBUF set before bind");
            EffectiveOptions accepted = BufferReadback.awaitAccepted(f.server());
            assertEquals(262144, accepted.receiveBuffer(), "accepted socket inherits the listener's SO_RCVBUF");
            String line = BufferReadback.describe("client", SocketTuning.NO_DELAY.withSendBuffer(65536), f.stream().options());
            assertTrue(line.startsWith("client SO_SNDBUF requested 65536 -> Java 65536, kernel 131072 (autotuning off)"), line);
        }
    }

    private static void assumeLinuxWithSs() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"),
                "the halving of SO_SNDBUF/SO_RCVBUF read-backs is Linux behaviour");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")) || Files.isExecutable(Path.of("/bin/ss")),
                "skipped: ss (iproute2) is not installed, so the kernel's view cannot be read");
    }

    /** {rb, tb} of the TCP socket bound to local port {@code port}, from {@code ss -tmn}. */
    private static long[] skmem(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ss", "-tmnH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "ss finished");
        Matcher m = SKMEM.matcher(out);
        assertTrue(m.find(), "no skmem in ss output: " + out);
        long[] v = {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        assertNotNull(v);
        return v;
    }
}
