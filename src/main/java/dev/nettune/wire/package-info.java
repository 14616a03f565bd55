/**
 * Package wire provides nettune's frame format, deterministic payloads and their verification.
 *
 * <p>A frame is a 16-byte header followed by {@code length} payload bytes:
 * <pre>
 *   0  u16 magic 0x4E54 ("NT")     catches garbage and misaligned reads
 *   2  u8  kind                    {@link dev.nettune.wire.Kind}
 *   3  u8  reserved (0)
 *   4  i32 payload length          0 .. the receiver's maximum frame size
 *   8  i32 sequence number         catches lost, duplicated or reordered frames
 *  12  i32 CRC32C of the payload   catches short or corrupted data
 * </pre>
 * All integers are big-endian. A request asks the server either to echo its payload
 * ({@link dev.nettune.wire.Kind#ECHO}) or to answer with a header-only acknowledgement
 * ({@link dev.nettune.wire.Kind#ACK}) carrying the sequence number and the CRC the server computed,
 * so one-way streams and coalescing benchmarks are verified end to end as well. A
 * {@link dev.nettune.wire.Kind#STATS} request (no payload) asks for the server's counters and
 * settings, answered as JSON in a {@link dev.nettune.wire.Kind#STATS_REPLY}: how a benchmark reads a
 * server that runs in another process, namespace or host.
 *
 * <p>Stance: every byte is verified, and the measured path allocates nothing: requests and reply
 * buffers are built once and reused.
 */
package dev.nettune.wire;
