package dev.nettune.server;

import dev.nettune.jvm.VirtualThreads;
import dev.nettune.wire.Kind;
import dev.nettune.wire.ReplyCheck;
import dev.nettune.wire.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Servers answer frames that arrive back to back in one segment, or a few bytes at a time across
 * frame boundaries, in order and intact: a server that reads ahead must keep what it read past the
 * current frame, and one that reads exactly must not stall on a split header.
 */
class PipelinedFramesTest {
    /** Echo and ack frames of many sizes, small ones next to large ones (which grow a server's buffers). */
    private static final Object[][] FRAMES = {
            {Kind.ECHO, 0}, {Kind.ECHO, 64}, {Kind.ACK, 0}, {Kind.ECHO, 1}, {Kind.ACK, 100},
            {Kind.ECHO, 1000}, {Kind.ECHO, 70_000}, {Kind.ECHO, 64}, {Kind.ACK, 200_000},
            {Kind.ECHO, 16}, {Kind.ECHO, 300_000}, {Kind.ACK, 1}, {Kind.ECHO, 64},
    };

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void framesSentBackToBackAreAllAnsweredInOrder(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        exchange(model, Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerModel.class)
    void framesSplitAcrossTinyWritesAreAllAnsweredInOrder(ServerModel model) throws Exception {
        assumeTrue(model != ServerModel.VIRTUAL || VirtualThreads.available(), VirtualThreads.unavailableReason());
        exchange(model, 7);
    }

    /** Sends every frame, cut into writes of at most {@code chunk} bytes, from a second thread; checks every reply. */
    private static void exchange(ServerModel model, int chunk) throws Exception {
        List<Request> requests = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int round = 0; round < 3; round++) {
            for (Object[] f : FRAMES) {
                Request r = Request.of((Kind) f[0], (Integer) f[1]);
                for (int i = 0; i <= requests.size() % 5; i++) {
                    r.next(); // distinct sequence numbers, so a reply to the wrong frame fails
                }
                requests.add(r);
                stream.write(r.array(), 0, r.frameLength());
            }
        }
        byte[] bytes = stream.toByteArray();
        try (Server server = model.start(ServerConfig.DEFAULT); Socket s = new Socket()) {
            s.connect(server.address());
            s.setTcpNoDelay(true);
            s.setSoTimeout(10_000); // a lost frame fails the test instead of hanging it
            OutputStream out = s.getOutputStream();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    for (int off = 0; off < bytes.length; off += chunk) {
                        out.write(bytes, off, Math.min(chunk, bytes.length - off));
                        out.flush();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            DataInputStream in = new DataInputStream(s.getInputStream());
            ReplyCheck check = new ReplyCheck();
            for (Request r : requests) {
                byte[] reply = new byte[r.replyLength()];
                in.readFully(reply);
                check.verify(r, ByteBuffer.wrap(reply));
            }
            sent.get();
            assertEquals(requests.size(), server.stats().frames());
        }
    }
}
