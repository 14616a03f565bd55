package dev.nettune.client;

import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * ConnectPerRequest opens a connection, makes one exchange and closes it, every time (netperf
 * TCP_CRR); or only connects and closes (TCP_CC). How it closes is the tuning's: a normal close
 * sends FIN and leaves TIME_WAIT on this side; SO_LINGER 0 sends RST and leaves none.
 * Ephemeral-port exhaustion surfaces as {@link PortExhaustedException}, never as a hang.
 *
 * <p>The first connection's socket options are read back and verified against the tuning
 * ({@link SocketTuning#verify}); the rest, opened the same way, are not read back: the read-back
 * is four getsockopt calls per connection that a connect-per-request figure must not include.
 */
public final class ConnectPerRequest {
    private final SocketAddress server;
    private final SocketTuning tuning;
    private final ClientModel model;
    private long connects;

    /** Connects with java.net.Socket streams. */
    public ConnectPerRequest(SocketAddress server, SocketTuning tuning) {
        this(server, tuning, ClientModel.STREAM);
    }

    /** Connects with a client model that has a one-connection form and runs on the caller's platform thread. */
    public ConnectPerRequest(SocketAddress server, SocketTuning tuning, ClientModel model) {
        if (!model.hasConnection() || model.driver() == ClientModel.Driver.VIRTUAL_THREADS) {
            throw new IllegalArgumentException("connect-per-request needs a one-connection client model on the caller's thread, not " + model
                    + "; valid: " + ClientModel.valid(m -> m.hasConnection() && m.driver() != ClientModel.Driver.VIRTUAL_THREADS));
        }
        this.server = server;
        this.tuning = tuning;
        this.model = model;
    }

    /** Connect, one verified exchange, close. */
    public void exchange(Request request) throws IOException {
        try (ClientConnection c = connect()) {
            c.exchange(request);
        }
    }

    /** Connect and close, no data. */
    public void connectOnly() throws IOException {
        connect().close();
    }

    private ClientConnection connect() throws IOException {
        try {
            ClientConnection c;
            if (connects == 0) {
                c = model.open(server, tuning);
                try {
                    tuning.verify("connect-per-request client", c.options());
                } catch (IllegalStateException e) {
                    c.close();
                    throw e;
                }
            } else {
                c = model.openWithoutReadBack(server, tuning);
            }
            connects++;
            return c;
        } catch (IOException e) {
            if (PortExhaustedException.isExhaustion(e)) {
                throw new PortExhaustedException(connects, e);
            }
            throw e;
        }
    }

    /** Connections opened so far. */
    public long connects() {
        return connects;
    }
}
