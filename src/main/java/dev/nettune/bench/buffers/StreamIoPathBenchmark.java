package dev.nettune.bench.buffers;

import dev.nettune.client.bulk.IoPath;
import dev.nettune.client.bulk.StallWatchdog;
import dev.nettune.placement.Placement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;

/**
 * For bulk writes with kernel-autotuned buffers, does the client's I/O path matter:
 * {@code Socket} streams with a byte[], a {@code SocketChannel} with a heap {@code ByteBuffer}, or
 * with a direct one? The same verified one-way stream as {@link SocketBufferStreamBenchmark}.
 *
 * <p>Expect: the direct buffer goes straight to write(2); a heap buffer is first copied into a
 * cached temporary direct buffer of the same size; a byte[] through NioSocketImpl (JDK 13+) is
 * copied through a temporary direct buffer of at most 128 KiB per system call, so a 256 KiB
 * write becomes two copies and two write(2) calls. At 64 KiB the paths should be within a few %
 * (one memcpy of 64 KiB is cheap next to the loopback's own copy); at 256 KiB and above the stream
 * path may fall behind. Buffers are not set (autotuning) so that the path is the only variable.
 *
 * <p>Read: secondary result {@code gbit} ("ops/s") = Gbit/s of verified payload, higher is better;
 * primary = streams/s. Confounders as in {@link SocketBufferStreamBenchmark}; add {@code -prof gc}
 * to see that none of the paths allocates per stream.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar StreamIoPathBenchmark -p writeSize=65536,262144}
 */
@State(Scope.Thread)
public class StreamIoPathBenchmark extends BulkStreamBenchmarkBase {

    /** How the client writes: {@link IoPath} constant names. */
    @Param({"STREAM", "CHANNEL_HEAP", "CHANNEL_DIRECT"})
    public String path;

    /** Bytes per write call; 131072 is NioSocketImpl's per-call copy cap, 262144 straddles it. */
    @Param({"8192", "65536", "131072", "262144", "1048576"})
    public int writeSize;

    /** Payload bytes per verified stream (one operation). */
    @Param({"4194304"})
    public int streamBytes;

    @Override
    protected StreamFixture openFixture(BenchmarkParams params) throws IOException, InterruptedException {
        return new StreamFixture(params, Placement.INPROCESS, IoPath.parse(path), null, null, BufferSize.positive("writeSize", writeSize),
                BufferSize.positive("streamBytes", streamBytes), StallWatchdog.defaultBoundNanos());
    }

    @Override
    protected int streamBytes() {
        return streamBytes;
    }
}
