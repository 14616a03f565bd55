package dev.nettune.wire;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Payloads are deterministic pseudo-random bytes, and their CRC32C, which the JIT turns into an intrinsic. */
public final class Payloads {
    private Payloads() {
    }

    /** Fills {@code n} bytes at {@code offset} with the deterministic sequence for {@code seed} (xorshift). */
    public static void fill(byte[] dst, int offset, int n, long seed) {
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            dst[offset + i] = (byte) x;
        }
    }

    /** A new array of {@code n} deterministic bytes for {@code seed}. */
    public static byte[] of(int n, long seed) {
        byte[] b = new byte[n];
        fill(b, 0, n, seed);
        return b;
    }

    /** CRC32C of {@code n} bytes at {@code offset}. */
    public static int crc(byte[] b, int offset, int n) {
        CRC32C crc = new CRC32C();
        crc.update(b, offset, n);
        return (int) crc.getValue();
    }

    /** CRC32C of the remaining bytes of {@code buf}; the buffer's position is unchanged. */
    public static int crc(ByteBuffer buf) {
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate());
        return (int) crc.getValue();
    }
}
