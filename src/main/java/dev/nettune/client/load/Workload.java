package dev.nettune.client.load;

import java.util.Arrays;

/**
 * A Workload is one way of using connections for request/response, netperf-style: keep one
 * (TCP_RR), open one per request (TCP_CRR), only connect and close (TCP_CC), share a pool, or the
 * seed's executor pattern, in which each task submitted to a ThreadPoolExecutor opens its own
 * connection — a thread pool, not a connection pool.
 */
public enum Workload {
    /** A dedicated persistent connection per client thread (netperf TCP_RR). */
    PERSISTENT,
    /** Connect, one request/response, close, per operation (netperf TCP_CRR). */
    CONNECT_PER_REQUEST,
    /** Connect and close, no data (netperf TCP_CC). */
    CONNECT_ONLY,
    /** All client threads share one pooled connection. */
    POOL_1,
    /** Client threads share max(1, T/2) pooled connections. */
    POOL_HALF,
    /** Client threads share T pooled connections: borrow/return cost against a dedicated connection. */
    POOL_FULL,
    /** Each client thread submits a task to a T-thread ThreadPoolExecutor and waits; each task connects, exchanges, closes. */
    SEED_EXECUTOR;

    /** Pooled connections for {@code threads} client threads, or 0 when this workload uses no pool. */
    public int poolSize(int threads) {
        switch (this) {
            case POOL_1: return 1;
            case POOL_HALF: return Math.max(1, threads / 2);
            case POOL_FULL: return threads;
            default: return 0;
        }
    }

    /** True when each operation opens (and closes) a connection. */
    public boolean connectsPerOperation() {
        return this == CONNECT_PER_REQUEST || this == CONNECT_ONLY || this == SEED_EXECUTOR;
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static Workload parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
