package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.stats.OneSampleT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ConnectionCosts are what a connection costs each side of the I/O-model points that recorded it
 * (the load benchmarks' set-up readings, {@code bytesPerConnection} and its kin): per JVM and point,
 * the mean over forks of each reading with its 95% t interval and n. A descriptive table, not a
 * comparison: it answers "how many bytes does a connection hold under this model on this JDK", and
 * sits beside the throughput comparisons that answer which model is faster.
 *
 * <p>The readings are whole-trial values written into the last measurement iteration (0 in the
 * others: {@code bench.model.LoadCounters}), so a fork's value is the sum of its row. Forks without a
 * finite value (a server in process has no server JVM of its own) are left out of that reading's n.
 */
public final class ConnectionCosts {
    /** The secondary metrics read, in table order, each with its column heading and unit. */
    public static final List<Column> COLUMNS = List.of(
            new Column("bytesPerConnection", "client JVM (both sides in process)", "B"),
            new Column("heapBytesPerConnection", "client heap after GC", "B"),
            new Column("serverBytesPerConnection", "server JVM", "B"),
            new Column("connectsPerSecond", "set-up rate", "conn/s"));
    /** Confidence level of every interval. */
    public static final double LEVEL = 0.95;

    /** A Column is one reading: its metric name, heading and unit. */
    public record Column(String metric, String heading, String unit) {
    }

    /** A Cell is one reading of one row: mean over forks with its interval (NaN bounds when n &lt; 2) and n. */
    public record Cell(double mean, double low, double high, int n) {
    }

    /**
     * A Row is one point on one JVM.
     *
     * @param jvm    the JVM
     * @param params the point's parameters
     * @param cells  one per {@link #COLUMNS} entry
     */
    public record Row(JvmId jvm, Map<String, String> params, List<Cell> cells) {
    }

    private ConnectionCosts() {
    }

    /** The rows of {@code set}: every result that recorded {@code bytesPerConnection}, by connections, client, server, JVM. */
    public static List<Row> of(ResultSet set) {
        List<Row> out = new ArrayList<>();
        for (Result r : set.results()) {
            if (!r.secondary().containsKey(COLUMNS.get(0).metric())) {
                continue;
            }
            List<Cell> cells = new ArrayList<>();
            for (Column c : COLUMNS) {
                cells.add(cell(r.secondary().get(c.metric())));
            }
            out.add(new Row(r.key().jvm(), new LinkedHashMap<>(r.key().params()), cells));
        }
        out.sort(Comparator.comparingLong((Row x) -> number(x.params().get("connections")))
                .thenComparing(x -> x.params().getOrDefault("client", ""))
                .thenComparing(x -> x.params().getOrDefault("server", ""))
                .thenComparing(x -> x.params().getOrDefault("placement", ""))
                .thenComparing(x -> x.jvm().key()));
        return out;
    }

    /** Mean over forks of a whole-trial reading (each fork's value: the sum of its row), with its t interval. */
    static Cell cell(Metric m) {
        if (m == null) {
            return new Cell(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] values = m.wholeTrialReadings();
        OneSampleT t = OneSampleT.of(values, values.length, LEVEL);
        return new Cell(t.mean(), t.low(), t.high(), values.length);
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // not a count: after the counts
        }
    }
}
