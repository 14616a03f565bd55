package dev.nettune.analysis.render;

import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.compare.ComparisonTable;
import dev.nettune.analysis.compare.CounterChange;
import dev.nettune.analysis.compare.Underneath;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.stats.Summary;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CsvWriter writes tidy CSV (RFC 4180, one observation per row, numbers in JMH's unit with full
 * precision) for spreadsheets and other tools:
 * <ul>
 *   <li>{@code results.csv}: one row per result and metric (the primary score, then each
 *       secondary), with statistics over fork scores (the fork is the unit of replication) beside
 *       JMH's own score and error;</li>
 *   <li>{@code comparisons.csv}: one row per comparison row of every JVM pair and of every placement
 *       against in process (relation {@code placement}, each side labelled with its placement);</li>
 *   <li>{@code counters.csv}: one row per counter of each compared row with counters (written only then).</li>
 * </ul>
 */
public final class CsvWriter {

    /** Header of results.csv. */
    public static final String RESULTS_HEADER = "run_id,jvm,jvm_build,jvm_vendor,jvm_vm,jvm_flags,jvm_flags_digest,"
            + "family,benchmark,params,mode,metric,unit,forks,iterations,mean,ci95_low,ci95_high,median,stdev,cv,"
            + "jmh_score,jmh_score_error,file";
    /** Header of comparisons.csv. */
    public static final String COMPARISONS_HEADER = "family,benchmark,params,mode,unit,relation,baseline_jvm,"
            + "baseline_run,jvm,run,design,n,baseline_forks,forks,baseline_center,center,ratio,ratio_ci95_low,"
            + "ratio_ci95_high,p,p_adjusted,detectable,log_ratio_se,verdict,note";

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
        JvmId j = k.jvm();
        Summary s = Summary.of(m.forkScores());
        int iterations = Arrays.stream(m.samples()).mapToInt(a -> a.length).max().orElse(0);
        w.write(join(j.runId(), set.name(j), j.build().isEmpty() ? j.version() : j.build(), j.vendor(), j.vm(),
                j.variant(), j.flagsDigest(), Families.of(k.benchmark()).slug(), k.benchmark(), k.row().paramsText(), k.mode(), name,
                m.unit(), Integer.toString(s.n()), Integer.toString(iterations), num(s.mean()), num(s.mean() - s.ci95()),
                num(s.mean() + s.ci95()), num(s.median()), num(s.stdev()), num(s.cv()), num(m.score()),
                num(m.scoreError()), r.file().toString()));
    }

    /** Writes comparisons.csv. */
    public static void writeComparisons(Path file, ResultSet set, List<JvmPair> pairs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(COMPARISONS_HEADER + "\n");
            for (JvmPair p : pairs) {
                for (ComparisonTable t : p.tables()) {
                    for (RowComparison c : t.rows()) {
                        ResultKey.Row row = c.row();
                        w.write(join(t.family().slug(), row.benchmark(), row.paramsText(), row.mode(), row.unit(),
                                p.relation().name().toLowerCase(Locale.ROOT), set.name(p.baseline()),
                                p.baseline().runId(), set.name(p.candidate()), p.candidate().runId(),
                                c.design().name().toLowerCase(Locale.ROOT), Integer.toString(c.n()),
                                Integer.toString(c.baselineForks()), Integer.toString(c.candidateForks()),
                                num(c.baselineCenter()), num(c.candidateCenter()), num(c.ratio()), num(c.low()),
                                num(c.high()), num(c.p()), num(c.pAdjusted()), num(c.detectable()), num(c.seLog()),
                                c.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), c.note()));
                    }
                }
            }
        }
    }

    /** Header of counters.csv. */
    public static final String COUNTERS_HEADER = "family,benchmark,params,mode,relation,baseline_jvm,baseline_run,jvm,run,"
            + "row_verdict,kind,side,counter,what,unit,n,baseline_center,center,method,estimate,ci95_low,ci95_high,p,"
            + "p_adjusted,status,note";

    /**
     * Writes counters.csv: per compared row with counters, each derived quantity (kind "quantity") and each raw
     * event ("raw"), paired by block; centers are geometric means for a ratio, arithmetic means for a difference.
     */
    public static void writeCounters(Path file, ResultSet set, Underneath underneath) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(COUNTERS_HEADER + "\n");
            for (Underneath.RowCounters rc : underneath.all()) {
                JvmPair p = rc.pair();
                RowComparison c = rc.row();
                ResultKey.Row row = c.row();
                for (List<CounterChange> kind : List.of(rc.quantities(), rc.raw())) {
                    for (CounterChange k : kind) {
                        w.write(join(Families.of(row.benchmark()).slug(), row.benchmark(), row.paramsText(), row.mode(),
                                p.relation().name().toLowerCase(Locale.ROOT), set.name(p.baseline()), p.baseline().runId(),
                                set.name(p.candidate()), p.candidate().runId(),
                                c.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                k.quantity() == null ? "raw" : "quantity", k.server() ? "server" : "client", k.name(),
                                k.what(), k.unit(), Integer.toString(k.n()), num(k.baseline()), num(k.candidate()),
                                k.method().name().toLowerCase(Locale.ROOT), num(k.estimate()), num(k.low()), num(k.high()),
                                num(k.p()), num(k.pAdjusted()), k.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                                k.note().isEmpty() ? rc.note() : k.note()));
                    }
                }
                if (rc.quantities().isEmpty() && rc.raw().isEmpty()) {
                    w.write(join(Families.of(row.benchmark()).slug(), row.benchmark(), row.paramsText(), row.mode(),
                            p.relation().name().toLowerCase(Locale.ROOT), set.name(p.baseline()), p.baseline().runId(),
                            set.name(p.candidate()), p.candidate().runId(),
                            c.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '), "", "", "", "", "", "0", "", "",
                            "", "", "", "", "", "", "", rc.note()));
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
        return Arrays.stream(cells).map(CsvWriter::quote).collect(Collectors.joining(",")) + "\n";
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
