/**
 * Package socket provides socket-option requests ({@link dev.nettune.socket.SocketTuning}) and
 * what the socket reports back ({@link dev.nettune.socket.EffectiveOptions}).
 *
 * <p>Stance: an option that is set is always read back, and both values travel with results.
 * On Linux the kernel doubles SO_SNDBUF/SO_RCVBUF requests (capped at net.core.wmem_max /
 * rmem_max) and the JDK halves what getsockopt returns, so the Java read-back equals the request
 * while the kernel holds twice as much; {@link dev.nettune.socket.EffectiveOptions#kernelSendBuffer()}
 * states the kernel's view. Setting either buffer turns off the kernel's autotuning for that socket.
 */
package dev.nettune.socket;
