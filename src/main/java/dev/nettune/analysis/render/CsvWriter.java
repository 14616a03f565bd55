package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Comparison;
import dev.nettune.analysis.compare.CrossJvm;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.stats.Summary;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CsvWriter writes tidy CSV (RFC 4180, one observation per row, numbers in JMH's unit with full
 * precision) for spreadsheets and other tools:
 * <ul>
 *   <li>{@code results.csv}: one row per result and metric (the primary score, then each secondary);</li>
 *   <li>{@code comparisons.csv}: one row per comparison of a JVM with the baseline.</li>
 * </ul>
 */
public final class CsvWriter {

    /** Header of results.csv. */
    public static final String RESULTS_HEADER = "run_id,jvm,jvm_vendor,jvm_version,jvm_variant,family,benchmark,"
            + "params,mode,metric,unit,n,mean,median,stdev,ci999_low,ci999_high,ci95_low,ci95_high,cv,"
            + "jmh_score,jmh_score_error,forks,file,warnings";
    /** Header of comparisons.csv. */
    public static final String COMPARISONS_HEADER = "family,benchmark,params,mode,unit,baseline_jvm,jvm,"
            + "baseline_mean,mean,ratio,ratio_ci95_low,ratio_ci95_high,test,p_value,p_holm,alpha,significant,verdict";

    private CsvWriter() {
    }

    /** Writes results.csv. */
    public static void writeResults(Path file, ResultSet set) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(RESULTS_HEADER + "\n");
            for (Result r : set.results()) {
                row(w, set, r, r.primary(), "primary");
                for (Map.Entry<String, Metric> m : r.secondary().entrySet()) {
                    row(w, set, r, m.getValue(), m.getKey());
                }
            }
        }
    }

    private static void row(Writer w, ResultSet set, Result r, Metric m, String name) throws IOException {
        ResultKey k = r.key();
        Summary s = Summary.of(m.flatSamples());
        w.write(join(k.jvm().runId(), set.name(k.jvm()), k.jvm().vendor(), k.jvm().version(), k.jvm().variant(),
                r.family().slug(), k.benchmark(), k.row().paramsText(), k.mode(), name, m.unit(),
                Integer.toString(s.n()), num(s.mean()), num(s.median()), num(s.stdev()), num(s.mean() - s.ci999()),
                num(s.mean() + s.ci999()), num(s.mean() - s.ci95()), num(s.mean() + s.ci95()), num(s.cv()),
                num(m.score()), num(m.scoreError()), Integer.toString(m.forks()), r.file().toString(),
                String.join("; ", s.warnings())));
    }

    /** Writes comparisons.csv. */
    public static void writeComparisons(Path file, ResultSet set, List<CrossJvm> tables) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(COMPARISONS_HEADER + "\n");
            for (CrossJvm t : tables) {
                for (ResultKey.Row row : t.rows()) {
                    for (Map.Entry<JvmId, Comparison> e : t.comparisons().get(row).entrySet()) {
                        Comparison c = e.getValue();
                        w.write(join(t.family().slug(), row.benchmark(), row.paramsText(), row.mode(), row.unit(),
                                set.name(t.baseline()), set.name(e.getKey()), num(c.baseline().mean()),
                                num(c.candidate().mean()), num(c.ratio().ratio()), num(c.ratio().low()),
                                num(c.ratio().high()), c.test().title, num(c.p()), num(c.pAdjusted()), num(c.alpha()),
                                Boolean.toString(c.significant()),
                                c.verdict() > 0 ? "better" : c.verdict() < 0 ? "worse" : "~"));
                    }
                }
            }
        }
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
                : String.format(Locale.ROOT, "%.9g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    static String join(String... cells) {
        return java.util.Arrays.stream(cells).map(CsvWriter::quote).collect(Collectors.joining(",")) + "\n";
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
