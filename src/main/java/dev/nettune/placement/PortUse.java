package dev.nettune.placement;

import dev.nettune.client.load.Workload;
import dev.nettune.host.TimeWait;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PortUse keeps a connection-churning point from inheriting the ports of the forks before it. A
 * connect-per-request fork whose client closes first (close=FIN) leaves one TIME_WAIT socket per
 * connect on the client side, holding an ephemeral port for 60 s (fixed in the kernel); the next
 * fork, started seconds later, finds them still there: on loopback its port search walks past
 * them (tcp_tw_reuse=2 lets it reuse them, at a cost), off loopback nothing reuses them.
 *
 * <p>Before such a fork the runner calls {@link #drain}: it counts the TIME_WAIT sockets holding a
 * port of net.ipv4.ip_local_port_range in this network namespace ({@link TimeWait}: /proc/net/tcp and
 * tcp6, local port in the range) — where the client runs, whatever the placement: a netns
 * placement puts only the server in the namespace — and waits, up to {@value #DEFAULT_DRAIN_SECONDS} s
 * (the TIME_WAIT length and a margin; {@value #DRAIN_PROPERTY}), until at most one port in
 * {@value #DRAINED_SHARE} is held. What it saw and how long it waited is the fork's record.
 *
 * <p>{@link #exhaustionReason} refuses what no wait can fix: off loopback with FIN, a fork that could
 * connect more often than the range holds ports would end in a PortExhaustedException, or not,
 * depending on how fast that fork happened to run.
 */
public final class PortUse {
    /** System property: the longest wait for TIME_WAIT to drain before a fork, seconds (0: no wait). */
    public static final String DRAIN_PROPERTY = "nettune.portDrainSeconds";
    /** TIME_WAIT lasts 60 s (TCP_TIMEWAIT_LEN); a few seconds more for the kernel's timer wheel. */
    public static final long DEFAULT_DRAIN_SECONDS = 65;
    /** Drained: at most 1/16 of the ephemeral range held in TIME_WAIT. */
    static final int DRAINED_SHARE = 16;
    static final long POLL_MILLIS = 500;
    /**
     * The fastest a fork connects here, per second: a connect + request + close loop in C runs
     * ~7–8k/s on this machine (design notes); a Java fork does not beat it. Used as an upper bound.
     */
    static final int MAX_CONNECTS_PER_SECOND = 8_000;

    private PortUse() {
    }

    /** What a drain saw: TIME_WAIT sockets holding ephemeral ports before and after, the range, and the wait. */
    public record Drain(int before, int after, int rangePorts, int target, long waitedMillis, boolean bounded) {
        /** One line for the fork's log. */
        public String describe() {
            String wait = waitedMillis == 0 ? "no wait" : String.format(Locale.ROOT, "waited %.1f s", waitedMillis / 1000.0);
            if (!bounded && waitedMillis == 0 && after > target) {
                return String.format(Locale.ROOT, "ports before the fork: %,d TIME_WAIT sockets held ephemeral ports (of %,d);"
                        + " no wait: this point's connects reuse them (net.ipv4.tcp_tw_reuse)", before, rangePorts);
            }
            return String.format(Locale.ROOT, "ports before the fork: %,d TIME_WAIT sockets held ephemeral ports (of %,d); %s,"
                    + " %,d left (drained: at most %,d)%s", before, rangePorts, wait, after, target,
                    bounded ? "; the wait hit its bound (" + DRAIN_PROPERTY + "): other processes' connections hold them" : "");
        }
    }

    /** Whether a point with these parameters opens a connection per operation and closes with FIN (TIME_WAIT on the client). */
    public static boolean churnsPorts(Map<String, String> params) {
        String w = params.get("workload");
        if (w == null || "RST".equals(params.get("close"))) {
            return false;
        }
        try {
            return Workload.parse(w).connectsPerOperation();
        } catch (IllegalArgumentException e) {
            return false; // another benchmark's parameter of that name: not a connection workload
        }
    }

    /**
     * Why a fork of {@code forkSeconds} of this point cannot be run without a chance of running out
     * of ephemeral ports, or null: off loopback (netns, remote) with close=FIN every connect holds a
     * client port for 60 s with no reuse, so a fork that may connect more often than the range holds
     * ports fails or not by its speed alone.
     */
    public static String exhaustionReason(Map<String, String> params, double forkSeconds) {
        String placement = params.getOrDefault("placement", "inprocess");
        if (!churnsPorts(params) || !(placement.startsWith("netns") || placement.startsWith("remote="))) {
            return null;
        }
        int ports = rangePorts();
        if (ports <= 0) {
            return null; // not Linux: the benchmark's own check stands
        }
        long worst = Math.round(MAX_CONNECTS_PER_SECOND * Math.min(forkSeconds, 60));
        if (worst <= ports) {
            return null;
        }
        return String.format(Locale.ROOT, "placement %s with close=FIN: off loopback tcp_tw_reuse=2 does not apply, so every connect"
                + " holds a client port in TIME_WAIT for 60 s; a %.0f s fork may connect up to %,d times (%,d/s, this machine's"
                + " ceiling), more than the %,d ports of net.ipv4.ip_local_port_range, and would fail or not by its speed alone:"
                + " run it with close=RST, placement=process, or forks of at most %.1f s",
                placement, forkSeconds, worst, MAX_CONNECTS_PER_SECOND, ports, ports / (double) MAX_CONNECTS_PER_SECOND);
    }

    /** The bound on {@link #drain}'s wait: {@value #DRAIN_PROPERTY} when set (seconds, 0 for none), else the default. */
    public static long boundMillis() {
        String v = System.getProperty(DRAIN_PROPERTY);
        if (v == null) {
            return TimeUnit.SECONDS.toMillis(DEFAULT_DRAIN_SECONDS);
        }
        try {
            double s = Double.parseDouble(v.trim());
            if (s >= 0) {
                return (long) (s * 1000);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("-D" + DRAIN_PROPERTY + "=" + v + ": not a number of seconds (0 or more)");
    }

    /**
     * Whether this point's connects can take a port held in TIME_WAIT: on loopback (in process, or a
     * server JVM of its own) when net.ipv4.tcp_tw_reuse is 2 (loopback only) or 1 (everywhere); off
     * loopback (netns, remote) only when it is 1. Where they can, TIME_WAIT is no shortage of ports
     * and a drain would only cost the TIME_WAIT length (60 s) before every such fork.
     */
    public static boolean reusesTimeWait(Map<String, String> params) {
        String placement = params.getOrDefault("placement", "inprocess");
        boolean loopback = !(placement.startsWith("netns") || placement.startsWith("remote="));
        String reuse;
        try {
            reuse = TimeWait.twReuse().trim();
        } catch (RuntimeException e) {
            return false; // unknown: drain, the safe side
        }
        return "1".equals(reuse) || (loopback && "2".equals(reuse));
    }

    /**
     * Before a fork of this churning point: where its connects cannot reuse TIME_WAIT ports
     * ({@link #reusesTimeWait}), {@link #drain(long)}; where they can, only counts (no wait), so the
     * fork's record still says what it inherited.
     */
    public static Drain drain(Map<String, String> params, long boundMillis) throws InterruptedException {
        if (!reusesTimeWait(params)) {
            return drain(boundMillis);
        }
        Drain counted = drain(0);
        return counted == null ? null
                : new Drain(counted.before(), counted.after(), counted.rangePorts(), counted.target(), 0, false);
    }

    /**
     * Waits up to {@code boundMillis} until at most 1/{@value #DRAINED_SHARE} of the ephemeral range
     * is held in TIME_WAIT; returns what it saw (null when /proc is unreadable: not Linux).
     */
    public static Drain drain(long boundMillis) throws InterruptedException {
        int ports = rangePorts();
        if (ports <= 0) {
            return null;
        }
        int target = ports / DRAINED_SHARE;
        int[] range = TimeWait.range();
        int before = timeWait(range);
        int now = before;
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(boundMillis);
        while (now > target && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS); // TIME_WAIT ends on a kernel timer: there is nothing to wait on but time
            now = timeWait(range);
        }
        long waited = now == before && before <= target ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return new Drain(before, now, ports, target, waited, now > target);
    }

    /** TIME_WAIT sockets in this namespace whose local port is in {@code range} ({low, high}); -1 when unreadable. */
    public static int timeWait(int[] range) {
        return timeWait(range, -1);
    }

    /** As {@link #timeWait(int[])}, only those whose remote port is {@code remotePort} (a server's), or all when it is -1. */
    public static int timeWait(int[] range, int remotePort) {
        return TimeWait.count((local, remote) -> local >= range[0] && local <= range[1] && (remotePort < 0 || remote == remotePort));
    }

    /** How many ports net.ipv4.ip_local_port_range holds; -1 when unknown. */
    static int rangePorts() {
        return TimeWait.portCount();
    }
}
