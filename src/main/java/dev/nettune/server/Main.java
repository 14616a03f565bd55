package dev.nettune.server;

import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

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
 * error, is logged on stderr with its peer (rate-limited, {@link ServerLog}). {@link #OPTIONS} is the
 * option table that {@code --help} prints. Exit status: 0 stopped by stdin's end or after
 * {@code --help}, 143 after SIGTERM (the JVM's), 1 cannot listen, 2 bad options.
 */
public final class Main {
    /** First word of the line that says where the server listens: "listening on HOST:PORT (...)". */
    public static final String LISTENING = "nettune server: listening on ";
    static final int EXIT_CANNOT_LISTEN = 1;
    static final int EXIT_USAGE = 2;

    static final int EXIT_HELP = 0;

    /** One option: its name, what its value looks like (null: a flag), and what it does with its default. */
    record Option(String name, String value, String help) {
    }

    /** Every option, in the order {@code --help} lists them. */
    static final List<Option> OPTIONS = List.of(
            new Option("server", "MODEL", "server model, one of " + List.of(ServerModel.values()) + " (default SELECTOR)"),
            new Option("bind", "ADDRESS", "the one address to listen on (default loopback; never a wildcard)"),
            new Option("port", "N", "TCP port (default 0: any free one, printed on start)"),
            new Option("sndBuf", "BYTES", "SO_SNDBUF of accepted sockets (default 0: not set, autotuning)"),
            new Option("rcvBuf", "BYTES", "SO_RCVBUF of the listener, inherited by accepted sockets (default 0: autotuning)"),
            new Option("tcpNoDelay", "true|false|default", "TCP_NODELAY of accepted sockets (default true)"),
            new Option("linger", "SECONDS", "SO_LINGER of accepted sockets (default -1: not set)"),
            new Option("backlog", "N", "listen backlog (default " + ServerConfig.DEFAULT_BACKLOG + ")"),
            new Option("maxFrameBytes", "BYTES", "largest payload accepted; a larger header closes the connection (default "
                    + ServerConfig.DEFAULT_MAX_FRAME_BYTES + ")"),
            new Option("maxBufferedBytes", "BYTES", "memory budget of all connections' read buffers together; a connection whose"
                    + " frame would pass it is closed and logged (default " + ServerConfig.DEFAULT_MAX_BUFFERED_BYTES + ")"),
            new Option("readTimeoutMillis", "MS", "close a connection that sends no byte for this long in the middle of a frame;"
                    + " idle connections between frames are kept (default " + ServerConfig.DEFAULT_READ_TIMEOUT_MILLIS + ", 0: never)"),
            new Option("eventLoops", "N", "Selector threads, SELECTOR only (default " + ServerConfig.DEFAULT_EVENT_LOOPS + ")"),
            new Option("stopOnStdinEof", null, "stop when standard input ends (a parent that holds the pipe)"),
            new Option("help", null, "print this and exit"));

    static final String USAGE = "usage: java -cp benchmarks.jar dev.nettune.server.Main " + OPTIONS.stream()
            .map(o -> "[--" + o.name() + (o.value() == null ? "" : " " + o.value()) + "]").collect(Collectors.joining(" "));

    /** The usage line and a line per option, for {@code --help}. */
    static String help() {
        StringBuilder b = new StringBuilder(USAGE).append("\n\nThe standalone nettune server; serves until SIGTERM. Options:\n");
        for (Option o : OPTIONS) {
            b.append(String.format("  %-40s %s%n", "--" + o.name() + (o.value() == null ? "" : " " + o.value()), o.help()));
        }
        return b.append("Exit status: 0 after --help or stdin's end (--stopOnStdinEof), 143 after SIGTERM, 1 cannot listen,"
                + " 2 bad options.").toString();
    }

    /** The options, parsed; see the class comment. {@code help}: only print the help. */
    record Options(ServerModel model, ServerConfig config, boolean stopOnStdinEof, boolean help) {
    }

    private Main() {
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("nettune server: error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (o.help()) {
            System.out.println(help());
            System.exit(EXIT_HELP);
            return;
        }
        String unavailable = o.model().unavailableReason();
        if (unavailable != null) {
            System.err.println("nettune server: error: --server " + o.model() + ": " + unavailable);
            System.exit(EXIT_USAGE);
        }
        Server server;
        try {
            server = o.model().start(o.config());
        } catch (IOException | RuntimeException e) {
            System.err.println("nettune server: error: cannot listen on " + o.config().newBindAddress() + ": " + e.getMessage());
            System.exit(EXIT_CANNOT_LISTEN);
            return;
        }
        System.exit(serve(server, o.stopOnStdinEof(), System.in, System.out));
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

    /** Parses {@code --name value} and {@code --name=value} options; IllegalArgumentException names a bad one. */
    static Options parse(String... args) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean stopOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                return new Options(ServerModel.SELECTOR, ServerConfig.DEFAULT, false, true);
            }
            if (a.equals("--stopOnStdinEof")) {
                stopOnStdinEof = true;
                continue;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (options are --name value; --help lists them)");
            }
            String name;
            String value;
            int eq = a.indexOf('=');
            name = eq > 0 ? a.substring(2, eq) : a.substring(2);
            Option option = OPTIONS.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
            if (option == null) {
                throw new IllegalArgumentException("unknown option --" + name + "; valid: " + OPTIONS.stream()
                        .map(o -> "--" + o.name()).collect(Collectors.joining(" ")));
            }
            if (option.value() == null) {
                throw new IllegalArgumentException("--" + name + " takes no value");
            }
            if (eq > 0) {
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value (" + option.value() + ")");
                }
                value = args[++i];
            }
            if (v.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        ServerModel model = ServerModel.parse(v.getOrDefault("server", ServerModel.SELECTOR.name()).toUpperCase(Locale.ROOT));
        InetAddress bind = null;
        if (v.containsKey("bind")) {
            try {
                bind = InetAddress.getByName(v.get("bind"));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--bind " + v.get("bind") + ": unknown host");
            }
            if (bind.isAnyLocalAddress()) {
                throw new IllegalArgumentException("--bind " + v.get("bind") + " is a wildcard address; give the one address to"
                        + " listen on (default: loopback)");
            }
        }
        int port = number(v, "port", 0, 0, 0xFFFF);
        int sndBuf = number(v, "sndBuf", 0, 0, Integer.MAX_VALUE);
        int rcvBuf = number(v, "rcvBuf", 0, 0, Integer.MAX_VALUE);
        int linger = number(v, "linger", -1, -1, 65_535);
        String noDelay = v.getOrDefault("tcpNoDelay", "true");
        if (!noDelay.equals("true") && !noDelay.equals("false") && !noDelay.equals("default")) {
            throw new IllegalArgumentException("--tcpNoDelay " + noDelay + ": true, false or default (not set)");
        }
        SocketTuning tuning = SocketTuning.DEFAULTS.withSendBuffer(sndBuf == 0 ? null : sndBuf)
                .withReceiveBuffer(rcvBuf == 0 ? null : rcvBuf)
                .withTcpNoDelay(noDelay.equals("default") ? null : Boolean.valueOf(noDelay))
                .withLingerSeconds(linger < 0 ? null : linger);
        ServerConfig config = new ServerConfig(Transport.TCP, tuning,
                number(v, "backlog", ServerConfig.DEFAULT_BACKLOG, 1, Integer.MAX_VALUE),
                number(v, "maxFrameBytes", ServerConfig.DEFAULT_MAX_FRAME_BYTES, 0, Integer.MAX_VALUE),
                number(v, "eventLoops", ServerConfig.DEFAULT_EVENT_LOOPS, 1, 1024), bind, port,
                number(v, "maxBufferedBytes", ServerConfig.DEFAULT_MAX_BUFFERED_BYTES, 1, Long.MAX_VALUE),
                number(v, "readTimeoutMillis", ServerConfig.DEFAULT_READ_TIMEOUT_MILLIS, 0, Integer.MAX_VALUE));
        return new Options(model, config, stopOnStdinEof, false);
    }

    private static int number(Map<String, String> v, String name, int dflt, int min, int max) {
        return (int) number(v, name, (long) dflt, min, (long) max);
    }

    private static long number(Map<String, String> v, String name, long dflt, long min, long max) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException("--" + name + " " + s + ": must be " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + s + ": not a whole number");
        }
    }
}
