package dev.nettune.analysis.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter expression: names (prefix, glob), parameters (=, !=, lists), @mode, alternatives, errors. */
class RowFilterTest {

    static final String COAL = "dev.nettune.bench.coalescing.CoalescingBenchmark.message";
    static final String PIPE = "dev.nettune.bench.coalescing.PipelinedCoalescingBenchmark.pipeline";
    static final String RT = "dev.nettune.bench.RoundTripBenchmark.roundTrip";
    static final String CS = "dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips";

    @Test
    void namesMatchByPrefixWithoutWildcardsAndWholeWithThem() {
        RowFilter f = RowFilter.parse("Coalescing*");
        assertTrue(f.matches(COAL, Map.of(), "thrpt"));
        assertFalse(f.matches(PIPE, Map.of(), "thrpt"), "a glob matches the whole short name");
        assertTrue(RowFilter.parse("*Coalescing*").matches(PIPE, Map.of(), "thrpt"));
        assertTrue(RowFilter.parse("RoundTrip").matches(RT, Map.of(), "thrpt"), "a plain name is a prefix");
        assertTrue(RowFilter.parse("dev.nettune.bench.coalescing").matches(PIPE, Map.of(), "thrpt"),
                "a package prefix of the fully qualified name");
        assertFalse(RowFilter.parse("roundtrip").matches(RT, Map.of(), "thrpt"), "case-sensitive, as JMH's names");
        assertTrue(RowFilter.parse("Coalescing?enchmark.message").matches(COAL, Map.of(), "thrpt"));
    }

    @Test
    void parametersModesAndAlternatives() {
        RowFilter f = RowFilter.parse("RoundTrip payload=64");
        assertTrue(f.matches(RT, Map.of("payload", "64"), "thrpt"));
        assertFalse(f.matches(RT, Map.of("payload", "1024"), "thrpt"));
        assertFalse(f.matches(RT, Map.of(), "thrpt"), "a point without the parameter does not match it");
        RowFilter g = RowFilter.parse("ConnectionScaling connections=16,1024 @mode=thrpt; Coalescing* strategy!=COPY_*");
        assertTrue(g.matches(CS, Map.of("connections", "1024"), "thrpt"));
        assertFalse(g.matches(CS, Map.of("connections", "256"), "thrpt"));
        assertFalse(g.matches(CS, Map.of("connections", "16"), "sample"));
        assertTrue(g.matches(CS, Map.of("connections", "16"), null), "mode unknown (socket options): not held against it");
        assertTrue(g.matches(COAL, Map.of("strategy", "GATHERING"), "thrpt"));
        assertFalse(g.matches(COAL, Map.of("strategy", "COPY_HEAP"), "thrpt"));
        assertTrue(RowFilter.parse("tcpNoDelay!=true").matches(COAL, Map.of(), "thrpt"), "absent is not true");
        assertTrue(RowFilter.ALL.matches(RT, Map.of(), "ss"));
        assertTrue(RowFilter.parse("  ").all());
        assertEquals("RoundTrip payload=64", f.toString());
    }

    @Test
    void badExpressionsNameThePart() {
        assertEquals("\"=64\": no parameter name before '='",
                assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("RoundTrip =64")).getMessage());
        assertEquals("\"payload=\": no value after '='",
                assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("payload=")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("a;;b")).getMessage()
                .startsWith("empty alternative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("@size=1")).getMessage()
                .contains("only @mode"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("RoundTrip,Nagle")).getMessage()
                .contains("separated by ';'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RowFilter.parse("payload=64,,128")).getMessage()
                .contains("empty value"));
    }
}
