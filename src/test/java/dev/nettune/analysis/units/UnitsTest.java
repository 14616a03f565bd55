package dev.nettune.analysis.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Scaling of units for people. */
class UnitsTest {

    @Test
    void timeScales() {
        assertEquals("µs/op", Units.scaleFor("ns/op", "primary", 12_345).label());
        assertEquals("12.3", Units.scaleFor("ns/op", "primary", 12_345).format(12_345));
        assertEquals("ns/op", Units.scaleFor("us/op", "primary", 0.25).label());
        assertEquals("250", Units.scaleFor("us/op", "primary", 0.25).format(0.25));
        assertEquals("ms/op", Units.scaleFor("s/op", "primary", 0.004).label());
    }

    @Test
    void rateAndByteScales() {
        Units.Scale s = Units.scaleFor("ops/ms", "primary", 65);
        assertEquals("k ops/s", s.label());
        assertEquals("65.0", s.format(65));
        assertEquals("M ops/s", Units.scaleFor("ops/s", "primary", 2.5e6).label());
        Units.Scale g = Units.scaleFor("ops/s", "bytesWritten", 2.5e9);
        assertEquals("Gbit/s", g.label());
        assertEquals("20.0", g.format(2.5e9));
        assertEquals("KiB/op", Units.scaleFor("B/op", "gc.alloc.rate.norm", 65536).label());
        assertEquals("B/op", Units.scaleFor("B/op", "gc.alloc.rate.norm", 272).label());
        assertEquals("#", Units.scaleFor("#", "writesPerOp", 5).label());
    }

    @Test
    void helpers() {
        assertEquals("64 KiB", Units.bytesParam(65536));
        assertEquals("1000", Units.bytesParam(1000));
        assertEquals("+12.3%", Units.percent(0.1234));
        assertEquals("99.99", Units.plain(99.99));
        assertEquals("NaN", Units.format3(Double.NaN));
    }
}
