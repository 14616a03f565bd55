package dev.nettune.client.load;

import dev.nettune.client.AsyncConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.client.DriverThreads;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An AsyncLoad drives AsynchronousSocketChannels in a group of {@link #GROUP_THREADS} threads; each
 * connection's next request starts from the completion handler of its last reply.
 */
final class AsyncLoad extends Load {
    /** One group thread per core: completion handlers never block, so more would only contend. */
    static final int GROUP_THREADS = Runtime.getRuntime().availableProcessors();

    private final AsynchronousChannelGroup group;
    private final List<AsyncConnection> conns = new ArrayList<>();
    private final List<Loop> loops = new ArrayList<>();
    private final CountDownLatch stopped;

    private AsyncLoad(int connections) throws IOException {
        super(connections);
        group = AsynchronousChannelGroup.withFixedThreadPool(GROUP_THREADS, DriverThreads.platform("load-async-"));
        stopped = new CountDownLatch(connections);
    }

    /** Opens the connections and starts their closed loops of verified echoes. */
    static AsyncLoad echo(SocketAddress server, SocketTuning tuning, int connections, int payloadBytes) throws IOException {
        AsyncLoad load = new AsyncLoad(connections);
        try {
            for (int i = 0; i < connections; i++) {
                load.conns.add(new AsyncConnection(server, tuning, load.group));
            }
        } catch (IOException | RuntimeException e) {
            load.close(); // no loop started: nothing to wait for
            throw e;
        }
        load.options = load.conns.get(0).options();
        for (AsyncConnection c : load.conns) {
            Loop loop = load.new Loop(c, ClientModel.ASYNC.request(Kind.ECHO, payloadBytes));
            load.loops.add(loop);
            loop.next();
        }
        return load;
    }

    /** One connection's closed loop: the completion of one exchange starts the next. */
    private final class Loop implements CompletionHandler<Void, Void> {
        final AsyncConnection conn;
        final Request request;
        long sentAt;
        /** Round trips of this connection; handlers of one connection never run concurrently. */
        volatile long done;

        Loop(AsyncConnection conn, Request request) {
            this.conn = conn;
            this.request = request;
        }

        void next() {
            if (!running()) {
                stopped.countDown();
                return;
            }
            sentAt = System.nanoTime();
            conn.start(request, this);
        }

        @Override
        public void completed(Void v, Void a) {
            AsyncLoad.this.completed(System.nanoTime() - sentAt);
            done = done + 1; // single writer: this connection's handler
            next();
        }

        @Override
        public void failed(Throwable t, Void a) {
            AsyncLoad.this.failed(t);
            stopped.countDown();
        }
    }

    @Override
    public int threads() {
        return GROUP_THREADS;
    }

    @Override
    public long minCompletedPerConnection() {
        return loops.stream().mapToLong(l -> l.done).min().orElse(0);
    }

    @Override
    protected void stop() throws IOException {
        try {
            // Loops that were never started (setup failed) count down nothing: wait only for started ones.
            for (int i = loops.size(); i < connections; i++) {
                stopped.countDown();
            }
            if (!stopped.await(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(stopped.getCount() + " async connections did not stop within " + STOP_MILLIS + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping async connections");
        } finally {
            try {
                closeAll(conns);
            } finally {
                group.shutdownNow();
                try {
                    if (!group.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("async channel group did not terminate within " + STOP_MILLIS + " ms");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
