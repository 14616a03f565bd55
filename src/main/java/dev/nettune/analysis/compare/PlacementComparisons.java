package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Points;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PlacementComparisons contrasts server placements the way {@link Comparisons} contrasts JVMs, with
 * one difference the design forces: a placement is a parameter of the point ({@code placement}),
 * so "the server in a network namespace against the server in process" is a contrast between two
 * points of one JVM, never between two JVMs — and the cross-JVM tables, which pair a row with the
 * same row (placement included) of the other JVM, never put an in-process fork beside a netns one.
 *
 * <p>For each JVM of each run that measured points with a placement other than
 * {@value #REFERENCE} and the same points (every other parameter, mode and unit equal) in process,
 * one {@link JvmPair} of relation {@link JvmPair.Relation#PLACEMENT}: its baseline and candidate are
 * that JVM labelled with the two placements ({@code "jdk17 inprocess"}, {@code "jdk17 netns"}), its
 * rows the shared points without the placement parameter, its tables built as for JVMs (one per
 * family, mode and unit; Holm within a table; verdicts and detectable change alike).
 *
 * <p>The design follows the run. The runner interleaves the placements of a point in each block
 * (run.plan.PointGroups), so the two placements' forks of block b ran seconds apart: such a row is
 * paired by block exactly as two JVMs are ({@link dev.nettune.stats.PairedRatio}, adjusted for which
 * fork of the block ran first). Runs made before that ran all blocks of one placement before the
 * next's: their forks are minutes apart and never share a block, so the row is unpaired (Welch's t on
 * log fork scores, {@link dev.nettune.stats.UnpairedRatio}) and drift of the machine between the two
 * points is not separated from the placement's effect. Which it was is read from the forks' order
 * ({@link #sharedBlocks}), not assumed.
 */
public final class PlacementComparisons {
    /** The parameter that names a point's server placement. */
    public static final String PARAM = Points.PLACEMENT;
    /** The placement every other is compared against: the server in the benchmark's own JVM. */
    public static final String REFERENCE = Points.IN_PROCESS;

    private PlacementComparisons() {
    }

    /** The placement contrasts of {@code set}: one pair per JVM and placement other than the reference. */
    public static List<JvmPair> build(ResultSet set, Comparisons.Options options) {
        Map<JvmId, Map<String, Map<ResultKey.Row, Result>>> byJvm = new LinkedHashMap<>();
        for (JvmId j : set.jvms()) {
            byJvm.put(j, new TreeMap<>(PlacementComparisons::natural));
        }
        for (Result r : set.results()) {
            String placement = r.key().params().get(PARAM);
            if (placement == null) {
                continue;
            }
            byJvm.computeIfAbsent(r.key().jvm(), k -> new TreeMap<>(PlacementComparisons::natural)).computeIfAbsent(placement, k -> new LinkedHashMap<>())
                    .putIfAbsent(withoutPlacement(r.key().row()), r);
        }
        List<JvmPair> out = new ArrayList<>();
        byJvm.forEach((jvm, placements) -> {
            Map<ResultKey.Row, Result> reference = placements.get(REFERENCE);
            if (reference == null) {
                return;
            }
            placements.forEach((placement, rows) -> {
                if (placement.equals(REFERENCE)) {
                    return;
                }
                List<ComparisonTable> tables = Comparisons.tables(reference, rows, PlacementComparisons::sharedBlocks, options.alpha());
                if (!tables.isEmpty()) {
                    out.add(new JvmPair(jvm.withLabel(jvm.label() + " " + REFERENCE), jvm.withLabel(jvm.label() + " " + placement),
                            JvmPair.Relation.PLACEMENT, tables));
                }
            });
        });
        return out;
    }

    /** Blocks two placements need in common before their forks count as interleaved (one block proves no order). */
    static final int MIN_SHARED_BLOCKS = 2;

    /**
     * Whether two results of one JVM ran in shared blocks: both have the block and execution order
     * ({@code seq}) of every fork, they have at least {@value #MIN_SHARED_BLOCKS} blocks in common, and
     * for each common block no fork of either result from another block ran between the block's
     * forks. Interleaved placements pass (a block runs as one stretch); placements run one after the
     * other fail, since the other blocks of the first placement ran between the two forks of block 1.
     */
    static boolean sharedBlocks(Result a, Result b) {
        if (!a.key().jvm().runId().equals(b.key().jvm().runId()) || !a.hasBlocks() || !b.hasBlocks()) {
            return false;
        }
        List<int[]> forks = new ArrayList<>(); // {block, seq} of every fork of both results
        for (Result r : List.of(a, b)) {
            for (int f = 0; f < r.primary().samples().length; f++) {
                if (r.forkBlock(f) == Result.NO_BLOCK || r.forkSeq(f) == Result.NO_BLOCK) {
                    return false;
                }
                forks.add(new int[] {r.forkBlock(f), r.forkSeq(f)});
            }
        }
        java.util.Set<Integer> common = new java.util.TreeSet<>();
        for (int f = 0; f < a.primary().samples().length; f++) {
            common.add(a.forkBlock(f));
        }
        java.util.Set<Integer> inB = new java.util.HashSet<>();
        for (int f = 0; f < b.primary().samples().length; f++) {
            inB.add(b.forkBlock(f));
        }
        common.retainAll(inB);
        if (common.size() < MIN_SHARED_BLOCKS) {
            return false;
        }
        for (int block : common) {
            int lo = Integer.MAX_VALUE;
            int hi = Integer.MIN_VALUE;
            for (int[] f : forks) {
                if (f[0] == block) {
                    lo = Math.min(lo, f[1]);
                    hi = Math.max(hi, f[1]);
                }
            }
            for (int[] f : forks) {
                if (f[0] != block && f[1] > lo && f[1] < hi) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the rows of a placement pair are paired by block (the run interleaved the placements). */
    public static boolean paired(JvmPair pair) {
        return pair.tables().stream().flatMap(t -> t.rows().stream()).anyMatch(r -> r.design() == Design.PAIRED);
    }

    /** Text order with digit runs compared as numbers: netns:rate=1gbit before netns:rate=10gbit. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int ei = i;
                int ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) {
                    ei++;
                }
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) {
                    ej++;
                }
                int c = new java.math.BigInteger(a.substring(i, ei)).compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** The row with its placement parameter left out: how the same point under two placements is matched. */
    static ResultKey.Row withoutPlacement(ResultKey.Row row) {
        Map<String, String> params = new LinkedHashMap<>(row.params());
        params.remove(PARAM);
        return new ResultKey.Row(row.benchmark(), params, row.mode(), row.unit());
    }
}
