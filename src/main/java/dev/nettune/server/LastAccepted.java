package dev.nettune.server;

import dev.nettune.socket.EffectiveOptions;

import java.util.concurrent.atomic.AtomicReference;

/**
 * LastAccepted holds the options read back from the most recently accepted served socket
 * ({@link Server#acceptedOptions()}). A connection is recorded when accepted; if its first request
 * turns out to be a STATS request, it is a control connection and is taken back out: its options
 * give way to the ones before it (unless a later connection has replaced them), and it is counted
 * as control in the server's stats.
 */
final class LastAccepted {
    private final AtomicReference<EffectiveOptions> last = new AtomicReference<>();
    private final ServerStats stats;

    LastAccepted(ServerStats stats) {
        this.stats = stats;
    }

    /** Records a connection just accepted with {@code options}; the returned action marks it a control connection. */
    Runnable accepted(EffectiveOptions options) {
        EffectiveOptions before = last.getAndSet(options);
        return () -> {
            stats.control.increment();
            last.compareAndSet(options, before);
        };
    }

    /** The options of the last accepted served socket, or null before one. */
    EffectiveOptions get() {
        return last.get();
    }
}
