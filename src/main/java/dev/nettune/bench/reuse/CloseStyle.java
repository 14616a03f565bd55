package dev.nettune.bench.reuse;

import dev.nettune.socket.SocketTuning;

import java.util.Arrays;

/**
 * A CloseStyle is how the client closes: FIN (a normal close; the side that closes first, the
 * client here, keeps the connection in TIME_WAIT for 60 s) or RST (SO_LINGER 0: close() aborts the
 * connection and leaves no TIME_WAIT).
 */
public enum CloseStyle {
    FIN,
    RST;

    /** The client's socket options: TCP_NODELAY on, plus SO_LINGER 0 for RST. */
    public SocketTuning clientTuning() {
        return this == RST ? SocketTuning.NO_DELAY.withLingerSeconds(0) : SocketTuning.NO_DELAY;
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static CloseStyle parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown close style '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
