package dev.nettune.placement;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Netns is a network namespace this process created, joined to the host's namespace by a veth
 * pair: MTU {@value #MTU} on both ends (a typical Ethernet link, not loopback's 64 KiB), a /30 of
 * 198.18.0.0/15 (RFC 2544's block for benchmarking; the host end .1, the namespace end .2), and
 * optionally shaped on both ends' egress — {@code tc tbf} to a rate, {@code tc netem} for a delay —
 * so both directions behave alike. Offloads (TSO/GSO) stay as veth sets them, as a NIC's would.
 *
 * <p>Names carry this process's id ({@code nettune-<pid>-<n>}, links {@code nt<pid>x<n>h|n}), so
 * {@link #sweep()} can tell what a dead process left behind. {@link #close()} kills any process left
 * in the namespace, deletes the link (which deletes both ends) and the namespace; it is registered
 * with {@link Cleanup}, so a JVM that exits without closing removes them too.
 *
 * <p>Needs CAP_NET_ADMIN and CAP_SYS_ADMIN (root) and iproute2's {@code ip} (and {@code tc} to
 * shape); {@link #unavailableReason} says what is missing.
 */
public final class Netns implements AutoCloseable {
    /** Prefix of every namespace this suite creates. */
    public static final String PREFIX = "nettune-";
    /** MTU of both veth ends: an Ethernet link's, where loopback has 65536. */
    public static final int MTU = 1500;
    /** The benchmarking block (RFC 2544) the links' addresses come from. */
    public static final String BLOCK = "198.18.0.0/15";
    /** The /30 subnets in {@link #BLOCK}. */
    static final int SLOTS = 1 << 15;
    /** tbf's bucket: at least this many bytes (two 64 KiB GSO packets pass without being split)... */
    static final long MIN_BURST_BYTES = 128 << 10;
    /** ...or one millisecond at the rate, whichever is larger. */
    static final long BURST_MILLIS = 1;
    /** tbf's queue, as the longest a packet may wait in it. */
    static final String TBF_LATENCY = "5ms";
    /** netem's queue in packets (its default, 1,000, drops at Gbit/s rates with a delay). */
    static final int NETEM_LIMIT = 100_000;
    /** Linux capability numbers (linux/capability.h). */
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private static final Pattern OWNED_NAMESPACE = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-z]+");
    private static final Pattern OWNED_LINK = Pattern.compile("nt(\\d+)x[0-9a-z]+[hn]");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final String hostLink;
    private final String nsLink;
    private final InetAddress hostAddress;
    private final InetAddress nsAddress;
    private final List<String> shaping = new ArrayList<>();
    private final Path ip;
    private final Path tc;
    private boolean closed;

    private Netns(String name, String hostLink, String nsLink, InetAddress hostAddress, InetAddress nsAddress, Path ip, Path tc) {
        this.name = name;
        this.hostLink = hostLink;
        this.nsLink = nsLink;
        this.hostAddress = hostAddress;
        this.nsAddress = nsAddress;
        this.ip = ip;
        this.tc = tc;
    }

    /**
     * Why a namespace (shaped with a rate or a delay, when asked) cannot be made here, or null when it
     * can as far as can be told without trying: the kernel's qdiscs are only known by adding one.
     */
    public static String unavailableReason(boolean shaped) {
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            return "network namespaces need Linux (/proc/self/status is not readable)";
        }
        long caps = effectiveCapabilities();
        if ((caps & (1L << CAP_NET_ADMIN)) == 0 || (caps & (1L << CAP_SYS_ADMIN)) == 0) {
            return "not root: a network namespace and its veth link need CAP_SYS_ADMIN and CAP_NET_ADMIN (run as root)";
        }
        if (Commands.find("ip") == null) {
            return "no 'ip' command (iproute2) on PATH or in /usr/sbin, /sbin";
        }
        if (shaped && Commands.find("tc") == null) {
            return "no 'tc' command (iproute2) on PATH or in /usr/sbin, /sbin: a rate or delay needs it";
        }
        return null;
    }

    /** The effective capability set of this process (CapEff in /proc/self/status), 0 when unreadable. */
    static long effectiveCapabilities() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // unreadable: treated as no capabilities, and the reason says root is needed
        }
        return 0;
    }

    /**
     * Creates a namespace and its link, shaped with {@code rate} (a tc rate, or null) and
     * {@code delay} (a netem delay, or null). On any failure everything made so far is removed.
     *
     * @throws PlacementUnavailableException when it cannot be had here (not root, no tool, a qdisc the kernel lacks)
     */
    public static Netns create(String rate, String delay) throws IOException {
        String why = unavailableReason(rate != null || delay != null);
        if (why != null) {
            throw new PlacementUnavailableException(why);
        }
        sweep();
        long pid = ProcessHandle.current().pid();
        String n = Integer.toString(SEQUENCE.incrementAndGet(), 36);
        int slot = freeSlot();
        Netns ns = new Netns(PREFIX + pid + "-" + n, "nt" + pid + "x" + n + "h", "nt" + pid + "x" + n + "n",
                slotAddress(slot, 1), slotAddress(slot, 2), Commands.find("ip"), Commands.find("tc"));
        Cleanup.register(ns);
        try {
            ns.build(rate, delay);
            return ns;
        } catch (IOException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private void build(String rate, String delay) throws IOException {
        String ipCmd = ip.toString();
        Commands.check(List.of(ipCmd, "netns", "add", name));
        Commands.check(List.of(ipCmd, "link", "add", hostLink, "type", "veth", "peer", "name", nsLink));
        Commands.check(List.of(ipCmd, "link", "set", nsLink, "netns", name));
        Commands.check(List.of(ipCmd, "link", "set", hostLink, "mtu", Integer.toString(MTU)));
        Commands.check(List.of(ipCmd, "addr", "add", hostAddress.getHostAddress() + "/30", "dev", hostLink));
        Commands.check(List.of(ipCmd, "link", "set", hostLink, "up"));
        Commands.check(List.of(ipCmd, "-n", name, "link", "set", nsLink, "mtu", Integer.toString(MTU)));
        Commands.check(List.of(ipCmd, "-n", name, "addr", "add", nsAddress.getHostAddress() + "/30", "dev", nsLink));
        Commands.check(List.of(ipCmd, "-n", name, "link", "set", nsLink, "up"));
        Commands.check(List.of(ipCmd, "-n", name, "link", "set", "lo", "up"));
        if (rate != null || delay != null) {
            shape(null, hostLink, rate, delay);
            shape(name, nsLink, rate, delay);
        }
    }

    /** Adds the qdiscs on one end's egress; a qdisc kind the kernel lacks makes the placement unavailable. */
    private void shape(String namespace, String dev, String rate, String delay) throws IOException {
        List<String> base = new ArrayList<>(List.of(tc.toString()));
        if (namespace != null) {
            base.addAll(List.of("-n", namespace));
        }
        List<List<String>> commands = new ArrayList<>();
        if (delay != null) {
            List<String> netem = new ArrayList<>(base);
            netem.addAll(List.of("qdisc", "add", "dev", dev, "root", "handle", "1:", "netem", "delay", delay,
                    "limit", Integer.toString(NETEM_LIMIT)));
            commands.add(netem);
        }
        if (rate != null) {
            List<String> tbf = new ArrayList<>(base);
            tbf.addAll(List.of("qdisc", "add", "dev", dev));
            tbf.addAll(delay != null ? List.of("parent", "1:1", "handle", "10:") : List.of("root", "handle", "10:"));
            tbf.addAll(List.of("tbf", "rate", rate, "burst", Long.toString(burstBytes(rate)), "latency", TBF_LATENCY));
            commands.add(tbf);
        }
        for (List<String> c : commands) {
            Commands.Result r = Commands.run(c);
            if (!r.ok()) {
                String kind = c.contains("netem") ? "netem" : "tbf";
                String out = r.output().toLowerCase(Locale.ROOT);
                if (out.contains("unknown") || out.contains("not found") || out.contains("no such file")) {
                    throw new PlacementUnavailableException("this kernel has no '" + kind + "' qdisc (tc: " + r.firstLine() + "); "
                            + (kind.equals("netem") ? "delay needs sch_netem" : "rate needs sch_tbf"));
                }
                throw new IOException(String.join(" ", c) + " failed (exit " + r.status() + "): " + r.firstLine());
            }
            if (namespace == null) {
                shaping.add(String.join(" ", c.subList(1, c.size())));
            }
        }
    }

    /** tbf's bucket for a rate: one millisecond's worth, at least {@link #MIN_BURST_BYTES}. */
    static long burstBytes(String rate) {
        long bitsPerSecond = new Placement(Placement.Kind.NETNS, rate, null, null, 0).rateBitsPerSecond();
        return Math.max(MIN_BURST_BYTES, bitsPerSecond / 8 * BURST_MILLIS / 1000);
    }

    /** A random /30 of the block not already on any interface of this host's namespace. */
    private static int freeSlot() throws IOException {
        String used = Commands.check(List.of(Commands.find("ip").toString(), "-o", "-4", "addr", "show"));
        for (int tries = 0; tries < 64; tries++) {
            int slot = ThreadLocalRandom.current().nextInt(SLOTS);
            if (!used.contains(" " + slotAddress(slot, 1).getHostAddress() + "/")
                    && !used.contains(" " + slotAddress(slot, 2).getHostAddress() + "/")) {
                return slot;
            }
        }
        throw new IOException("no free /30 in " + BLOCK + " after 64 tries");
    }

    /** Host {@code host} (1 or 2) of /30 number {@code slot} in 198.18.0.0/15. */
    static InetAddress slotAddress(int slot, int host) {
        int a = (198 << 24) | (18 << 16) | (slot << 2) | host;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** The namespace's name. */
    public String name() {
        return name;
    }

    /** The host end of the link (in this process's namespace). */
    String hostLink() {
        return hostLink;
    }

    /** The host end's address: where the client's packets come from. */
    public InetAddress hostAddress() {
        return hostAddress;
    }

    /** The namespace end's address: where a server in the namespace listens. */
    public InetAddress nsAddress() {
        return nsAddress;
    }

    /** {@code command} run inside the namespace ({@code ip netns exec <name> ...}). */
    public List<String> inside(List<String> command) {
        List<String> out = new ArrayList<>(List.of(ip.toString(), "netns", "exec", name));
        out.addAll(command);
        return out;
    }

    /** "veth nt123x1h 198.18.4.1/30 <-> nt123x1n 198.18.4.2/30 in nettune-123-1, MTU 1500, tbf ... both ways". */
    public String describe() {
        return "veth " + hostLink + " " + hostAddress.getHostAddress() + "/30 <-> " + nsLink + " " + nsAddress.getHostAddress()
                + "/30 in namespace " + name + ", MTU " + MTU + (shaping.isEmpty() ? ", unshaped"
                : ", both ends' egress: " + String.join("; ", shaping).replace(hostLink, "<end>"));
    }

    /** The qdiscs' counters on the host end (sent, dropped, overlimits), or "" when unshaped or unreadable. */
    public String qdiscStats() {
        if (shaping.isEmpty() || closed) {
            return "";
        }
        try {
            return Commands.check(List.of(tc.toString(), "-s", "qdisc", "show", "dev", hostLink)).strip().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "tc -s qdisc show failed: " + e.getMessage();
        }
    }

    /** Kills what still runs in the namespace, deletes the link and the namespace; idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Cleanup.unregister(this);
        remove(ip, name, hostLink);
    }

    /** Removes a namespace and a host-side link, whatever state they are in; the first error is thrown at the end. */
    private static void remove(Path ip, String namespace, String link) throws IOException {
        List<String> errors = new ArrayList<>();
        String ipCmd = ip.toString();
        if (namespace != null && namespaceExists(ip, namespace)) {
            Commands.Result pids = Commands.run(List.of(ipCmd, "netns", "pids", namespace));
            for (String p : pids.ok() ? pids.output().split("\\s+") : new String[0]) {
                if (!p.isBlank()) {
                    ProcessHandle.of(Long.parseLong(p.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        if (link != null) {
            Commands.Result r = Commands.run(List.of(ipCmd, "link", "del", link));
            if (!r.ok() && !r.output().contains("Cannot find device") && !r.output().contains("does not exist")) {
                errors.add("ip link del " + link + ": " + r.firstLine());
            }
        }
        if (namespace != null && namespaceExists(ip, namespace)) {
            Commands.Result r = Commands.run(List.of(ipCmd, "netns", "del", namespace));
            if (!r.ok()) {
                errors.add("ip netns del " + namespace + ": " + r.firstLine());
            }
        }
        if (!errors.isEmpty()) {
            throw new IOException(String.join("; ", errors));
        }
    }

    /** Whether {@code ip netns list} names {@code namespace}. */
    static boolean namespaceExists(Path ip, String namespace) throws IOException {
        return namespaces(ip).contains(namespace);
    }

    private static List<String> namespaces(Path ip) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Commands.check(List.of(ip.toString(), "netns", "list")).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                out.add(t.split("\\s+")[0]); // "nettune-1-1 (id: 3)"
            }
        }
        return out;
    }

    /**
     * Removes the namespaces and links that processes no longer alive left behind (a benchmark fork
     * killed with SIGKILL runs no shutdown hook); returns what it removed. Does nothing without the
     * rights or the tools.
     */
    public static List<String> sweep() throws IOException {
        List<String> removed = new ArrayList<>();
        if (unavailableReason(false) != null) {
            return removed;
        }
        Path ip = Commands.find("ip");
        for (String ns : namespaces(ip)) {
            Matcher m = OWNED_NAMESPACE.matcher(ns);
            if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                remove(ip, ns, null);
                removed.add("namespace " + ns);
            }
        }
        for (String line : Commands.check(List.of(ip.toString(), "-o", "link", "show")).split("\n")) {
            String[] f = line.split(":\\s+", 3); // "7: nt123x1h@if6: <BROADCAST,...>"
            if (f.length < 2) {
                continue;
            }
            String link = f[1].split("@")[0];
            Matcher m = OWNED_LINK.matcher(link);
            if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                remove(ip, null, link);
                removed.add("link " + link);
            }
        }
        return removed;
    }

    /** The namespaces and host-side links of this suite that exist now, for tests and messages. */
    public static List<String> existing() throws IOException {
        List<String> out = new ArrayList<>();
        Path ip = Commands.find("ip");
        if (ip == null) {
            return out;
        }
        for (String ns : namespaces(ip)) {
            if (ns.startsWith(PREFIX)) {
                out.add(ns);
            }
        }
        for (String line : Commands.check(List.of(ip.toString(), "-o", "link", "show")).split("\n")) {
            String[] f = line.split(":\\s+", 3);
            if (f.length >= 2 && OWNED_LINK.matcher(f[1].split("@")[0]).matches()) {
                out.add(f[1].split("@")[0]);
            }
        }
        return out;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
