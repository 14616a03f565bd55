package dev.nettune.client.load;

import dev.nettune.client.ClientModel;
import dev.nettune.client.ConnectPerRequest;
import dev.nettune.client.ConnectionPool;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workloads makes the per-client-thread {@link Operation}s of one {@link Workload} on one client
 * model, for a {@link ThreadLoad}, and owns what the client threads share: the
 * {@link ConnectionPool} of the POOL workloads, the ThreadPoolExecutor of SEED_EXECUTOR. Every
 * request/response is verified by the client classes.
 */
public final class Workloads implements AutoCloseable {
    /** How long close() waits for the seed executor's threads. */
    static final long EXECUTOR_JOIN_SECONDS = 10;

    private final Workload workload;
    private final ClientModel model;
    private final SocketTuning tuning;
    private final SocketAddress server;
    private final int payload;
    private final ConnectionPool pool;
    private final ThreadPoolExecutor executor;
    private final ThreadLocal<Exchange> executorConnects;

    /** One verified request/response, however it connects. */
    private interface Exchange {
        void exchange(Request request) throws IOException;
    }

    /**
     * @param model   the client's I/O model: one with a blocking connection per client thread
     * @param threads client threads T: sizes the pool (P = 1, T/2, T) and the seed's executor (T threads)
     */
    public Workloads(Workload workload, ClientModel model, SocketTuning tuning, SocketAddress server, int threads, int payload) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        String unsupported = unsupportedReason(workload, model);
        if (unsupported != null) {
            throw new IllegalArgumentException(unsupported);
        }
        this.workload = workload;
        this.model = model;
        this.tuning = tuning;
        this.server = server;
        this.payload = payload;
        this.pool = workload.poolSize(threads) > 0 ? new ConnectionPool(server, tuning, workload.poolSize(threads)) : null;
        if (workload == Workload.SEED_EXECUTOR) {
            AtomicInteger n = new AtomicInteger();
            executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "seed-executor-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
            // Each executor thread connects per task through its own connector, as the seed's tasks do.
            executorConnects = ThreadLocal.withInitial(() -> new ConnectPerRequest(server, tuning, model)::exchange);
        } else {
            executor = null;
            executorConnects = null;
        }
    }

    /**
     * Why a workload has no form on a client model, or null: each client thread makes blocking
     * exchanges on a platform thread of its own (the models that have a one-connection form and
     * run on platform threads); the foundation's ConnectionPool holds java.net.Socket stream
     * connections only, so the POOL workloads are measured on STREAM.
     */
    public static String unsupportedReason(Workload workload, ClientModel model) {
        if (!model.hasConnection() || model.driver() != ClientModel.Driver.PLATFORM_THREADS) {
            return "client model " + model + " has no blocking connection driven from a client thread of its own; valid: "
                    + ClientModel.valid(m -> m.hasConnection() && m.driver() == ClientModel.Driver.PLATFORM_THREADS);
        }
        if (model == ClientModel.STREAM || workload.poolSize(1) == 0) {
            return null;
        }
        return "workload " + workload + " uses dev.nettune.client.ConnectionPool, which holds java.net.Socket stream connections only;"
                + " the pool is measured with io=STREAM, not io=" + model;
    }

    /** One client thread's operation; each call makes a new one with its own request (sequence numbers are per thread). */
    public Operation newOperation() throws IOException {
        Request request = model.request(Kind.ECHO, payload);
        switch (workload) {
            case PERSISTENT:
                return Operation.exchanges(model.open(server, tuning), request);
            case CONNECT_PER_REQUEST: {
                ConnectPerRequest crr = new ConnectPerRequest(server, tuning, model);
                return () -> crr.exchange(request);
            }
            case CONNECT_ONLY:
                return new ConnectPerRequest(server, tuning, model)::connectOnly;
            case POOL_1:
            case POOL_HALF:
            case POOL_FULL:
                return () -> pool.exchange(request);
            case SEED_EXECUTOR:
                return () -> seedTask(request);
            default:
                throw new AssertionError(workload);
        }
    }

    /** The seed's pattern: hand the request to the executor, whose thread opens its own connection for it, and wait. */
    private void seedTask(Request request) throws IOException {
        try {
            executor.submit(() -> {
                executorConnects.get().exchange(request);
                return null;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for an executor task");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause; // e.g. PortExhaustedException, with its message
            }
            throw new IOException("executor task failed: " + cause, cause);
        }
    }

    /** Connections the pool replaced because the server had closed them (0 without a pool). */
    public long poolReplaced() {
        return pool == null ? 0 : pool.replaced();
    }

    /** Closes the pool and stops the executor; call after the client threads have stopped. */
    @Override
    public void close() throws IOException {
        if (executor != null) {
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(EXECUTOR_JOIN_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("seed executor did not stop within " + EXECUTOR_JOIN_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("interrupted while stopping the seed executor"));
            }
        }
        if (pool != null) {
            pool.close();
        }
    }
}
