package dev.nettune.analysis.compare;

/**
 * A Verdict is what one comparison row claims. It never contradicts the row's interval: BETTER and
 * WORSE need a multiplicity-adjusted p below alpha, which for the tests used here implies a 95%
 * interval on the same side of 1.
 */
public enum Verdict {
    /** Significantly better than the baseline (after the table's correction). */
    BETTER,
    /** Significantly worse than the baseline (after the table's correction). */
    WORSE,
    /** No detectable difference ("~"): the test, after correction, does not separate the two. */
    SAME,
    /** No claim possible: too few forks or blocks to separate a JVM from run-to-run noise. */
    CANNOT_TELL
}
