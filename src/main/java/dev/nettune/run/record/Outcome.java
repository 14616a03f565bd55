package dev.nettune.run.record;

import dev.nettune.run.options.Durations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An Outcome tallies one JVM's forks in a run: each fork the schedule gave it either has a result
 * (ok), failed (no result; its block is incomplete for that point), was skipped because the benchmark
 * cannot run on this JVM ({@code dev.nettune.bench.SkipPoint} wrote the reason to skips.jsonl; every
 * block of that point counts as skipped), or was interrupted by a stop of the suite. Failed forks
 * make the suite exit non-zero; skipped ones do not.
 */
public final class Outcome {
    private static final ObjectMapper JSON = new ObjectMapper();

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
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("forksPlanned", planned);
        m.put("ok", ok);
        m.put("failed", failed);
        m.put("skipped", skipped);
        m.put("interrupted", interrupted);
        m.put("incompleteBlocks", incompleteBlocks());
        m.put("wallSeconds", nanos / 1_000_000_000L);
        m.put("skipReasons", List.copyOf(skipReasons));
        m.put("skippedPoints", List.copyOf(skippedPoints));
        m.put("failedForks", List.copyOf(failedForks));
        return m;
    }

    /** One line of skips.jsonl, as written by dev.nettune.bench.SkipPoint. */
    public record SkipLine(String benchmark, Map<String, String> params, String reason) {
    }

    /** Reads skips.jsonl; a missing file is no skips, an unreadable line is ignored with a warning. */
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
                JsonNode node = JSON.readTree(line);
                Map<String, String> params = new TreeMap<>();
                String ps = node.path("params").asText("");
                for (String kv : ps.isEmpty() ? new String[0] : ps.split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        params.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                out.add(new SkipLine(node.path("benchmark").asText(), params, node.path("reason").asText("no reason given")));
            } catch (IOException e) {
                System.out.println("nettune: warning: " + file + ":" + n + " is not a JSON skip record; ignored");
            }
        }
        return out;
    }
}
