package dev.nettune.analysis.render;

import dev.nettune.analysis.model.CountedFork;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.stats.Summary;
import dev.nettune.analysis.units.Units;
import dev.nettune.counters.CounterNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * DetailTables lays out one benchmark's results point by point: the mean over forks with its 95%
 * interval over forks (the fork is the unit of replication: iterations of one fork are not
 * independent, so they never narrow the interval), the median and coefficient of variation of the
 * fork scores, forks × iterations, the secondary metrics (JMH's score), and for sample mode the
 * latency percentiles JMH computed over all samples of all forks.
 */
final class DetailTables {

    /** Secondary metrics not shown as columns (JMH's GC profiler's rates and counts beside the normalised rate). */
    static final Pattern HIDDEN_SECONDARY = Pattern.compile("gc\\.alloc\\.rate|gc\\.count|gc\\.time|gc\\.churn.*");
    /** Percentiles shown in latency tables (JMH's scorePercentiles keys). */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};
    /** A coefficient of variation over forks above this is flagged. */
    static final double NOISY_CV = Summary.MAX_CV;

    private final Function<JvmId, String> names;

    DetailTables(Function<JvmId, String> names) {
        this.names = names;
    }

    /**
     * A kernel counter per operation (perf, /proc; the server's too): compared under the verdict and in
     * counters.csv, not here. JMH's gc.alloc.rate.norm stays a column, as it always was.
     */
    static boolean isCounter(String metric) {
        String m = metric.startsWith(CountedFork.SERVER_PREFIX) ? metric.substring(CountedFork.SERVER_PREFIX.length()) : metric;
        CounterNames.Source s = CounterNames.sourceOf(m);
        return s != null && s != CounterNames.Source.GC;
    }

    /** The anchor of one result's row. */
    static String anchor(Result r) {
        return Text.anchor("d", Text.benchName(r.key().benchmark()), r.key().row().paramsText(), r.key().mode(),
                r.key().jvm().label(), r.key().jvm().runId());
    }

    /** The table of one benchmark and mode (all its points and JVMs). */
    String table(List<Result> results) {
        Set<String> params = new LinkedHashSet<>();
        Set<String> secondaries = new LinkedHashSet<>();
        for (Result r : results) {
            params.addAll(r.key().params().keySet());
            r.secondary().keySet().stream().filter(n -> !HIDDEN_SECONDARY.matcher(n).matches() && !isCounter(n))
                    .forEach(secondaries::add);
        }
        Units.Scale scale = Units.scaleFor(results.get(0).key().unit(), "primary", median(results, null));
        Map<String, Units.Scale> secScales = new LinkedHashMap<>();
        for (String s : secondaries) {
            String unit = results.stream().map(r -> r.secondary().get(s)).filter(m -> m != null).findFirst()
                    .map(Metric::unit).orElse("");
            secScales.put(s, scaleOf(s, unit, median(results, s)));
        }
        List<String> header = new ArrayList<>(params);
        String unit = scale.label().isEmpty() ? "" : " " + scale.label();
        header.addAll(List.of("JVM", "mean" + unit + " [95% CI]", "median" + unit, "CV", "forks × iter."));
        secScales.forEach((s, sc) -> header.add(s + (sc.label().isEmpty() ? "" : " " + sc.label())));
        header.add("notes");
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, params.size() + 1, header.size() - 1, true);
        MarkdownTable t = new MarkdownTable(header, right);
        for (Result r : results) {
            double[] forks = r.primary().forkScores();
            Summary s = Summary.of(forks);
            List<String> cells = new ArrayList<>();
            boolean first = true;
            for (String p : params) {
                String v = Text.md(Text.param(p, r.key().params().get(p)));
                cells.add(first ? Text.anchorTag(anchor(r)) + v : v);
                first = false;
            }
            String jvm = Text.md(names.apply(r.key().jvm()));
            cells.add(params.isEmpty() ? Text.anchorTag(anchor(r)) + jvm : jvm);
            cells.add(s.n() == 0 ? "—" : scale.format(s.mean()) + (Double.isFinite(s.ci95())
                    ? " [" + scale.format(s.mean() - s.ci95()) + ", " + scale.format(s.mean() + s.ci95()) + "]" : ""));
            cells.add(s.n() == 0 ? "—" : scale.format(s.median()));
            cells.add(Double.isFinite(s.cv()) ? String.format(Locale.ROOT, "%.1f%%", s.cv() * 100) : "—");
            int iterations = Arrays.stream(r.primary().samples()).mapToInt(a -> a.length).max().orElse(0);
            cells.add(s.n() + " × " + iterations);
            for (Map.Entry<String, Units.Scale> e : secScales.entrySet()) {
                Metric m = r.secondary().get(e.getKey());
                cells.add(m == null ? "" : e.getValue().format(m.score()));
            }
            cells.add(notes(s, forks.length));
            t.add(cells);
        }
        return t.render();
    }

    private static String notes(Summary s, int forks) {
        List<String> n = new ArrayList<>();
        if (s.n() < 2) {
            n.add(s.n() == 1 ? "1 fork: no interval" : "no fork score");
        }
        if (forks > s.n() && s.n() > 0) {
            n.add((forks - s.n()) + " fork(s) without a finite score");
        }
        if (Double.isFinite(s.cv()) && s.cv() > NOISY_CV) {
            n.add(String.format(Locale.ROOT, "noisy: CV %.0f%% over forks", s.cv() * 100));
        }
        return String.join("; ", n);
    }

    /** Sample-mode latency percentiles, as JMH computed them over every sample of every fork. */
    String percentiles(List<Result> results) {
        Units.Scale scale = Units.scaleFor(results.get(0).key().unit(), "primary", median(results, null));
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
            params.forEach(p -> cells.add(Text.md(Text.param(p, r.key().params().get(p)))));
            cells.add(Text.md(names.apply(r.key().jvm())));
            Map<Double, Double> pct = r.primary().percentiles();
            for (double p : PERCENTILES) {
                Double v = pct.get(p);
                cells.add(v == null ? "" : scale.format(v));
            }
            Metric.Histogram h = r.primary().histogram();
            cells.add(h == null ? "" : Long.toString(h.total()));
            t.add(cells);
        }
        return t.render();
    }

    /**
     * The scale of a secondary metric. This suite's {@code gbit} counter is already Gbit/s (JMH
     * labels it ops/s); other metrics scale by their unit.
     */
    static Units.Scale scaleOf(String name, String unit, double representative) {
        if (name.equals("gbit")) {
            return new Units.Scale(1, "Gbit/s");
        }
        return Units.scaleFor(unit, name, representative);
    }

    private static double median(List<Result> results, String secondary) {
        double[] v = results.stream().map(r -> secondary == null ? r.primary() : r.secondary().get(secondary))
                .filter(m -> m != null).mapToDouble(Metric::score).filter(Double::isFinite).sorted().toArray();
        return v.length == 0 ? 1 : v[v.length / 2];
    }
}
