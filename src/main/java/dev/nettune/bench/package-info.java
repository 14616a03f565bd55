/**
 * Package bench holds the JMH benchmarks, one tuning question per class, and the JMH settings
 * they share, written once ({@link dev.nettune.bench.AbstractBenchmark}). Benchmarks only connect pieces: sockets live in
 * {@code wire}, {@code socket}, {@code server} and {@code client}. Families live in sub-packages:
 * {@code model} (I/O model), {@code buffers} (SO_SNDBUF/SO_RCVBUF), {@code coalescing} (writes and
 * Nagle) and {@code reuse} (connection reuse).
 */
package dev.nettune.bench;
