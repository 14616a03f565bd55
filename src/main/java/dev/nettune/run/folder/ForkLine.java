package dev.nettune.run.folder;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ForkLine is one line of {@code forks.jsonl}: one fork attempted, appended when it ended. It
 * carries what the analysis needs to pair forks (point, block, position, JVM) and to find the fork's
 * samples (row of rawData in {@code <jvm>/<Class>.json}). The file's line is defined once, by
 * {@link dev.nettune.results.ForkLine} (field order and names, shared with the analysis); this record is
 * the runner's typed view of it (times as instants, the status as an enum), converted by {@link #line()}
 * and {@link #of}.
 *
 * @param seq       1-based order of execution within the run (continues across resumes)
 * @param jvm       JVM label, the result folder's name
 * @param className benchmark class, fully qualified (JSON key "class")
 * @param benchmark JMH's benchmark name (Class.method)
 * @param mode      JMH's short mode label: thrpt, avgt, sample, ss
 * @param params    JMH's parameters, string values, keys sorted; empty when none
 * @param point     0-based index of the point in the run's plan
 * @param block     1-based block number
 * @param position  1-based position of this fork within its block
 * @param blockSize forks in this block (the JVMs that run this point)
 * @param startedAt when the fork started
 * @param endedAt   when it ended
 * @param status    what happened
 * @param reason    why it failed, was skipped or interrupted; null when ok
 * @param row       0-based row of this fork in rawData (or rawDataHistogram); null unless ok
 * @param score     JMH's primary score of this fork alone; null unless ok (or not finite)
 * @param unit      the score's unit; null unless ok
 * @param role      {@link dev.nettune.results.ForkLine#ROLE_COUNTERS} for a block's extra counting fork, else null
 * @param counters  the fork's counters by metric name, null when it did not count
 */
public record ForkLine(int seq, String jvm, String className, String benchmark, String mode, Map<String, String> params,
                       int point, int block, int position, int blockSize, Instant startedAt, Instant endedAt,
                       Status status, String reason, Integer row, Double score, String unit, String role,
                       Map<String, dev.nettune.results.ForkCounter> counters) {

    /** A fork that makes the score and did not count. */
    public ForkLine(int seq, String jvm, String className, String benchmark, String mode, Map<String, String> params,
                    int point, int block, int position, int blockSize, Instant startedAt, Instant endedAt,
                    Status status, String reason, Integer row, Double score, String unit) {
        this(seq, jvm, className, benchmark, mode, params, point, block, position, blockSize, startedAt, endedAt, status, reason,
                row, score, unit, null, null);
    }

    /** Whether this is a block's extra counting fork, whose score is not its JVM's. */
    public boolean countingOnly() {
        return dev.nettune.results.ForkLine.ROLE_COUNTERS.equals(role);
    }

    /** Timestamps in UTC with milliseconds, always three digits (2026-11-30T11:02:03.120Z). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A Status is how a fork ended. */
    public enum Status {
        /** JMH produced a result: it is a row of the merged JSON. */
        OK,
        /** No result; the reason is JMH's exception line (or the forked VM's exit). */
        FAILED,
        /** The benchmark cannot run on this JVM (dev.nettune.bench.SkipPoint); later blocks leave it out. */
        SKIPPED,
        /** The suite was stopped (SIGTERM, Ctrl-C) while the fork ran; a resume runs it again. */
        INTERRUPTED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public ForkLine {
        params = Map.copyOf(new TreeMap<>(params));
        counters = counters == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
    }

    /** Nanoseconds between start and end. */
    public long nanos() {
        return java.time.Duration.between(startedAt, endedAt).toNanos();
    }

    /** The line as {@link dev.nettune.results.ForkLine} writes it: times to the millisecond, the status word, params sorted. */
    public dev.nettune.results.ForkLine line() {
        return new dev.nettune.results.ForkLine(seq, jvm, className, benchmark, mode, new TreeMap<>(params), point, block,
                position, blockSize, TIME.format(startedAt), TIME.format(endedAt), status.id(), reason, row, score, unit, role, counters);
    }

    /** The run's view of a line read back; IllegalArgumentException when a field the runner needs is missing or bad. */
    static ForkLine of(dev.nettune.results.ForkLine l) {
        return new ForkLine(required(l.seq(), "seq"), required(l.jvm(), "jvm"), required(l.className(), "class"),
                required(l.benchmark(), "benchmark"), required(l.mode(), "mode"), l.params(), required(l.point(), "point"),
                required(l.block(), "block"), required(l.position(), "position"), required(l.blockSize(), "blockSize"),
                Instant.parse(required(l.startedAt(), "startedAt")), Instant.parse(required(l.endedAt(), "endedAt")),
                Status.parse(required(l.status(), "status")), l.reason(), l.row(), l.score(), l.unit(), l.role(), l.counters());
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("no \"" + field + "\"");
        }
        return value;
    }
}
