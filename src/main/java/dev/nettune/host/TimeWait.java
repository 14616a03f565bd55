package dev.nettune.host;

import dev.nettune.socket.Sysctl;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TimeWait counts TCP sockets in TIME_WAIT in this network namespace, from /proc/net/tcp and
 * /proc/net/tcp6 (state {@code 06}), chosen by their ports: those of one loopback server (its port
 * at either end, {@link #count(int)}), or those holding an ephemeral port ({@link #count(Ports)},
 * as placement's PortUse counts them). It also reads the ephemeral-port settings that decide when
 * connect-per-request runs out of ports, and the kernel's TcpExt counters.
 */
public final class TimeWait {
    /** /proc/net/tcp's state code for TIME_WAIT (include/net/tcp_states.h: TCP_TIME_WAIT = 6). */
    static final String STATE_TIME_WAIT = "06";
    static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    static final Path NETSTAT = Path.of("/proc/net/netstat");
    /** The TcpExt counters {@link #tcpExt()} reports. */
    static final List<String> TCP_EXT_COUNTERS = List.of("TWRecycled", "ListenOverflows", "TCPSynRetrans");

    private TimeWait() {
    }

    /** Which TIME_WAIT sockets to count, by their local and remote port. */
    @FunctionalInterface
    public interface Ports {
        boolean match(int local, int remote);
    }

    /** TIME_WAIT sockets with {@code port} at either end, now; -1 when /proc/net/tcp is not readable (not Linux). */
    public static int count(int port) {
        return count((local, remote) -> local == port || remote == port);
    }

    /** TIME_WAIT sockets whose ports {@code which} matches, now; -1 when /proc/net/tcp is not readable (not Linux). */
    public static int count(Ports which) {
        int n = 0;
        boolean any = false;
        for (Path table : TABLES) {
            if (!Files.isReadable(table)) {
                continue; // tcp6 is absent when IPv6 is off
            }
            any = true;
            // All bytes through one FileInputStream: a Reader over /proc (Files.lines, InputStreamReader)
            // makes an fstat and two lseeks beside every read(2), about a page each, and this table holds
            // a line per TIME_WAIT socket, thousands after a second of connect-per-request.
            try (InputStream in = new FileInputStream(table.toFile())) {
                n += (int) new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> isTimeWait(l, which)).count();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table, e);
            }
        }
        return any ? n : -1;
    }

    /**
     * True when one /proc/net/tcp line is a TIME_WAIT socket whose ports {@code which} matches. Line:
     * {@code "  0: 0100007F:8A2C 0100007F:1F90 06 ..."} — slot, local addr:port, remote addr:port, state (hex).
     */
    static boolean isTimeWait(String line, Ports which) {
        String[] f = line.trim().split("\\s+", 5);
        if (f.length < 4 || !STATE_TIME_WAIT.equals(f[3]) || !f[0].endsWith(":")) {
            return false; // the header line, or another state
        }
        return which.match(port(f[1]), port(f[2]));
    }

    private static int port(String addressAndPort) {
        return Integer.parseInt(addressAndPort.substring(addressAndPort.lastIndexOf(':') + 1), 16);
    }

    /**
     * System-wide TcpExt counters from /proc/net/netstat (empty when unreadable): TWRecycled (TIME_WAIT
     * ports reused by connect, tcp_tw_reuse at work), ListenOverflows (accept queue full: SYNs
     * dropped, retried after 1 s), TCPSynRetrans. System-wide: other processes add to them too.
     */
    public static Map<String, Long> tcpExt() {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(NETSTAT);
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("TcpExt:") && lines.get(i + 1).startsWith("TcpExt:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 1; k < Math.min(names.length, values.length); k++) {
                        if (TCP_EXT_COUNTERS.contains(names[k])) {
                            out.put(names[k], Long.parseLong(values[k]));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            out.clear(); // not Linux: the log then has no kernel counters
        }
        return out;
    }

    /** net.ipv4.ip_local_port_range as "low high", or "unknown". */
    public static String portRange() {
        return Sysctl.read("net.ipv4.ip_local_port_range");
    }

    /** net.ipv4.ip_local_port_range as {low, high}, or {0, -1} when unknown (not Linux). */
    public static int[] range() {
        String[] r = portRange().split(" ");
        try {
            return new int[] {Integer.parseInt(r[0]), Integer.parseInt(r[1])};
        } catch (RuntimeException e) {
            return new int[] {0, -1}; // "unknown": not Linux
        }
    }

    /** How many ephemeral ports the range holds (high - low + 1), or -1 when unknown. */
    public static int portCount() {
        int[] r = range();
        return r[1] < r[0] ? -1 : r[1] - r[0] + 1;
    }

    /** net.ipv4.tcp_tw_reuse: 0 off, 1 on, 2 loopback only (the default since Linux 4.19). */
    public static String twReuse() {
        return Sysctl.read("net.ipv4.tcp_tw_reuse");
    }

    /** One line naming the settings in force, printed once per trial. */
    public static String settings() {
        return "net.ipv4.ip_local_port_range=" + portRange() + " (" + portCount() + " ports), net.ipv4.tcp_tw_reuse=" + twReuse()
                + "; the client closes first, so TIME_WAIT (60 s, fixed in the kernel) lands on the client side";
    }
}
