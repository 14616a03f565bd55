/**
 * Package bench holds the JMH benchmarks, one tuning question per class, and the settings they
 * share ({@link dev.nettune.bench.BenchDefaults}). Benchmarks only connect pieces: sockets live in
 * {@code wire}, {@code socket}, {@code server} and {@code client}. Families live in sub-packages:
 * {@code model} (I/O model), {@code buffers} (SO_SNDBUF/SO_RCVBUF), {@code coalescing} (writes and
 * Nagle) and {@code reuse} (connection reuse).
 */
package dev.nettune.bench;
