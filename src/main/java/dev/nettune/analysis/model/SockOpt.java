package dev.nettune.analysis.model;

import java.util.Map;

/**
 * A SockOpt is one line of {@code sockopts.jsonl}: a socket option a benchmark set, as requested and
 * as read back. Values are bytes for buffer sizes, or 0/1 for flags.
 *
 * @param jvm       the JVM (run and label) of the folder the line came from
 * @param benchmark fully qualified benchmark name
 * @param params    the benchmark's parameters
 * @param endpoint  "client" or "server"
 * @param option    e.g. "SO_SNDBUF"
 * @param requested the value asked for, or null when left to the kernel (autotuning)
 * @param effective what Java read back ({@code getSendBufferSize()}; Linux halves the kernel's view)
 * @param kernel    the kernel's view, or null when not recorded
 */
public record SockOpt(JvmId jvm, String benchmark, Map<String, String> params, String endpoint, String option,
                      Long requested, Long effective, Long kernel) {
}
