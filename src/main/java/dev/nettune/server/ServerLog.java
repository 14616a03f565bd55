package dev.nettune.server;

import java.io.PrintStream;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A ServerLog reports why a server closed a connection (a protocol error, a read timeout, the
 * memory budget) on standard error, one line per connection with its peer, at most
 * {@value #LINES_PER_SECOND} lines a second: beyond that, lines are counted and one "suppressed"
 * line says how many when the second is over (or when the server stops). A flood of bad
 * connections thus costs a few lines, not one per connection. Only on the error path, never per
 * request.
 */
final class ServerLog {
    /** Lines printed per second at most; the rest are counted. */
    static final int LINES_PER_SECOND = 10;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String PREFIX = "nettune server: ";

    private final PrintStream out;
    private long windowStart = System.nanoTime();
    private int printed;
    private long suppressed;

    ServerLog(PrintStream out) {
        this.out = out;
    }

    /** A log on the process's standard error, as the standalone server and in-process servers use. */
    static ServerLog stderr() {
        return new ServerLog(System.err);
    }

    /** Says that the connection from {@code peer} was closed and why. */
    synchronized void closed(SocketAddress peer, String reason) {
        long now = System.nanoTime();
        if (now - windowStart >= WINDOW_NANOS) {
            flushSuppressed();
            windowStart = now;
            printed = 0;
        }
        if (printed < LINES_PER_SECOND) {
            printed++;
            out.println(PREFIX + "closed connection from " + (peer == null ? "an unknown peer" : Main.hostPortOrPath(peer)) + ": " + reason);
        } else {
            suppressed++;
        }
    }

    /** Called now and then (the servers' read-timeout ticks): says what was suppressed once its second is over. */
    synchronized void tick() {
        if (suppressed > 0 && System.nanoTime() - windowStart >= WINDOW_NANOS) {
            flushSuppressed();
        }
    }

    /** Prints the count of lines left out, if any (at the end of a second, and when the server stops). */
    synchronized void flushSuppressed() {
        if (suppressed > 0) {
            out.println(PREFIX + "suppressed " + suppressed + " more closed-connection line" + (suppressed == 1 ? "" : "s")
                    + " (at most " + LINES_PER_SECOND + " a second)");
            suppressed = 0;
        }
    }
}
