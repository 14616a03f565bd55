package dev.nettune.server;

/**
 * ReadTimeouts holds what the servers share about the read timeout ({@link ServerConfig#readTimeoutMillis()}):
 * how often they look for stalled connections and how they say why one was closed.
 */
final class ReadTimeouts {
    /** Looks for stalled connections a few times per timeout, so one is closed at most a quarter late. */
    private static final int TICKS_PER_TIMEOUT = 4;
    /** But not more often than this, nor less often than {@link #MAX_TICK_MILLIS}. */
    private static final long MIN_TICK_MILLIS = 10;
    private static final long MAX_TICK_MILLIS = 1_000;

    private ReadTimeouts() {
    }

    /** How often to look for connections stalled mid-frame, ms. */
    static long tickMillis(int timeoutMillis) {
        return Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, timeoutMillis / TICKS_PER_TIMEOUT));
    }

    static String reason(int timeoutMillis) {
        return "read timeout: no byte for " + timeoutMillis + " ms in the middle of a frame (--readTimeoutMillis)";
    }
}
