package dev.nettune.client.coalescing;

import dev.nettune.client.ChannelConnection;
import dev.nettune.client.StreamConnection;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Payloads;
import dev.nettune.wire.ProtocolException;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A PartsClient sends one application message — a 16-byte ACK frame header (part 0) followed by
 * K parts of S bytes — with one {@link Strategy}, and reads the server's 16-byte ACK_REPLY.
 *
 * <p>The payload (K × S deterministic bytes from {@link Payloads}) and its CRC32C are computed once;
 * only the sequence number in the header changes per message. Everything the measured path needs —
 * part arrays, ByteBuffer views, the gathering array, copy targets, the ack buffer — is built in the
 * constructor, so {@link #send()} and {@link #awaitAck()} allocate nothing.
 *
 * <p>Each ack is verified: kind ACK_REPLY, length 0, the sequence number of the oldest unacknowledged
 * message (acks come back in order, so pipelined sends are checked too) and the CRC32C the server
 * computed over what it received. The server drops the connection on a CRC mismatch, so a lost or
 * corrupted byte ends in an {@link EOFException} or {@link ProtocolException} here.
 *
 * <p>Writes are counted as calls into the socket: for stream strategies, calls from the caller (or
 * its BufferedOutputStream) into the Socket's OutputStream, through a {@link CountingOutputStream};
 * NioSocketImpl makes one send() per such call up to its 128 KiB chunk, so for the sizes here one
 * call is one system call. For channel strategies, {@code SocketChannel.write} calls (one write or
 * writev each; a partial write loops and counts again).
 */
public final class PartsClient implements Closeable {
    private final Strategy strategy;
    private final int parts;
    private final int partBytes;
    private final int payloadCrc;
    private final Closeable connection;
    private final EffectiveOptions options;

    /** The header as the heap part 0; seq is stamped at offset 8. */
    private final byte[] header = new byte[Header.BYTES];
    private final ByteBuffer headerView = ByteBuffer.wrap(header);
    /** The application's parts: K separate arrays. */
    private final byte[][] partArrays;

    // Stream strategies.
    private final CountingOutputStream counted;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] ack = new byte[Header.BYTES];
    private final ByteBuffer ackView = ByteBuffer.wrap(ack);

    // Channel strategies.
    private final SocketChannel channel;
    /** Header + parts as one array of buffers: views of the heap parts, or direct copies (GATHERING_DIRECT). */
    private final ByteBuffer[] gather;
    /** Target of COPY_HEAP / COPY_DIRECT. */
    private final ByteBuffer copy;
    private final ByteBuffer ackDirect = ByteBuffer.allocateDirect(Header.BYTES);
    private long channelWrites;

    private final Header decoded = new Header();
    private int sentSeq;
    private int ackedSeq;

    /**
     * Connects to {@code server} with {@code tuning} and prepares messages of {@code parts} parts of
     * {@code partBytes} bytes each.
     */
    public PartsClient(Strategy strategy, SocketAddress server, SocketTuning tuning, int parts, int partBytes) throws IOException {
        if (parts < 1 || partBytes < 1) {
            throw new IllegalArgumentException("parts and partBytes must be >= 1: parts=" + parts + ", partBytes=" + partBytes);
        }
        this.strategy = strategy;
        this.parts = parts;
        this.partBytes = partBytes;
        int payload = Math.multiplyExact(parts, partBytes);
        byte[] all = Payloads.of(payload, payload);
        this.payloadCrc = Payloads.crc(all, 0, payload);
        Header.encode(headerView, 0, Kind.ACK, payload, 0, payloadCrc);
        partArrays = new byte[parts][];
        for (int i = 0; i < parts; i++) {
            partArrays[i] = new byte[partBytes];
            System.arraycopy(all, i * partBytes, partArrays[i], 0, partBytes);
        }
        if (strategy.stream) {
            StreamConnection c = new StreamConnection(server, tuning);
            connection = c;
            options = c.options();
            counted = new CountingOutputStream(c.socket().getOutputStream());
            switch (strategy) {
                case STREAM_PER_PART: out = counted; break;
                case BUFFERED_8K: out = new BufferedOutputStream(counted); break; // the default size, as users get it
                default: out = new BufferedOutputStream(counted, strategy.bufferBytes); break;
            }
            in = c.socket().getInputStream();
            channel = null;
            gather = null;
            copy = null;
        } else {
            ChannelConnection c = new ChannelConnection(server, tuning);
            connection = c;
            options = c.options();
            channel = c.channel();
            counted = null;
            out = null;
            in = null;
            gather = new ByteBuffer[parts + 1];
            if (strategy == Strategy.GATHERING_DIRECT) {
                gather[0] = ByteBuffer.allocateDirect(Header.BYTES).put(header);
                for (int i = 0; i < parts; i++) {
                    gather[i + 1] = ByteBuffer.allocateDirect(partBytes).put(partArrays[i]);
                }
            } else {
                gather[0] = headerView;
                for (int i = 0; i < parts; i++) {
                    gather[i + 1] = ByteBuffer.wrap(partArrays[i]);
                }
            }
            int frame = Header.BYTES + payload;
            copy = strategy == Strategy.COPY_DIRECT ? ByteBuffer.allocateDirect(frame)
                    : strategy == Strategy.COPY_HEAP ? ByteBuffer.allocate(frame) : null;
        }
    }

    /**
     * Sends the next message with this client's strategy (does not wait for the ack).
     *
     * @return the write calls it took
     */
    public int send() throws IOException {
        int seq = ++sentSeq;
        headerView.putInt(8, seq);
        if (strategy.stream) {
            long before = counted.writes;
            out.write(header, 0, Header.BYTES);
            for (byte[] p : partArrays) {
                out.write(p, 0, partBytes);
            }
            out.flush();
            return (int) (counted.writes - before);
        }
        long before = channelWrites;
        switch (strategy) {
            case COPY_HEAP:
            case COPY_DIRECT:
                copy.clear();
                copy.put(header);
                for (byte[] p : partArrays) {
                    copy.put(p);
                }
                copy.flip();
                writeFully(copy);
                break;
            case GATHERING:
            case GATHERING_DIRECT:
                if (strategy == Strategy.GATHERING_DIRECT) {
                    gather[0].putInt(8, seq);
                }
                long left = Header.BYTES + (long) parts * partBytes;
                for (ByteBuffer b : gather) {
                    b.clear();
                }
                while (left > 0) {
                    left -= channel.write(gather);
                    channelWrites++;
                }
                break;
            case CHANNEL_PER_PART:
                for (ByteBuffer b : gather) {
                    b.clear();
                    writeFully(b);
                }
                break;
            default:
                throw new AssertionError(strategy);
        }
        return (int) (channelWrites - before);
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
            channelWrites++;
        }
    }

    /**
     * Reads and verifies the ack of the oldest unacknowledged message.
     *
     * @throws ProtocolException when the ack is not the one expected (kind, length, seq, CRC)
     * @throws EOFException when the server closed the connection (it does so on a corrupted payload)
     */
    public void awaitAck() throws IOException {
        int expectedSeq = ackedSeq + 1;
        if (expectedSeq > sentSeq) {
            throw new IllegalStateException("no message awaits an ack (sent " + sentSeq + ")");
        }
        ByteBuffer reply;
        if (strategy.stream) {
            for (int done = 0; done < Header.BYTES; ) {
                int r = in.read(ack, done, Header.BYTES - done);
                if (r < 0) {
                    throw new EOFException("server closed the connection after " + done + " ack bytes for seq " + expectedSeq);
                }
                done += r;
            }
            reply = ackView;
        } else {
            ackDirect.clear();
            while (ackDirect.hasRemaining()) {
                if (channel.read(ackDirect) < 0) {
                    throw new EOFException("server closed the connection after " + ackDirect.position() + " ack bytes for seq " + expectedSeq);
                }
            }
            reply = ackDirect;
        }
        // Not ReplyCheck: it checks against a Request's latest seq, and pipelined acks answer earlier ones.
        Header h = decoded.decode(reply, 0, 0);
        if (h.kind() != Kind.ACK_REPLY || h.seq() != expectedSeq || h.length() != 0) {
            throw new ProtocolException("expected ACK_REPLY[len=0, seq=" + expectedSeq + "], got " + h);
        }
        if (h.crc() != payloadCrc) {
            throw new ProtocolException(String.format("server CRC 0x%08x != sent 0x%08x for seq %d (corrupted data)",
                    h.crc(), payloadCrc, expectedSeq));
        }
        ackedSeq = expectedSeq;
    }

    /**
     * Sends one message and waits for its verified ack.
     *
     * @return the write calls it took
     */
    public int exchange() throws IOException {
        int writes = send();
        awaitAck();
        return writes;
    }

    /** The socket options read back after connecting. */
    public EffectiveOptions options() {
        return options;
    }

    /** Messages sent so far. */
    public int sent() {
        return sentSeq;
    }

    /** Part {@code i} (0-based, not counting the header) of the application's data; for tests that corrupt it. */
    byte[] part(int i) {
        return partArrays[i];
    }

    /** A direct copy of part {@code i} as GATHERING_DIRECT sends it, or the heap view otherwise. */
    ByteBuffer partBuffer(int i) {
        return gather == null ? null : gather[i + 1];
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    /** Counts calls into the socket's OutputStream; each is one send() for the message sizes used here. */
    static final class CountingOutputStream extends FilterOutputStream {
        long writes;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            writes++;
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            // FilterOutputStream would write byte by byte: pass the whole array on in one call.
            writes++;
            out.write(b, off, len);
        }
    }
}
