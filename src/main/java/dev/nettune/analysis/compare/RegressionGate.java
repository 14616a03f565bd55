package dev.nettune.analysis.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A RegressionGate is the check a team puts in CI to hold a JDK upgrade (or any JVM change) to its
 * benchmarks: a row fails it when its verdict is {@link Verdict#WORSE} (significant after the
 * table's correction) and its estimated change is worse than the threshold: for a throughput row
 * a ratio below 1 − threshold (5%: more than 5% fewer operations per second), for a time row a
 * ratio above 1 + threshold (5% longer). The point estimate decides, the significance guards it.
 * A/A self-check pairs never fail the gate: a flagged row there is a false positive by
 * construction, which the report states as such.
 *
 * @param threshold the tolerated relative change, e.g. 0.05
 */
public record RegressionGate(double threshold) {

    /** A Failure is one row that fails the gate, with its pair. */
    public record Failure(JvmPair pair, RowComparison row, double change) {
    }

    public RegressionGate {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a non-negative fraction, got " + threshold);
        }
    }

    /** How much worse a row is, as a fraction (0.12 = 12% worse); negative when better. */
    public static double worseBy(RowComparison r) {
        return r.higherIsBetter() ? 1 - r.ratio() : r.ratio() - 1;
    }

    /** The rows of {@code pairs} that fail the gate, worst first. */
    public List<Failure> failures(List<JvmPair> pairs) {
        List<Failure> out = new ArrayList<>();
        for (JvmPair p : pairs) {
            if (p.relation() == JvmPair.Relation.SELF_CHECK) {
                continue;
            }
            for (ComparisonTable t : p.tables()) {
                for (RowComparison r : t.rows()) {
                    double worse = worseBy(r);
                    if (r.verdict() == Verdict.WORSE && Double.isFinite(worse) && worse > threshold) {
                        out.add(new Failure(p, r, worse));
                    }
                }
            }
        }
        out.sort(Comparator.comparingDouble((Failure f) -> -f.change()));
        return out;
    }
}
