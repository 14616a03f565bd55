package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;

/**
 * A RowComparison is one benchmark point (row) measured on a candidate JVM against a baseline JVM:
 * the change as a ratio with its 95% interval, the test's p-value before and after the table's
 * multiple-testing correction, how many forks or blocks it rests on, the smallest change the design
 * could have detected, and the verdict.
 *
 * @param row            benchmark, params, mode, unit
 * @param baseline       the JVM compared against
 * @param candidate      the JVM compared
 * @param design         paired blocks, unpaired forks, or too few to test
 * @param n              paired: blocks in which both JVMs have a fork with a score; unpaired: the
 *                       smaller side's count of forks with a score
 * @param baselineForks  forks of the baseline with a score
 * @param candidateForks forks of the candidate with a score
 * @param baselineCenter baseline's geometric mean of fork scores, in the row's unit
 * @param candidateCenter candidate's geometric mean of fork scores, in the row's unit
 * @param ratio          candidate / baseline (geometric means; paired: geometric mean of block ratios); NaN when unknown
 * @param low            lower bound of the 95% interval of the ratio; NaN when none
 * @param high           upper bound of the 95% interval of the ratio; NaN when none
 * @param p              two-sided p-value of the test; NaN when no test
 * @param pAdjusted      p after the table's correction (Holm); NaN when no test
 * @param detectable     smallest relative change (e.g. 0.05 for ±5%) this design detects with 80% power at
 *                       the table's strictest corrected level alpha/m, from this row's spread: a ratio
 *                       ≥ 1 + detectable or ≤ 1/(1 + detectable) is detected; NaN when untested,
 *                       +∞ when beyond a double (one block's worth of degrees of freedom)
 * @param verdict        what the row claims
 * @param note           why no claim is made, or other caveats for the reader; "" when none
 * @param higherIsBetter direction of goodness of the row's unit
 * @param seLog          standard error of the log ratio the interval rests on; NaN without an interval.
 *                       What a pooling over runs ({@link Synthesis}) weighs the row by
 */
public record RowComparison(ResultKey.Row row, JvmId baseline, JvmId candidate, Design design, int n,
                            int baselineForks, int candidateForks, double baselineCenter, double candidateCenter,
                            double ratio, double low, double high, double p, double pAdjusted, double detectable,
                            Verdict verdict, String note, boolean higherIsBetter, double seLog) {

    /** A row whose standard error is not known (made by hand, e.g. in tests): it never pools. */
    public RowComparison(ResultKey.Row row, JvmId baseline, JvmId candidate, Design design, int n, int baselineForks,
                         int candidateForks, double baselineCenter, double candidateCenter, double ratio, double low,
                         double high, double p, double pAdjusted, double detectable, Verdict verdict, String note,
                         boolean higherIsBetter) {
        this(row, baseline, candidate, design, n, baselineForks, candidateForks, baselineCenter, candidateCenter, ratio,
                low, high, p, pAdjusted, detectable, verdict, note, higherIsBetter, Double.NaN);
    }

    /** True when the row claims a difference (BETTER or WORSE). */
    public boolean flagged() {
        return verdict == Verdict.BETTER || verdict == Verdict.WORSE;
    }

    /** The interval's relative half-width, high/ratio − 1 (symmetric on a log scale); NaN without one. */
    public double halfWidth() {
        return Math.max(high / ratio - 1, 1 - low / ratio);
    }
}
