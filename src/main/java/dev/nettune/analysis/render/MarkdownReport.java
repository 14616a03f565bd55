package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Comparison;
import dev.nettune.analysis.compare.CrossJvm;
import dev.nettune.analysis.model.Family;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.model.SockOpt;
import dev.nettune.analysis.stats.Holm;
import dev.nettune.analysis.stats.MannWhitney;
import dev.nettune.analysis.stats.RatioInterval;
import dev.nettune.analysis.stats.Summary;
import dev.nettune.analysis.units.Units;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MarkdownReport lays out the report's README.md: environment per run, then per family the result
 * tables (units scaled per column), latency percentiles for sample mode, effective-vs-requested
 * socket options, the benchstat-style cross-JVM comparison tables, chart links, and finally the
 * warnings and the method. It knows only text: all numbers come from the statistics layer.
 */
public final class MarkdownReport {

    /** Secondary metrics that are not shown as columns (percentiles are shown in their own table). */
    static final Pattern HIDDEN_SECONDARY = Pattern.compile("p\\d.*|gc\\.alloc\\.rate|gc\\.count|gc\\.time|gc\\.churn.*");
    /** Parameters holding byte sizes, shown as KiB/MiB. */
    static final Pattern BYTE_PARAM = Pattern.compile("(?i).*(buf|size|payload|bytes).*");
    /** Percentiles shown in latency tables (JMH's scorePercentiles keys). */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    private final ResultSet set;
    private final JvmId baseline;
    private final Comparison.Test test;
    private final double alpha;
    private final StringBuilder out = new StringBuilder();

    /** A report of {@code set}, comparing with {@code baseline}. */
    public MarkdownReport(ResultSet set, JvmId baseline, Comparison.Test test, double alpha) {
        this.set = set;
        this.baseline = baseline;
        this.test = test;
        this.alpha = alpha;
    }

    /** The whole README.md. */
    public String render(Map<Family, List<CrossJvm>> tables, Map<Family, List<Charts.Link>> charts) {
        out.append("# nettune analysis\n\n").append(set.summaryLine()).append(".\n\n");
        if (baseline != null) {
            out.append("Baseline JVM: **").append(set.name(baseline)).append("**. Comparisons: ").append(test.title)
                    .append(", two-sided, Holm-adjusted within each table, α = ").append(Units.plain(alpha))
                    .append(".\n\n");
        }
        environment();
        for (Family f : Family.values()) {
            List<Result> rs = set.family(f);
            if (rs.isEmpty()) {
                continue;
            }
            out.append("## ").append(f.title).append("\n\n");
            for (CrossJvm t : tables.getOrDefault(f, List.of())) {
                out.append("### Comparison: ").append(t.mode()).append(", ").append(t.unit());
                if (!t.baseline().equals(baseline)) {
                    out.append(" (baseline ").append(set.name(t.baseline())).append(": ")
                            .append(set.name(baseline)).append(" has no results here)");
                }
                out.append("\n\n");
                out.append(comparisonTable(t, set).render()).append('\n');
            }
            List<Charts.Link> links = charts.getOrDefault(f, List.of());
            for (Charts.Link l : links) {
                out.append("![").append(l.title()).append("](").append(l.file()).append(")\n");
            }
            if (!links.isEmpty()) {
                out.append('\n');
            }
            Map<String, List<Result>> byBench = new LinkedHashMap<>();
            rs.forEach(r -> byBench.computeIfAbsent(r.key().benchmark() + "\u0000" + r.key().mode(),
                    k -> new ArrayList<>()).add(r));
            for (List<Result> b : byBench.values()) {
                ResultKey k = b.get(0).key();
                out.append("### ").append(k.row().shortName()).append(" (").append(k.mode()).append(")\n\n");
                out.append(resultTable(b, set).render()).append('\n');
                if ("sample".equals(k.mode())) {
                    out.append("Latency percentiles (JMH's scorePercentiles):\n\n")
                            .append(percentileTable(b, set).render()).append('\n');
                }
            }
            List<SockOpt> opts = set.sockOpts().stream().filter(o -> Family.of(o.benchmark()) == f).toList();
            if (!opts.isEmpty()) {
                out.append("### Socket options: requested vs effective\n\n")
                        .append("`effective` is Java's read-back (on Linux, half of what the kernel holds); "
                                + "`kernel` is the kernel's view; `auto` = not set, left to autotuning. The kernel limits in force "
                                + "(net.core.wmem_max, rmem_max, net.ipv4.tcp_wmem, tcp_rmem) are under Environment.\n\n")
                        .append(sockOptTable(opts, set).render()).append('\n');
            }
        }
        warnings();
        method();
        return out.toString();
    }

    private void environment() {
        out.append("## Environment\n\n");
        for (RunInfo run : set.runs().values()) {
            out.append("### Run ").append(run.runId()).append("\n\n");
            MarkdownTable t = MarkdownTable.left("", "value");
            addIf(t, "profile", run.profile());
            addIf(t, "started", run.startedAt());
            addIf(t, "git commit", run.gitCommit());
            addIf(t, "JMH", run.jmhVersion());
            run.host().forEach((k, v) -> addIf(t, k, k.equals("memoryBytes") ? memory(v) : v));
            run.sysctls().forEach((k, v) -> addIf(t, k, v));
            out.append(t.render()).append('\n');
        }
        MarkdownTable jv = MarkdownTable.left("JVM", "run", "vendor", "version", "flags", "placement");
        for (JvmId j : set.jvms()) {
            jv.add(set.name(j) + (j.equals(baseline) ? " (baseline)" : ""), j.runId(), j.vendor(), j.version(),
                    j.variant(), j.placement());
        }
        out.append(jv.render()).append('\n');
    }

    private static void addIf(MarkdownTable t, String k, String v) {
        if (v != null && !v.isEmpty()) {
            t.add(k, v);
        }
    }

    private static String memory(String bytes) {
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(bytes) / (double) (1L << 30));
        } catch (NumberFormatException e) {
            return bytes; // not a number: show as written
        }
    }

    /** The benchstat-style comparison table of one family and unit. */
    public static MarkdownTable comparisonTable(CrossJvm t, ResultSet set) {
        double rep = t.rows().stream().map(r -> t.summaries().get(r).get(t.baseline())).filter(s -> s != null)
                .mapToDouble(Summary::mean).filter(Double::isFinite).sorted().skip(t.rows().size() / 2)
                .findFirst().orElse(1);
        Units.Scale scale = Units.scaleFor(t.unit(), "primary", rep);
        List<String> header = new ArrayList<>(List.of("benchmark", "params"));
        List<Boolean> right = new ArrayList<>(List.of(false, false));
        for (JvmId j : t.jvms()) {
            header.add(set.name(j) + " " + scale.label());
            right.add(true);
            if (!j.equals(t.baseline())) {
                header.add("vs " + set.name(t.baseline()));
                right.add(true);
            }
        }
        boolean[] r = new boolean[right.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = right.get(i);
        }
        MarkdownTable table = new MarkdownTable(header, r);
        for (ResultKey.Row row : t.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.shortName(), row.paramsText()));
            for (JvmId j : t.jvms()) {
                Summary s = t.summaries().get(row).get(j);
                cells.add(s == null ? "—" : scale.format(s.mean()) + " ± " + relative(s.ci95(), s.mean()));
                if (!j.equals(t.baseline())) {
                    Comparison c = t.comparisons().get(row).get(j);
                    cells.add(c == null ? "—" : verdictCell(c));
                }
            }
            table.add(cells);
        }
        if (t.geomeanRows() > 0) {
            List<String> cells = new ArrayList<>(List.of("geomean", "(" + t.geomeanRows() + " rows)"));
            for (JvmId j : t.jvms()) {
                cells.add(scale.format(t.geomean().get(j)));
                if (!j.equals(t.baseline())) {
                    cells.add(Units.percent(t.geomeanRatio().get(j) - 1));
                }
            }
            table.add(cells);
        }
        return table;
    }

    private static String relative(double half, double mean) {
        if (Double.isNaN(half) || mean == 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.0f%%", Math.abs(half / mean) * 100);
    }

    /** "+12.3% [+8.0%, +16.9%] p=0.002 better", or "~ (p=0.310)". */
    static String verdictCell(Comparison c) {
        String p = Double.isNaN(c.pAdjusted()) ? "p=?" : "p=" + pText(c.pAdjusted());
        int v = c.verdict();
        if (v == 0) {
            return "~ (" + p + ")";
        }
        RatioInterval r = c.ratio();
        String ci = Double.isNaN(r.low()) ? "" : " [" + Units.percent(r.low() - 1) + ", " + Units.percent(r.high() - 1) + "]";
        return Units.percent(r.ratio() - 1) + ci + " " + p + (v > 0 ? " better" : " worse");
    }

    static String pText(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** One benchmark's results: a row per parameter combination and JVM. */
    public static MarkdownTable resultTable(List<Result> results, ResultSet set) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> secondaries = new LinkedHashSet<>();
        for (Result r : results) {
            params.addAll(r.key().params().keySet());
            r.secondary().keySet().stream().filter(n -> !HIDDEN_SECONDARY.matcher(n).matches()).forEach(secondaries::add);
        }
        Result first = results.get(0);
        Units.Scale scale = Units.scaleFor(first.key().unit(), "primary", median(results, null));
        Map<String, Units.Scale> secScales = new LinkedHashMap<>();
        for (String s : secondaries) {
            String unit = results.stream().map(r -> r.secondary().get(s)).filter(m -> m != null).findFirst()
                    .map(Metric::unit).orElse("");
            secScales.put(s, Units.scaleFor(unit, s, median(results, s)));
        }
        List<String> header = new ArrayList<>(params);
        header.addAll(List.of("JVM", "mean " + scale.label(), "± 99.9%", "± 95%", "median", "CV", "n"));
        secScales.forEach((s, sc) -> header.add(s + (sc.label().isEmpty() ? "" : " " + sc.label())));
        header.add("notes");
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, params.size() + 1, header.size() - 1, true);
        MarkdownTable t = new MarkdownTable(header, right);
        for (Result r : results) {
            Summary s = Summary.of(r.primary().flatSamples());
            List<String> cells = new ArrayList<>();
            for (String p : params) {
                cells.add(paramCell(p, r.key().params().get(p)));
            }
            cells.add(set.name(r.key().jvm()));
            cells.add(scale.format(s.mean()));
            cells.add(Double.isNaN(s.ci999()) ? "?" : scale.format(s.ci999()));
            cells.add(Double.isNaN(s.ci95()) ? "?" : scale.format(s.ci95()));
            cells.add(scale.format(s.median()));
            cells.add(Double.isNaN(s.cv()) ? "?" : String.format(Locale.ROOT, "%.1f%%", s.cv() * 100));
            cells.add(s.n() + (r.primary().forks() > 1 ? " (" + r.primary().forks() + "f)" : ""));
            for (Map.Entry<String, Units.Scale> e : secScales.entrySet()) {
                Metric m = r.secondary().get(e.getKey());
                cells.add(m == null ? "" : e.getValue().format(m.score()));
            }
            cells.add(s.weak() ? "⚠ " + String.join("; ", s.warnings()) : "");
            t.add(cells);
        }
        return t;
    }

    private static double median(List<Result> results, String secondary) {
        double[] v = results.stream().map(r -> secondary == null ? r.primary() : r.secondary().get(secondary))
                .filter(m -> m != null).mapToDouble(Metric::score).filter(Double::isFinite).sorted().toArray();
        return v.length == 0 ? 1 : v[v.length / 2];
    }

    static String paramCell(String name, String value) {
        if (value == null) {
            return "";
        }
        if (BYTE_PARAM.matcher(name).matches() && value.matches("\\d{4,}")) {
            return Units.bytesParam(Long.parseLong(value));
        }
        return value;
    }

    /** Sample-mode latency percentiles. */
    public static MarkdownTable percentileTable(List<Result> results, ResultSet set) {
        Result first = results.get(0);
        Units.Scale scale = Units.scaleFor(first.key().unit(), "primary", median(results, null));
        Set<String> params = new LinkedHashSet<>();
        results.forEach(r -> params.addAll(r.key().params().keySet()));
        List<String> header = new ArrayList<>(params);
        header.add("JVM");
        for (double p : PERCENTILES) {
            header.add((p == 100 ? "max" : "p" + Units.plain(p)) + " " + scale.label());
        }
        header.add("samples");
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, params.size() + 1, header.size(), true);
        MarkdownTable t = new MarkdownTable(header, right);
        for (Result r : results) {
            List<String> cells = new ArrayList<>();
            params.forEach(p -> cells.add(paramCell(p, r.key().params().get(p))));
            cells.add(set.name(r.key().jvm()));
            Map<Double, Double> pct = r.primary().percentiles();
            for (double p : PERCENTILES) {
                Double v = pct.get(p);
                cells.add(v == null ? "" : scale.format(v));
            }
            Metric.Histogram h = r.primary().histogram();
            cells.add(h == null ? "" : Long.toString(h.total()));
            t.add(cells);
        }
        return t;
    }

    /** Socket options as requested and read back, identical lines merged and counted. */
    public static MarkdownTable sockOptTable(List<SockOpt> opts, ResultSet set) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, SockOpt> firstOf = new LinkedHashMap<>();
        for (SockOpt o : opts) {
            String k = String.join("\u0000", o.benchmark(), o.params().toString(), o.jvm().key(), o.endpoint(),
                    o.option(), String.valueOf(o.requested()), String.valueOf(o.effective()), String.valueOf(o.kernel()));
            counts.merge(k, 1, Integer::sum);
            firstOf.putIfAbsent(k, o);
        }
        MarkdownTable t = new MarkdownTable(List.of("benchmark", "params", "JVM", "endpoint", "option", "requested",
                "effective", "kernel", "lines"), new boolean[] {false, false, false, false, false, true, true, true, true});
        for (Map.Entry<String, SockOpt> e : firstOf.entrySet()) {
            SockOpt o = e.getValue();
            String params = o.params().entrySet().stream().map(p -> p.getKey() + "=" + paramCell(p.getKey(), p.getValue()))
                    .reduce((a, b) -> a + " " + b).orElse("");
            String jvm = set.jvms().stream().filter(j -> j.equals(o.jvm())).findFirst().map(set::name).orElse(o.jvm().label());
            t.add(ResultKey.shortName(o.benchmark()), params, jvm, o.endpoint(), o.option(),
                    o.requested() == null ? "auto" : Units.bytesParam(o.requested()),
                    o.effective() == null ? "?" : Units.bytesParam(o.effective()),
                    o.kernel() == null ? "" : Units.bytesParam(o.kernel()), counts.get(e.getKey()).toString());
        }
        return t;
    }

    private void warnings() {
        out.append("## Warnings\n\n");
        List<String> lines = new ArrayList<>();
        set.diagnostics().forEach(d -> lines.add(d.toString()));
        for (Result r : set.results()) {
            Summary s = Summary.of(r.primary().flatSamples());
            if (s.weak()) {
                lines.add(r.key().row().shortName() + " " + r.key().row().paramsText() + " on " + set.name(r.key().jvm())
                        + ": " + String.join("; ", s.warnings()));
            }
        }
        if (lines.isEmpty()) {
            out.append("None.\n\n");
        }
        for (String l : lines) {
            out.append("- ").append(l.replace("|", "\\|")).append('\n');
        }
        out.append('\n');
    }

    private void method() {
        out.append("## Method\n\n")
                .append("- Samples are JMH iterations of all forks (sample mode: each iteration's histogram mean). "
                        + "`± 99.9%` is JMH's Student-t half-width (equal to JMH's scoreError); `± 95%` likewise at 95%. "
                        + "CV is stdev/mean; CV > " + Units.plain(Summary.MAX_CV * 100) + "% or fewer than "
                        + Summary.MIN_SAMPLES + " samples is flagged ⚠.\n")
                .append("- Comparisons: ratio of means (candidate/baseline, shown as % change) with a 95% Fieller "
                        + "interval; p-value from the " + test.title + " test (Mann-Whitney U is exact for samples of "
                        + "at most " + MannWhitney.EXACT_MAX_N + " without ties, otherwise the normal approximation "
                        + "with tie and continuity correction); Holm–Bonferroni adjustment within each table; `~` = "
                        + "not significant at α = " + Units.plain(alpha) + ". Higher is better for thrpt, lower for "
                        + "avgt/sample/ss.\n")
                .append("- geomean: geometric mean over rows measured on every JVM of the table.\n");
    }
}
