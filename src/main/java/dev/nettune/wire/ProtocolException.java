package dev.nettune.wire;

import java.io.IOException;

/** A ProtocolException says the peer sent bytes that are not a valid frame, or not the expected one. */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
