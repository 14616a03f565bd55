package dev.nettune.placement;

import dev.nettune.client.StreamConnection;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Network namespaces as the netns placement makes them (root only; skipped with the reason
 * otherwise): created with their veth link at MTU 1500 and removed, shaped with tbf on both ends,
 * a delay refused where the kernel has no netem, a server in the namespace listening on its own
 * address only, and nothing left behind when the run fails: an exception, a JVM that exits on a
 * failure, a JVM killed outright (the sweep), and a benchmark fork whose server dies mid-run.
 */
@Tag("process")
class NetnsTest {
    static final long TIMEOUT_SECONDS = 60;
    private List<String> before;

    @BeforeEach
    void rootAndIproute2() throws IOException {
        String why = Netns.unavailableReason(true);
        assumeTrue(why == null, why);
        before = ours(Netns.existing());
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        if (before != null) {
            assertEquals(before, ours(Netns.existing()), "namespaces and links of this test JVM and its children after the test");
        }
    }

    /** Runs an iproute2 tool (found as the placement code finds it) and returns its output. */
    static String run(String tool, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Commands.find(tool).toString()));
        command.addAll(List.of(args));
        return Commands.check(command);
    }

    @Test
    void aNamespaceIsCreatedWithItsLinkAtMtu1500AndRemoved() throws IOException {
        String name;
        String hostLink;
        try (Netns ns = Netns.create(null, null)) {
            name = ns.name();
            assertTrue(name.startsWith(Netns.PREFIX + ProcessHandle.current().pid() + "-"), name);
            assertTrue(run("ip", "netns", "list").contains(name));
            hostLink = ns.describe().split(" ")[1];
            String host = run("ip", "-o", "link", "show", hostLink);
            assertTrue(host.contains("mtu 1500") && host.contains("state UP"), host);
            String inside = run("ip", "-n", name, "-o", "addr", "show");
            assertTrue(inside.contains(ns.nsAddress().getHostAddress() + "/30"), inside);
            assertTrue(run("ip", "-n", name, "-o", "link", "show").contains("mtu 1500"));
            assertTrue(ns.hostAddress().getHostAddress().startsWith("198.1"), ns.hostAddress().toString());
            assertTrue(ns.describe().contains("unshaped"), ns.describe());
        }
        assertFalse(run("ip", "netns", "list").contains(name));
        assertFalse(Commands.run(List.of(Commands.find("ip").toString(), "link", "show", hostLink)).ok(), hostLink + " is gone");
    }

    @Test
    void aRateShapesBothEndsWithTbf() throws IOException {
        try (Netns ns = Netns.create("1gbit", null)) {
            String hostLink = ns.describe().split(" ")[1];
            String nsLink = ns.describe().split(" ")[4];
            String out = run("tc", "qdisc", "show", "dev", hostLink);
            String in = run("tc", "-n", ns.name(), "qdisc", "show", "dev", nsLink);
            for (String q : List.of(out, in)) {
                assertTrue(q.contains("tbf") && q.contains("rate 1Gbit"), q);
            }
            assertTrue(ns.describe().contains("tbf rate 1gbit burst 131072 latency 5ms"), ns.describe());
            assertTrue(ns.qdiscStats().contains("Sent"), ns.qdiscStats());
        }
    }

    @Test
    void aDelayNeedsNetemAndWithoutItLeavesNothing() throws IOException {
        try (Netns ns = Netns.create(null, "5ms")) {
            String q = run("tc", "qdisc", "show", "dev", ns.describe().split(" ")[1]);
            assertTrue(q.contains("netem") && q.contains("delay 5ms"), q); // a kernel with netem
        } catch (PlacementUnavailableException e) {
            assertTrue(e.getMessage().startsWith("this kernel has no 'netem' qdisc") && e.getMessage().contains("sch_netem"),
                    e.getMessage()); // this machine's kernel: tbf and htb, no netem
        }
    }

    @Test
    void aServerInTheNamespaceServesOverTheLinkAndListensOnItsAddressOnly() throws Exception {
        try (PlacedServer server = (PlacedServer) PlacedServer.start(Placement.parse("netns"), ServerModel.SELECTOR,
                ServerConfig.DEFAULT, line -> { })) {
            InetSocketAddress a = (InetSocketAddress) server.address();
            assertTrue(a.getAddress().getHostAddress().startsWith("198.1"), a.toString());
            try (StreamConnection c = new StreamConnection(a, SocketTuning.NO_DELAY)) {
                c.exchange(Request.of(Kind.ECHO, 4000)); // three segments at MTU 1500
            }
            assertEquals(1, server.stats().frames());
            String ns = (String) server.record().get("namespace");
            List<String> listening = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : run("ip", "netns", "exec", ns, "cat", table).split("\n")) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[3].equals("0A")) {
                        listening.add(f[1]);
                    }
                }
            }
            byte[] b = a.getAddress().getAddress();
            assertEquals(List.of(String.format("%02X%02X%02X%02X:%04X", b[3], b[2], b[1], b[0], a.getPort())), listening,
                    "the only listener in the namespace is the server, on the address it was given");
        }
    }

    @Test
    void anExceptionMidRunRemovesTheNamespaceAndStopsTheServer() throws Exception {
        long[] pid = new long[1];
        assertThrows(IllegalStateException.class, () -> {
            try (PlacedServer server = (PlacedServer) PlacedServer.start(Placement.parse("netns:rate=10gbit"), ServerModel.BLOCKING,
                    ServerConfig.DEFAULT, line -> { })) {
                pid[0] = (Long) server.record().get("serverPid");
                throw new IllegalStateException("the benchmark failed");
            }
        });
        assertFalse(ProcessHandle.of(pid[0]).map(ProcessHandle::isAlive).orElse(false), "server JVM " + pid[0] + " stopped");
    }

    @Test
    void aJvmThatExitsOnAFailureRemovesItsNamespaceOnItsWayOut() throws Exception {
        Process child = child("netns");
        try {
            String ns = namespaceOf(child);
            long server = serverPid(ns);
            OutputStream in = child.getOutputStream();
            in.write("exit\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, child.exitValue());
            assertFalse(run("ip", "netns", "list").contains(ns), ns + " removed by the exiting JVM's shutdown hook");
            await("server JVM " + server + " to end", () -> !ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aJvmKilledOutrightLeavesANamespaceTheSweepRemoves() throws Exception {
        Process child = child("netns");
        String ns;
        long server;
        try {
            ns = namespaceOf(child);
            server = serverPid(ns);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
        }
        assertTrue(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        await("server JVM " + server + " to see its stdin end and stop",
                () -> !ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false));
        // A killed JVM cannot clean up, so the namespace is still there — unless another process on this
        // machine created a namespace meanwhile: Netns.create sweeps what dead processes left, ours included.
        if (run("ip", "netns", "list").contains(ns)) {
            List<String> removed = Netns.sweep();
            assertTrue(removed.contains("namespace " + ns), removed.toString());
        }
        assertFalse(run("ip", "netns", "list").contains(ns));
    }

    @Test
    void remoteReachesAStandaloneServerInANamespaceAndRefusesOneConfiguredOtherwise() throws Exception {
        try (PlacedServer host = (PlacedServer) PlacedServer.start(Placement.parse("netns"), ServerModel.SELECTOR,
                ServerConfig.DEFAULT, line -> { })) {
            InetSocketAddress a = (InetSocketAddress) host.address();
            Placement remote = Placement.parse("remote=" + a.getAddress().getHostAddress() + ":" + a.getPort());
            try (Server s = PlacedServer.start(remote, ServerModel.SELECTOR, ServerConfig.DEFAULT, line -> { });
                 StreamConnection c = new StreamConnection(s.address(), SocketTuning.NO_DELAY)) {
                c.exchange(Request.of(Kind.ECHO, 64));
                assertEquals(1, s.stats().frames(), "counters of a remote server count from when the benchmark connected");
            }
            PlacementUnavailableException e = assertThrows(PlacementUnavailableException.class,
                    () -> PlacedServer.start(remote, ServerModel.BLOCKING, ServerConfig.DEFAULT, line -> { }));
            assertTrue(e.getMessage().contains("serves server=SELECTOR") && e.getMessage().contains("needs server=BLOCKING")
                    && e.getMessage().contains("--server BLOCKING"), e.getMessage());
            assertEquals(1, host.stats().frames(), "the remote benchmark's frame, seen by the server's owner too");
        }
    }

    /** A {@link PlacementChild} JVM at {@code placement}. */
    /**
     * The names of {@code all} made by this JVM or a child it started: other runs on this machine
     * (other test JVMs, a suite) make and remove their own meanwhile. Names carry the maker's pid.
     */
    static List<String> ours(List<String> all) {
        List<String> out = new ArrayList<>();
        for (String n : all) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:" + Netns.PREFIX + "|nt)(\\d+)[-x].*").matcher(n);
            if (m.matches()) {
                long pid = Long.parseLong(m.group(1));
                if (pid == ProcessHandle.current().pid() || CHILDREN.contains(pid)) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Pids of the child JVMs this class started. */
    static final java.util.Set<Long> CHILDREN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static Process child(String placement) throws IOException {
        Process p = start(placement);
        CHILDREN.add(p.pid());
        return p;
    }

    private static Process start(String placement) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), PlacementChild.class.getName(), placement).redirectErrorStream(true).start();
    }

    /** Reads the child's output until READY; returns its namespace (named after its pid). */
    static String namespaceOf(Process child) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = r.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("READY ")) {
                for (String ns : Netns.existing()) {
                    if (ns.startsWith(Netns.PREFIX + child.pid() + "-")) {
                        return ns;
                    }
                }
                fail("no namespace of pid " + child.pid() + ": " + Netns.existing());
            }
        }
        fail("the child ended before READY:\n" + seen);
        return null;
    }

    static long serverPid(String ns) throws IOException {
        String pids = run("ip", "netns", "pids", ns).strip();
        assertFalse(pids.isEmpty(), "a server JVM runs in " + ns);
        return Long.parseLong(pids.split("\\s+")[0]);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + TIMEOUT_SECONDS + " s for " + what);
            }
            Thread.sleep(20); // polling process state: there is no event to wait on
        }
    }
}
