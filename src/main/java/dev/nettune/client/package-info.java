/**
 * Package client provides one client per I/O model, all speaking the frame protocol of
 * {@link dev.nettune.wire} and verifying every reply:
 * <ul>
 *   <li>{@link dev.nettune.client.StreamConnection}: blocking java.net.Socket streams;</li>
 *   <li>{@link dev.nettune.client.ChannelConnection}: a blocking SocketChannel (TCP or Unix-domain);</li>
 *   <li>{@link dev.nettune.client.AsyncConnection}: an AsynchronousSocketChannel (NIO.2);</li>
 *   <li>{@link dev.nettune.client.SelectorClient}: many non-blocking SocketChannels on one Selector thread;</li>
 *   <li>virtual threads: any blocking connection driven from virtual threads
 *       ({@link dev.nettune.jvm.VirtualThreads}, JDK 21+).</li>
 * </ul>
 * {@link dev.nettune.client.ClientModel} names them for benchmark parameters and says what a
 * driver needs from each (a connection, a request buffer, threads, transports). Plus
 * {@link dev.nettune.client.ConnectPerRequest} (connect, exchange, close) and a bounded
 * {@link dev.nettune.client.ConnectionPool}. Every client applies a
 * {@link dev.nettune.socket.SocketTuning} before connecting and reads the options back.
 *
 * <p>Stance: sockets, channels and selectors are opened here (and in the servers), never in a
 * benchmark: sub-packages hold the load drivers ({@code load}), the bulk-stream sender
 * ({@code bulk}) and the message-in-parts sender ({@code coalescing}).
 */
package dev.nettune.client;
