package dev.nettune.client.load;

import dev.nettune.client.AsyncConnection;
import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.client.DriverThreads;
import dev.nettune.client.SelectorClient;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.TimeUnit;

/**
 * A CallerConnection is one persistent connection of a client model whose round trips run on the
 * calling thread, one {@link #roundTrip()} at a time: a blocking exchange (thread-per-connection
 * models), one Selector round of write, select, read (SELECTOR), or an exchange whose completion
 * handlers run on a private one-thread channel group and hand the reply back through a future
 * (ASYNC). Virtual-thread models have none: the caller's thread is not a virtual thread, and a
 * hand-off to one would be measured too.
 */
public abstract class CallerConnection implements Closeable {
    /** Whether {@code model} can be driven from the caller's thread. */
    public static boolean drives(ClientModel model) {
        return model.driver() != ClientModel.Driver.VIRTUAL_THREADS;
    }

    /**
     * Connects one connection of {@code model} that echoes {@code payloadBytes}.
     *
     * @throws IllegalArgumentException for a model the caller's thread cannot drive ({@link #drives})
     */
    public static CallerConnection open(ClientModel model, SocketAddress server, SocketTuning tuning, int payloadBytes) throws IOException {
        switch (model.driver()) {
            case PLATFORM_THREADS:
                return new Blocking(model.open(server, tuning), model.request(Kind.ECHO, payloadBytes));
            case SELECTOR:
                return new OneSelector(new SelectorClient(server, tuning, 1, Kind.ECHO, payloadBytes));
            case ASYNC:
                return Async.open(server, tuning, payloadBytes);
            default:
                throw new IllegalArgumentException("client model " + model + " is not driven from the caller's thread; valid: "
                        + ClientModel.valid(CallerConnection::drives));
        }
    }

    /** One verified round trip. */
    public abstract void roundTrip() throws IOException;

    /** Options read back after connecting. */
    public abstract EffectiveOptions options();

    /** A blocking connection: the caller's thread writes, sleeps in read, verifies. */
    private static class Blocking extends CallerConnection {
        private final ClientConnection connection;
        private final Request request;

        Blocking(ClientConnection connection, Request request) {
            this.connection = connection;
            this.request = request;
        }

        @Override
        public void roundTrip() throws IOException {
            connection.exchange(request);
        }

        @Override
        public EffectiveOptions options() {
            return connection.options();
        }

        @Override
        public void close() throws IOException {
            connection.close();
        }
    }

    /** One non-blocking connection through a Selector: write, select, read, on the caller's thread. */
    private static final class OneSelector extends CallerConnection {
        private final SelectorClient client;

        OneSelector(SelectorClient client) {
            this.client = client;
        }

        @Override
        public void roundTrip() throws IOException {
            client.roundTrips(1);
        }

        @Override
        public EffectiveOptions options() {
            return client.options();
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    /** An AsynchronousSocketChannel in a private group of one thread: the default group's size depends on the machine. */
    private static final class Async extends Blocking {
        private final AsynchronousChannelGroup group;

        private Async(AsyncConnection connection, Request request, AsynchronousChannelGroup group) {
            super(connection, request);
            this.group = group;
        }

        static Async open(SocketAddress server, SocketTuning tuning, int payloadBytes) throws IOException {
            AsynchronousChannelGroup group = AsynchronousChannelGroup.withFixedThreadPool(1, DriverThreads.platform("caller-async-"));
            try {
                return new Async(new AsyncConnection(server, tuning, group), ClientModel.ASYNC.request(Kind.ECHO, payloadBytes), group);
            } catch (IOException | RuntimeException e) {
                group.shutdownNow();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                group.shutdownNow();
                try {
                    if (!group.awaitTermination(Load.STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("async channel group did not terminate within " + Load.STOP_MILLIS + " ms");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while stopping the async channel group");
                }
            }
        }
    }
}
