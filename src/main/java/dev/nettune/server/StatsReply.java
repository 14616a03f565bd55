package dev.nettune.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Header;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Payloads;
import dev.nettune.wire.ProtocolException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A StatsReply is a server's answer to a {@link Kind#STATS} request: what it serves with (model,
 * socket options requested, limits), its counters, its threads and CPU time, and the options read
 * back from its listener and its most recently accepted socket, as a JSON object in the payload of
 * a {@link Kind#STATS_REPLY} frame. Built on the control path only, never on the measured one.
 *
 * @param model           the server model
 * @param config          how it listens and serves (bind address and port as configured)
 * @param accepted        connections accepted, control connections left out
 * @param closed          of those, closed
 * @param frames          request frames served
 * @param bytesIn         frame bytes received
 * @param bytesOut        frame bytes sent
 * @param protocolErrors  connections dropped for a bad frame
 * @param readTimeouts    connections closed after stalling mid-frame for the read timeout
 * @param budgetRefusals  connections closed because the memory budget was reached
 * @param bufferedBytes   bytes of read buffers held now (control connections' included)
 * @param peakBufferedBytes the most bytes of read buffers held at once
 * @param threads         threads serving now (control connections' threads left out)
 * @param cpuNanos        CPU time of the server's own threads, ns; -1 when not measurable
 * @param listener        options read back from the listener
 * @param acceptedOptions options read back from the first accepted served socket (all are tuned alike); null before one
 * @param java            the server JVM's {@code Runtime.version()}
 * @param pid             the server process's id
 */
public record StatsReply(ServerModel model, ServerConfig config, long accepted, long closed, long frames, long bytesIn,
                         long bytesOut, long protocolErrors, long readTimeouts, long budgetRefusals, long bufferedBytes,
                         long peakBufferedBytes, int threads, long cpuNanos, EffectiveOptions listener,
                         EffectiveOptions acceptedOptions, String java, long pid) {

    /** Largest reply payload a client accepts: a reply is a few hundred bytes. */
    public static final int MAX_BYTES = 64 << 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reply describing {@code server} now. */
    static StatsReply of(Server server) {
        ServerStats s = server.stats();
        // A control connection of a thread-per-connection server holds a thread: not one that serves load.
        int threads = server.threadCount() - (server.model() == ServerModel.SELECTOR ? 0 : (int) s.controlOpen());
        return new StatsReply(server.model(), server.config(), s.accepted(), s.closed(), s.frames(), s.bytesIn(), s.bytesOut(),
                s.protocolErrors(), s.readTimeouts(), s.budgetRefusals(), s.bufferedBytes(), s.peakBufferedBytes(), threads, server.cpuNanos(), server.listenerOptions(), server.acceptedOptions(),
                Runtime.version().toString(), ProcessHandle.current().pid());
    }

    /** The whole {@link Kind#STATS_REPLY} frame for {@code server}, answering request {@code seq}, ready to write. */
    static ByteBuffer frame(Server server, int seq) {
        byte[] payload = of(server).json().getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(Header.BYTES + payload.length);
        Header.encode(frame, 0, Kind.STATS_REPLY, payload.length, seq, Payloads.crc(payload, 0, payload.length));
        frame.put(Header.BYTES, payload);
        return frame.clear();
    }

    /** This reply as one line of JSON. */
    public String json() {
        ObjectNode n = JSON.createObjectNode();
        n.put("server", model.name());
        n.put("transport", config.transport().name());
        n.put("bind", config.bindAddress() == null ? null : config.bindAddress().getHostAddress());
        n.put("port", config.port());
        SocketTuning t = config.tuning();
        ObjectNode tuning = n.putObject("tuning");
        tuning.put("sndBuf", t.sendBuffer());
        tuning.put("rcvBuf", t.receiveBuffer());
        tuning.put("tcpNoDelay", t.tcpNoDelay());
        tuning.put("linger", t.lingerSeconds());
        n.put("backlog", config.backlog());
        n.put("maxFrameBytes", config.maxFrameBytes());
        n.put("eventLoops", config.eventLoops());
        n.put("maxBufferedBytes", config.maxBufferedBytes());
        n.put("readTimeoutMillis", config.readTimeoutMillis());
        n.put("accepted", accepted);
        n.put("closed", closed);
        n.put("frames", frames);
        n.put("bytesIn", bytesIn);
        n.put("bytesOut", bytesOut);
        n.put("protocolErrors", protocolErrors);
        n.put("readTimeouts", readTimeouts);
        n.put("budgetRefusals", budgetRefusals);
        n.put("bufferedBytes", bufferedBytes);
        n.put("peakBufferedBytes", peakBufferedBytes);
        n.put("threads", threads);
        n.put("cpuNanos", cpuNanos);
        options(n, "listener", listener);
        options(n, "acceptedSocket", acceptedOptions);
        n.put("java", java);
        n.put("pid", pid);
        try {
            return JSON.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void options(ObjectNode n, String name, EffectiveOptions o) {
        if (o == null) {
            n.putNull(name);
            return;
        }
        ObjectNode x = n.putObject(name);
        x.put("sndBuf", o.sendBuffer());
        x.put("rcvBuf", o.receiveBuffer());
        x.put("tcpNoDelay", o.tcpNoDelay());
        x.put("linger", o.lingerSeconds());
    }

    /** Parses a reply's payload; a payload that is not a reply is a protocol error. */
    public static StatsReply parse(byte[] payload) throws ProtocolException {
        try {
            JsonNode n = JSON.readTree(payload);
            if (n == null || !n.isObject() || !n.hasNonNull("server") || !n.hasNonNull("accepted")) {
                throw new ProtocolException("a STATS_REPLY payload is a JSON object with the server's counters");
            }
            JsonNode t = n.path("tuning");
            SocketTuning tuning = SocketTuning.DEFAULTS.withSendBuffer(intOrNull(t, "sndBuf")).withReceiveBuffer(intOrNull(t, "rcvBuf"))
                    .withTcpNoDelay(t.hasNonNull("tcpNoDelay") ? t.get("tcpNoDelay").asBoolean() : null)
                    .withLingerSeconds(intOrNull(t, "linger"));
            InetAddress bind = n.hasNonNull("bind") ? InetAddress.getByName(n.get("bind").asText()) : null;
            ServerConfig config = new ServerConfig(Transport.valueOf(n.path("transport").asText("TCP")), tuning,
                    n.path("backlog").asInt(), n.path("maxFrameBytes").asInt(), n.path("eventLoops").asInt(1), bind, n.path("port").asInt(),
                    n.path("maxBufferedBytes").asLong(ServerConfig.DEFAULT_MAX_BUFFERED_BYTES),
                    n.path("readTimeoutMillis").asInt(ServerConfig.DEFAULT_READ_TIMEOUT_MILLIS));
            return new StatsReply(ServerModel.parse(n.get("server").asText()), config, n.path("accepted").asLong(),
                    n.path("closed").asLong(), n.path("frames").asLong(), n.path("bytesIn").asLong(), n.path("bytesOut").asLong(),
                    n.path("protocolErrors").asLong(), n.path("readTimeouts").asLong(), n.path("budgetRefusals").asLong(),
                    n.path("bufferedBytes").asLong(), n.path("peakBufferedBytes").asLong(), n.path("threads").asInt(), n.path("cpuNanos").asLong(-1),
                    options(n.get("listener")), options(n.get("acceptedSocket")), n.path("java").asText(""), n.path("pid").asLong(-1));
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ProtocolException("malformed STATS_REPLY payload: " + e.getMessage());
        }
    }

    private static EffectiveOptions options(JsonNode o) {
        if (o == null || !o.isObject()) {
            return null;
        }
        return new EffectiveOptions(intOrNull(o, "sndBuf"), intOrNull(o, "rcvBuf"),
                o.hasNonNull("tcpNoDelay") ? o.get("tcpNoDelay").asBoolean() : null, intOrNull(o, "linger"));
    }

    private static Integer intOrNull(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asInt() : null;
    }
}
