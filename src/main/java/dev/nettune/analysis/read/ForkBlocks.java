package dev.nettune.analysis.read;

import dev.nettune.analysis.model.CountedFork;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.ForkLog;
import dev.nettune.analysis.model.ForkRecord;
import dev.nettune.analysis.model.Result;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * ForkBlocks gives each fork of a run's results its block, from the run's fork log: a record with
 * status ok names the JVM (the result's folder), the benchmark, mode and params (the result entry)
 * and the row of rawData / rawDataHistogram that holds the fork.
 *
 * <p>Each match is checked: the row's fork score ({@link dev.nettune.analysis.model.Metric#forkScores()})
 * must equal the record's score to a relative {@value #SCORE_TOLERANCE}. Both come from the same
 * doubles (JMH writes them in full and the runner records JMH's own score of the fork), so they differ
 * only by summation order (about 1e-15); the tolerance leaves room for a writer that rounds to ten
 * digits, while two different forks essentially never agree that closely. A record that matches no
 * entry or row, disagrees on the score, or repeats a fork or a row; and a row that no record claims:
 * each becomes a {@link Diagnostic} naming the file and line (or entry), and that fork has no block,
 * so it is not paired. Nothing is dropped silently.
 *
 * <p>Counters ({@link dev.nettune.analysis.model.CountedFork}) take the block of their row. A record with
 * {@code "role":"counters"} is an extra fork that only counted: its row leaves the score (the primary
 * and secondary metrics), and the counters of such rows, when a result has any, are the ones compared.
 */
public final class ForkBlocks {

    /** Largest relative difference between a row's fork score and the fork log's score. */
    public static final double SCORE_TOLERANCE = 1e-9;
    /** Per-file cap on fork log diagnostics, so that a mismatched log does not flood the report. */
    static final int MAX_DIAGNOSTICS = 10;

    private ForkBlocks() {
    }

    /**
     * The run's results with their forks' blocks. {@code results} are the run's results (each read
     * from {@code <runDir>/<jvm label>/<Class>.json}); results of other runs must not be passed.
     */
    public static List<Result> attach(List<Result> results, ForkLog log, List<Diagnostic> diags) {
        Map<String, List<Integer>> byKey = new HashMap<>();
        List<int[]> blocks = new ArrayList<>();
        List<int[]> seqs = new ArrayList<>();
        List<int[]> claimedBy = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        List<boolean[]> counting = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            byKey.computeIfAbsent(key(label(r), r.key().benchmark(), r.key().mode(), r.key().params()),
                    k -> new ArrayList<>()).add(i);
            int forks = r.primary().samples().length;
            int[] b = new int[forks];
            java.util.Arrays.fill(b, Result.NO_BLOCK);
            blocks.add(b);
            seqs.add(b.clone());
            claimedBy.add(new int[forks]);
            scores.add(r.primary().forkScores());
            counting.add(new boolean[forks]);
        }
        Capped out = new Capped(log.file(), diags);
        Map<String, ForkRecord> forkSeen = new HashMap<>();
        for (ForkRecord f : log.forks()) {
            if (f.status() != ForkRecord.Status.OK || f.row() < 0) {
                continue; // no row to match (its status is counted by the fork log; a missing row was named when read)
            }
            String where = "line " + f.line();
            String fork = f.jvm() + "\u0000" + f.point() + "\u0000" + f.block() + "\u0000" + f.role() + "\u0000"
                    + key("", f.benchmark(), f.mode(), f.params());
            ForkRecord earlier = forkSeen.putIfAbsent(fork, f);
            if (earlier != null) {
                out.add(where, "duplicate: block " + f.block() + " of this point on " + f.jvm()
                        + " already ended ok at line " + earlier.line() + "; this line is not used");
                continue;
            }
            List<Integer> matches = byKey.get(key(f.jvm(), f.benchmark(), f.mode(), f.params()));
            if (matches == null) {
                out.add(where, "no result entry for this fork (" + describe(f) + ") in " + f.jvm() + "/"
                        + simpleName(f.className()) + ".json; the fork is not in the analysis");
                continue;
            }
            for (int i : matches) {
                Result r = results.get(i);
                int[] b = blocks.get(i);
                if (f.row() >= b.length) {
                    out.add(where, "row " + f.row() + " is not in " + r.file() + " entry " + r.index() + " (it has "
                            + b.length + " fork row" + (b.length == 1 ? "" : "s") + ")");
                    continue;
                }
                if (claimedBy.get(i)[f.row()] != 0) {
                    out.add(where, "duplicate: row " + f.row() + " of " + r.file() + " entry " + r.index()
                            + " is already claimed by line " + claimedBy.get(i)[f.row()] + "; this line is not used");
                    continue;
                }
                double rowScore = scores.get(i)[f.row()];
                // a fork that only counts may leave its score out: the row is then matched by position alone
                boolean unscored = f.countingOnly() && Double.isNaN(f.score());
                if (!unscored && !close(rowScore, f.score())) {
                    out.add(where, String.format(Locale.ROOT, "score %s differs from the mean %s of row %d of %s entry %d"
                            + " (relative difference %.1e > %.0e): the row may not be this fork, so its block is not used",
                            f.score(), rowScore, f.row(), r.file(), r.index(), relative(rowScore, f.score()),
                            SCORE_TOLERANCE));
                    continue;
                }
                claimedBy.get(i)[f.row()] = f.line();
                counting.get(i)[f.row()] = f.countingOnly();
                b[f.row()] = f.block();
                seqs.get(i)[f.row()] = f.seq();
            }
        }
        List<Result> attached = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            int[] b = blocks.get(i);
            StringJoiner unclaimed = new StringJoiner(", ");
            for (int row = 0; row < b.length; row++) {
                if (b[row] == Result.NO_BLOCK) {
                    unclaimed.add(Integer.toString(row));
                }
            }
            if (unclaimed.length() > 0) {
                diags.add(new Diagnostic(r.file(), "entry " + r.index() + " (" + r.key().benchmark() + ")", "fork row"
                        + (unclaimed.toString().contains(",") ? "s " : " ") + unclaimed + " without a matching line in "
                        + log.file() + ": block unknown, not paired"));
            }
            attached.add(placeCounters(r, b, seqs.get(i), counting.get(i)));
        }
        out.flush();
        return attached;
    }

    /**
     * The result with its forks placed. Counters pair by block as the score does: when some rows only
     * counted ({@code "role":"counters"}), their counters are the ones compared and the rows leave the
     * score; otherwise every score row's counters are compared.
     */
    static Result placeCounters(Result r, int[] blocks, int[] seqs, boolean[] counting) {
        boolean any = false;
        for (boolean c : counting) {
            any |= c;
        }
        if (!any) {
            List<CountedFork> placed = new ArrayList<>();
            for (CountedFork c : r.counted()) {
                placed.add(c.row() < blocks.length ? c.at(blocks[c.row()], seqs[c.row()]) : c);
            }
            return r.withForks(blocks, seqs).withCounted(placed);
        }
        List<CountedFork> placed = new ArrayList<>();
        for (CountedFork c : r.counted()) {
            if (c.row() < counting.length && counting[c.row()]) {
                placed.add(c.at(blocks[c.row()], seqs[c.row()]));
            }
        }
        int kept = 0;
        for (boolean c : counting) {
            kept += c ? 0 : 1;
        }
        int[] b = new int[kept];
        int[] q = new int[kept];
        for (int row = 0, k = 0; row < counting.length; row++) {
            if (!counting[row]) {
                b[k] = blocks[row];
                q[k++] = seqs[row];
            }
        }
        return r.withoutRows(counting, b, q, placed);
    }

    /** The JVM label of a suite result: the name of the folder holding its file. */
    static String label(Result r) {
        Path folder = r.file().toAbsolutePath().getParent();
        return folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
    }

    private static String key(String jvm, String benchmark, String mode, Map<String, String> params) {
        return jvm + "\u0000" + benchmark + "\u0000" + mode + "\u0000" + new java.util.TreeMap<>(params);
    }

    private static boolean close(double a, double b) {
        return a == b || relative(a, b) <= SCORE_TOLERANCE;
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    private static String describe(ForkRecord f) {
        StringJoiner p = new StringJoiner(", ", "{", "}");
        f.params().forEach((k, v) -> p.add(k + "=" + v));
        return f.benchmark() + " " + f.mode() + " " + p;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Capped collects one file's diagnostics up to {@link #MAX_DIAGNOSTICS}, then counts the rest. */
    private static final class Capped {
        private final Path file;
        private final List<Diagnostic> diags;
        private int count;

        Capped(Path file, List<Diagnostic> diags) {
            this.file = file;
            this.diags = diags;
        }

        void add(String position, String message) {
            if (++count <= MAX_DIAGNOSTICS) {
                diags.add(new Diagnostic(file, position, message));
            }
        }

        void flush() {
            if (count > MAX_DIAGNOSTICS) {
                diags.add(new Diagnostic(file, "", (count - MAX_DIAGNOSTICS) + " more fork log problems like the above"));
            }
        }
    }
}
