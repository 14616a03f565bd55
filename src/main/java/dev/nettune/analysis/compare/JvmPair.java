package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.JvmId;
import java.util.List;

/**
 * A JvmPair is one comparison a report shows: a candidate JVM against its baseline, with its tables.
 *
 * @param baseline  the JVM compared against
 * @param candidate the JVM compared
 * @param relation  why these two are compared
 * @param tables    one table per family, mode and unit the two share
 */
public record JvmPair(JvmId baseline, JvmId candidate, Relation relation, List<ComparisonTable> tables) {

    /** Rows with a test, over all tables. */
    public int tested() {
        return tables.stream().mapToInt(ComparisonTable::tested).sum();
    }

    /** Rows flagged BETTER or WORSE, over all tables. */
    public int flagged() {
        return tables.stream().mapToInt(ComparisonTable::flagged).sum();
    }

    /** Rows of all tables. */
    public int rows() {
        return tables.stream().mapToInt(t -> t.rows().size()).sum();
    }

    /**
     * Share of tested rows flagged, over all tables (each table corrected on its own); NaN when none
     * is tested. For a SELF_CHECK pair this is the A/A false-positive rate the report states.
     */
    public double flaggedShare() {
        int m = tested();
        return m == 0 ? Double.NaN : flagged() / (double) m;
    }

    /** A Relation is why two JVMs are compared. */
    public enum Relation {
        /** Two JDKs of one run (the candidate against the run's baseline JDK). */
        JDKS,
        /** A variant (flags or placement) against its own base JDK of the same run. */
        VARIANT,
        /** One JDK under two labels in one run: the A/A self-check; any row flagged is a false positive. */
        SELF_CHECK,
        /** JVMs of different runs, or of files without run metadata: unpaired. */
        ACROSS_RUNS,
        /**
         * Not two JVMs: one JVM's points with its server placed elsewhere (a process of its own, a
         * network namespace) against the same points with the server in process; paired by block when
         * the run interleaved the placements, else unpaired ({@link PlacementComparisons}).
         */
        PLACEMENT
    }
}
