package dev.nettune.client;

import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.OptionTarget;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.ReplyCheck;
import dev.nettune.wire.Request;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A StreamConnection exchanges frames over java.net.Socket's blocking streams: one write, then reads. */
public final class StreamConnection implements ClientConnection {
    /** Connect timeout for clients that connect asynchronously or opt into a timed connect. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EffectiveOptions options;
    private final ReplyCheck check = new ReplyCheck();
    private byte[] reply = new byte[0];
    private ByteBuffer replyView = ByteBuffer.wrap(reply);

    /**
     * Connects without a timeout, on purpose: on JDK 25 (not 17) a timed connect leaves the socket
     * O_NONBLOCK, so every later read and write goes through poll(2) as well: an extra system call
     * per I/O that a plain blocking peer (sockperf, netperf) does not make. Loopback connects
     * complete or fail at once.
     */
    public StreamConnection(SocketAddress server, SocketTuning tuning) throws IOException {
        this(server, tuning, 0);
    }

    /**
     * Connects with a timeout of {@code connectTimeoutMillis}, as most applications do (0: untimed); see
     * {@link #StreamConnection(SocketAddress, SocketTuning)} for what a timed connect changes.
     */
    public StreamConnection(SocketAddress server, SocketTuning tuning, int connectTimeoutMillis) throws IOException {
        this(server, tuning, connectTimeoutMillis, true);
    }

    /**
     * Connects as {@link #StreamConnection(SocketAddress, SocketTuning, int)}; with {@code readBack}
     * false the options are not read back (four getsockopt calls fewer), for connections on the
     * measured path whose twin, opened the same way, was read back and verified.
     */
    public StreamConnection(SocketAddress server, SocketTuning tuning, int connectTimeoutMillis, boolean readBack) throws IOException {
        socket = new Socket();
        try {
            tuning.applyToClient(OptionTarget.of(socket));
            socket.connect(server, connectTimeoutMillis); // 0: untimed, as Socket.connect(server)
            options = readBack ? EffectiveOptions.readFrom(OptionTarget.of(socket)) : null;
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void exchange(Request request) throws IOException {
        request.next();
        out.write(request.array(), 0, request.frameLength());
        int n = request.replyLength();
        if (reply.length < n) {
            reply = new byte[n];
            replyView = ByteBuffer.wrap(reply);
        }
        for (int done = 0; done < n; ) {
            int r = in.read(reply, done, n - done);
            if (r < 0) {
                throw new EOFException("server closed the connection after " + done + " of " + n + " reply bytes");
            }
            done += r;
        }
        check.verify(request, replyView);
    }

    /** The underlying socket, for benchmarks that write in parts or tune further. */
    public Socket socket() {
        return socket;
    }

    @Override
    public EffectiveOptions options() {
        return ClientConnection.readBack(options);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
