package dev.nettune.run.record;

import dev.nettune.run.options.Durations;

import dev.nettune.results.JsonLines;
import dev.nettune.results.RunDocument.Summary;
import dev.nettune.results.SkipLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An Outcome tallies one JVM's forks in a run: each fork the schedule gave it either has a result
 * (ok), failed (no result; its block is incomplete for that point), was skipped because the benchmark
 * cannot run on this JVM ({@code dev.nettune.bench.SkipPoint} wrote the reason to skips.jsonl; every
 * block of that point counts as skipped), or was interrupted by a stop of the suite. Failed forks
 * make the suite exit non-zero; skipped ones do not.
 */
public final class Outcome {
    private int planned;
    private int ok;
    private int failed;
    private int skipped;
    private int interrupted;
    private final List<String> skippedPoints = new ArrayList<>();
    private final Set<String> skipReasons = new LinkedHashSet<>();
    private final List<String> failedForks = new ArrayList<>();
    private long nanos;

    /** Counts {@code forks} more forks the schedule gave this JVM. */
    public void planned(int forks) {
        planned += forks;
    }

    /** A fork with a result. */
    public void ok(long forkNanos) {
        ok++;
        nanos += forkNanos;
    }

    /** A fork without a result: {@code what} names the point and block, {@code reason} says why. */
    public void failed(String what, String reason, long forkNanos) {
        failed++;
        failedForks.add(what + ": " + reason);
        nanos += forkNanos;
    }

    /** A fork stopped by an interruption of the suite (a resume runs it again). */
    public void interrupted(long forkNanos) {
        interrupted++;
        nanos += forkNanos;
    }

    /** A point this JVM cannot run: {@code forks} of its blocks count as skipped. */
    public void skipped(String point, String reason, int forks, long forkNanos) {
        skipped += forks;
        skippedPoints.add(point);
        skipReasons.add(reason);
        nanos += forkNanos;
    }

    public int failedCount() {
        return failed;
    }

    /** Blocks left incomplete by this JVM: one per failed or interrupted fork. */
    public int incompleteBlocks() {
        return failed + interrupted;
    }

    /** One line: "jdk17: 36 forks planned, 34 ok, 1 failed, 1 skipped (reason), 1 incomplete block, 3m02s". */
    public String summary(String label) {
        StringBuilder s = new StringBuilder(label).append(": ").append(planned).append(" forks planned, ").append(ok)
                .append(" ok, ").append(failed).append(" failed, ").append(skipped).append(" skipped");
        if (!skipReasons.isEmpty()) {
            s.append(" (").append(String.join("; ", skipReasons)).append(')');
        }
        if (interrupted > 0) {
            s.append(", ").append(interrupted).append(" interrupted");
        }
        int incomplete = incompleteBlocks();
        s.append(", ").append(incomplete).append(" incomplete block").append(incomplete == 1 ? "" : "s")
                .append(", ").append(Durations.of(nanos / 1_000_000_000L));
        return s.toString();
    }

    /** The per-JVM "summary" object of run.json. */
    public Summary toSummary() {
        return new Summary(planned, ok, failed, skipped, interrupted, incompleteBlocks(), nanos / 1_000_000_000L,
                List.copyOf(skipReasons), List.copyOf(skippedPoints), List.copyOf(failedForks));
    }

    /**
     * Reads skips.jsonl (lines of {@link SkipLine}, as dev.nettune.bench.SkipPoint writes them); a
     * missing file is no skips, an unreadable line is ignored with a warning.
     */
    public static List<SkipLine> readSkips(Path file) throws IOException {
        List<SkipLine> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JsonLines.bind(JsonLines.object(line), SkipLine.class));
            } catch (IOException | IllegalArgumentException e) {
                System.out.println("nettune: warning: " + file + ":" + n + " is not a JSON skip record; ignored");
            }
        }
        return out;
    }
}
