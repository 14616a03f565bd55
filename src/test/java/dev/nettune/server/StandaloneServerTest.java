package dev.nettune.server;

import dev.nettune.cli.Cli;
import dev.nettune.client.StreamConnection;
import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine.Model.OptionSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The standalone server ({@link Main}) in a JVM of its own: it serves and verifies frames as the
 * in-process servers do (the same bad frames close the same connections and count as the same
 * errors, read through a control connection), listens on the one address it is given and on no
 * other, refuses a wildcard, and stops cleanly on SIGTERM and at the end of its standard input.
 */
@Tag("process")
class StandaloneServerTest {
    static final long TIMEOUT_SECONDS = 60;
    static final long SETTLE_MILLIS = 5_000;

    /** A running server JVM, its announced address and its output so far. */
    record Child(Process process, InetSocketAddress address, BufferedReader output) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close the output still to be read
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("the server JVM did not stop within " + TIMEOUT_SECONDS + " s of SIGTERM");
            }
        }

        /** The rest of the output, after the process ended. */
        String rest() throws IOException {
            StringBuilder b = new StringBuilder();
            for (String l; (l = output.readLine()) != null; ) {
                b.append(l).append('\n');
            }
            return b.toString();
        }
    }

    static Process launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    static Child start(String... args) throws IOException {
        Process p = launch(args);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith(Main.LISTENING)) {
            p.destroyForcibly();
            fail("expected '" + Main.LISTENING + "...', got: " + first);
        }
        String hp = first.substring(Main.LISTENING.length()).split(" ", 2)[0];
        int colon = hp.lastIndexOf(':');
        return new Child(p, new InetSocketAddress(InetAddress.getByName(hp.substring(0, colon).replace("[", "").replace("]", "")),
                Integer.parseInt(hp.substring(colon + 1))), out);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void verifiesFramesAndRefusesOversizedOnesAsTheInProcessServerDoes(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        try (Child child = start("--server", model.name(), "--maxFrameBytes", Integer.toString(1 << 20));
             RemoteServer server = RemoteServer.connect(child.address());
             StreamConnection good = new StreamConnection(child.address(), SocketTuning.NO_DELAY)) {
            assertEquals(model, server.model());
            assertEquals(1 << 20, server.config().maxFrameBytes());
            Request r = Request.of(Kind.ECHO, 1000);
            good.exchange(r);

            sendAndExpectClose(child.address(), "this is not a nettune frame".getBytes(StandardCharsets.US_ASCII));
            good.exchange(r);

            ByteBuffer huge = ByteBuffer.allocate(Header.BYTES);
            Header.encode(huge, 0, Kind.ECHO, (1 << 20) + 1, 1, 0);
            sendAndExpectClose(child.address(), huge.array());
            good.exchange(r);

            Request bad = Request.of(Kind.ECHO, 64);
            bad.next();
            byte[] corrupt = bad.array().clone();
            corrupt[Header.BYTES + 10] ^= 1;
            sendAndExpectClose(child.address(), corrupt);
            good.exchange(r);

            long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
            while (server.stats().closed() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // the server counts on its own threads
            }
            ServerStats s = server.stats();
            assertEquals(3, s.protocolErrors(), s.toString());
            assertEquals(3, s.closed(), s.toString());
            assertEquals(4, s.frames(), "only the good client's frames were served: " + s);
            assertEquals(1, s.open(), "only the good connection is still open: " + s);
            assertEquals(4L * (Header.BYTES + 1000), s.bytesOut(), s.toString());
        }
    }

    /** Sends bytes on a fresh connection and waits for the server to close it without an answer. */
    static void sendAndExpectClose(InetSocketAddress server, byte[] bytes) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(server);
            s.setSoTimeout((int) SETTLE_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            try {
                assertEquals(-1, in.read(), "the server must not answer a bad frame");
            } catch (java.net.SocketException reset) {
                // closed with unread data pending: the kernel resets, which is a close too
            }
        }
    }

    @Test
    void listensOnLoopbackOnlyWhenGivenNoAddressAndOnTheGivenAddressOnly() throws Exception {
        try (Child child = start()) {
            assertEquals(InetAddress.getLoopbackAddress(), child.address().getAddress());
            assertEquals(List.of(hex(child.address().getAddress()) + ":" + port4(child.address().getPort())),
                    listeners(child.address().getPort()), "one listening socket, on loopback");
            assertRefused(new InetSocketAddress("127.0.0.2", child.address().getPort()));
        }
        try (Child child = start("--bind", "127.0.0.3", "--server", "BLOCKING")) {
            assertEquals(InetAddress.getByName("127.0.0.3"), child.address().getAddress());
            assertEquals(List.of("0300007F:" + port4(child.address().getPort())), listeners(child.address().getPort()));
            assertRefused(new InetSocketAddress("127.0.0.1", child.address().getPort()));
            try (StreamConnection c = new StreamConnection(child.address(), SocketTuning.NO_DELAY)) {
                c.exchange(Request.of(Kind.ECHO, 64));
            }
        }
    }

    @Test
    void refusesAWildcardAndBadOptionsWithOneLineAndStatus2() throws Exception {
        for (String[] args : new String[][] {{"--bind", "0.0.0.0"}, {"--bind", "::"}, {"--server", "NOPE"}, {"--sndBuf", "-1"},
                {"--color", "blue"}}) {
            Process p = launch(args);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals(Main.EXIT_USAGE, p.exitValue(), String.join(" ", args) + ": " + out);
            assertTrue(out.startsWith("nettune server: error: "), out);
            assertTrue(out.contains(args[0]) && (args[0].equals("--color") || out.contains("'" + args[1] + "'")), out);
        }
        assertTrue(assertThrows(Cli.UsageError.class, () -> Main.parse("--bind", "0.0.0.0")).getMessage().contains("wildcard"));
    }

    @Test
    void optionsAsTheBenchmarksNameThem() {
        Main.Options d = Main.parse();
        assertEquals(ServerModel.SELECTOR, d.model());
        assertEquals(ServerConfig.DEFAULT.toString(), d.config().toString(), "the benchmarks' server, on loopback, any port");
        assertFalse(d.stopOnStdinEof());
        Main.Options o = Main.parse("--server", "blocking", "--port=7000", "--sndBuf", "65536", "--tcpNoDelay", "default",
                "--linger", "0", "--readTimeoutMillis", "0", "--stopOnStdinEof");
        assertEquals(ServerModel.BLOCKING, o.model());
        assertEquals(7000, o.config().port());
        assertEquals(65536, o.config().tuning().sendBuffer());
        assertNull(o.config().tuning().receiveBuffer());
        assertNull(o.config().tuning().tcpNoDelay());
        assertEquals(0, o.config().tuning().lingerSeconds());
        assertEquals(0, o.config().readTimeoutMillis());
        assertTrue(o.stopOnStdinEof());
        for (String[] bad : new String[][] {{"--port", "65536"}, {"--linger", "-2"}, {"--eventLoops", "0"}, {"--backlog", "0"},
                {"--tcpNoDelay", "yes"}, {"--port", "x"}, {"--readTimeoutMillis", "-1"}, {"--maxBufferedBytes", "0"}}) {
            String m = assertThrows(Cli.UsageError.class, () -> Main.parse(bad)).getMessage();
            assertTrue(m.contains("'" + bad[0] + "'") && m.contains("'" + bad[1] + "'"), String.join(" ", bad) + ": " + m);
        }
        assertTrue(assertThrows(Cli.UsageError.class, () -> Main.parse("--port", "1", "--port", "2")).getMessage()
                .contains("'--port' (N) should be specified only once"));
    }

    @Test
    void helpPrintsEveryOptionAndExits0() throws Exception {
        Process p = launch("--help");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("usage: java -cp benchmarks.jar dev.nettune.server.Main [-h] [--server MODEL] [--bind ADDRESS]"), out);
        List<OptionSpec> options = Main.commandLine(new Main.Arguments()).getCommandSpec().options();
        assertEquals(14, options.size(), "the 13 options and --help");
        for (OptionSpec o : options) {
            assertTrue(out.contains(o.longestName()), "--help lists " + o.longestName() + ": " + out);
        }
        String words = out.replaceAll("\\s+", " "); // the help wraps its lines
        assertTrue(words.contains("(default " + ServerConfig.DEFAULT_MAX_BUFFERED_BYTES + ")"), out);
        assertTrue(words.contains("one of BLOCKING, POOLED, SELECTOR, VIRTUAL (default SELECTOR"), out);
    }

    @Test
    void aConnectionStalledMidFrameIsClosedAndLoggedWithItsPeer() throws Exception {
        try (Child child = start("--server", "SELECTOR", "--readTimeoutMillis", "300", "--maxBufferedBytes", "1000000");
             RemoteServer server = RemoteServer.connect(child.address());
             Socket stalled = new Socket()) {
            assertEquals(300, server.config().readTimeoutMillis());
            assertEquals(1_000_000, server.config().maxBufferedBytes());
            stalled.connect(child.address());
            ByteBuffer h = ByteBuffer.allocate(Header.BYTES);
            Header.encode(h, 0, Kind.ECHO, 16 << 20, 1, 0);
            stalled.getOutputStream().write(h.array());
            long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
            while (server.stats().readTimeouts() < 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // polling the server's counter through the control connection
            }
            assertEquals(1, server.stats().readTimeouts());
            String line = child.output().readLine();
            assertTrue(line.startsWith("nettune server: closed connection from 127.0.0.1:" + stalled.getLocalPort() + ": read timeout"), line);
        }
    }

    @Test
    void sigtermClosesConnectionsAndStopsCleanly() throws Exception {
        Child child = start("--server", "SELECTOR");
        try (StreamConnection c = new StreamConnection(child.address(), SocketTuning.NO_DELAY)) {
            c.exchange(Request.of(Kind.ECHO, 64));
            child.close(); // SIGTERM, and waits for the exit
            assertEquals(143, child.process().exitValue(), "a JVM ended by SIGTERM exits 128 + 15");
            assertTrue(child.rest().contains("nettune server: stopped cleanly: ServerStats[accepted=1, closed=1, frames=1"));
            assertThrows(IOException.class, () -> c.exchange(Request.of(Kind.ECHO, 64)), "the connection was closed");
        }
    }

    @Test
    void theEndOfStandardInputStopsItWhenAsked() throws Exception {
        Child child = start("--stopOnStdinEof");
        child.process().getOutputStream().close();
        assertTrue(child.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(0, child.process().exitValue());
        assertTrue(child.rest().contains("nettune server: stopped cleanly"));
    }

    /** Refused: nothing listens there. */
    static void assertRefused(InetSocketAddress a) {
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(a, 2_000);
            }
        }, "nothing may listen on " + a);
    }

    /**
     * How /proc/net/tcp6 writes an IPv4-mapped address (::ffff:a.b.c.d) before its last four bytes: a
     * java.net.ServerSocket is an IPv6 socket bound to the mapped form of the IPv4 address it is given.
     */
    static final String V4_MAPPED = "0000000000000000FFFF0000";

    /**
     * Local "ADDR:PORT" (as /proc/net/tcp and tcp6 write them, an IPv4-mapped address as its IPv4
     * part) of every listening socket on {@code port}.
     */
    static List<String> listeners(int port) throws IOException {
        List<String> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path t = Path.of(table);
            if (!Files.isReadable(t)) {
                continue;
            }
            for (String line : Files.readAllLines(t)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[3].equals("0A") && f[1].endsWith(":" + port4(port))) { // 0A = TCP_LISTEN
                    out.add(f[1].startsWith(V4_MAPPED) ? f[1].substring(V4_MAPPED.length()) : f[1]);
                }
            }
        }
        return out;
    }

    static String port4(int port) {
        return String.format("%04X", port);
    }

    /** An IPv4 address as /proc/net/tcp writes it (host byte order on little-endian machines: 127.0.0.1 is 0100007F). */
    static String hex(InetAddress a) {
        byte[] b = a.getAddress();
        return String.format("%02X%02X%02X%02X", b[3], b[2], b[1], b[0]);
    }
}
