package dev.nettune.placement;

import dev.nettune.host.ProcessProbe;
import dev.nettune.server.RemoteServer;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.server.ServerStats;
import dev.nettune.server.StatsReply;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A PlacedServer is a benchmark's server where its {@link Placement} says, other than in process:
 * a {@link ServerProcess} on loopback ({@code process}) or inside a {@link Netns} ({@code netns}),
 * or a server someone else runs ({@code remote=HOST:PORT}); the benchmark sees it as a
 * {@link Server} through a {@link RemoteServer} control connection. {@link #close()} undoes in
 * reverse: the control connection, the server JVM (SIGTERM), the namespace and its link; until
 * then it is registered with {@link Cleanup}, so a JVM that exits on a failure undoes it too.
 */
public final class PlacedServer implements Server {
    /**
     * How the line that says why a placed server ended a fork starts (a server JVM stopped, a link
     * down for longer than the stall bound): the runner takes what follows as the fork's reason, before
     * JMH's own "VM prematurely exited".
     */
    public static final String FAULT_PREFIX = "nettune placement fault: ";

    private final Placement placement;
    private final RemoteServer remote;
    private final ServerProcess process;
    private final Netns netns;
    private final Consumer<String> log;
    private ServerWatch watch;
    private boolean closed;

    private PlacedServer(Placement placement, RemoteServer remote, ServerProcess process, Netns netns, Consumer<String> log) {
        this.placement = placement;
        this.remote = remote;
        this.process = process;
        this.netns = netns;
        this.log = log;
    }

    /**
     * Why {@code placement} cannot serve {@code model} with {@code config} here, as far as can be told
     * before trying, or null: the server model's own reason (virtual threads before JDK 21), a
     * transport the standalone server does not serve, or what a namespace needs.
     */
    public static String unavailableReason(Placement placement, ServerModel model, ServerConfig config) {
        if (placement.inProcess()) {
            return null;
        }
        if (config.transport() != Transport.TCP) {
            return "placement " + placement + " serves TCP only: a Unix-domain socket does not leave this process's host"
                    + " filesystem and the standalone server listens on TCP";
        }
        if (placement.kind() != Placement.Kind.REMOTE && model.unavailableReason() != null) {
            return "server model " + model + ": " + model.unavailableReason();
        }
        if (placement.kind() == Placement.Kind.NETNS) {
            String why = Netns.unavailableReason(placement.rate() != null || placement.delay() != null);
            return why == null ? null : "placement " + placement + ": " + why;
        }
        return null;
    }

    /**
     * Starts {@code model} with {@code config} where {@code placement} says: in this process (the
     * server itself is returned), or elsewhere (a PlacedServer).
     *
     * @param log where the server JVM's output and what was set up go, one line at a time
     * @throws PlacementUnavailableException when the placement cannot be had here, or a remote
     *         server serves another model or other socket options than the point asks for
     */
    public static Server start(Placement placement, ServerModel model, ServerConfig config, Consumer<String> log) throws IOException {
        return start(placement, model, config, log, ServerWatch.boundMillis(), ServerWatch::endFork);
    }

    /**
     * As {@link #start(Placement, ServerModel, ServerConfig, Consumer)}, with the stall bound and the
     * stall action given: a server JVM that has been stopped, or a link that has been down, for longer
     * than {@code stallMillis} is logged, {@code onStall} gets the reason, and the server is killed. A benchmark
     * fork ends itself ({@link ServerWatch#endFork}); a test records the reason.
     */
    static Server start(Placement placement, ServerModel model, ServerConfig config, Consumer<String> log, long stallMillis,
                        Consumer<String> onStall) throws IOException {
        if (placement.inProcess()) {
            return model.start(config);
        }
        String why = unavailableReason(placement, model, config);
        if (why != null) {
            throw new PlacementUnavailableException(why);
        }
        switch (placement.kind()) {
            case PROCESS: {
                ServerProcess p = ServerProcess.start(List.of(), model, config.withBind(InetAddress.getLoopbackAddress(), 0), log);
                return connect(placement, p, null, log, stallMillis, onStall);
            }
            case NETNS: {
                Netns ns = Netns.create(placement.rate(), placement.delay());
                ServerProcess p = null;
                try {
                    log.accept("nettune placement: " + ns.describe());
                    p = ServerProcess.start(ns.inside(List.of()), model, config.withBind(ns.nsAddress(), 0), log);
                    return connect(placement, p, ns, log, stallMillis, onStall);
                } catch (IOException | RuntimeException e) {
                    closeQuietly(p);
                    closeQuietly(ns);
                    throw e;
                }
            }
            case REMOTE: {
                InetSocketAddress at = new InetSocketAddress(placement.host(), placement.port());
                if (at.isUnresolved()) {
                    throw new IOException("placement " + placement + ": unknown host " + placement.host());
                }
                RemoteServer r = RemoteServer.connect(at);
                String mismatch = mismatch(r.first(), model, config.tuning());
                if (mismatch != null) {
                    r.close();
                    throw new PlacementUnavailableException("the server at " + placement.host() + ":" + placement.port() + " " + mismatch);
                }
                PlacedServer s = new PlacedServer(placement, r, null, null, log);
                Cleanup.register(s);
                return s;
            }
            default:
                throw new AssertionError(placement);
        }
    }

    private static PlacedServer connect(Placement placement, ServerProcess p, Netns ns, Consumer<String> log, long stallMillis,
                                        Consumer<String> onStall) throws IOException {
        RemoteServer r;
        try {
            r = RemoteServer.connect(p.address());
        } catch (IOException | RuntimeException e) {
            closeQuietly(p);
            throw e;
        }
        PlacedServer s = new PlacedServer(placement, r, p, ns, log);
        Cleanup.register(s);
        s.watch = new ServerWatch(Long.toString(p.pid()), stallMillis, s::stall,
                p::exitDescription, how -> log.accept("nettune placement: the server JVM (pid " + p.pid() + ") " + how
                        + " while the point ran"), why -> s.stalled(why, onStall));
        return s;
    }

    /** What keeps the server from answering now (stopped, its link down), or null. */
    private String stall() {
        if (process.stopped()) {
            return "the server JVM (pid " + process.pid() + ") has been stopped (state T: SIGSTOP or a debugger)";
        }
        if (netns != null) {
            String state = ServerWatch.linkState(netns.hostLink());
            if (!state.equals("up") && !state.equals("unknown")) {
                return "the link " + netns.hostLink() + " to namespace " + netns.name() + " has been " + state
                        + " (operstate) with the server behind it";
            }
        }
        return null;
    }

    /**
     * A stall outlasted its bound: says so, hands the reason on, then kills the server JVM (it cannot
     * answer). In a fork the action exits first, so the client stays blocked until the JVM goes and
     * the fork's end is the fault's, not a reset the kill would cause; the shutdown hook kills the
     * stopped server then ({@link ServerProcess#close()}).
     */
    private void stalled(String why, Consumer<String> onStall) {
        String reason = "placement " + placement + ": " + why;
        log.accept(ServerWatch.FAULT_PREFIX + reason);
        try {
            onStall.accept(reason);
        } finally {
            process.kill();
        }
    }

    /** How a running server differs from what the point needs (model, socket options), or null when it does not. */
    static String mismatch(StatsReply r, ServerModel model, SocketTuning wanted) {
        SocketTuning has = r.config().tuning();
        boolean same = r.model() == model && Objects.equals(has.sendBuffer(), wanted.sendBuffer())
                && Objects.equals(has.receiveBuffer(), wanted.receiveBuffer()) && Objects.equals(has.tcpNoDelay(), wanted.tcpNoDelay())
                && Objects.equals(has.lingerSeconds(), wanted.lingerSeconds());
        if (same) {
            return null;
        }
        return "serves " + options(r.model(), has) + "; this point needs " + options(model, wanted)
                + ": start one with dev.nettune.server.Main "
                + String.join(" ", ServerProcess.tuningArgs(model, wanted));
    }

    private static String options(ServerModel m, SocketTuning t) {
        return "server=" + m + " sndBuf=" + (t.sendBuffer() == null ? "auto" : t.sendBuffer()) + " rcvBuf="
                + (t.receiveBuffer() == null ? "auto" : t.receiveBuffer()) + " tcpNoDelay=" + (t.tcpNoDelay() == null ? "default" : t.tcpNoDelay())
                + " linger=" + (t.lingerSeconds() == null ? "default" : t.lingerSeconds());
    }

    /** Where the server runs and what carries the traffic, as fields for the run's record. */
    public Map<String, Object> record() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("placement", placement.toString());
        m.put("address", dev.nettune.server.Main.hostPort(remote.address()));
        StatsReply first = remote.first();
        m.put("serverPid", first.pid());
        m.put("serverJava", first.java());
        m.put("server", first.model().name());
        if (process != null) {
            m.put("serverCommand", String.join(" ", process.command()));
        }
        if (netns != null) {
            m.put("namespace", netns.name());
            m.put("link", netns.describe());
            m.put("mtu", Netns.MTU);
        }
        return m;
    }

    /** The placement as its text form. */
    public Placement placement() {
        return placement;
    }

    @Override
    public SocketAddress address() {
        return remote.address();
    }

    @Override
    public ServerModel model() {
        return remote.model();
    }

    @Override
    public ServerConfig config() {
        return remote.config();
    }

    @Override
    public ServerStats stats() {
        return remote.stats();
    }

    @Override
    public EffectiveOptions listenerOptions() {
        return remote.listenerOptions();
    }

    @Override
    public EffectiveOptions acceptedOptions() {
        return remote.acceptedOptions();
    }

    /**
     * Threads the server runs, asked once as a measurement ends; -1 (unknown) when it does not answer in
     * time: with thousands of busy threads on two cores a thread-per-connection server missed a control
     * request's 10 s (4,000 connections, docs/evidence/scale/thread-per-connection.md), and a count is
     * not worth a fork. The JVM's own thread count is {@code serverProcessThreads}, read from /proc.
     */
    @Override
    public int threadCount() {
        try {
            return remote.threadCount();
        } catch (UncheckedIOException e) {
            log.accept("nettune placement: the server's thread count is unknown: " + e.getMessage());
            return -1;
        }
    }

    /**
     * For a server JVM of ours, the whole JVM's CPU time from /proc (its JIT and GC included), never asked,
     * so a server too busy to answer still gets read as each measurement begins and ends; a remote server is asked.
     */
    @Override
    public long cpuNanos() {
        long ns = process == null ? -1 : ProcessProbe.cpuNanos(process.pid());
        return ns >= 0 ? ns : remote.cpuNanos();
    }

    /** Closes the control connection, stops the server JVM, logs the link's qdisc counters, removes the namespace. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Cleanup.unregister(this);
        if (watch != null) {
            watch.close(); // first: the server's end below is asked for, not a fault
        }
        RuntimeException failure = null;
        try {
            remote.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            if (process != null) {
                process.close();
            }
        } catch (IOException e) {
            failure = failure != null ? failure : new UncheckedIOException(e);
        }
        if (netns != null) {
            String qdisc = netns.qdiscStats();
            if (!qdisc.isEmpty()) {
                log.accept("nettune placement: qdisc counters at the end: " + qdisc);
            }
            try {
                netns.close();
            } catch (IOException e) {
                failure = failure != null ? failure : new UncheckedIOException(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("nettune placement: while undoing a failed start: " + e.getMessage()); // the start's own error is thrown
        }
    }
}
