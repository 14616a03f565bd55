package dev.nettune.analysis.render;

import dev.nettune.analysis.model.Metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart intervals: mean of fork scores with a 95% t interval over forks, checked against SciPy
 * ({@code python3 src/test/resources/analysis/reference/chart_intervals.py}).
 */
class ForkEstimateTest {

    static Metric metric(String unit, double[][] samples) {
        return new Metric("primary", unit, Double.NaN, Double.NaN, samples, null, Map.of());
    }

    @Test
    void intervalOverForksMatchesScipy() {
        ForkEstimate e = ForkEstimate.of(metric("ops/s", new double[][] {{150000, 152000}, {141000, 139500},
                {160250, 158000}}), true);
        assertEquals(3, e.n());
        assertEquals(150125.0, e.center(), 1e-6);
        assertEquals(126605.4988624188, e.low(), 1e-6);
        assertEquals(173644.5011375812, e.high(), 1e-6);
    }

    @Test
    void nonNegativeQuantitiesAreClampedAtZero() {
        double[][] wide = {{1}, {40}, {3}};
        ForkEstimate clamped = ForkEstimate.of(metric("ops/s", wide), true);
        assertEquals(14.666666666666666, clamped.center(), 1e-9);
        assertEquals(0.0, clamped.low());
        assertEquals(69.22351905433783, clamped.high(), 1e-6);
        assertEquals(-39.8901857210045, ForkEstimate.of(metric("ops/s", wide), false).low(), 1e-6);
    }

    @Test
    void oneForkHasNoIntervalAndNoDataFallsBackToTheScore() {
        ForkEstimate one = ForkEstimate.of(metric("ops/s", new double[][] {{10, 12}}), true);
        assertEquals(11, one.center(), 1e-12);
        assertEquals(1, one.n());
        assertFalse(one.hasInterval());
        ForkEstimate none = ForkEstimate.of(new Metric("primary", "ops/s", 42, Double.NaN, new double[0][], null,
                Map.of()), true);
        assertEquals(42, none.center());
        assertEquals(0, none.n());
        assertFalse(none.hasInterval());
        assertTrue(Double.isNaN(ForkEstimate.of(metric("ops/s", new double[][] {{Double.NaN}}), true).center()));
    }

    @Test
    void loadCounterForksTakeTheirLastIteration() {
        // the suite's load counters: 0 in every iteration but the last, which holds the whole measurement
        double[][] p99 = {{0, 0, 120}, {0, 0, 140}};
        assertArrayEquals(new double[] {120, 140}, ForkEstimate.forkValues(metric("#", p99)));
        // an ordinary event counter is averaged over iterations
        assertArrayEquals(new double[] {11, 20}, ForkEstimate.forkValues(metric("#", new double[][] {{10, 12}, {20, 20}})));
        // a time unit is never read as a load counter
        assertArrayEquals(new double[] {40}, ForkEstimate.forkValues(metric("us/op", new double[][] {{0, 0, 120}})));
    }
}
