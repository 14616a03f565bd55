package dev.nettune.server;

import dev.nettune.cli.Cli;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;

/**
 * Main is the standalone nettune server: any {@link ServerModel}, the same frame protocol,
 * verification and frame cap as in the benchmarks, in a JVM of its own — what netperf's netserver
 * or {@code iperf3 -s} is to those tools. It listens on the one address it is given (loopback when
 * none; never a wildcard), prints {@value #LISTENING} with the bound address and port, and serves
 * until SIGTERM (or Ctrl-C), when it closes the listener and every connection, joins its threads
 * and prints its counters. A benchmark reads its counters with a {@link dev.nettune.wire.Kind#STATS}
 * request ({@link RemoteServer}).
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.nettune.server.Main [--server SELECTOR] [--bind 127.0.0.1] [--port 0]
 *     [--sndBuf 0] [--rcvBuf 0] [--tcpNoDelay true|false|default] [--linger -1] [--backlog 4096]
 *     [--maxFrameBytes 16777216] [--maxBufferedBytes 1073741824] [--readTimeoutMillis 10000]
 *     [--eventLoops 1] [--stopOnStdinEof] [--help]
 * </pre>
 * Options are named as the benchmarks' parameters: {@code server} a {@link ServerModel};
 * {@code sndBuf} (on accepted sockets) and {@code rcvBuf} (on the listener before bind, inherited
 * by accepted sockets) in bytes, 0 = not set (autotuning); {@code linger} -1 = not set.
 * {@code --stopOnStdinEof} stops the server when its standard input ends: a benchmark that started
 * it holds the pipe, so the server cannot outlive it. {@code --maxBufferedBytes} is the memory budget
 * of all connections' read buffers and {@code --readTimeoutMillis} the time a connection may stall in
 * the middle of a frame ({@link ServerConfig}); a connection closed for either, or for a protocol
 * error, is logged on stderr with its peer (rate-limited, {@link ServerLog}). {@link Arguments} holds the
 * options, and {@code --help} is made from them. Exit status: 0 stopped by stdin's end or after
 * {@code --help}, 143 after SIGTERM (the JVM's), 1 cannot listen, 2 bad options.
 */
public final class Main {
    /** First word of the line that says where the server listens: "listening on HOST:PORT (...)". */
    public static final String LISTENING = "nettune server: listening on ";
    static final int EXIT_CANNOT_LISTEN = 1;
    static final int EXIT_USAGE = Cli.EXIT_USAGE;
    /** What every line the server prints about itself starts with. */
    static final String PREFIX = "nettune server: ";

    /** The options, parsed; see the class comment. */
    record Options(ServerModel model, ServerConfig config, boolean stopOnStdinEof) {
    }

    /** The command line: one field per option, named as the benchmarks' parameters; {@code --help} is made from them. */
    @Command(name = "java -cp benchmarks.jar dev.nettune.server.Main",
            description = "The standalone nettune server; serves until SIGTERM.",
            footer = "Exit status: 0 after --help or stdin's end (--stopOnStdinEof), 143 after SIGTERM, 1 cannot listen,"
                    + " 2 bad options.")
    static final class Arguments implements Cli.Checked {
        @Option(names = "--server", paramLabel = "MODEL",
                description = "server model, one of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; any case)")
        ServerModel server = ServerModel.SELECTOR;
        @Option(names = "--bind", paramLabel = "ADDRESS", description = "the one address to listen on (default loopback; never a wildcard)")
        String bind;
        @Option(names = "--port", paramLabel = "N", description = "TCP port (default ${DEFAULT-VALUE}: any free one, printed on start)")
        int port = 0;
        @Option(names = "--sndBuf", paramLabel = "BYTES", description = "SO_SNDBUF of accepted sockets (default ${DEFAULT-VALUE}: not set, autotuning)")
        int sndBuf = 0;
        @Option(names = "--rcvBuf", paramLabel = "BYTES",
                description = "SO_RCVBUF of the listener, inherited by accepted sockets (default ${DEFAULT-VALUE}: autotuning)")
        int rcvBuf = 0;
        @Option(names = "--tcpNoDelay", paramLabel = "true|false|default", description = "TCP_NODELAY of accepted sockets (default ${DEFAULT-VALUE})")
        String tcpNoDelay = "true";
        @Option(names = "--linger", paramLabel = "SECONDS", description = "SO_LINGER of accepted sockets (default ${DEFAULT-VALUE}: not set)")
        int linger = -1;
        @Option(names = "--backlog", paramLabel = "N", description = "listen backlog (default ${DEFAULT-VALUE})")
        int backlog = ServerConfig.DEFAULT_BACKLOG;
        @Option(names = "--maxFrameBytes", paramLabel = "BYTES",
                description = "largest payload accepted; a larger header closes the connection (default ${DEFAULT-VALUE})")
        int maxFrameBytes = ServerConfig.DEFAULT_MAX_FRAME_BYTES;
        @Option(names = "--maxBufferedBytes", paramLabel = "BYTES", description = "memory budget of all connections' read buffers"
                + " together; a connection whose frame would pass it is closed and logged (default ${DEFAULT-VALUE})")
        long maxBufferedBytes = ServerConfig.DEFAULT_MAX_BUFFERED_BYTES;
        @Option(names = "--readTimeoutMillis", paramLabel = "MS", description = "close a connection that sends no byte for this long"
                + " in the middle of a frame; idle connections between frames are kept (default ${DEFAULT-VALUE}, 0: never)")
        int readTimeoutMillis = ServerConfig.DEFAULT_READ_TIMEOUT_MILLIS;
        @Option(names = "--eventLoops", paramLabel = "N", description = "Selector threads, SELECTOR only (default ${DEFAULT-VALUE})")
        int eventLoops = ServerConfig.DEFAULT_EVENT_LOOPS;
        @Option(names = "--stopOnStdinEof", description = "stop when standard input ends (a parent that holds the pipe)")
        boolean stopOnStdinEof;

        /** The bind address, checked: null for loopback (not given), never a wildcard. */
        private InetAddress bindAddress;

        @Override
        public void check() {
            if (bind != null) {
                try {
                    bindAddress = InetAddress.getByName(bind);
                } catch (UnknownHostException e) {
                    throw Cli.invalid("--bind", bind, "is an unknown host");
                }
                if (bindAddress.isAnyLocalAddress()) {
                    throw Cli.invalid("--bind", bind, "is a wildcard address; give the one address to listen on (default: loopback)");
                }
            }
            Cli.range("--port", port, 0, 0xFFFF);
            Cli.range("--sndBuf", sndBuf, 0, Integer.MAX_VALUE);
            Cli.range("--rcvBuf", rcvBuf, 0, Integer.MAX_VALUE);
            Cli.range("--linger", linger, -1, 65_535);
            if (!List.of("true", "false", "default").contains(tcpNoDelay)) {
                throw Cli.invalid("--tcpNoDelay", tcpNoDelay, "is not true, false or default (not set)");
            }
            Cli.range("--backlog", backlog, 1, Integer.MAX_VALUE);
            Cli.range("--maxFrameBytes", maxFrameBytes, 0, Integer.MAX_VALUE);
            Cli.range("--eventLoops", eventLoops, 1, 1024);
            Cli.range("--maxBufferedBytes", maxBufferedBytes, 1, Long.MAX_VALUE);
            Cli.range("--readTimeoutMillis", readTimeoutMillis, 0, Integer.MAX_VALUE);
        }

        Options options() {
            SocketTuning tuning = SocketTuning.DEFAULTS.withSendBuffer(sndBuf == 0 ? null : sndBuf)
                    .withReceiveBuffer(rcvBuf == 0 ? null : rcvBuf)
                    .withTcpNoDelay(tcpNoDelay.equals("default") ? null : Boolean.valueOf(tcpNoDelay))
                    .withLingerSeconds(linger < 0 ? null : linger);
            return new Options(server, new ServerConfig(Transport.TCP, tuning, backlog, maxFrameBytes, eventLoops, bindAddress, port,
                    maxBufferedBytes, readTimeoutMillis), stopOnStdinEof);
        }
    }

    private Main() {
    }

    /** The command line of {@code arguments}; model names in any case, and each option at most once. */
    static CommandLine commandLine(Arguments arguments) {
        return Cli.commandLine(arguments).setCaseInsensitiveEnumValuesAllowed(true);
    }

    public static void main(String[] args) {
        Arguments a = new Arguments();
        OptionalInt done = Cli.parse(commandLine(a), args, System.out, System.err, PREFIX);
        if (done.isPresent()) {
            System.exit(done.getAsInt());
            return;
        }
        Options o = a.options();
        String unavailable = o.model().unavailableReason();
        if (unavailable != null) {
            System.err.println(PREFIX + "error: --server " + o.model() + ": " + unavailable);
            System.exit(EXIT_USAGE);
        }
        Server server;
        try {
            server = o.model().start(o.config());
        } catch (IOException | RuntimeException e) {
            System.err.println(PREFIX + "error: cannot listen on " + o.config().newBindAddress() + ": " + e.getMessage());
            System.exit(EXIT_CANNOT_LISTEN);
            return;
        }
        System.exit(serve(server, o.stopOnStdinEof(), System.in, System.out));
    }

    /** Parses {@code --name value} and {@code --name=value} options; a {@link Cli.UsageError} names a bad one. */
    static Options parse(String... args) {
        Arguments a = new Arguments();
        Cli.parseOrThrow(commandLine(a), args);
        return a.options();
    }

    /**
     * Announces {@code server}, then waits until stdin ends (with {@code stopOnStdinEof}) or the JVM
     * shuts down (SIGTERM), closing the server either way; returns the exit status.
     */
    static int serve(Server server, boolean stopOnStdinEof, InputStream stdin, PrintStream out) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> stop(server, out, stopped), "nettune-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(LISTENING + hostPort(server.address()) + " (" + describe(server) + ", pid " + ProcessHandle.current().pid()
                + ", Java " + Runtime.version() + ")");
        out.flush();
        if (!stopOnStdinEof) {
            awaitQuietly(stopped); // until the shutdown hook has closed the server
            return 0;
        }
        try {
            while (stdin.read() >= 0) {
                // The parent writes nothing; reading only waits for the pipe's end.
            }
        } catch (IOException e) {
            // A broken pipe is an end too: the parent is gone.
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            awaitQuietly(stopped); // already shutting down: the hook closes the server
            return 0;
        }
        stop(server, out, stopped);
        return 0;
    }

    private static void stop(Server server, PrintStream out, CountDownLatch stopped) {
        try {
            server.close();
            out.println("nettune server: stopped cleanly: " + server.stats());
        } catch (RuntimeException e) {
            out.println("nettune server: stopped with an error: " + e.getMessage());
        } finally {
            out.flush();
            stopped.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // main thread interrupted: nothing left to wait for
        }
    }

    /** "server=SELECTOR sndBuf=auto rcvBuf=auto tcpNoDelay=true ...": what the server serves with. */
    static String describe(Server server) {
        SocketTuning t = server.config().tuning();
        return "server=" + server.model() + " sndBuf=" + auto(t.sendBuffer()) + " rcvBuf=" + auto(t.receiveBuffer())
                + " tcpNoDelay=" + (t.tcpNoDelay() == null ? "default" : t.tcpNoDelay())
                + " linger=" + (t.lingerSeconds() == null ? "default" : t.lingerSeconds())
                + " maxFrameBytes=" + server.config().maxFrameBytes()
                + " maxBufferedBytes=" + server.config().maxBufferedBytes()
                + " readTimeoutMillis=" + server.config().readTimeoutMillis()
                + (server.model() == ServerModel.SELECTOR ? " eventLoops=" + server.config().eventLoops() : "");
    }

    private static String auto(Integer v) {
        return v == null ? "auto" : v.toString();
    }

    /** "127.0.0.1:41234", "[::1]:41234". */
    public static String hostPort(java.net.SocketAddress a) {
        InetSocketAddress i = (InetSocketAddress) a;
        String host = i.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + i.getPort();
    }

    /** {@link #hostPort} for an IP address, the path (or "unnamed") for a Unix-domain socket. */
    static String hostPortOrPath(java.net.SocketAddress a) {
        if (a instanceof InetSocketAddress && ((InetSocketAddress) a).getAddress() != null) {
            return hostPort(a);
        }
        String s = a.toString();
        return s.isEmpty() ? "an unnamed Unix-domain socket" : s;
    }
}
