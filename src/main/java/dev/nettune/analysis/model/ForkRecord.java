package dev.nettune.analysis.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A ForkRecord is what one line of a run's {@code forks.jsonl} ({@link dev.nettune.results.ForkLine})
 * says, located in its file, with absent values given their defaults: one fork the runner attempted, where it
 * sat in the randomized interleaved schedule (point, block, position), how it ended, and for a fork
 * that ended well which row of the JMH JSON holds it and its score.
 *
 * @param file      the forks.jsonl it was read from
 * @param line      1-based line number in that file
 * @param seq       1-based order of execution within the run
 * @param jvm       JVM label (the folder name of its results)
 * @param className benchmark class, fully qualified
 * @param benchmark benchmark method as JMH's "benchmark"
 * @param mode      JMH mode: thrpt, avgt, sample or ss
 * @param params    parameters as JMH writes them (strings); empty when none
 * @param point     0-based index of the point in the run's plan
 * @param block     1-based block number
 * @param position  1-based position of the fork within its block
 * @param blockSize forks in the block (JVMs that run this point)
 * @param startedAt ISO-8601 start, "" when absent
 * @param endedAt   ISO-8601 end, "" when absent
 * @param status    how the fork ended
 * @param reason    why it failed, was skipped or was interrupted; "" when none
 * @param row       0-based row of this fork in rawData / rawDataHistogram; -1 unless OK
 * @param score     JMH's primary score of this fork alone; NaN unless OK
 * @param unit      unit of the score; "" unless OK
 * @param role      "" for a fork that makes the score; {@value #COUNTERS_ROLE} for an extra fork that only
 *                  counts (its counters pair by block with the other JVM's counting forks; it is not a score)
 */
public record ForkRecord(Path file, int line, int seq, String jvm, String className, String benchmark, String mode,
                         Map<String, String> params, int point, int block, int position, int blockSize,
                         String startedAt, String endedAt, Status status, String reason, int row, double score,
                         String unit, String role) {

    /** forks.jsonl's {@code role} of a fork that only counts. */
    public static final String COUNTERS_ROLE = "counters";

    /** A fork that makes the score (no role recorded). */
    public ForkRecord(Path file, int line, int seq, String jvm, String className, String benchmark, String mode,
                      Map<String, String> params, int point, int block, int position, int blockSize,
                      String startedAt, String endedAt, Status status, String reason, int row, double score,
                      String unit) {
        this(file, line, seq, jvm, className, benchmark, mode, params, point, block, position, blockSize, startedAt,
                endedAt, status, reason, row, score, unit, "");
    }

    /** True when this fork only counts and makes no score. */
    public boolean countingOnly() {
        return COUNTERS_ROLE.equals(role);
    }

    /** A Status is how a fork ended, as forks.jsonl writes it. */
    public enum Status {
        OK, FAILED, SKIPPED, INTERRUPTED;

        /** The status written as {@code text} ("ok", "failed", ...), or null when unknown. */
        public static Status parse(String text) {
            for (Status s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return s;
                }
            }
            return null;
        }

        /** The word forks.jsonl uses. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** "file (line N)", for messages. */
    public String where() {
        return file + " (line " + line + ")";
    }
}
