package dev.nettune.client.load;

import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A ThreadLoad runs each of its {@link Operation}s closed-loop on a thread of its own, platform or
 * virtual: run, record the latency, run again, until closed. It drives the thread-per-connection
 * client models (one persistent connection per thread, {@link #echo}) and the connection-reuse
 * workloads (one client per thread, however it connects: {@link Workloads}).
 */
public final class ThreadLoad extends Load {
    private final List<Operation> operations;
    private final List<Thread> threads = new ArrayList<>();
    /**
     * Operations completed per thread, each slot written only by its thread; slots lie
     * {@value #SLOT_STRIDE} longs apart so two threads' counts never share a cache line.
     */
    private final AtomicLongArray done;
    private static final int SLOT_STRIDE = 8;

    /**
     * Starts one thread from {@code threads} per operation; each thread owns its operation, which
     * close() closes. No thread runs its operation before every thread has started: started into a
     * load already running, each {@code Thread.start} (a handshake: the new thread and the starting
     * one must each be scheduled) waits behind every busy thread started before it, so on few cores
     * starting a thousand took longer than the whole measurement, with the first ones running
     * unmeasured meanwhile (docs/evidence/scale/setup.md).
     *
     * @throws OutOfMemoryError when a thread cannot be started; those started end without running, and the operations are closed
     */
    public ThreadLoad(List<? extends Operation> operations, ThreadFactory threads) {
        super(operations.size());
        this.operations = List.copyOf(operations);
        this.done = new AtomicLongArray(this.operations.size() * SLOT_STRIDE);
        CountDownLatch allStarted = new CountDownLatch(1);
        for (int i = 0; i < this.operations.size(); i++) {
            Operation op = this.operations.get(i);
            int slot = i * SLOT_STRIDE;
            this.threads.add(threads.newThread(() -> {
                if (awaitStart(allStarted)) {
                    drive(op, slot);
                }
            }));
        }
        try {
            for (Thread t : this.threads) {
                t.start();
            }
        } catch (Throwable t) {
            failed(t); // stops the drivers: the threads already started see it as the gate opens and end without running
            allStarted.countDown();
            try {
                closeAll(this.operations); // no ThreadLoad is returned to close them
            } catch (IOException | RuntimeException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        allStarted.countDown();
    }

    /** Waits until every thread of the load has started; false when the load must not run (start failed, or interrupted). */
    private boolean awaitStart(CountDownLatch allStarted) {
        try {
            allStarted.await();
        } catch (InterruptedException e) {
            failed(e);
            return false;
        }
        return running();
    }

    /**
     * Opens {@code connections} connections of a thread-per-connection {@code model}, makes one
     * verified echo on each, then starts a closed loop of echoes per connection.
     */
    static ThreadLoad echo(ClientModel model, SocketAddress server, SocketTuning tuning, int connections, int payloadBytes)
            throws IOException {
        List<Operation> ops = new ArrayList<>();
        EffectiveOptions first = null;
        try {
            for (int i = 0; i < connections; i++) {
                ClientConnection c = model.open(server, tuning);
                Request request = model.request(Kind.ECHO, payloadBytes);
                ops.add(Operation.exchanges(c, request));
                first = first == null ? c.options() : first;
                // One verified round trip per connection before any loop starts: the server has then
                // accepted and is serving every connection. Otherwise its accept thread competes with
                // up to 2 x 1,024 busy threads and may not accept them all in time.
                c.exchange(request);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(ops);
            throw e;
        }
        ThreadLoad load = new ThreadLoad(ops, model.threads("load-" + model.name().toLowerCase(Locale.ROOT) + "-"));
        load.options = first;
        return load;
    }

    private void drive(Operation op, int slot) {
        try {
            for (long n = 1; running(); n++) {
                long t0 = System.nanoTime();
                op.run();
                completed(System.nanoTime() - t0);
                done.lazySet(slot, n);
            }
        } catch (Throwable t) {
            failed(t); // kept unless the load is closing, when an operation cut short is expected
        }
    }

    @Override
    public int threads() {
        return threads.size();
    }

    @Override
    public long minCompletedPerConnection() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < done.length(); i += SLOT_STRIDE) {
            min = Math.min(min, done.get(i));
        }
        return done.length() == 0 ? 0 : min;
    }

    @Override
    protected void stop() throws IOException {
        for (Thread t : threads) {
            join(t);
        }
        closeAll(operations);
    }
}
