package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.family.ChartRule.Quantity;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SocketBuffers is the socket buffer family ({@code bench.buffers}): bulk streams and large echoes
 * by SO_SNDBUF, write size and I/O path. Its question is what SO_SNDBUF does to bulk throughput at
 * 64 KiB writes, against the kernel's autotuning; its charts are Gbit/s by SO_SNDBUF, one panel per
 * write size.
 */
public final class SocketBuffers extends FamilyDescriptor {

    /** The write size the question holds. */
    static final String WRITE_SIZE = "65536";
    /** SO_SNDBUF not set: the kernel's autotuning, the reference. */
    static final String AUTOTUNED = "0";

    /** The largest SO_SNDBUF at which the blocking write below was seen. */
    static final int SMALL_SNDBUF = 4096;

    SocketBuffers() {
        super("Socket buffers", "buffers", "dev.nettune.bench.buffers.");
        ask(new Question(this, "SEND_BUFFER", "Socket buffers",
                "what does SO_SNDBUF do to bulk throughput at 64 KiB writes?", this::sendBuffer, this::sendBufferSentence));
    }

    @Override
    protected Map<String, ChartRule> chartRules() {
        return Map.of(
                "SocketBufferStreamBenchmark", ChartRule.linePerJvm("sndBuf", List.of("writeSize"), ChartRule.GBIT,
                        "by SO_SNDBUF × write size"),
                "LargeEchoBenchmark", ChartRule.linePerJvm("sndBuf", List.of("messageBytes"),
                        new Quantity(null, "round-trip time", null, null, false), "by SO_SNDBUF × message size"),
                "StreamIoPathBenchmark", ChartRule.linePerJvm("writeSize", List.of("path"), ChartRule.GBIT,
                        "by write size × I/O path"));
    }

    /**
     * The one known cause: with a small SO_SNDBUF, JDK 17's {@code java.net.Socket} blocks in one
     * write(2) on the full send buffer, where JDK 25's NioSocketImpl writes non-blocking and polls
     * (seen with strace on SO_SNDBUF 4 KiB); the time a write stays blocked varies widely.
     */
    @Override
    public String erraticCause(Result result) {
        Map<String, String> p = result.key().params();
        int sndBuf;
        try {
            sndBuf = Integer.parseInt(p.getOrDefault("sndBuf", ""));
        } catch (NumberFormatException e) {
            return null; // no SO_SNDBUF parameter: nothing known
        }
        boolean stream = result.key().benchmark().endsWith("SocketBufferStreamBenchmark.stream")
                && "STREAM".equals(p.get("path"));
        if (result.key().jvm().feature() == 17 && stream && sndBuf > 0 && sndBuf <= SMALL_SNDBUF) {
            return "JDK 17's java.net.Socket blocks in one write(2) on a full small send buffer (SO_SNDBUF "
                    + sndBuf + " B), where JDK 25's NioSocketImpl writes non-blocking and polls (seen with strace);"
                    + " how long a write stays blocked varies from fork to fork";
        }
        return null;
    }

    /** {@code SocketBufferStreamBenchmark.stream} (thrpt) at 64 KiB writes, each sndBuf against sndBuf=0 (autotuned). */
    private Finding sendBuffer(JvmId jvm, List<Result> results) {
        List<Result> pts = Points.fix(Points.points(results, "SocketBufferStreamBenchmark.stream", "thrpt").stream()
                .filter(r -> Points.is(r, "writeSize", WRITE_SIZE)).toList(), List.of("sndBuf"));
        Result ref = Points.first(pts, r -> Points.is(r, "sndBuf", AUTOTUNED));
        return new Finding(jvm, Points.fixedText(pts, List.of("sndBuf")),
                Points.against(pts.stream().sorted(Points.numeric("sndBuf")).toList(), ref, "sndBuf"));
    }

    private String sendBufferSentence(Answer a, Wording w) {
        List<String> parts = new ArrayList<>();
        for (String label : a.labels()) {
            String size = w.param("sndBuf", label.substring(label.indexOf('=') + 1));
            parts.add(size + ": " + w.across(a, label, "more", "fewer"));
        }
        return String.join("; ", parts) + " streams/s than autotuned (SO_SNDBUF not set).";
    }
}
