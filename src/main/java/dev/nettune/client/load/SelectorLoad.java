package dev.nettune.client.load;

import dev.nettune.client.DriverThreads;
import dev.nettune.client.SelectorClient;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;

import java.io.IOException;
import java.net.SocketAddress;

/** A SelectorLoad drives all its connections from one platform thread through one {@link SelectorClient}. */
final class SelectorLoad extends Load {
    private final SelectorClient client;
    private final Thread thread;
    /** Full rounds completed, in each of which every connection completed one round trip. */
    private volatile long fullRounds;

    private SelectorLoad(SelectorClient client) {
        super(client.connections());
        this.client = client;
        this.options = client.options();
        this.thread = DriverThreads.platform("load-selector-").newThread(this::drive);
    }

    /** Opens the connections and starts their closed loops of verified echoes. */
    static SelectorLoad echo(SocketAddress server, SocketTuning tuning, int connections, int payloadBytes) throws IOException {
        SelectorLoad load = new SelectorLoad(new SelectorClient(server, tuning, connections, Kind.ECHO, payloadBytes));
        load.thread.start();
        return load;
    }

    private void drive() {
        try {
            // First one full round (a deadline already past: every connection does exactly one round
            // trip), which proves each connection is served; then free running until stopped.
            client.runUntil(System.nanoTime(), this::completed);
            fullRounds = 1;
            client.runWhile(this::running, this::completed);
        } catch (Throwable t) {
            failed(t);
        }
    }

    @Override
    public int threads() {
        return 1;
    }

    /** 1 once the first full round (one round trip on every connection) is done, 0 before. */
    @Override
    public long minCompletedPerConnection() {
        return fullRounds;
    }

    @Override
    protected void stop() throws IOException {
        try {
            join(thread);
        } finally {
            client.close();
        }
    }
}
