package dev.nettune.placement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cleanup undoes what placements set up (server processes, namespaces, links) when the JVM exits
 * without having closed them — a benchmark fork that failed mid-run and exits, or one stopped with
 * SIGTERM: one shutdown hook closes whatever is still registered, newest first. A fork killed with
 * SIGKILL runs no hook: its server stops on its own (standard input ends) and
 * {@link Netns#sweep()} removes its namespace later.
 */
final class Cleanup {
    private static final Set<AutoCloseable> LIVE = new LinkedHashSet<>();
    private static boolean hooked;

    private Cleanup() {
    }

    /** Registers {@code c} to be closed at exit unless unregistered first. */
    static synchronized void register(AutoCloseable c) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::closeAll, "nettune-placement-cleanup"));
            hooked = true;
        }
        LIVE.add(c);
    }

    static synchronized void unregister(AutoCloseable c) {
        LIVE.remove(c);
    }

    private static void closeAll() {
        List<AutoCloseable> all;
        synchronized (Cleanup.class) {
            all = new ArrayList<>(LIVE);
            LIVE.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).close();
            } catch (Exception e) {
                System.err.println("nettune: placement cleanup at exit: " + e.getMessage()); // the next one is still closed
            }
        }
    }
}
