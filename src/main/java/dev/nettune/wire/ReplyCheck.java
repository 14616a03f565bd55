package dev.nettune.wire;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A ReplyCheck verifies replies against the request that caused them: kind, sequence number,
 * length, and the CRC32C of the payload actually received (an echo) or reported by the server
 * (an ack). One instance per connection; it reuses its checksum state and allocates nothing.
 */
public final class ReplyCheck {
    private final CRC32C crc = new CRC32C();
    private final Header header = new Header();

    /**
     * Verifies a complete reply held in {@code reply} from index 0 to {@code request.replyLength()}.
     * A direct buffer's position and limit are left at the end of the reply.
     *
     * @throws ProtocolException naming what differs
     */
    public void verify(Request request, ByteBuffer reply) throws ProtocolException {
        header.decode(reply, 0, request.payloadLength());
        verifyHeader(request, header);
        if (request.kind() == Kind.ECHO && request.payloadLength() > 0) {
            crc.reset();
            if (reply.hasArray()) {
                crc.update(reply.array(), reply.arrayOffset() + Header.BYTES, request.payloadLength());
            } else {
                reply.limit(Header.BYTES + request.payloadLength()).position(Header.BYTES);
                crc.update(reply);
            }
            verifyCrc(request, (int) crc.getValue(), "echoed payload");
        }
    }

    private static void verifyHeader(Request request, Header h) throws ProtocolException {
        if (h.kind() != request.kind().reply()) {
            throw new ProtocolException("expected " + request.kind().reply() + " for seq " + request.seq() + ", got " + h);
        }
        if (h.seq() != request.seq()) {
            throw new ProtocolException("expected seq " + request.seq() + ", got " + h + " (lost or reordered frame)");
        }
        int expectedLength = request.kind() == Kind.ECHO ? request.payloadLength() : 0;
        if (h.length() != expectedLength) {
            throw new ProtocolException("expected length " + expectedLength + ", got " + h);
        }
        verifyCrc(request, h.crc(), "reply header CRC");
    }

    private static void verifyCrc(Request request, int actual, String what) throws ProtocolException {
        if (actual != request.payloadCrc()) {
            throw new ProtocolException(String.format("%s 0x%08x != sent 0x%08x for seq %d (corrupted data)",
                    what, actual, request.payloadCrc(), request.seq()));
        }
    }
}
