package dev.nettune.server;

import dev.nettune.socket.OptionTarget;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * An accepted socket's options are read back once, not per connection: the first served socket
 * stands for all (they are tuned alike); a control connection gives its place to the next one.
 */
class LastAcceptedTest {

    @Test
    void onlyTheFirstAcceptedSocketIsReadBack() throws IOException {
        ServerStats stats = new ServerStats();
        LastAccepted last = new LastAccepted(stats);
        CountingSocket first = new CountingSocket(1000);
        CountingSocket second = new CountingSocket(2000);
        last.accepted(first);
        last.accepted(second);
        assertEquals(4, first.reads, "SO_SNDBUF, SO_RCVBUF, TCP_NODELAY, SO_LINGER");
        assertEquals(0, second.reads, "not read back: the first stands for it");
        assertEquals(1000, last.get().sendBuffer());
    }

    @Test
    void aControlConnectionGivesWayToTheNextSocket() throws IOException {
        ServerStats stats = new ServerStats();
        LastAccepted last = new LastAccepted(stats);
        Runnable control = last.accepted(new CountingSocket(1000));
        control.run();
        assertNull(last.get(), "a control connection is not a served socket");
        CountingSocket served = new CountingSocket(2000);
        last.accepted(served);
        assertEquals(4, served.reads);
        assertEquals(2000, last.get().sendBuffer());
        Runnable laterControl = last.accepted(new CountingSocket(3000));
        laterControl.run();
        assertEquals(2000, last.get().sendBuffer(), "a later control connection, not read back, leaves the served socket's options");
        assertEquals(2, stats.control.sum(), "both control connections are counted as such");
    }

    /** A socket whose getOption calls are counted; its buffers read back as {@code buffer}. */
    private static final class CountingSocket implements OptionTarget {
        private final int buffer;
        int reads;

        CountingSocket(int buffer) {
            this.buffer = buffer;
        }

        @Override
        public <T> void set(SocketOption<T> option, T value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T get(SocketOption<T> option) {
            reads++;
            if (option == StandardSocketOptions.TCP_NODELAY) {
                return (T) Boolean.TRUE;
            }
            return (T) Integer.valueOf(option == StandardSocketOptions.SO_LINGER ? -1 : buffer);
        }

        @Override
        public Set<SocketOption<?>> supported() {
            return Set.of(StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF,
                    StandardSocketOptions.TCP_NODELAY, StandardSocketOptions.SO_LINGER);
        }
    }
}
