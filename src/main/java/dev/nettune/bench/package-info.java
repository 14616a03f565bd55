/**
 * Package bench holds the JMH benchmarks, one tuning question per class, the JMH settings they
 * share, written once ({@link dev.nettune.bench.AbstractBenchmark}), and the sidecar files they
 * write beside the results ({@link dev.nettune.bench.SockoptsLog}, {@link dev.nettune.bench.SkipPoint}).
 * Benchmarks only connect pieces: no class here opens a socket, channel or selector — those live in
 * {@code server} and {@code client}, load drivers included. Families live in sub-packages:
 * {@code model} (I/O model), {@code buffers} (SO_SNDBUF/SO_RCVBUF), {@code coalescing} (writes and
 * Nagle) and {@code reuse} (connection reuse).
 */
package dev.nettune.bench;
