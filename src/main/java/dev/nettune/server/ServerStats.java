package dev.nettune.server;

import java.util.concurrent.atomic.LongAdder;

/** ServerStats are a server's running counters; cheap to update from many threads. */
public final class ServerStats {
    final LongAdder accepted = new LongAdder();
    final LongAdder closed = new LongAdder();
    final LongAdder frames = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();

    public long accepted() { return accepted.sum(); }
    public long closed() { return closed.sum(); }
    /** Connections accepted and not yet closed. */
    public long open() { return accepted.sum() - closed.sum(); }
    /** Request frames served (replies sent). */
    public long frames() { return frames.sum(); }
    public long bytesIn() { return bytesIn.sum(); }
    public long bytesOut() { return bytesOut.sum(); }
    /** Connections dropped for a bad frame: garbage, a length above the maximum, a bad CRC, EOF mid-frame. */
    public long protocolErrors() { return protocolErrors.sum(); }

    @Override
    public String toString() {
        return "ServerStats[accepted=" + accepted() + ", closed=" + closed() + ", frames=" + frames()
                + ", bytesIn=" + bytesIn() + ", bytesOut=" + bytesOut() + ", protocolErrors=" + protocolErrors() + "]";
    }
}
