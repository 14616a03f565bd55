package dev.nettune.analysis.family;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * KnownBytes is what a benchmark moves over its connection per operation, where its parameters say
 * so: the bytes written by both ends together (the client's frame and the server's reply, each with
 * its {@value #HEADER}-byte header), which on a TCP stream are also the bytes both ends read. Divided
 * by the write(2) or read(2) calls per operation a fork counted, it gives the bytes per call, when
 * the count covers both ends ({@link #coversBothEnds}).
 *
 * <p>Per benchmark (the wire format of {@code wire.Request} and {@code client.bulk.BulkStream}):
 * <ul>
 *   <li>RoundTrip and LargeEcho, an echo: {@code 2 × (16 + payload)} ({@code payload}, {@code messageBytes});</li>
 *   <li>SocketBufferStream and StreamIoPath, a stream and its ack: {@code 16 + streamBytes + 16};</li>
 *   <li>Coalescing, Nagle and PipelinedCoalescing, a message of K parts and its ack (per message, the
 *       pipelined benchmark's operation): {@code 16 + parts × partBytes + 16}.</li>
 * </ul>
 * Every other benchmark (connection reuse, the I/O models' load) moves bytes the analysis cannot
 * derive from its parameters: none.
 */
public final class KnownBytes {
    /** The frame header's size, bytes (wire.Header.BYTES). */
    public static final int HEADER = 16;

    private static final String BENCH = "dev.nettune.bench.";

    private KnownBytes() {
    }

    /** Bytes written per operation by both ends of {@code benchmark} at {@code params}; empty when unknown. */
    public static OptionalDouble perOp(String benchmark, Map<String, String> params) {
        try {
            switch (benchmark) {
                case BENCH + "RoundTripBenchmark.roundTrip":
                    return echo(params.get("payload"));
                case BENCH + "buffers.LargeEchoBenchmark.roundTrip":
                    return echo(params.get("messageBytes"));
                case BENCH + "buffers.SocketBufferStreamBenchmark.stream":
                case BENCH + "buffers.StreamIoPathBenchmark.stream":
                    return params.containsKey("streamBytes")
                            ? OptionalDouble.of(HEADER + Double.parseDouble(params.get("streamBytes")) + HEADER) : OptionalDouble.empty();
                case BENCH + "coalescing.CoalescingBenchmark.message":
                case BENCH + "coalescing.NagleBenchmark.message":
                case BENCH + "coalescing.PipelinedCoalescingBenchmark.pipeline":
                    return params.containsKey("parts") && params.containsKey("partBytes")
                            ? OptionalDouble.of(HEADER + Double.parseDouble(params.get("parts")) * Double.parseDouble(params.get("partBytes"))
                            + HEADER) : OptionalDouble.empty();
                default:
                    return OptionalDouble.empty();
            }
        } catch (NumberFormatException e) {
            return OptionalDouble.empty(); // a parameter that is not a number: the bytes are not known
        }
    }

    private static OptionalDouble echo(String payload) {
        return payload == null ? OptionalDouble.empty() : OptionalDouble.of(2 * (HEADER + Double.parseDouble(payload)));
    }

    /**
     * True when a count of the fork's calls covers both ends of the connection: the server runs in the
     * benchmark's process (no {@code placement}, or {@code inprocess}), or in a JVM of its own here
     * ({@code process}, {@code netns}) and the count is perf's, which follows the fork's children.
     * /proc's count is one process's, and a {@code remote} server is not counted at all.
     */
    public static boolean coversBothEnds(Map<String, String> params, boolean perfCount) {
        String placement = params.get(Points.PLACEMENT);
        if (placement == null || placement.equals("inprocess")) {
            return true;
        }
        return perfCount && (placement.equals("process") || placement.equals("netns"));
    }
}
