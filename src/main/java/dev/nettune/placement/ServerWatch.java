package dev.nettune.placement;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A ServerWatch keeps a benchmark from waiting for ever on a placed server that can no longer
 * answer. A benchmark's client reads without a timeout on purpose — on JDK 13+ a timed read goes
 * through poll(2), an extra system call per I/O that netperf and sockperf do not make — so a
 * server JVM stopped with SIGSTOP, or a namespace whose link went down, would leave the client
 * blocked in read(2) for good (TCP retransmits for ~15 minutes over a dead link; a stopped peer's
 * kernel still acknowledges, so TCP never gives up at all), and JMH, which only interrupts a
 * blocked thread, with it.
 *
 * <p>Every {@value #WATCH_MILLIS} ms it looks at what the blocked client cannot see: whether the
 * server JVM still runs (an exit is logged at once: the client then sees EOF or a reset by itself),
 * whether it is stopped (state {@code T} in /proc/&lt;pid&gt;/stat) and whether the link's host end is
 * up (/sys/class/net/&lt;link&gt;/operstate; a peer taken down reads {@code down} here too). A stall
 * that lasts longer than the bound ({@value #STALL_PROPERTY}, default {@value #DEFAULT_STALL_SECONDS} s,
 * as long as an asynchronous client waits for a reply) is handed, once, with its reason, to the
 * stall action: in a benchmark fork, {@link #endFork(String)}.
 */
final class ServerWatch implements AutoCloseable {
    /** System property: how long, in seconds, a server may be stopped or its link down before the fork ends. */
    static final String STALL_PROPERTY = "nettune.placement.stallSeconds";
    /** The default stall bound, seconds: as long as {@code AsyncConnection} waits for a reply. */
    static final long DEFAULT_STALL_SECONDS = 30;
    /** How often the server and its link are looked at. */
    static final long WATCH_MILLIS = 250;
    /** The exit status of a fork ended by a stall: JMH reports it as "forked VM failed with exit code 3". */
    static final int STALL_EXIT_STATUS = 3;
    /** How long shutdown hooks may take after a stall before the JVM is halted. */
    static final long EXIT_GRACE_SECONDS = 30;
    /** How the line that names a stall starts ({@link PlacedServer#FAULT_PREFIX}). */
    static final String FAULT_PREFIX = PlacedServer.FAULT_PREFIX;

    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean acting;

    /**
     * Starts watching. {@code stall} names what is wrong now (null when all is well); {@code exited}
     * says, once, how the server JVM ended if it ended unasked; {@code onStall} gets the reason when
     * {@code stall} has named a problem for longer than {@code boundMillis}.
     */
    ServerWatch(String name, long boundMillis, Supplier<String> stall, Supplier<String> exited, Consumer<String> onExit,
                Consumer<String> onStall) {
        thread = new Thread(() -> watch(boundMillis, stall, exited, onExit, onStall), "nettune-placement-watch-" + name);
        thread.setDaemon(true); // it must never keep a JVM alive
        thread.start();
    }

    private void watch(long boundMillis, Supplier<String> stall, Supplier<String> exited, Consumer<String> onExit,
                       Consumer<String> onStall) {
        long since = 0;
        boolean exitTold = false;
        while (!closed) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return; // close() interrupts: nothing more to watch
            }
            if (closed) {
                return;
            }
            if (!exitTold) {
                String how = exited.get();
                if (how != null) {
                    exitTold = true;
                    onExit.accept(how);
                }
            }
            String now = stall.get();
            if (now == null) {
                since = 0;
                continue;
            }
            long t = System.nanoTime();
            if (since == 0) {
                since = t;
            } else if (t - since > TimeUnit.MILLISECONDS.toNanos(boundMillis)) {
                closed = true;
                acting = true; // the action may exit the JVM: close() from a shutdown hook must not wait for this thread
                onStall.accept(now + " for more than " + seconds(boundMillis) + " (" + STALL_PROPERTY
                        + "): a client waiting on it would wait for ever");
                return;
            }
        }
    }

    /** The stall bound: {@value #STALL_PROPERTY} when set to a positive number of seconds, else the default. */
    static long boundMillis() {
        String v = System.getProperty(STALL_PROPERTY);
        if (v != null) {
            try {
                double s = Double.parseDouble(v.trim());
                if (s > 0) {
                    return (long) (s * 1000);
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("-D" + STALL_PROPERTY + "=" + v + ": not a positive number of seconds");
        }
        return TimeUnit.SECONDS.toMillis(DEFAULT_STALL_SECONDS);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** The scheduler state of process {@code pid} (/proc/&lt;pid&gt;/stat's third field: R, S, D, T, t, Z ...), or null when gone. */
    static String processState(long pid) {
        try {
            // readAllLines, not readString: JDK 17's readString trusts the 0 size procfs reports
            String stat = String.join(" ", Files.readAllLines(Path.of("/proc", Long.toString(pid), "stat")));
            int paren = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            return paren < 0 || paren + 2 >= stat.length() ? null : stat.substring(paren + 2, paren + 3);
        } catch (IOException | RuntimeException e) {
            return null; // no such process (or not Linux): nothing to say
        }
    }

    /** The operational state of interface {@code link} in this process's namespace (up, down, ...), "absent" when there is none. */
    static String linkState(String link) {
        try {
            return String.join("", Files.readAllLines(Path.of("/sys/class/net", link, "operstate"))).strip(); // as above
        } catch (IOException e) {
            return "absent";
        }
    }

    /**
     * Ends this JVM — a benchmark fork — for a stall: the reason goes straight to file descriptor 2
     * (what JMH shows of a failed fork's stderr, whatever happened to System.err) and to standard
     * output, then {@code System.exit(}{@value #STALL_EXIT_STATUS}{@code )} runs the shutdown hooks
     * (the server JVM and the namespace go, see {@link Cleanup}); should a hook hang, the JVM is
     * halted after {@value #EXIT_GRACE_SECONDS} s.
     */
    static void endFork(String reason) {
        String line = FAULT_PREFIX + reason + "; ending this fork (exit " + STALL_EXIT_STATUS + ")";
        try {
            FileOutputStream err = new FileOutputStream(FileDescriptor.err);
            err.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            err.flush(); // not closed: that would close fd 2 for everyone
        } catch (IOException e) {
            // stderr gone: standard output below still carries the reason
        }
        System.out.println(line);
        System.out.flush();
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(EXIT_GRACE_SECONDS));
            } catch (InterruptedException e) {
                return; // the JVM is going anyway
            }
            Runtime.getRuntime().halt(STALL_EXIT_STATUS);
        }, "nettune-placement-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(STALL_EXIT_STATUS);
    }

    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread && !acting) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
