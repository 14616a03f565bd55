package dev.nettune.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * ServerStats are a server's running counters; cheap to update from many threads. Control
 * connections (those whose first request is a {@link dev.nettune.wire.Kind#STATS}) are left out of
 * every count: they are how a benchmark reads a server in another process, not load it serves.
 */
public final class ServerStats {
    final LongAdder accepted = new LongAdder();
    final LongAdder closed = new LongAdder();
    final LongAdder frames = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    /** Accepted connections that turned out to be control connections (counted in {@link #accepted} at accept). */
    final LongAdder control = new LongAdder();
    /** Control connections closed (never counted in {@link #closed}). */
    final LongAdder controlClosed = new LongAdder();
    /** Connections closed because they stopped sending in the middle of a frame. */
    final LongAdder readTimeouts = new LongAdder();
    /** Connections closed because their frame would have taken the memory budget past its limit. */
    final LongAdder budgetRefusals = new LongAdder();
    /** Bytes of read buffers held by connections now (what the memory budget counts). */
    final AtomicLong bufferedBytes = new AtomicLong();
    /** The most {@link #bufferedBytes} has been. */
    final AtomicLong peakBufferedBytes = new AtomicLong();

    public long accepted() { return accepted.sum() - control.sum(); }
    public long closed() { return closed.sum(); }
    /** Connections accepted and not yet closed. */
    public long open() { return accepted() - closed(); }
    /** Request frames served (replies sent). */
    public long frames() { return frames.sum(); }
    public long bytesIn() { return bytesIn.sum(); }
    public long bytesOut() { return bytesOut.sum(); }
    /** Connections dropped for a bad frame: garbage, a length above the maximum, a bad CRC, EOF mid-frame. */
    public long protocolErrors() { return protocolErrors.sum(); }
    /** Connections closed after stalling mid-frame for the read timeout. */
    public long readTimeouts() { return readTimeouts.sum(); }
    /** Connections closed because the memory budget was reached. */
    public long budgetRefusals() { return budgetRefusals.sum(); }
    /** Bytes of read buffers the connections hold now. */
    public long bufferedBytes() { return bufferedBytes.get(); }
    /** The most bytes of read buffers the connections held at once. */
    public long peakBufferedBytes() { return peakBufferedBytes.get(); }
    /** Control connections open now. */
    public long controlOpen() { return control.sum() - controlClosed.sum(); }

    /** Counts a connection closed: a served one, or a control connection. */
    void connectionClosed(boolean controlConnection) {
        (controlConnection ? controlClosed : closed).increment();
    }

    @Override
    public String toString() {
        return "ServerStats[accepted=" + accepted() + ", closed=" + closed() + ", frames=" + frames()
                + ", bytesIn=" + bytesIn() + ", bytesOut=" + bytesOut() + ", protocolErrors=" + protocolErrors()
                + ", readTimeouts=" + readTimeouts() + ", budgetRefusals=" + budgetRefusals()
                + ", bufferedBytes=" + bufferedBytes() + ", peakBufferedBytes=" + peakBufferedBytes() + "]";
    }
}
