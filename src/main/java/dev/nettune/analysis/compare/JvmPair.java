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

    /** A Relation is why two JVMs are compared. */
    public enum Relation {
        /** Two JDKs of one run (the candidate against the run's baseline JDK). */
        JDKS,
        /** A variant (flags or placement) against its own base JDK of the same run. */
        VARIANT,
        /** One JDK under two labels in one run: the A/A self-check; any row flagged is a false positive. */
        SELF_CHECK,
        /** JVMs of different runs, or of files without run metadata: unpaired. */
        ACROSS_RUNS
    }
}
