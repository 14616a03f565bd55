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
 *     [--maxFrameBytes 16777216] [--eventLoops 1] [--stopOnStdinEof]
 * </pre>
 * Options are named as the benchmarks' parameters: {@code server} a {@link ServerModel};
 * {@code sndBuf} (on accepted sockets) and {@code rcvBuf} (on the listener before bind, inherited
 * by accepted sockets) in bytes, 0 = not set (autotuning); {@code linger} -1 = not set.
 * {@code --stopOnStdinEof} stops the server when its standard input ends: a benchmark that started
 * it holds the pipe, so the server cannot outlive it. Exit status: 0 stopped by stdin's end, 143
 * after SIGTERM (the JVM's), 1 cannot listen, 2 bad options.
 */
public final class Main {
    /** First word of the line that says where the server listens: "listening on HOST:PORT (...)". */
    public static final String LISTENING = "nettune server: listening on ";
    static final int EXIT_CANNOT_LISTEN = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = "usage: java -cp benchmarks.jar dev.nettune.server.Main [--server " + List.of(ServerModel.values())
            + "] [--bind ADDRESS (default loopback)] [--port N (0: any)] [--sndBuf BYTES (0: autotuning)] [--rcvBuf BYTES (0: autotuning)]"
            + " [--tcpNoDelay true|false|default] [--linger SECONDS (-1: not set)] [--backlog N] [--maxFrameBytes N] [--eventLoops N] [--stopOnStdinEof]";

    /** The options, parsed; see the class comment. */
    record Options(ServerModel model, ServerConfig config, boolean stopOnStdinEof) {
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

    /** Parses {@code --name value} and {@code --name=value} options; IllegalArgumentException names a bad one. */
    static Options parse(String... args) {
        Map<String, String> v = new LinkedHashMap<>();
        boolean stopOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--stopOnStdinEof")) {
                stopOnStdinEof = true;
                continue;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String name;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                name = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                name = a.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (!List.of("server", "bind", "port", "sndBuf", "rcvBuf", "tcpNoDelay", "linger", "backlog", "maxFrameBytes",
                    "eventLoops").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
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
                number(v, "eventLoops", ServerConfig.DEFAULT_EVENT_LOOPS, 1, 1024), bind, port);
        return new Options(model, config, stopOnStdinEof);
    }

    private static int number(Map<String, String> v, String name, int dflt, int min, int max) {
        String s = v.get(name);
        if (s == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(s);
            if (n < min || n > max) {
                throw new IllegalArgumentException("--" + name + " " + s + ": must be " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " " + s + ": not a whole number");
        }
    }
}
