package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.Family;
import java.util.List;

/**
 * A ComparisonTable is one JVM pair's rows of one family, mode and unit; the multiple-testing
 * correction (Holm) runs over the rows of one table.
 *
 * @param family        benchmark family
 * @param mode          JMH mode of the rows
 * @param unit          unit of the rows' scores
 * @param rows          one comparison per benchmark point both JVMs measured
 * @param geomeanRatio  geometric mean of the rows' ratios (NaN when no row has one)
 * @param geomeanRows   rows that entered the geometric mean
 */
public record ComparisonTable(Family family, String mode, String unit, List<RowComparison> rows,
                              double geomeanRatio, int geomeanRows) {
}
