package dev.nettune.client.bulk;

import java.io.IOException;

/**
 * A StallException says an operation made no progress within its bound and was cut off by closing
 * its socket. The message names the configuration, so a stalled benchmark point reads as such in
 * JMH's output instead of hanging the suite.
 */
public final class StallException extends IOException {
    private static final long serialVersionUID = 1L;

    public StallException(String message, Throwable cause) {
        super(message, cause);
    }
}
