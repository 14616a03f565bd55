package dev.nettune.server;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Payloads;
import dev.nettune.wire.ProtocolException;
import dev.nettune.wire.Request;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * A RemoteServer is a nettune server that runs elsewhere — another JVM on this host, a network
 * namespace, another machine — seen through one control connection: each question
 * ({@link #stats()}, {@link #acceptedOptions()} …) is a {@link Kind#STATS} request answered with a
 * {@link StatsReply}. The server counts the control connection as none of its own.
 *
 * <p>Counters are deltas since this object connected, so a server that has served other benchmark
 * points (a long-running {@code remote=} server) reads like a fresh one; a client of the same
 * server that is not this benchmark adds to them. Closing closes the control connection only; the
 * server keeps running (whoever started it stops it).
 */
public final class RemoteServer implements Server {
    /** How long a control request may wait for its reply. */
    static final int REPLY_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress address;
    private final Socket control;
    private final InputStream in;
    private final OutputStream out;
    private final Request request = Request.of(Kind.STATS, 0);
    private final byte[] header = new byte[Header.BYTES];
    private final Header decoded = new Header();
    private final StatsReply baseline;

    private RemoteServer(InetSocketAddress address, Socket control) throws IOException {
        this.address = address;
        this.control = control;
        this.in = control.getInputStream();
        this.out = control.getOutputStream();
        this.baseline = ask();
    }

    /** Connects the control connection to the server at {@code address} and reads its first reply. */
    public static RemoteServer connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(address, REPLY_TIMEOUT_MILLIS);
            s.setSoTimeout(REPLY_TIMEOUT_MILLIS);
            return new RemoteServer(address, s);
        } catch (UncheckedIOException e) {
            s.close();
            throw new IOException(e.getMessage(), e.getCause());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** One STATS request and its verified reply. */
    public synchronized StatsReply ask() {
        try {
            request.next();
            out.write(request.array(), 0, request.frameLength());
            out.flush();
            readFully(header);
            decoded.decode(ByteBuffer.wrap(header), 0, StatsReply.MAX_BYTES);
            if (decoded.kind() != Kind.STATS_REPLY || decoded.seq() != request.seq()) {
                throw new ProtocolException("expected STATS_REPLY for seq " + request.seq() + ", got " + decoded
                        + " (is " + address + " a nettune server?)");
            }
            byte[] payload = new byte[decoded.length()];
            readFully(payload);
            if (Payloads.crc(payload, 0, payload.length) != decoded.crc()) {
                throw new ProtocolException("STATS_REPLY payload CRC mismatch from " + address);
            }
            return StatsReply.parse(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("control request to the nettune server at " + address + " failed: " + e.getMessage(), e);
        }
    }

    private void readFully(byte[] b) throws IOException {
        if (in.readNBytes(b, 0, b.length) < b.length) {
            throw new EOFException("the server at " + address + " closed the control connection");
        }
    }

    /** The first reply, taken when this object connected: what the server is and how it is configured. */
    public StatsReply first() {
        return baseline;
    }

    @Override
    public SocketAddress address() {
        return address;
    }

    @Override
    public ServerModel model() {
        return baseline.model();
    }

    @Override
    public ServerConfig config() {
        return baseline.config();
    }

    /** The counters now, less those at connect (open connections: those accepted since and not closed). */
    @Override
    public ServerStats stats() {
        StatsReply now = ask();
        ServerStats s = new ServerStats();
        s.accepted.add(now.accepted() - baseline.accepted());
        s.closed.add(now.closed() - baseline.closed());
        s.frames.add(now.frames() - baseline.frames());
        s.bytesIn.add(now.bytesIn() - baseline.bytesIn());
        s.bytesOut.add(now.bytesOut() - baseline.bytesOut());
        s.protocolErrors.add(now.protocolErrors() - baseline.protocolErrors());
        s.readTimeouts.add(now.readTimeouts() - baseline.readTimeouts());
        s.budgetRefusals.add(now.budgetRefusals() - baseline.budgetRefusals());
        s.bufferedBytes.set(now.bufferedBytes()); // levels, not counts: as they are now
        s.peakBufferedBytes.set(now.peakBufferedBytes());
        return s;
    }

    @Override
    public EffectiveOptions listenerOptions() {
        return baseline.listener();
    }

    @Override
    public EffectiveOptions acceptedOptions() {
        return ask().acceptedOptions();
    }

    @Override
    public int threadCount() {
        return ask().threads();
    }

    /** The server's own threads' CPU time, ns, in its process; differences over an interval are what count. */
    @Override
    public long cpuNanos() {
        return ask().cpuNanos();
    }

    /** Closes the control connection; the server runs on. */
    @Override
    public void close() {
        try {
            control.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
