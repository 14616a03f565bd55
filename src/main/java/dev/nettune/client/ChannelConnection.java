package dev.nettune.client;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.ReplyCheck;
import dev.nettune.wire.Request;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A ChannelConnection exchanges frames over a blocking SocketChannel, TCP or Unix-domain. Requests
 * built with {@link Request#direct} avoid the JDK's copy through a temporary direct buffer.
 */
public final class ChannelConnection implements ClientConnection {
    private final SocketChannel channel;
    private final EffectiveOptions options;
    private final ReplyCheck check = new ReplyCheck();
    private ByteBuffer reply = ByteBuffer.allocateDirect(0);

    public ChannelConnection(SocketAddress server, SocketTuning tuning) throws IOException {
        this(server, tuning, true);
    }

    /** Connects; with {@code readBack} false the options are not read back (see {@link StreamConnection}). */
    public ChannelConnection(SocketAddress server, SocketTuning tuning, boolean readBack) throws IOException {
        channel = Transport.of(server).openChannel();
        try {
            tuning.applyToClient(OptionTarget.of(channel));
            channel.connect(server);
            options = readBack ? EffectiveOptions.readFrom(OptionTarget.of(channel)) : null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void exchange(Request request) throws IOException {
        request.next();
        ByteBuffer frame = request.frame();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
        int n = request.replyLength();
        if (reply.capacity() < n) {
            reply = ByteBuffer.allocateDirect(n);
        }
        reply.clear().limit(n);
        while (reply.hasRemaining()) {
            if (channel.read(reply) < 0) {
                throw new EOFException("server closed the connection after " + reply.position() + " of " + n + " reply bytes");
            }
        }
        check.verify(request, reply);
    }

    public SocketChannel channel() {
        return channel;
    }

    @Override
    public EffectiveOptions options() {
        return ClientConnection.readBack(options);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
