package dev.nettune.wire;

import java.nio.ByteBuffer;

/**
 * A Header is one decoded frame header. It is mutable so that a connection can decode every
 * frame into the same instance without allocating.
 */
public final class Header {
    /** Header size in bytes. */
    public static final int BYTES = 16;
    /** First two bytes of every frame: "NT". */
    public static final short MAGIC = 0x4E54;

    private Kind kind;
    private int length;
    private int seq;
    private int crc;

    public Kind kind() { return kind; }
    /** Payload length in bytes, 0 .. the receiver's maximum frame size. */
    public int length() { return length; }
    public int seq() { return seq; }
    /** CRC32C of the payload (for an ACK_REPLY: of the payload the server received). */
    public int crc() { return crc; }

    /** Writes a header at {@code offset} of {@code dst} (absolute puts; position unchanged). */
    public static void encode(ByteBuffer dst, int offset, Kind kind, int length, int seq, int crc) {
        dst.putShort(offset, MAGIC);
        dst.put(offset + 2, kind.code);
        dst.put(offset + 3, (byte) 0);
        dst.putInt(offset + 4, length);
        dst.putInt(offset + 8, seq);
        dst.putInt(offset + 12, crc);
    }

    /**
     * Decodes the header at {@code offset} of {@code src} (absolute gets).
     *
     * @throws ProtocolException on a bad magic, unknown kind, or a length outside 0..maxFrameBytes
     */
    public Header decode(ByteBuffer src, int offset, int maxFrameBytes) throws ProtocolException {
        short magic = src.getShort(offset);
        if (magic != MAGIC) {
            throw new ProtocolException(String.format("bad frame magic 0x%04x (expected 0x%04x)", magic & 0xffff, MAGIC));
        }
        Kind k = Kind.ofCode(src.get(offset + 2));
        if (k == null) {
            throw new ProtocolException("unknown frame kind " + src.get(offset + 2));
        }
        int len = src.getInt(offset + 4);
        if (len < 0 || len > maxFrameBytes) {
            throw new ProtocolException("frame length " + len + " outside 0.." + maxFrameBytes);
        }
        this.kind = k;
        this.length = len;
        this.seq = src.getInt(offset + 8);
        this.crc = src.getInt(offset + 12);
        return this;
    }

    @Override
    public String toString() {
        return kind + "[len=" + length + ", seq=" + seq + ", crc=" + Integer.toHexString(crc) + "]";
    }
}
