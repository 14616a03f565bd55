package dev.nettune.explain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A FlaggedPoint is one benchmark point to explain and the two JVMs whose difference it explains:
 * a benchmark, its JMH mode, one value per parameter, the baseline and the candidate JVM labels, and
 * what the comparison said (for the index; absent when the point was picked without a comparison).
 *
 * @param benchmark JMH's full benchmark name ({@code dev.nettune.bench.X.method})
 * @param mode      JMH's short mode label ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param params    parameter values, keys sorted
 * @param baseline  the baseline JVM's label in run.json
 * @param candidate the candidate JVM's label in run.json
 * @param verdict   the row's verdict ("better", "worse"), or null
 * @param ratio     candidate over baseline centre, with its 95% interval; NaN when unknown
 * @param low       lower end of the ratio's 95% interval, NaN when unknown
 * @param high      upper end of the ratio's 95% interval, NaN when unknown
 */
public record FlaggedPoint(String benchmark, String mode, SortedMap<String, String> params, String baseline,
                           String candidate, String verdict, double ratio, double low, double high) {
    /** Longest point id written as a folder name before it is shortened with a hash. */
    static final int MAX_ID = 120;

    public FlaggedPoint {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** The point without its JVM pair: what one profiled fork per JVM runs. */
    public String pointKey() {
        return benchmark + " " + mode + " " + paramText();
    }

    /** Parameters as the report writes them: {@code k=v k=v}, keys sorted. */
    public String paramText() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /**
     * The point's folder name under {@code explain/}: the benchmark's class and method, its mode and
     * its parameters, e.g. {@code SocketBufferStreamBenchmark.stream-thrpt-path-STREAM_sndBuf-4096};
     * only letters, digits and {@code . - _}. A longer one keeps its start and ends with a hash of
     * the whole, so ids stay unique and stable from run to run (the report can link them).
     */
    public String id() {
        String[] parts = benchmark.split("\\.");
        String head = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        // No comma or '=': async-profiler reads its output file's path from a comma-separated k=v list.
        String id = (head + "-" + mode + (params.isEmpty() ? "" : "-" + params.entrySet().stream()
                .map(e -> e.getKey() + "-" + e.getValue()).collect(Collectors.joining("_"))))
                .replaceAll("[^A-Za-z0-9._-]", "_");
        if (id.length() <= MAX_ID) {
            return id;
        }
        return id.substring(0, MAX_ID - 9) + "-" + sha1(id).substring(0, 8);
    }

    private static String sha1(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is in every JDK", e);
        }
    }

    /** A point picked without a comparison (every point of a run). */
    static FlaggedPoint of(String benchmark, String mode, Map<String, String> params, String baseline, String candidate) {
        return new FlaggedPoint(benchmark, mode, new TreeMap<>(params), baseline, candidate, null, Double.NaN, Double.NaN,
                Double.NaN);
    }
}
