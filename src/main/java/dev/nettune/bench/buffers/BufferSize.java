package dev.nettune.bench.buffers;

/**
 * BufferSize maps socket-buffer @Param values to requests: a positive number of bytes, or {@code 0}
 * for "do not set the option", which leaves the kernel's autotuning on. The values stay plain
 * integers in the results so that charts can use them as an axis.
 */
final class BufferSize {
    /** The @Param value meaning "not set: kernel autotuning". */
    static final int AUTO = 0;

    private BufferSize() {
    }

    /** The requested size in bytes, or null for autotuning; fails naming the parameter and the valid values. */
    static Integer request(String param, int value) {
        if (value == AUTO) {
            return null;
        }
        if (value < 0) {
            throw new IllegalArgumentException("bad " + param + " " + value
                    + "; valid: a positive number of bytes, or 0 for kernel autotuning");
        }
        return value;
    }

    /** A positive size in bytes (write sizes, message sizes); fails naming the parameter. */
    static int positive(String param, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("bad " + param + " " + value + "; valid: a positive number of bytes");
        }
        return value;
    }

    /** "auto" or the number, for messages. */
    static String describe(Integer bytes) {
        return bytes == null ? "auto" : bytes.toString();
    }
}
