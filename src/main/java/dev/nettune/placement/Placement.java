package dev.nettune.placement;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Placement is where a benchmark's server runs relative to its client — a benchmark parameter
 * ({@code placement}), recorded with every result:
 * <ul>
 *   <li>{@code inprocess}: in the benchmark's own JVM, over loopback (the default, and every
 *       benchmark's only placement before placements existed);</li>
 *   <li>{@code process}: a server JVM of its own on this host ({@code dev.nettune.server.Main}),
 *       over loopback: no shared JIT, GC or heap, the same kernel path;</li>
 *   <li>{@code netns}: that server JVM in a network namespace the suite creates, reached over a veth
 *       pair with MTU 1500 and addresses from 198.18.0.0/15 (RFC 2544's block for benchmarking);
 *       {@code netns:rate=1gbit} shapes both directions with {@code tc tbf} to that rate;
 *       {@code netns:delay=5ms} adds that one-way delay with {@code tc netem} (both directions, so
 *       the round trip grows by twice that), where the kernel has netem;</li>
 *   <li>{@code remote=HOST:PORT}: a standalone server someone started elsewhere (another host);
 *       only with an address given by the user, never a default.</li>
 * </ul>
 * The text form is what the parameter holds: {@code inprocess}, {@code process}, {@code netns},
 * {@code netns:rate=10gbit:delay=1ms}, {@code remote=192.0.2.7:7000}, {@code remote=[2001:db8::7]:7000}.
 * No comma (a JMH parameter list separates values with commas) and no space.
 *
 * @param kind  where the server runs
 * @param rate  tc rate of a netns link ("1gbit"), or null for unshaped
 * @param delay netem one-way delay of a netns link ("5ms"), or null for none
 * @param host  remote host as given, or null
 * @param port  remote port, or 0
 */
public record Placement(Kind kind, String rate, String delay, String host, int port) {

    /** Where the server runs. */
    public enum Kind {
        INPROCESS, PROCESS, NETNS, REMOTE;

        /** The name in a placement's text ("netns"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The default placement's text. */
    public static final String INPROCESS = "inprocess";
    /** The default placement. */
    public static final Placement DEFAULT = new Placement(Kind.INPROCESS, null, null, null, 0);

    /** A tc rate: a number and a unit tc understands (bits or bytes per second). */
    static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(bit|kbit|mbit|gbit|tbit|bps|kbps|mbps|gbps|tbps)",
            Pattern.CASE_INSENSITIVE);
    /** A netem delay: a number and us, ms or s. */
    static final Pattern DELAY = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REMOTE = Pattern.compile("remote=(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})");

    /** The valid forms, for messages. */
    public static final String FORMS = "inprocess, process, netns[:rate=RATE][:delay=DELAY] (e.g. netns:rate=1gbit),"
            + " remote=HOST:PORT";

    public Placement {
        if (kind == null) {
            throw new IllegalArgumentException("a placement needs a kind");
        }
        if ((rate != null || delay != null) && kind != Kind.NETNS) {
            throw new IllegalArgumentException("rate and delay shape a netns link only, not " + kind.id());
        }
        if ((host != null) != (kind == Kind.REMOTE)) {
            throw new IllegalArgumentException("a host goes with remote placement only");
        }
    }

    /**
     * Parses a placement's text; an IllegalArgumentException names the text and the valid forms.
     */
    public static Placement parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals(INPROCESS)) {
            return DEFAULT;
        }
        if (t.equals(Kind.PROCESS.id())) {
            return new Placement(Kind.PROCESS, null, null, null, 0);
        }
        if (t.startsWith("remote=")) {
            Matcher m = REMOTE.matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException("placement '" + t + "': remote=HOST:PORT, e.g. remote=192.0.2.7:7000 or"
                        + " remote=[2001:db8::7]:7000");
            }
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 0xFFFF) {
                throw new IllegalArgumentException("placement '" + t + "': port must be 1..65535");
            }
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            return new Placement(Kind.REMOTE, null, null, host, port);
        }
        String[] parts = t.split(":", -1);
        if (parts[0].equals(Kind.NETNS.id())) {
            String rate = null;
            String delay = null;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i];
                if (p.startsWith("rate=") && rate == null && RATE.matcher(p.substring(5)).matches()) {
                    rate = p.substring(5).toLowerCase(Locale.ROOT);
                } else if (p.startsWith("delay=") && delay == null && DELAY.matcher(p.substring(6)).matches()) {
                    delay = p.substring(6).toLowerCase(Locale.ROOT);
                } else {
                    throw new IllegalArgumentException("placement '" + t + "': '" + p + "' is not rate=RATE (a tc rate such as 1gbit,"
                            + " 100mbit) or delay=DELAY (such as 5ms, 200us), each at most once");
                }
            }
            return new Placement(Kind.NETNS, rate, delay, null, 0);
        }
        throw new IllegalArgumentException("unknown placement '" + t + "'; valid: " + FORMS);
    }

    /** True for the default, the server in the benchmark's own JVM. */
    public boolean inProcess() {
        return kind == Kind.INPROCESS;
    }

    /** The rate in bits per second, or 0 when unshaped. */
    public long rateBitsPerSecond() {
        if (rate == null) {
            return 0;
        }
        Matcher m = RATE.matcher(rate);
        if (!m.matches()) {
            throw new IllegalStateException(rate);
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        double scale = unit.startsWith("k") ? 1e3 : unit.startsWith("m") ? 1e6 : unit.startsWith("g") ? 1e9 : unit.startsWith("t") ? 1e12 : 1;
        return (long) (n * scale * (unit.endsWith("bps") ? 8 : 1));
    }

    /** The text form, as {@link #parse} reads it. */
    @Override
    public String toString() {
        switch (kind) {
            case REMOTE:
                return "remote=" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
            case NETNS:
                return "netns" + (rate == null ? "" : ":rate=" + rate) + (delay == null ? "" : ":delay=" + delay);
            default:
                return kind.id();
        }
    }
}
