package dev.nettune.analysis.render.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Axis ranges and ticks: linear from zero, log padded with nice ticks inside, pixel mapping. */
class AxisTest {

    private static List<String> labels(Axis a) {
        return a.ticks().stream().map(Axis.Tick::label).toList();
    }

    @Test
    void linearAxisOfNonNegativeDataStartsAtZeroAndEndsOnANiceTick() {
        Axis a = Axis.linear(140_000, 162_000);
        assertFalse(a.log());
        assertEquals(0, a.min());
        assertEquals(List.of("0", "50000", "100000", "150000", "200000"), labels(a));
        assertEquals(200_000, a.max());
        assertEquals(List.of("0", "0.2", "0.4", "0.6", "0.8", "1"), labels(Axis.linear(0, 1)));
        Axis zero = Axis.linear(0, 0);
        assertEquals("0", zero.ticks().get(0).label());
        assertTrue(zero.max() > 0, zero.toString());
    }

    @Test
    void linearAxisKeepsNegativeDataOfForeignBenchmarks() {
        Axis a = Axis.linear(-3, 7);
        assertEquals(-4, a.min(), 1e-12);
        assertEquals(8, a.max(), 1e-12);
        assertTrue(labels(a).contains("0"));
    }

    @Test
    void logAxisIsPaddedAndHasNiceTicksInside() {
        Axis a = Axis.log(0.02, 20);
        assertTrue(a.log());
        assertTrue(a.min() < 0.02 && a.max() > 20);
        assertEquals(List.of("0.1", "1", "10"), labels(a));
        for (Axis.Tick t : a.ticks()) {
            assertTrue(a.contains(t.value()), t.toString());
        }
        Axis narrow = Axis.log(0.9, 1.1);
        assertEquals(List.of("0.9", "1", "1.1"), labels(narrow));
        Axis tiny = Axis.log(0.999, 1.001);
        assertTrue(tiny.ticks().size() >= 2, tiny.toString());
        Axis one = Axis.log(5, 5);
        assertTrue(one.ticks().size() >= 2 && one.min() < 5 && one.max() > 5, one.toString());
    }

    @Test
    void logPixelsAreProportionalToLogValues() {
        Axis a = Axis.log(1, 1000);
        double p1 = a.px(1, 0, 300);
        double p10 = a.px(10, 0, 300);
        double p100 = a.px(100, 0, 300);
        assertEquals(p10 - p1, p100 - p10, 1e-9);
        double expected = 300 * Math.log(10 / a.min()) / Math.log(a.max() / a.min());
        assertEquals(expected, p10, 1e-9);
        assertEquals(0, a.px(-5, 0, 300), 1e-9, "non-positive values go to the axis minimum");
        assertEquals(300, a.px(1e9, 0, 300), 1e-9, "values beyond the range are clamped");
    }

    @Test
    void autoTakesLogOnlyForPositiveDataSpanningDecades() {
        assertTrue(Axis.auto(1, 1000, false).log());
        assertFalse(Axis.auto(100, 900, false).log());
        assertTrue(Axis.auto(100, 900, true).log());
        assertFalse(Axis.auto(0, 1000, true).log());
        assertThrows(IllegalArgumentException.class, () -> Axis.auto(Double.NaN, 1, false));
        assertThrows(IllegalArgumentException.class, () -> Axis.log(0, 1));
    }

    @Test
    void ticksAtParameterValues() {
        Axis a = Axis.auto(1, 1024, false).withTicksAt(List.of(1.0, 16.0, 256.0, 1024.0));
        assertEquals(List.of("1", "16", "256", "1024"), labels(a));
    }
}
