package dev.nettune.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate: significant and beyond the threshold, both directions of goodness, self-checks exempt. */
class RegressionGateTest {

    @Test
    void onlyWorseRowsBeyondTheThresholdFail() {
        JvmPair p = HandMade.jdks(); // one WORSE throughput row at 0.902 (9.8% worse)
        assertEquals(1, new RegressionGate(0.05).failures(List.of(p)).size());
        RegressionGate.Failure f = new RegressionGate(0.05).failures(List.of(p)).get(0);
        assertEquals(0.098, f.change(), 1e-9);
        assertTrue(f.row().row().params().get("connections").equals("1024"));
        assertTrue(new RegressionGate(0.10).failures(List.of(p)).isEmpty(), "9.8% worse is within 10%");
        assertEquals(1, new RegressionGate(0).failures(List.of(p)).size());
    }

    @Test
    void timeRowsAreWorseWhenLonger() {
        RowComparison slower = HandMade.paired(HandMade.JDK17, HandMade.JDK25,
                "dev.nettune.bench.coalescing.NagleBenchmark.message", "parts=16", "sample", "ms/op", 44.0, 1.07, 1.04,
                1.10, 0.0001, 0.0002, 0.01, Verdict.WORSE, "");
        assertEquals(0.07, RegressionGate.worseBy(slower), 1e-9);
        JvmPair p = new JvmPair(HandMade.JDK17, HandMade.JDK25, JvmPair.Relation.JDKS, List.of(HandMade.table(List.of(slower))));
        assertEquals(1, new RegressionGate(0.05).failures(List.of(p)).size());
        assertTrue(new RegressionGate(0.08).failures(List.of(p)).isEmpty());
    }

    @Test
    void aSignificantlyWorseSelfCheckRowIsAFalsePositiveNotARegression() {
        RowComparison worse = HandMade.paired(HandMade.A, HandMade.B, "x.Y.z", "", "thrpt", "ops/s", 1000, 0.8, 0.7,
                0.9, 0.001, 0.001, 0.05, Verdict.WORSE, "");
        JvmPair aa = new JvmPair(HandMade.A, HandMade.B, JvmPair.Relation.SELF_CHECK, List.of(HandMade.table(List.of(worse))));
        assertTrue(new RegressionGate(0.05).failures(List.of(aa)).isEmpty());
        JvmPair jdks = new JvmPair(HandMade.A, HandMade.B, JvmPair.Relation.VARIANT, List.of(HandMade.table(List.of(worse))));
        assertEquals(1, new RegressionGate(0.05).failures(List.of(jdks)).size(), "a variant's regression counts");
    }

    @Test
    void aNotSignificantDropNeverFails() {
        RowComparison big = HandMade.paired(HandMade.JDK17, HandMade.JDK25, "x.Y.z", "", "thrpt", "ops/s", 1000, 0.5,
                0.2, 1.3, 0.2, 0.2, Double.NaN, Verdict.SAME, "");
        JvmPair p = new JvmPair(HandMade.JDK17, HandMade.JDK25, JvmPair.Relation.JDKS, List.of(HandMade.table(List.of(big))));
        assertTrue(new RegressionGate(0.05).failures(List.of(p)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new RegressionGate(-0.01));
    }
}
