package dev.nettune.bench.buffers;

import dev.nettune.client.bulk.IoPath;
import dev.nettune.client.bulk.StallWatchdog;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;

/**
 * What do the sender's SO_SNDBUF, the receiver's SO_RCVBUF and the write size do to bulk loopback
 * throughput (netperf TCP_STREAM -s/-S -m, iperf3 -w -l)? One operation is one verified one-way
 * stream of {@code streamBytes} payload bytes (header with length + CRC32C, payload in
 * {@code writeSize} calls, 16-byte ack checked for sequence and CRC).
 *
 * <p>Expect autotuned buffers ({@code 0}) near the top; Linux doubles every request (capped at
 * net.core.wmem_max/rmem_max) and turns autotuning off for that socket. A send buffer smaller than
 * one write (e.g. 4 KiB, kernel 8 KiB, with 64 KiB writes) is known to collapse loopback throughput
 * by orders of magnitude with a C client on Linux (design notes, "Known traps"); this shows whether
 * Java does the same. Small writes (1 KiB) pay one system call per KiB whatever the buffer. Whether
 * the collapse shows depends on how the bytes reach write(2): on JDK 17 a byte[] write is one
 * blocking 64 KiB write(2); on JDK 25 the timed connect leaves the socket non-blocking and a write
 * becomes partial writes plus poll (strace shows it), so compare JDKs and paths rather than assume.
 * A collapsed stream takes far longer than an iteration, so its iterations run longer than asked;
 * the score stays a real, low number.
 *
 * <p>Read: the secondary result {@code gbit} ("ops/s") is Gbit/s of verified payload, higher is
 * better; the primary score is streams/s (Gbit/s = streams/s × streamBytes × 8 / 1e9). Each stream
 * includes one ack round trip, a small part of a 4 MiB stream. The sizes in force — requested,
 * Java's read-back and the kernel's (2×) — are printed per trial and written to the sockopts file
 * with the kernel limits. Confounders: the cores are shared by the client thread, the server's
 * event loop and JMH; both ends have TCP_NODELAY on (see
 * {@link StreamFixture}). A point that moves no byte for {@value StallWatchdog#DEFAULT_STALL_SECONDS} s
 * (property {@value StallWatchdog#STALL_SECONDS_PROPERTY}) fails with "stalled: &lt;configuration&gt;".
 *
 * <p>Against a C writer and reader doing the same writes ({@code scripts/harness-c-crosscheck.sh},
 * workloads stream and stream-direct), the Java side pays two things C does not: the receiver's
 * CRC32C of every payload byte (the verification; the JDK's intrinsic, as fast as any complete
 * check the JDK offers) and, on the STREAM path, NioSocketImpl's copy of each byte[] write into a
 * temporary direct buffer (the JDK's own cost, which any byte[] application pays too). With the
 * client and the server on one core both add up directly; on two they overlap.
 *
 * <p>Placement ({@link dev.nettune.bench.ServerPlacement}): {@code inprocess} (default) streams over
 * loopback (MTU 64 KiB); {@code process} moves the receiver into a JVM of its own (its CRC32C no
 * longer competes with the sender inside one JVM, only for the cores); {@code netns} sends the
 * stream through a veth link of MTU 1500 (1,448-byte segments, GSO aside), and
 * {@code netns:rate=1gbit} through a token bucket at that rate with a 5 ms queue: there the link,
 * not the copy, bounds throughput, and what SO_SNDBUF does depends on the bandwidth-delay product,
 * not on loopback's wake-ups.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar SocketBufferStreamBenchmark -p path=STREAM -p rcvBuf=0}
 */
@State(Scope.Thread)
public class SocketBufferStreamBenchmark extends BulkStreamBenchmarkBase {

    /** Client (sender) SO_SNDBUF request, bytes; 0 = not set (autotuning). */
    @Param({"0", "4096", "16384", "65536", "262144", "1048576", "4194304"})
    public int sndBuf;

    /** Server (receiver) SO_RCVBUF request on the listener before bind, bytes; 0 = not set (autotuning). */
    @Param({"0", "4096", "16384", "65536", "262144", "1048576", "4194304"})
    public int rcvBuf;

    /** Bytes per write call; 256 KiB straddles NioSocketImpl's 128 KiB per-call copy. */
    @Param({"1024", "8192", "65536", "262144"})
    public int writeSize;

    /** How the client writes: {@link IoPath} constant names. */
    @Param({"STREAM", "CHANNEL_HEAP", "CHANNEL_DIRECT"})
    public String path;

    /** Payload bytes per verified stream (one operation). */
    @Param({"4194304"})
    public int streamBytes;

    /** Where the receiver runs ({@link dev.nettune.bench.ServerPlacement}); default in process. */
    @Param({"inprocess"})
    public String placement;

    @Override
    protected StreamFixture openFixture(BenchmarkParams params) throws IOException, InterruptedException {
        return new StreamFixture(params, placement, IoPath.parse(path), BufferSize.request("sndBuf", sndBuf),
                BufferSize.request("rcvBuf", rcvBuf), BufferSize.positive("writeSize", writeSize),
                BufferSize.positive("streamBytes", streamBytes), StallWatchdog.defaultBoundNanos());
    }

    @Override
    protected int streamBytes() {
        return streamBytes;
    }
}
