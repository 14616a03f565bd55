package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory per connection: each fork's whole-trial reading is the sum of its row (the value sits in
 * the last measurement iteration, 0 before it), the cell is the mean over forks with its 95% t
 * interval, checked against SciPy (src/test/resources/analysis/reference/reference_connection_costs.py,
 * whose output is pasted below); a reading no fork has (the server in process) is empty, not 0.
 */
class ConnectionCostsTest {
    static final double TOL = 1e-9;
    static final double[] BYTES = {10240.0, 11010.0, 9870.0, 10555.0, 10120.0, 10890.0, 9980.0, 10400.0};
    static final double[] HEAP = {1480.5, 1502.25, 1490.0, 1475.75, 1510.0, 1499.5, 1488.0, 1493.25};
    static final double[] CONNECTS = {8120.0, 7990.0, 8410.0};

    /** Rows of three iterations, the value in the last: as LoadCounters writes them. */
    static Metric lastIteration(String name, String unit, double... forks) {
        double[][] s = new double[forks.length][];
        for (int f = 0; f < forks.length; f++) {
            s[f] = new double[] {0, 0, forks[f]};
        }
        return new Metric(name, unit, Double.NaN, Double.NaN, s, null, Map.of());
    }

    static ResultSet set() {
        JvmId jvm = Synthetic.id("r", "jdk25", "25.0.3");
        Map<String, String> params = new LinkedHashMap<>(Map.of("client", "SELECTOR", "server", "SELECTOR", "connections", "10000",
                "payload", "64", "placement", "process", "transport", "TCP"));
        Metric primary = new Metric("primary", "ops/s", Double.NaN, Double.NaN, new double[][] {{1, 1, 1}}, null, Map.of());
        Map<String, Metric> secondary = new LinkedHashMap<>();
        secondary.put("bytesPerConnection", lastIteration("bytesPerConnection", "#", BYTES));
        secondary.put("heapBytesPerConnection", lastIteration("heapBytesPerConnection", "#", HEAP));
        secondary.put("serverBytesPerConnection", lastIteration("serverBytesPerConnection", "#", Double.NaN, Double.NaN));
        secondary.put("connectsPerSecond", lastIteration("connectsPerSecond", "#", CONNECTS));
        Result r = new Result(new ResultKey("dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips", params, "thrpt", "ops/s", jvm),
                primary, secondary, Path.of("jdk25.json"), 0, "1.37", 1);
        Result other = new Result(new ResultKey(Synthetic.BENCH, Map.of("payload", "64"), "thrpt", "ops/s", jvm), primary, Map.of(),
                Path.of("jdk25.json"), 1, "1.37", 1);
        List<Result> results = new ArrayList<>(List.of(other, r));
        return new ResultSet(results, List.of(), Map.of(), new ArrayList<>(), 0, 0, 0);
    }

    @Test
    void eachReadingIsItsForksMeanWithTheTIntervalScipyGives() {
        List<ConnectionCosts.Row> rows = ConnectionCosts.of(set());
        assertEquals(1, rows.size(), "only the points that recorded the readings");
        List<ConnectionCosts.Cell> c = rows.get(0).cells();
        // python3 src/test/resources/analysis/reference/reference_connection_costs.py
        assertCell(c.get(0), 8, BYTES_MEAN, BYTES_LOW, BYTES_HIGH);
        assertCell(c.get(1), 8, HEAP_MEAN, HEAP_LOW, HEAP_HIGH);
        assertEquals(0, c.get(2).n(), "a server in process has no server JVM: no value, not 0");
        assertTrue(Double.isNaN(c.get(2).mean()));
        assertCell(c.get(3), 3, CONNECTS_MEAN, CONNECTS_LOW, CONNECTS_HIGH);
    }

    static void assertCell(ConnectionCosts.Cell c, int n, double mean, double low, double high) {
        assertEquals(n, c.n());
        assertEquals(mean, c.mean(), TOL * Math.abs(mean));
        assertEquals(low, c.low(), TOL * Math.abs(mean));
        assertEquals(high, c.high(), TOL * Math.abs(mean));
    }

    // bytesPerConnection: n=8 mean=10383.125 low=10037.66566367844 high=10728.58433632156
    // heapBytesPerConnection: n=8 mean=1492.40625 low=1482.9168354579645 high=1501.8956645420355
    // connectsPerSecond: n=3 mean=8173.333333333333 low=7639.195585272841 high=8707.471081393825
    static final double BYTES_MEAN = 10383.125;
    static final double BYTES_LOW = 10037.66566367844;
    static final double BYTES_HIGH = 10728.58433632156;
    static final double HEAP_MEAN = 1492.40625;
    static final double HEAP_LOW = 1482.9168354579645;
    static final double HEAP_HIGH = 1501.8956645420355;
    static final double CONNECTS_MEAN = 8173.333333333333;
    static final double CONNECTS_LOW = 7639.195585272841;
    static final double CONNECTS_HIGH = 8707.471081393825;
}
