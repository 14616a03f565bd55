package dev.nettune.server;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Teardown closes what was opened against a {@link Server} (a benchmark's trial, a fixture, a
 * test), in the reverse of the order it was opened: the clients in the order given, then the
 * server. Every step runs even when one before it failed, so a failing client never leaves the
 * server's threads and sockets behind; the first failure is thrown with the later ones suppressed
 * into it. A {@link Check} reads the server after its clients are gone and before it closes (a
 * server in another process can still be asked then), e.g. that it verified every frame sent.
 *
 * <p>Null clients and a null server are skipped: a trial whose setup failed half-way is torn
 * down the same way.
 */
public final class Teardown {
    /** What to verify of the server once its clients are closed; throws to fail the teardown. */
    @FunctionalInterface
    public interface Check {
        void verify(Server server) throws Exception;
    }

    private Teardown() {
    }

    /** Closes {@code clients} in order, then {@code server}. */
    public static void close(Server server, AutoCloseable... clients) throws IOException {
        close(server, null, clients);
    }

    /** Closes {@code clients} in order, runs {@code check} (when not null) on {@code server}, then closes it. */
    public static void close(Server server, Check check, AutoCloseable... clients) throws IOException {
        Throwable first = null;
        for (AutoCloseable c : clients) {
            if (c != null) {
                first = step(first, c::close);
            }
        }
        if (server != null) {
            if (check != null) {
                first = step(first, () -> check.verify(server));
            }
            first = step(first, server::close);
        }
        rethrow(first);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs one step; returns the first failure so far, with this step's added as suppressed when there was one. */
    private static Throwable step(Throwable first, Step s) {
        try {
            s.run();
            return first;
        } catch (Throwable t) {
            if (first == null) {
                return t;
            }
            first.addSuppressed(t);
            return first;
        }
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt(); // keep the interrupt for the caller, as the checked type cannot carry it
            InterruptedIOException e = new InterruptedIOException("interrupted in teardown");
            e.initCause(t);
            throw e;
        }
        throw new IOException("cannot close: " + t, t);
    }
}
