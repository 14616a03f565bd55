package dev.nettune.bench.buffers;

import dev.nettune.client.bulk.BulkStream;
import dev.nettune.client.bulk.IoPath;
import dev.nettune.client.bulk.StallException;
import dev.nettune.placement.Placement;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams arrive verified on every I/O path; corrupted, short and stalled streams are caught. */
@Timeout(60) // a broken watchdog or verification would hang; fail instead
class BulkStreamTest {
    private static final int STREAM_BYTES = 1 << 20;
    /** Bound for tests: short, yet far above any healthy loopback write. */
    private static final long TEST_STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Orders of magnitude above the bound: a watchdog that works ends far sooner; one that does not, never. */
    private static final long STALL_SANITY_MILLIS = 20_000;

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void eachPathDeliversVerifiedStreams(IoPath path) throws Exception {
        // 262144-byte writes exercise NioSocketImpl's split into two 128 KiB copies on STREAM.
        for (int writeSize : new int[] {1024, 262144}) {
            try (StreamFixture f = new StreamFixture(null, Placement.INPROCESS, path, null, null, writeSize, STREAM_BYTES, TEST_STALL_NANOS * 20)) {
                for (int i = 0; i < 3; i++) {
                    f.send();
                }
                assertEquals(3, f.server().stats().frames());
                assertEquals(0, f.server().stats().protocolErrors());
                assertEquals(3L * (Header.BYTES + STREAM_BYTES), f.stream().bytesSent());
            } // close() checks the server's byte count against the client's
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void corruptedPayloadIsDetected(IoPath path) throws Exception {
        try (Server server = ServerModel.SELECTOR.start(ServerConfig.DEFAULT);
             BulkStream s = new BulkStream(server.address(), path, SocketTuning.NO_DELAY, STREAM_BYTES, 65536,
                     "corruption test " + path, TimeUnit.SECONDS.toNanos(10))) {
            s.send();
            ByteBuffer frame = s.request().frame();
            int at = Header.BYTES + STREAM_BYTES / 2;
            frame.put(at, (byte) ~frame.get(at)); // one flipped byte after the CRC was computed
            IOException e = assertThrows(IOException.class, s::send);
            assertTrue(e.getMessage().contains("server closed"), e.toString());
            assertEquals(1, server.stats().protocolErrors(), "the server saw the CRC mismatch");
        }
    }

    /** A receiver that acks what it really got — here one byte short — must be caught by the sender. */
    @Test
    void ackForAShortStreamIsRejected() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread receiver = new Thread(() -> ackOneByteShort(listener), "short-acking-receiver");
            receiver.start();
            try (BulkStream s = new BulkStream(listener.getLocalSocketAddress(), IoPath.STREAM, SocketTuning.NO_DELAY,
                    STREAM_BYTES, 65536, "short-ack test", TimeUnit.SECONDS.toNanos(10))) {
                ProtocolException e = assertThrows(ProtocolException.class, s::send);
                assertTrue(e.getMessage().contains("corrupted data"), e.getMessage());
            }
            receiver.join(5_000);
            assertTrue(!receiver.isAlive(), "receiver thread ended");
        }
    }

    private static void ackOneByteShort(ServerSocket listener) {
        try (Socket s = listener.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] header = new byte[Header.BYTES];
            in.readFully(header);
            ByteBuffer h = ByteBuffer.wrap(header);
            int length = h.getInt(4);
            byte[] payload = new byte[length];
            in.readFully(payload);
            CRC32C crc = new CRC32C();
            crc.update(payload, 0, length - 1); // as if the last byte never arrived
            ByteBuffer ack = ByteBuffer.allocate(Header.BYTES);
            Header.encode(ack, 0, Kind.ACK_REPLY, 0, h.getInt(8), (int) crc.getValue());
            s.getOutputStream().write(ack.array());
            in.read(); // wait for the client to close
        } catch (IOException e) {
            // The client closes once it has rejected the ack; nothing more to serve.
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void stalledConfigurationEndsWithinItsBoundNamingIt(IoPath path) throws Exception {
        // A receiver that accepts and never reads: the sender fills both buffers and blocks.
        try (ServerSocket listener = new ServerSocket()) {
            listener.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            String configuration = "sndBuf=4096 writeSize=65536 path=" + path;
            long start = System.nanoTime();
            try (BulkStream s = new BulkStream(listener.getLocalSocketAddress(), path,
                    SocketTuning.NO_DELAY.withSendBuffer(4096), 4 << 20, 65536, configuration, TEST_STALL_NANOS);
                 Socket accepted = listener.accept()) {
                StallException e = assertThrows(StallException.class, s::send);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(e.getMessage().startsWith("stalled: " + configuration + ": no progress for "), e.getMessage());
                assertTrue(millis < STALL_SANITY_MILLIS, "ended after " + millis + " ms");
                assertTrue(!s.healthy());
                InputStream unused = accepted.getInputStream(); // kept open and unread until here on purpose
                assertTrue(unused.available() >= 0);
            }
        }
    }
}
