package dev.nettune.counters;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.ScalarResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcCountersProfilerTest {
    private static Map<String, ScalarResult> byName(List<ScalarResult> results) {
        Map<String, ScalarResult> m = new LinkedHashMap<>();
        results.forEach(r -> m.put(r.getLabel(), r));
        return m;
    }

    @Test
    void dividesByAllOperationsOfTheIterationUnderTheDocumentedNames() {
        // 1,000 ops: 2,000 reads, 2,030 writes, 1,900 + 100 switches, 5 user and 12 system ticks of 10 ms
        Map<String, ScalarResult> r = byName(ProcCountersProfiler.perOp(new ProcReading.Delta(2000, 2030, 1900, 100, 5, 12, 1), 1000));
        assertEquals(CounterNames.PROC_NAMES, List.copyOf(r.keySet()));
        assertEquals(2.0, r.get("proc:syscr").getScore(), 1e-12);
        assertEquals(2.03, r.get("proc:syscw").getScore(), 1e-12);
        assertEquals(1.9, r.get("proc:voluntary_ctxt_switches").getScore(), 1e-12);
        assertEquals(0.1, r.get("proc:nonvoluntary_ctxt_switches").getScore(), 1e-12);
        assertEquals(2.0, r.get("proc:ctxt_switches").getScore(), 1e-12);
        assertEquals(50.0, r.get("proc:utime").getScore(), 1e-12);
        assertEquals(120.0, r.get("proc:stime").getScore(), 1e-12);
        assertEquals("#/op", r.get("proc:syscr").getScoreUnit());
        assertEquals("us/op", r.get("proc:stime").getScoreUnit());
        assertEquals(1.0, r.get("proc:exited_threads").getScore(), "a count, not per op");
    }

    @Test
    void aCounterThatDidNotMoveIsZeroNotMissing() {
        Map<String, ScalarResult> r = byName(ProcCountersProfiler.perOp(new ProcReading.Delta(10, 0, 3, 0, 0, 0, 0), 10));
        assertEquals(0.0, r.get("proc:syscw").getScore());
        assertEquals(0.0, r.get("proc:stime").getScore());
        assertEquals(1.0, r.get("proc:syscr").getScore());
    }

    @Test
    void anIterationWithoutOperationsIsNaN() {
        Map<String, ScalarResult> r = byName(ProcCountersProfiler.perOp(new ProcReading.Delta(10, 0, 3, 0, 1, 0, 0), 0));
        r.remove("proc:exited_threads");
        assertTrue(r.values().stream().allMatch(x -> Double.isNaN(x.getScore())), r.toString());
    }
}
