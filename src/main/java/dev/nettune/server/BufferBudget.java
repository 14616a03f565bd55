package dev.nettune.server;

/**
 * A BufferBudget is a server's memory budget: the bytes of read buffers all its connections hold,
 * counted in {@link ServerStats#bufferedBytes()}, never more than {@link ServerConfig#maxBufferedBytes()}.
 * A connection reserves a buffer's bytes before allocating it and releases them when it drops the
 * buffer (grows it or closes); a reservation that would pass the limit is refused, and the server
 * closes that connection. Called when a buffer is allocated or grows, never per request.
 */
final class BufferBudget {
    private final ServerStats stats;
    private final long limit;

    BufferBudget(ServerStats stats, long limit) {
        this.stats = stats;
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Reserves {@code bytes}; false (nothing reserved) when that would pass the limit. */
    boolean tryReserve(long bytes) {
        for (;;) {
            long held = stats.bufferedBytes.get();
            long next = held + bytes;
            if (next > limit) {
                return false;
            }
            if (stats.bufferedBytes.compareAndSet(held, next)) {
                stats.peakBufferedBytes.accumulateAndGet(next, Math::max);
                return true;
            }
        }
    }

    /**
     * Reserves {@code bytes} or throws the refusal, naming the budget and what the connection asked for.
     *
     * @throws BudgetRefusal when the reservation would pass the limit
     */
    void reserve(long bytes, String what) throws BudgetRefusal {
        if (!tryReserve(bytes)) {
            throw new BudgetRefusal("memory budget reached: " + what + " needs " + bytes + " more bytes, " + stats.bufferedBytes()
                    + " of " + limit + " are held (--maxBufferedBytes)");
        }
    }

    void release(long bytes) {
        stats.bufferedBytes.addAndGet(-bytes);
    }

    /** Why a connection was closed: its buffer would have taken the budget past its limit. */
    static final class BudgetRefusal extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        BudgetRefusal(String message) {
            super(message);
        }
    }
}
