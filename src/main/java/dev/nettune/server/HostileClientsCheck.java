package dev.nettune.server;

import dev.nettune.client.StreamConnection;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * HostileClientsCheck is the hostile-client check of issue #19, run against the standalone server
 * ({@link Main}) in a JVM of its own, as a user would start it: it opens {@value #FIRST_WAVE} and then
 * {@value #SECOND_WAVE} connections that each send one valid header announcing a 16 MiB frame (the
 * default cap) and then nothing, and reports the server's resident memory (VmRSS, and the peak
 * VmHWM, from /proc), the latency of valid verified requests served meanwhile (coarse: median and
 * maximum of {@value #VALID_REQUESTS}), how long the read timeout takes to close the first wave, and
 * how long the server takes to exit after SIGTERM with the second wave still stalled. A memory and
 * liveness check, not a benchmark: the latencies say "still served", not how fast.
 *
 * <p>A class in the server package rather than a test: it runs from benchmarks.jar on any JDK
 * (scripts/hostile-clients.sh runs it per model and JDK), with no test class path.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.nettune.server.HostileClientsCheck MODEL [SERVER_JAVA] [-- server options]
 * </pre>
 * Prints one line per phase and a summary line starting with {@value #SUMMARY}; exit status 0 when
 * the resident memory stayed under {@value #RSS_BOUND_MIB} MiB, every valid request was answered and
 * the server exited within {@value #STOP_BOUND_MILLIS} ms of SIGTERM; 1 otherwise; 2 bad arguments.
 */
public final class HostileClientsCheck {
    static final int FIRST_WAVE = 300;
    static final int SECOND_WAVE = 3_000;
    /** What each hostile header announces: the default frame cap, so the header is valid. */
    static final int ANNOUNCED = ServerConfig.DEFAULT_MAX_FRAME_BYTES;
    static final int VALID_REQUESTS = 40;
    static final int VALID_PAYLOAD = 1_000;
    /** The bound the server's resident memory must stay under (issue #19). */
    static final long RSS_BOUND_MIB = 256;
    /** SIGTERM to exit: close()'s own bound (5 s) plus JVM shutdown. */
    static final long STOP_BOUND_MILLIS = 10_000;
    /** How long the server may take to accept a wave (it stops waiting when the read timeout starts closing them). */
    static final long ACCEPT_WAIT_MILLIS = 30_000;
    /** How long the server may take to read every hostile header once accepted, before memory is measured. */
    static final long SETTLE_MILLIS = 500;
    static final String SUMMARY = "hostile-clients: ";

    private HostileClientsCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: java -cp benchmarks.jar dev.nettune.server.HostileClientsCheck MODEL [SERVER_JAVA] [-- server options]");
            System.exit(2);
        }
        ServerModel model;
        try {
            model = ServerModel.parse(args[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("hostile-clients: error: " + e.getMessage());
            System.exit(2);
            return;
        }
        int rest = 1;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (args.length > 1 && !args[1].equals("--")) {
            java = args[1];
            rest = 2;
        }
        List<String> serverOptions = new ArrayList<>();
        if (args.length > rest && args[rest].equals("--")) {
            serverOptions.addAll(Arrays.asList(args).subList(rest + 1, args.length));
        }
        System.exit(run(model, java, serverOptions) ? 0 : 1);
    }

    private static boolean run(ServerModel model, String java, List<String> serverOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--server", model.name()));
        cmd.addAll(serverOptions);
        Process server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        boolean ok = true;
        List<Socket> hostile = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith(Main.LISTENING)) {
                System.out.println(SUMMARY + model + ": the server did not start: " + line);
                return false;
            }
            System.out.println(line);
            String hostPort = line.substring(Main.LISTENING.length(), line.indexOf(' ', Main.LISTENING.length()));
            int colon = hostPort.lastIndexOf(':');
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon).replaceAll("[\\[\\]]", "")),
                    Integer.parseInt(hostPort.substring(colon + 1)));
            long pid = server.pid();
            System.out.printf("server pid %d, idle: VmRSS %d MiB%n", pid, kib(pid, "VmRSS") >> 10);
            StringBuilder summary = new StringBuilder(SUMMARY + model + " on " + javaVersion(java) + ":");
            try (RemoteServer control = RemoteServer.connect(address);
                 StreamConnection valid = new StreamConnection(address, SocketTuning.NO_DELAY)) {
                Request r = Request.of(Kind.ECHO, VALID_PAYLOAD);
                valid.exchange(r);
                for (int wave : new int[] {FIRST_WAVE, SECOND_WAVE}) {
                    long timeoutsBefore = control.ask().readTimeouts();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < wave; i++) {
                        hostile.add(stalledHeader(address, i));
                    }
                    long openMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    // The kernel completes connections into the backlog; wait until the server has accepted them all (a
                    // thread-per-connection server starts a thread for each), then a little for it to read their headers.
                    long acceptDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACCEPT_WAIT_MILLIS);
                    for (StatsReply a; (a = control.ask()).accepted() - a.closed() - 1 < wave && a.readTimeouts() == timeoutsBefore
                            && System.nanoTime() < acceptDeadline; ) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(SETTLE_MILLIS);
                    double[] latency = latencies(valid, r);
                    StatsReply s = control.ask();
                    long rss = kib(pid, "VmRSS") >> 10;
                    long hwm = kib(pid, "VmHWM") >> 10;
                    long stalledOpen = s.accepted() - s.closed() - 1; // less the valid connection
                    String phase = String.format(Locale.ROOT, "%d stalled (%d still open, opened in %d ms): VmRSS %d MiB, VmHWM %d MiB,"
                                    + " buffered %d KiB, valid requests median %.2f ms max %.2f ms", wave, stalledOpen, openMillis, rss, hwm,
                            s.bufferedBytes() >> 10, latency[0], latency[1]);
                    System.out.println(phase);
                    summary.append(String.format(Locale.ROOT, " %d: RSS %d MiB (HWM %d), valid %.2f/%.2f ms;", wave, rss, hwm,
                            latency[0], latency[1]));
                    if (hwm >= RSS_BOUND_MIB) {
                        System.out.println("FAIL: VmHWM " + hwm + " MiB >= " + RSS_BOUND_MIB + " MiB");
                        ok = false;
                    }
                    if (wave == FIRST_WAVE) {
                        long t1 = System.nanoTime();
                        long waitMillis = 3L * s.config().readTimeoutMillis() + 5_000;
                        while (control.ask().readTimeouts() < wave
                                && System.nanoTime() - t1 < TimeUnit.MILLISECONDS.toNanos(waitMillis)) {
                            Thread.sleep(100);
                        }
                        long closedBy = control.ask().readTimeouts();
                        long sinceOpen = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                        System.out.printf("read timeout (%d ms) closed %d of them %d ms after the first was opened%n",
                                s.config().readTimeoutMillis(), closedBy, sinceOpen);
                        summary.append(" read timeout closed ").append(closedBy).append(" in ").append(sinceOpen).append(" ms;");
                        for (Socket h : hostile) {
                            h.close();
                        }
                        hostile.clear();
                        valid.exchange(r); // idle past the timeout between frames: still served
                    }
                }
            }
            long t2 = System.nanoTime();
            server.toHandle().destroy(); // SIGTERM, with the second wave still stalled
            boolean exited = server.waitFor(STOP_BOUND_MILLIS * 3, TimeUnit.MILLISECONDS);
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t2);
            if (!exited) {
                server.destroyForcibly();
                System.out.println("FAIL: no exit within " + STOP_BOUND_MILLIS * 3 + " ms of SIGTERM");
                ok = false;
            } else {
                for (String l; (l = out.readLine()) != null; ) {
                    System.out.println(l);
                }
                System.out.println("SIGTERM to exit: " + stopMillis + " ms, status " + server.exitValue());
                ok &= stopMillis < STOP_BOUND_MILLIS;
            }
            summary.append(" SIGTERM exit ").append(stopMillis).append(" ms");
            System.out.println(summary.append(ok ? " — ok" : " — FAILED"));
            return ok;
        } finally {
            for (Socket h : hostile) {
                h.close();
            }
            if (server.isAlive()) {
                server.destroyForcibly();
                server.waitFor();
            }
        }
    }

    /** Median and maximum of {@value #VALID_REQUESTS} verified exchanges, ms. */
    private static double[] latencies(StreamConnection valid, Request r) throws IOException {
        double[] ms = new double[VALID_REQUESTS];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            valid.exchange(r);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], ms[ms.length - 1]};
    }

    /** A connection that sends one valid header announcing {@value #ANNOUNCED} bytes, then nothing. */
    static Socket stalledHeader(java.net.SocketAddress address, int seq) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address);
            ByteBuffer h = ByteBuffer.allocate(Header.BYTES);
            Header.encode(h, 0, Kind.ECHO, ANNOUNCED, seq, 0);
            s.getOutputStream().write(h.array());
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A "VmRSS:  12345 kB" line of /proc/PID/status, KiB. */
    private static long kib(long pid, String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }

    private static String javaVersion(String java) {
        try {
            Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            p.waitFor();
            return first == null ? java : first.replaceAll(".*version \"([^\"]+)\".*", "JDK $1");
        } catch (IOException | InterruptedException e) {
            return java;
        }
    }
}
