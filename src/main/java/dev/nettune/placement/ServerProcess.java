package dev.nettune.placement;

import dev.nettune.server.Main;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A ServerProcess is a standalone nettune server ({@link Main}) in a JVM of its own, started by
 * this one: the same {@code java} and class path, and this JVM's own flags (heap, GC, a variant's
 * {@code -D}/{@code -XX} settings) less those that belong to the benchmark harness (JMH's and
 * nettune's properties, agents, compile-command and recording files) — so the server runs on the
 * JVM the result is labelled with. It may be started inside a network namespace. Its output is
 * passed to a log line by line; it stops when {@link #close()} sends SIGTERM, and on its own when
 * this JVM dies (it reads the end of its standard input, the pipe this JVM holds).
 */
final class ServerProcess implements AutoCloseable {
    /** How long a server JVM may take to say where it listens. */
    static final long START_SECONDS = 60;
    /** How long close() waits after SIGTERM before killing it. */
    static final long STOP_SECONDS = 10;

    private final Process process;
    private final InetSocketAddress address;
    private final Thread pump;
    private final List<String> command;
    private boolean closed;

    private ServerProcess(Process process, InetSocketAddress address, Thread pump, List<String> command) {
        this.process = process;
        this.address = address;
        this.pump = pump;
        this.command = command;
    }

    /**
     * Starts a server JVM for {@code model} and {@code config} (bind address included), its command
     * prefixed by {@code prefix} (e.g. {@code ip netns exec <name>}), and waits until it listens.
     */
    static ServerProcess start(List<String> prefix, ServerModel model, ServerConfig config, Consumer<String> log) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serverJvmArgs(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(mainArgs(model, config));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
        StringBuilder early = new StringBuilder();
        Thread pump = new Thread(() -> pump(p, log, listening, early), "nettune-server-output-" + p.pid());
        pump.setDaemon(true);
        pump.start();
        ServerProcess sp;
        try {
            InetSocketAddress address = listening.get(START_SECONDS, TimeUnit.SECONDS);
            sp = new ServerProcess(p, address, pump, command);
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            String output;
            synchronized (early) {
                output = early.toString().strip();
            }
            throw new IOException("the server JVM did not start listening" + (e instanceof TimeoutException ? " within "
                    + START_SECONDS + " s" : "") + " (" + String.join(" ", command) + ")" + (output.isEmpty() ? "" : ": " + output));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the server JVM started");
        }
        return sp;
    }

    /** Copies the server's output to {@code log}; completes {@code listening} with the address it announces. */
    private static void pump(Process p, Consumer<String> log, CompletableFuture<InetSocketAddress> listening, StringBuilder early) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.accept("[server pid " + p.pid() + "] " + line);
                if (!listening.isDone()) {
                    synchronized (early) {
                        early.append(line).append(' ');
                    }
                    if (line.startsWith(Main.LISTENING)) {
                        listening.complete(parseAddress(line.substring(Main.LISTENING.length())));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(e); // the stream broke: the process is gone or going
        }
        listening.completeExceptionally(new IOException("the server JVM exited"));
    }

    /** "127.0.0.1:41234 (...)" or "[::1]:41234 (...)" to an address. */
    static InetSocketAddress parseAddress(String rest) {
        String hp = rest.split(" ", 2)[0];
        int colon = hp.lastIndexOf(':');
        String host = hp.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(hp.substring(colon + 1)));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an address: " + hp, e);
        }
    }

    /** The JVM flags a server JVM inherits from this one: all but the harness's own (see the class comment). */
    static List<String> serverJvmArgs(List<String> inputArguments) {
        List<String> out = new ArrayList<>();
        for (String a : inputArguments) {
            boolean harness = a.startsWith("-Djmh.") || a.startsWith("-Dnettune.") || a.startsWith("-javaagent")
                    || a.startsWith("-agentlib") || a.startsWith("-agentpath") || a.startsWith("-Xrunjdwp")
                    || a.startsWith("-XX:CompileCommandFile") || a.startsWith("-XX:StartFlightRecording")
                    || a.startsWith("-XX:FlightRecorderOptions") || a.startsWith("-XX:LogFile") || a.equals("-XX:+LogCompilation")
                    || a.equals("-XX:+PrintAssembly") || a.startsWith("-Djava.class.path") || a.startsWith("-Dsun.java.command");
            if (!harness) {
                out.add(a);
            }
        }
        return out;
    }

    /** Main's options for {@code model} and {@code config}: the benchmark's own parameter names. */
    static List<String> mainArgs(ServerModel model, ServerConfig config) {
        InetAddress bind = config.bindAddress() != null ? config.bindAddress() : InetAddress.getLoopbackAddress();
        List<String> args = new ArrayList<>(tuningArgs(model, config.tuning()));
        args.addAll(List.of("--bind", bind.getHostAddress(), "--port", Integer.toString(config.port()),
                "--backlog", Integer.toString(config.backlog()), "--maxFrameBytes", Integer.toString(config.maxFrameBytes()),
                "--eventLoops", Integer.toString(config.eventLoops()), "--stopOnStdinEof"));
        return args;
    }

    /** Main's options that choose the server model and its socket options, as a point sets them. */
    static List<String> tuningArgs(ServerModel model, SocketTuning t) {
        return List.of("--server", model.name(),
                "--sndBuf", t.sendBuffer() == null ? "0" : t.sendBuffer().toString(),
                "--rcvBuf", t.receiveBuffer() == null ? "0" : t.receiveBuffer().toString(),
                "--tcpNoDelay", t.tcpNoDelay() == null ? "default" : t.tcpNoDelay().toString(),
                "--linger", t.lingerSeconds() == null ? "-1" : t.lingerSeconds().toString());
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    /** The command that started it, for the record. */
    List<String> command() {
        return command;
    }

    /** Whether the server JVM is stopped (SIGSTOP, or a debugger's trace stop). */
    boolean stopped() {
        String state = ServerWatch.processState(process.pid());
        return "T".equals(state) || "t".equals(state);
    }

    /** How the server JVM ended ("exited with status 137 (SIGKILL)"), or null while it runs. */
    String exitDescription() {
        if (process.isAlive()) {
            return null;
        }
        int status = process.exitValue();
        return "exited with status " + status + (status > 128 && status < 128 + 65 ? " (signal " + (status - 128)
                + signalName(status - 128) + ")" : "");
    }

    private static String signalName(int signal) {
        switch (signal) {
            case 9:
                return ", SIGKILL";
            case 15:
                return ", SIGTERM";
            case 6:
                return ", SIGABRT";
            case 11:
                return ", SIGSEGV";
            default:
                return "";
        }
    }

    /** SIGKILL, now, and up to {@link #STOP_SECONDS} for it to be gone: for a server that cannot stop on its own (stopped, hung). */
    synchronized void kill() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroyForcibly();
        try {
            process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            pump.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
            process.getOutputStream().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the pipe to a killed process: nothing to flush, closing cannot matter
        }
    }

    /**
     * SIGTERM, then up to {@link #STOP_SECONDS} for a clean stop, then SIGKILL; waits for its output to end.
     * A stopped server (SIGSTOP) is killed at once: it would not see SIGTERM until continued.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        if (stopped()) {
            kill();
            return;
        }
        closed = true;
        // SIGTERM through the handle: Process.destroy() would also close the output pipe, and the
        // server's last lines (its counters) would be lost.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
                throw new IOException("the server JVM (pid " + process.pid() + ") did not stop within " + STOP_SECONDS
                        + " s of SIGTERM and was killed");
            }
            pump.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
            process.getOutputStream().close(); // the stdin pipe this JVM held for --stopOnStdinEof
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the server JVM stopped");
        }
    }
}
