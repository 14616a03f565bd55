/**
 * Package socket provides socket-option requests ({@link dev.nettune.socket.SocketTuning}) and
 * what the socket reports back ({@link dev.nettune.socket.EffectiveOptions}).
 *
 * <p>Stance: an option that is set is read back and verified against the request
 * ({@link dev.nettune.socket.SocketTuning#verify}), and both values travel with results. The read-back
 * costs about six system calls, so it is made once per kind of connection and trial (a probe or the
 * first connection, built the same way as the measured ones), never on the measured path.
 * On Linux the kernel doubles SO_SNDBUF/SO_RCVBUF requests (capped at net.core.wmem_max /
 * rmem_max) and the JDK halves what getsockopt returns, so the Java read-back equals the request
 * while the kernel holds twice as much; {@link dev.nettune.socket.EffectiveOptions#kernelSendBuffer()}
 * states the kernel's view. Setting either buffer turns off the kernel's autotuning for that socket.
 */
package dev.nettune.socket;
