package dev.nettune.server;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * LastAccepted holds the options read back from an accepted served socket
 * ({@link Server#acceptedOptions()}): the first one the server accepted. Every accepted socket is
 * tuned the same way, so one read-back stands for all, and the others are not read back: four
 * getsockopt calls per connection that a connect-per-request figure must not include. If a
 * read-back connection's first request turns out to be a STATS request, it is a control connection
 * and is taken back out: the next accepted socket is read back instead (one accepted while the
 * control connection still held the place is not; benchmarks ask for options after their own
 * connection is served, never racing a control connection). Either way a control
 * connection is counted as control in the server's stats.
 */
final class LastAccepted {
    private final AtomicReference<EffectiveOptions> held = new AtomicReference<>();
    private final ServerStats stats;

    LastAccepted(ServerStats stats) {
        this.stats = stats;
    }

    /**
     * Records a socket just accepted (and tuned): reads its options back while none are held. The
     * returned action marks it a control connection.
     */
    Runnable accepted(OptionTarget socket) throws IOException {
        if (held.get() != null) {
            return stats.control::increment;
        }
        EffectiveOptions mine = EffectiveOptions.readFrom(socket);
        if (!held.compareAndSet(null, mine)) {
            return stats.control::increment; // another loop's socket was read back first
        }
        return () -> {
            stats.control.increment();
            held.compareAndSet(mine, null);
        };
    }

    /** The options of the accepted served socket read back, or null before one. */
    EffectiveOptions get() {
        return held.get();
    }
}
