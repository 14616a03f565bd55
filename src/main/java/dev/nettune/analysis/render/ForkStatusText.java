package dev.nettune.analysis.render;

import dev.nettune.analysis.model.ForkLog;
import dev.nettune.analysis.model.ForkRecord;
import dev.nettune.analysis.model.ResultSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ForkStatusText says what a run's fork log ({@code forks.jsonl}) tells a reader before anything
 * else: forks that failed or were interrupted, and blocks left incomplete (a block without a good
 * fork of every JVM gives no pair), as lines for the top of the README and as a table in the
 * appendix of skipped and failed points. Forks skipped by design are counted with the skips.
 */
final class ForkStatusText {

    /** Rows of the appendix table at most; the rest are counted. */
    static final int MAX_ROWS = 200;
    /** Points listed at most in the line that says a run has no result. */
    static final int MAX_POINTS = 10;

    private ForkStatusText() {
    }

    /** The lines for the top of the README, one per run and kind of problem; empty when all is well. */
    static List<String> top(ResultSet set) {
        List<String> lines = new ArrayList<>();
        for (ForkLog log : set.forkLogs().values()) {
            for (ForkRecord.Status st : List.of(ForkRecord.Status.FAILED, ForkRecord.Status.INTERRUPTED)) {
                int n = log.count(st);
                if (n == 0) {
                    continue;
                }
                List<String> per = new ArrayList<>();
                for (Map.Entry<String, Map<ForkRecord.Status, Integer>> e : log.statusCounts().entrySet()) {
                    int k = e.getValue().getOrDefault(st, 0);
                    if (k > 0) {
                        per.add(Text.md(e.getKey()) + " " + k);
                    }
                }
                lines.add("⚠ **" + Text.count(n, "fork", "forks") + " " + (st == ForkRecord.Status.FAILED ? "failed"
                        : "interrupted") + "** in run " + Text.md(log.runId()) + " (" + String.join(", ", per) + ")"
                        + (st == ForkRecord.Status.INTERRUPTED ? "; `-Dnettune.resume=" + log.runId() + "` continues it" : "")
                        + ": [which and why](" + Appendix.SKIPS + "#forks).");
            }
            int incomplete = log.incompleteBlocks().size();
            if (incomplete > 0) {
                lines.add("ℹ " + Text.count(incomplete, "block is", "blocks are") + " incomplete in run "
                        + Text.md(log.runId()) + ": a block without a good fork of every JVM gives no pair, so the "
                        + "paired rows rest on fewer blocks ([list](" + Appendix.SKIPS + "#forks)).");
            }
        }
        return lines;
    }

    /**
     * For a report without a single result: per run, a line saying no fork ended well and, per point,
     * what its forks did (skipped, failed, interrupted) and the first reason given; at most
     * {@link #MAX_POINTS} points, the rest counted. Empty when the set has results.
     */
    static List<String> noResult(ResultSet set) {
        if (!set.results().isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (String run : set.runs().keySet()) {
            ForkLog log = set.forkLogs().get(run);
            Map<String, List<ForkRecord>> byPoint = new java.util.LinkedHashMap<>();
            if (log != null) {
                log.outcomes().forEach(f -> byPoint.computeIfAbsent(Text.benchName(f.benchmark()) + " " + f.mode() + " "
                        + Text.params(f.params(), java.util.Set.of()), k -> new ArrayList<>()).add(f));
            }
            List<String> points = new ArrayList<>();
            for (Map.Entry<String, List<ForkRecord>> e : byPoint.entrySet()) {
                if (points.size() == MAX_POINTS) {
                    points.add("and " + (byPoint.size() - MAX_POINTS) + " more");
                    break;
                }
                Map<ForkRecord.Status, Integer> n = new java.util.EnumMap<>(ForkRecord.Status.class);
                e.getValue().forEach(f -> n.merge(f.status(), 1, Integer::sum));
                List<String> what = new ArrayList<>();
                n.forEach((st, k) -> what.add(Text.count(k, "fork", "forks") + " " + st.word()));
                String reason = e.getValue().stream().map(ForkRecord::reason).filter(x -> !x.isEmpty()).findFirst().orElse("");
                points.add("`" + e.getKey().trim() + "`: " + String.join(", ", what) + (reason.isEmpty() ? "" : " (" + Text.md(reason) + ")"));
            }
            lines.add("⚠ **No result in run " + Text.md(run) + "**: no fork ended well" + (points.isEmpty()
                    ? " (no fork log: see the list of [skipped and failed points](" + Appendix.SKIPS + "))."
                    : ". " + String.join("; ", points) + ". Details: [skipped and failed](" + Appendix.SKIPS + ")."));
        }
        return lines;
    }

    /** The appendix section: every fork that did not end well, and the incomplete blocks. */
    static String appendix(ResultSet set) {
        StringBuilder out = new StringBuilder(Text.anchorTag("forks")).append("\n\n## Forks\n\n");
        if (set.forkLogs().isEmpty()) {
            return out.append("No fork log (forks.jsonl): the runs predate the randomized interleaved schedule, or the ")
                    .append("input has none.\n\n").toString();
        }
        List<ForkRecord> bad = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (ForkLog log : set.forkLogs().values()) {
            log.outcomes().stream().filter(f -> f.status() == ForkRecord.Status.FAILED
                    || f.status() == ForkRecord.Status.INTERRUPTED).forEach(f -> {
                        bad.add(f);
                        runs.add(log.runId());
                    });
        }
        if (bad.isEmpty()) {
            out.append("Every fork ended well or was skipped by design.\n\n");
        } else {
            MarkdownTable t = MarkdownTable.left("run", "JVM", "benchmark", "params", "block", "status", "reason",
                    dev.nettune.results.ResultFiles.FORKS);
            for (int i = 0; i < Math.min(MAX_ROWS, bad.size()); i++) {
                ForkRecord f = bad.get(i);
                t.add(Text.md(runs.get(i)), Text.md(f.jvm()), Text.md(Text.benchName(f.benchmark())),
                        Text.md(Text.params(f.params(), java.util.Set.of())), Integer.toString(f.block()), f.status().word(),
                        Text.md(f.reason()), "line " + f.line());
            }
            out.append(t.render()).append('\n');
            if (bad.size() > MAX_ROWS) {
                out.append("And ").append(bad.size() - MAX_ROWS).append(" more.\n\n");
            }
        }
        int incomplete = set.forkLogs().values().stream().mapToInt(l -> l.incompleteBlocks().size()).sum();
        if (incomplete > 0) {
            out.append("Incomplete blocks (no pair for the JVMs without a good fork):\n\n");
            MarkdownTable t = MarkdownTable.left("run", "benchmark", "params", "block", "forks ok", "of");
            for (ForkLog log : set.forkLogs().values()) {
                for (ForkLog.IncompleteBlock b : log.incompleteBlocks()) {
                    long ok = b.outcomes().stream().filter(f -> f.status() == ForkRecord.Status.OK).count();
                    t.add(Text.md(log.runId()), Text.md(Text.benchName(b.benchmark())),
                            Text.md(Text.params(b.params(), java.util.Set.of())), Integer.toString(b.block()),
                            Long.toString(ok), Integer.toString(b.blockSize()));
                }
            }
            out.append(t.render()).append('\n');
        }
        return out.toString();
    }
}
