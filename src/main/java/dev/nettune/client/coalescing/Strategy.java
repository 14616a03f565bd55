package dev.nettune.client.coalescing;

import java.util.Arrays;

/**
 * A Strategy is one way for an application to put a message of K parts on the wire. The parts are
 * the application's data in K separate heap {@code byte[]}s (except {@link #GATHERING_DIRECT}); the
 * 16-byte frame header is part 0. Strategies that write "per part" therefore make K + 1 writes.
 */
public enum Strategy {
    /** One {@code write} per part on the raw {@code Socket} OutputStream: the trap. */
    STREAM_PER_PART(true, 0),
    /** {@code BufferedOutputStream(out, 512)}, one flush per message: flushes whenever 512 B fill up. */
    BUFFERED_512(true, 512),
    /**
     * {@code new BufferedOutputStream(out)}: the default 8 KiB. On JDK 21+ the buffer starts at 512 B
     * and grows to 8 KiB on first use (JDK-8308016); after warm-up it is 8 KiB on every JDK.
     */
    BUFFERED_8K(true, 8 << 10),
    /** {@code BufferedOutputStream(out, 65536)}, one flush per message. */
    BUFFERED_64K(true, 64 << 10),
    /** Copy header and parts into one reused heap ByteBuffer, one {@code SocketChannel.write}
     *  (the JDK then copies it once more into a cached temporary direct buffer). */
    COPY_HEAP(false, 0),
    /** Copy header and parts into one reused direct ByteBuffer, one {@code SocketChannel.write}. */
    COPY_DIRECT(false, 0),
    /** {@code SocketChannel.write(ByteBuffer[])} (writev) over views of the heap parts; the JDK
     *  copies each into a cached temporary direct buffer before the one system call. */
    GATHERING(false, 0),
    /** writev over parts that already live in direct buffers (e.g. produced by a NIO encoder): no copy at all. */
    GATHERING_DIRECT(false, 0),
    /** One {@code SocketChannel.write} per part: the channel world's version of {@link #STREAM_PER_PART}. */
    CHANNEL_PER_PART(false, 0);

    /** True for java.net.Socket stream strategies, false for (blocking) SocketChannel ones. */
    public final boolean stream;
    /** BufferedOutputStream size in bytes; 0 for strategies without one. */
    public final int bufferBytes;

    Strategy(boolean stream, int bufferBytes) {
        this.stream = stream;
        this.bufferBytes = bufferBytes;
    }

    /** Parses a parameter value, failing with the list of valid ones. */
    public static Strategy parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown @Param strategy '" + name + "'; valid: " + Arrays.toString(values()), e);
        }
    }
}
