package dev.nettune.wire;

import java.nio.ByteBuffer;

/**
 * A Request is one reusable request frame — header and payload in one buffer, so that a client can
 * send it with a single write — plus what its reply must look like.
 *
 * <p>Build it once in setup; call {@link #next()} before each send to stamp a new sequence number.
 * The payload and its CRC never change, so sending allocates and computes nothing.
 */
public final class Request {
    private final Kind kind;
    private final int payloadLength;
    private final int payloadCrc;
    private final ByteBuffer frame;
    private int seq;

    private Request(Kind kind, int payloadLength, long seed, boolean direct) {
        if (!kind.isRequest()) {
            throw new IllegalArgumentException(kind + " is not a request kind");
        }
        if (payloadLength < 0) {
            throw new IllegalArgumentException("payload length must be >= 0: " + payloadLength);
        }
        this.kind = kind;
        this.payloadLength = payloadLength;
        byte[] payload = Payloads.of(payloadLength, seed);
        this.payloadCrc = Payloads.crc(payload, 0, payloadLength);
        int size = Header.BYTES + payloadLength;
        this.frame = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        frame.put(Header.BYTES, payload, 0, payloadLength);
        Header.encode(frame, 0, kind, payloadLength, 0, payloadCrc);
    }

    /** A request of {@code payloadLength} deterministic bytes in a heap buffer. */
    public static Request of(Kind kind, int payloadLength) {
        return new Request(kind, payloadLength, payloadLength, false);
    }

    /** A request whose frame lives in a direct buffer (for channel clients). */
    public static Request direct(Kind kind, int payloadLength) {
        return new Request(kind, payloadLength, payloadLength, true);
    }

    /** Stamps the next sequence number and rewinds the frame for sending; returns the new sequence number. */
    public int next() {
        seq++;
        frame.putInt(8, seq);
        frame.clear();
        return seq;
    }

    /** The whole frame (header + payload), positioned for sending after {@link #next()}. */
    public ByteBuffer frame() {
        return frame;
    }

    /** The backing array of a heap request, for stream clients. */
    public byte[] array() {
        return frame.array();
    }

    public Kind kind() { return kind; }
    public int payloadLength() { return payloadLength; }
    public int payloadCrc() { return payloadCrc; }
    public int seq() { return seq; }
    /** Header plus payload. */
    public int frameLength() { return Header.BYTES + payloadLength; }
    /** Bytes of the reply the server sends: a header, plus the payload for an echo. */
    public int replyLength() { return Header.BYTES + (kind == Kind.ECHO ? payloadLength : 0); }
}
