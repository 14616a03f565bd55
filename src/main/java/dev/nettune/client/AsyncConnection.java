package dev.nettune.client;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.ReplyCheck;
import dev.nettune.wire.Request;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An AsyncConnection exchanges frames over an AsynchronousSocketChannel (NIO.2): the write and read
 * continue in completion handlers on the channel group's threads. {@link #start} is the
 * asynchronous form; {@link #exchange} waits for it. TCP only (the JDK has no async Unix-domain channel).
 */
public final class AsyncConnection implements ClientConnection {
    /** How long the blocking form waits for one exchange before declaring a stall. */
    public static final long EXCHANGE_TIMEOUT_SECONDS = 30;

    private final AsynchronousSocketChannel channel;
    private final EffectiveOptions options;
    private final ReplyCheck check = new ReplyCheck();
    private final WriteHandler writeHandler = new WriteHandler();
    private final ReadHandler readHandler = new ReadHandler();
    private ByteBuffer reply = ByteBuffer.allocateDirect(0);
    private Request current;
    private CompletionHandler<Void, Void> done;

    /** Connects in the default channel group (its threads are shared and daemon). */
    public AsyncConnection(SocketAddress server, SocketTuning tuning) throws IOException {
        this(server, tuning, null);
    }

    /** Connects in {@code group}, or the default group when null. */
    public AsyncConnection(SocketAddress server, SocketTuning tuning, AsynchronousChannelGroup group) throws IOException {
        this(server, tuning, group, true);
    }

    /** Connects in {@code group} (or the default); with {@code readBack} false the options are not read back (see {@link StreamConnection}). */
    public AsyncConnection(SocketAddress server, SocketTuning tuning, AsynchronousChannelGroup group, boolean readBack) throws IOException {
        channel = AsynchronousSocketChannel.open(group);
        try {
            tuning.applyToClient(OptionTarget.of(channel));
            channel.connect(server).get(StreamConnection.CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            options = readBack ? EffectiveOptions.readFrom(OptionTarget.of(channel)) : null;
        } catch (ExecutionException e) {
            channel.close();
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            channel.close();
            throw new IOException("connect to " + server + " did not complete", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Starts one exchange; {@code done} runs on a group thread when the reply is verified or it failed. */
    public void start(Request request, CompletionHandler<Void, Void> done) {
        this.current = request;
        this.done = done;
        request.next();
        int n = request.replyLength();
        if (reply.capacity() < n) {
            reply = ByteBuffer.allocateDirect(n);
        }
        reply.clear().limit(n);
        channel.write(request.frame(), null, writeHandler);
    }

    @Override
    public void exchange(Request request) throws IOException {
        CompletableFuture<Void> f = new CompletableFuture<>();
        start(request, new CompletionHandler<>() {
            public void completed(Void v, Void a) { f.complete(null); }
            public void failed(Throwable t, Void a) { f.completeExceptionally(t); }
        });
        try {
            f.get(EXCHANGE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for seq " + request.seq());
        } catch (TimeoutException e) {
            throw new IOException("no reply to seq " + request.seq() + " within " + EXCHANGE_TIMEOUT_SECONDS + " s (stalled)", e);
        }
    }

    private final class WriteHandler implements CompletionHandler<Integer, Void> {
        @Override
        public void completed(Integer written, Void a) {
            ByteBuffer frame = current.frame();
            if (frame.hasRemaining()) {
                channel.write(frame, null, this);
            } else {
                channel.read(reply, null, readHandler);
            }
        }

        @Override
        public void failed(Throwable t, Void a) {
            done.failed(t, null);
        }
    }

    private final class ReadHandler implements CompletionHandler<Integer, Void> {
        @Override
        public void completed(Integer read, Void a) {
            if (read < 0) {
                done.failed(new EOFException("server closed the connection after " + reply.position() + " of " + reply.limit() + " reply bytes"), null);
            } else if (reply.hasRemaining()) {
                channel.read(reply, null, this);
            } else {
                try {
                    check.verify(current, reply);
                } catch (IOException e) {
                    done.failed(e, null);
                    return;
                }
                done.completed(null, null);
            }
        }

        @Override
        public void failed(Throwable t, Void a) {
            done.failed(t, null);
        }
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
