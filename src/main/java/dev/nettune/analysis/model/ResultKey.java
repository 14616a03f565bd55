package dev.nettune.analysis.model;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A ResultKey identifies one result: benchmark (fully qualified method), parameters (name to value,
 * as JMH writes them: strings, in JMH's order), mode ({@code thrpt}, {@code avgt}, {@code sample},
 * {@code ss}), unit of the primary metric, and the JVM.
 */
public record ResultKey(String benchmark, Map<String, String> params, String mode, String unit, JvmId jvm) {

    /** The key without the JVM: results with equal rows are compared across JVMs. */
    public Row row() {
        return new Row(benchmark, params, mode, unit);
    }

    /** A Row is a ResultKey without the JVM: what one line of a comparison table is about. */
    public record Row(String benchmark, Map<String, String> params, String mode, String unit) {

        /** Parameters as {@code k=v k=v}, or "" when none. */
        public String paramsText() {
            return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
        }

        /** The benchmark's simple name, {@code Class.method}. */
        public String shortName() {
            return ResultKey.shortName(benchmark);
        }

        /** True when higher values are better (throughput); false for time modes. */
        public boolean higherIsBetter() {
            return ResultKey.higherIsBetter(mode, unit);
        }
    }

    /** {@code a.b.Class.method} becomes {@code Class.method}. */
    public static String shortName(String benchmark) {
        int m = benchmark.lastIndexOf('.');
        int c = m > 0 ? benchmark.lastIndexOf('.', m - 1) : -1;
        return benchmark.substring(c + 1);
    }

    /**
     * Direction of goodness: throughput (and any rate unit) is better higher; average time,
     * sample time and single shot are better lower.
     */
    public static boolean higherIsBetter(String mode, String unit) {
        if ("thrpt".equals(mode)) {
            return true;
        }
        if ("avgt".equals(mode) || "sample".equals(mode) || "ss".equals(mode)) {
            return false;
        }
        return unit != null && unit.startsWith("ops/");
    }
}
