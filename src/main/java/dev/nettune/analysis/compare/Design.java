package dev.nettune.analysis.compare;

/** A Design is how the two sides of a comparison were measured, which decides the statistics used. */
public enum Design {
    /**
     * Same run, forks matched by block (randomized interleaved trials): per-block ratios, their
     * geometric mean with a t interval and a paired t test on log ratios.
     */
    PAIRED,
    /**
     * Forks not matched (other runs, other projects' files, or no block record): fork-level scores
     * of each side, ratio of geometric means with a Welch t interval and test on log scores.
     */
    UNPAIRED,
    /** A side has fewer than two forks (or fewer than two complete blocks): shown, no claim made. */
    TOO_FEW
}
