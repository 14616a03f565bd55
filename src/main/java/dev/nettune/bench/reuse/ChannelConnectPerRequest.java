package dev.nettune.bench.reuse;

import dev.nettune.client.ChannelConnection;
import dev.nettune.client.PortExhaustedException;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Request;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * ChannelConnectPerRequest is {@link dev.nettune.client.ConnectPerRequest} over a blocking NIO
 * SocketChannel: connect, one verified exchange (or none), close; ephemeral-port exhaustion
 * surfaces as {@link PortExhaustedException}, naming the sysctls involved.
 */
final class ChannelConnectPerRequest {
    private final SocketAddress server;
    private final SocketTuning tuning;
    private long connects;

    ChannelConnectPerRequest(SocketAddress server, SocketTuning tuning) {
        this.server = server;
        this.tuning = tuning;
    }

    /** Connect, one verified exchange, close. */
    void exchange(Request request) throws IOException {
        try (ChannelConnection c = connect()) {
            c.exchange(request);
        }
    }

    /** Connect and close, no data. */
    void connectOnly() throws IOException {
        connect().close();
    }

    private ChannelConnection connect() throws IOException {
        try {
            ChannelConnection c = new ChannelConnection(server, tuning);
            connects++;
            return c;
        } catch (IOException e) {
            if (PortExhaustedException.isExhaustion(e)) {
                throw new PortExhaustedException(connects, e);
            }
            throw e;
        }
    }

    long connects() {
        return connects;
    }
}
