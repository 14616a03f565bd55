package dev.nettune.client.bulk;

import java.util.Arrays;

/**
 * An IoPath is how the client hands bytes to the kernel: java.net.Socket streams with a byte[]
 * (NioSocketImpl copies each call through a temporary direct buffer of at most 128 KiB), a
 * blocking SocketChannel with a heap ByteBuffer (the JDK copies it into a cached temporary direct
 * buffer of the same size), or a SocketChannel with a direct ByteBuffer (no copy in the JDK).
 */
public enum IoPath {
    STREAM,
    CHANNEL_HEAP,
    CHANNEL_DIRECT;

    /** Parses a @Param value, failing with the parameter name, the value and the valid ones. */
    public static IoPath parse(String value) {
        try {
            return valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown path '" + value + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
