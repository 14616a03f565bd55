package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.FamilyDescriptor;
import java.util.List;

/**
 * A ComparisonTable is one JVM pair's rows of one family, mode and unit; the multiple-testing
 * correction (Holm) runs over the rows of one table that have a p.
 *
 * @param family        benchmark family
 * @param mode          JMH mode of the rows
 * @param unit          unit of the rows' scores
 * @param rows          one comparison per benchmark point both JVMs measured
 * @param geomeanRatio  geometric mean of the ratios of the rows with a test (PAIRED or UNPAIRED);
 *                      NaN when there is none. Descriptive: it has no interval of its own
 * @param geomeanRows   rows that entered the geometric mean
 */
public record ComparisonTable(FamilyDescriptor family, String mode, String unit, List<RowComparison> rows,
                              double geomeanRatio, int geomeanRows) {

    /** Rows with a p: the m of the table's Holm correction. */
    public int tested() {
        return (int) rows.stream().filter(r -> !Double.isNaN(r.p())).count();
    }

    /** Rows flagged BETTER or WORSE. */
    public int flagged() {
        return (int) rows.stream().filter(RowComparison::flagged).count();
    }

    /**
     * Share of the tested rows that are flagged; NaN when none is tested. For a SELF_CHECK pair every
     * flagged row is a false positive: this is the A/A false-positive rate.
     */
    public double flaggedShare() {
        int m = tested();
        return m == 0 ? Double.NaN : flagged() / (double) m;
    }

    /** The strictest level of the table's Holm correction, alpha/m (alpha when no row is tested). */
    public double strictestLevel(double alpha) {
        return alpha / Math.max(1, tested());
    }
}
