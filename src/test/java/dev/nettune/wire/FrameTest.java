package dev.nettune.wire;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameTest {

    @Test
    void headerRoundTrips() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(Header.BYTES);
        Header.encode(b, 0, Kind.ACK, 1234, 42, 0xCAFEBABE);
        Header h = new Header().decode(b, 0, 4096);
        assertEquals(Kind.ACK, h.kind());
        assertEquals(1234, h.length());
        assertEquals(42, h.seq());
        assertEquals(0xCAFEBABE, h.crc());
    }

    @Test
    void headerRejectsGarbageUnknownKindAndOversizedLength() {
        ByteBuffer b = ByteBuffer.allocate(Header.BYTES);
        b.putLong(0, 0x1122334455667788L);
        assertThrows(ProtocolException.class, () -> new Header().decode(b, 0, 4096));
        Header.encode(b, 0, Kind.ECHO, 10, 1, 0);
        b.put(2, (byte) 99);
        assertThrows(ProtocolException.class, () -> new Header().decode(b, 0, 4096));
        Header.encode(b, 0, Kind.ECHO, 4097, 1, 0);
        ProtocolException e = assertThrows(ProtocolException.class, () -> new Header().decode(b, 0, 4096));
        assertTrue(e.getMessage().contains("4097"), e.getMessage());
        Header.encode(b, 0, Kind.ECHO, -1, 1, 0);
        assertThrows(ProtocolException.class, () -> new Header().decode(b, 0, 4096));
    }

    @Test
    void payloadsAreDeterministicAndDifferBySeed() {
        assertArrayEquals(Payloads.of(100, 7), Payloads.of(100, 7));
        assertNotEquals(Payloads.crc(Payloads.of(100, 7), 0, 100), Payloads.crc(Payloads.of(100, 8), 0, 100));
    }

    /** Builds the reply a correct server would send for the request's current seq. */
    private static ByteBuffer echoOf(Request r) {
        ByteBuffer reply = ByteBuffer.allocate(r.replyLength());
        ByteBuffer frame = r.frame().duplicate();
        frame.clear();
        reply.put(frame).flip();
        Header.encode(reply, 0, Kind.ECHO_REPLY, r.payloadLength(), r.seq(), r.payloadCrc());
        return reply;
    }

    @Test
    void replyCheckAcceptsTheRightEchoAndCatchesCorruptionLossAndReordering() throws Exception {
        Request r = Request.of(Kind.ECHO, 1000);
        ReplyCheck check = new ReplyCheck();
        r.next();
        check.verify(r, echoOf(r));

        ByteBuffer corrupted = echoOf(r);
        corrupted.put(Header.BYTES + 500, (byte) (corrupted.get(Header.BYTES + 500) ^ 1));
        assertThrows(ProtocolException.class, () -> check.verify(r, corrupted));

        ByteBuffer stale = echoOf(r);
        r.next(); // the reply now answers an older sequence number: a lost or reordered frame
        assertThrows(ProtocolException.class, () -> check.verify(r, stale));

        ByteBuffer wrongKind = echoOf(r);
        Header.encode(wrongKind, 0, Kind.ACK_REPLY, r.payloadLength(), r.seq(), r.payloadCrc());
        assertThrows(ProtocolException.class, () -> check.verify(r, wrongKind));
    }

    @Test
    void replyCheckVerifiesDirectBuffersToo() throws Exception {
        Request r = Request.direct(Kind.ECHO, 300);
        r.next();
        ByteBuffer heap = echoOf(r);
        ByteBuffer direct = ByteBuffer.allocateDirect(heap.remaining());
        direct.put(heap).flip();
        new ReplyCheck().verify(r, direct);
        direct.put(Header.BYTES + 3, (byte) (direct.get(Header.BYTES + 3) ^ 0x10));
        assertThrows(ProtocolException.class, () -> new ReplyCheck().verify(r, direct.clear()));
    }

    @Test
    void requestStampsIncreasingSequenceNumbers() {
        Request r = Request.of(Kind.ACK, 10);
        assertEquals(1, r.next());
        assertEquals(2, r.next());
        assertEquals(2, r.frame().getInt(8));
        assertEquals(Header.BYTES, r.replyLength());
        assertEquals(Header.BYTES + 10, r.frameLength());
    }
}
