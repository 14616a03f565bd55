package dev.nettune.analysis.render;

import dev.nettune.analysis.family.ChartRule;
import dev.nettune.analysis.family.ChartRule.Kind;
import dev.nettune.analysis.family.ChartRule.Quantity;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.family.Parameters;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.render.svg.DotChart;
import dev.nettune.analysis.render.svg.LineChart;
import dev.nettune.analysis.units.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FamilyCharts draws the charts that answer each family's question, from results.
 *
 * <p>The family's descriptor says how each of its benchmark classes is charted: a {@link ChartRule}
 * maps the class's parameters onto a chart (e.g. the I/O model's round trips/s against connections,
 * one line per client × server pair and one panel per JVM), and the descriptor's words and labels
 * name the score, the lines, the panels and the rows. This class does the drawing every family
 * shares. Parameters a rule does not place split the results into several charts; parameters with
 * one value are named in the chart's notes.
 *
 * <p>Anything else, and any benchmark whose parameters do not fit its rule (a missing parameter, a
 * single x value), gets the generic chart: a line chart over the first numeric parameter with at
 * least two values, one line per JVM, or else a dot plot with one row per parameter combination and
 * one dot per JVM. Nothing about the data can make this class throw: it draws what it can and
 * records a diagnostic for what it cannot.
 */
final class FamilyCharts {

    /** At most this many panels per chart; more split the chart. */
    static final int MAX_PANELS = 16;
    /** At most this many rows per dot plot; more continue in a further chart. */
    static final int MAX_ROWS = 40;
    /** At most this many charts per call; the rest are named in a diagnostic. */
    static final int MAX_CHARTS = 64;
    /** Parameters tried first as the generic chart's x axis, in order. */
    static final List<String> PREFERRED_X = List.of("connections", "threads", "sndBuf", "rcvBuf", "writeSize",
            "messageBytes", "parts", "partBytes", "payload", "size");
    /** The primary score, in the result's unit. */
    private static final Quantity SCORE = ChartRule.SCORE;

    /** A Drawn is one chart ready to write: a file key, its title, an alt text and the SVG. */
    record Drawn(String key, String title, String alt, String svg) {
    }

    private final FamilyDescriptor family;
    private final Function<JvmId, String> names;
    private final List<Diagnostic> diags;
    private final String runTag;
    private final List<String> runNote;
    private final List<Drawn> out = new ArrayList<>();
    private int dropped;

    private FamilyCharts(FamilyDescriptor family, List<Result> results, Function<JvmId, String> names, List<Diagnostic> diags) {
        this.family = family;
        this.names = names;
        this.diags = diags;
        Set<String> runs = results.stream().map(r -> r.key().jvm().runId()).collect(Collectors.toCollection(TreeSet::new));
        this.runTag = runs.size() == 1 ? runs.iterator().next()
                : "runs-" + Integer.toHexString(String.join(",", runs).hashCode());
        this.runNote = List.of(runs.size() == 1 ? "Run " + runs.iterator().next() + "."
                : runs.size() <= 3 ? "Runs " + String.join(", ", runs) + "." : runs.size() + " runs.");
    }

    /** The charts of {@code family} for {@code results}; problems go to {@code diags}. */
    static List<Drawn> draw(FamilyDescriptor family, List<Result> results, Function<JvmId, String> names, List<Diagnostic> diags) {
        if (results.isEmpty()) {
            return List.of();
        }
        FamilyCharts fc = new FamilyCharts(family, results, names, diags);
        // other benchmarks share one dot plot per mode and unit; a family's benchmarks get their own charts
        boolean byBenchmark = family.chartsEachBenchmark();
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparing((Result r) -> r.key().benchmark()).thenComparing(r -> r.key().mode()))
                .forEach(r -> groups.computeIfAbsent((byBenchmark ? r.key().benchmark() : "") + " " + r.key().mode()
                        + " " + r.key().unit(), k -> new ArrayList<>()).add(r));
        for (List<Result> g : groups.values()) {
            try {
                if (byBenchmark) {
                    fc.group(g);
                } else {
                    fc.others(g);
                }
            } catch (RuntimeException e) {
                // a bug or data no rule foresaw: lose this chart, not the report
                diags.add(new Diagnostic(g.get(0).file(), "", "chart of " + g.get(0).key().row().shortName()
                        + " not drawn: " + e));
            }
        }
        if (fc.dropped > 0) {
            diags.add(new Diagnostic(null, "", family.title() + ": " + fc.dropped + " more chart(s) not drawn (limit "
                    + MAX_CHARTS + " per family and run selection)"));
        }
        return fc.out;
    }

    private void group(List<Result> g) {
        ResultKey.Row row = g.get(0).key().row();
        String className = row.shortName().substring(0, Math.max(0, row.shortName().indexOf('.')));
        ChartRule rule = family.chartRule(className);
        if (rule == null) {
            generic(g, SCORE);
            return;
        }
        boolean fits = fits(rule, g);
        for (Quantity q : rule.quantities()) {
            Quantity use = q;
            if (q.metric() != null && g.stream().noneMatch(r -> r.secondary().containsKey(q.metric()))) {
                if (q.optional()) {
                    continue;
                }
                use = new Quantity(null, null, null, null, false); // e.g. no Gbit/s counter: the score, in its unit
            }
            if (fits) {
                byRule(rule, use, g);
            } else {
                generic(g, use);
            }
        }
    }

    /** Benchmarks outside the families, one mode and unit: a dot plot, one row per benchmark point. */
    private void others(List<Result> g) {
        List<String> rowKeys = g.stream().sorted(Comparator.comparing((Result r) -> r.key().benchmark()))
                .map(FamilyCharts::pointLabel).distinct().toList();
        Result first = g.get(0);
        boolean one = g.stream().map(r -> r.key().benchmark()).distinct().count() == 1;
        String title = (one ? first.key().row().shortName() : "Other benchmarks") + " ("
                + first.key().mode() + "): " + words(SCORE, first);
        dotChart(g, SCORE, rowKeys, FamilyCharts::pointLabel, List.of(), title, runNote, List.of());
    }

    /** "Class.method k=v k=v": a benchmark point without its JVM. */
    private static String pointLabel(Result r) {
        String p = r.key().row().paramsText();
        return r.key().row().shortName() + (p.isEmpty() ? "" : " " + p);
    }

    /** True when every result has the rule's parameters and a line rule's x has two values or more. */
    private static boolean fits(ChartRule rule, List<Result> g) {
        List<String> need = new ArrayList<>();
        if (rule.x() != null) {
            need.add(rule.x());
        }
        need.addAll(rule.series());
        need.addAll(rule.panels());
        need.addAll(rule.rows());
        for (Result r : g) {
            if (!r.key().params().keySet().containsAll(need)) {
                return false;
            }
        }
        if (rule.kind() == Kind.LINE) {
            Set<String> xs = g.stream().map(r -> r.key().params().get(rule.x())).collect(Collectors.toSet());
            return xs.size() >= 2 && (!rule.numericX() || xs.stream().allMatch(FamilyCharts::positiveNumber));
        }
        return true;
    }

    private void byRule(ChartRule rule, Quantity q, List<Result> g) {
        Set<String> placed = new LinkedHashSet<>();
        if (rule.x() != null) {
            placed.add(rule.x());
        }
        placed.addAll(rule.series());
        placed.addAll(rule.panels());
        placed.addAll(rule.rows());
        List<String> varying = varying(g);
        List<String> rows = new ArrayList<>(rule.rows());
        if (rule.kind() == Kind.DOT) {
            for (String p : varying) {
                if (!placed.contains(p) && !numericParam(g, p)) {
                    rows.add(p); // e.g. NagleBenchmark's tcpNoDelay beside the strategy
                    placed.add(p);
                }
            }
        }
        List<String> split = varying.stream().filter(p -> !placed.contains(p)).toList();
        for (List<Result> part : splitBy(g, split)) {
            String title = part.get(0).key().row().shortName() + ": " + words(q, part.get(0)) + " " + rule.question();
            List<String> notes = notes(part, placed, split);
            if (rule.kind() == Kind.LINE) {
                line(part, q, rule.x(), rule.numericX(), rule.series(), rule.panels(), title, notes, split);
            } else {
                dot(part, q, rows, rule.panels(), title, notes, split);
            }
        }
    }

    private void generic(List<Result> g, Quantity q) {
        List<String> varying = varying(g);
        String x = null;
        List<String> candidates = new ArrayList<>(PREFERRED_X);
        candidates.addAll(varying);
        for (String p : candidates) {
            if (varying.contains(p) && numericParam(g, p)) {
                x = p;
                break;
            }
        }
        Result first = g.get(0);
        String title = first.key().row().shortName() + " (" + first.key().mode() + ")";
        if (x != null) {
            final String xp = x;
            boolean numeric = g.stream().allMatch(r -> positiveNumber(r.key().params().get(xp)));
            List<String> panels = new ArrayList<>(varying.stream().filter(p -> !p.equals(xp)).toList());
            List<String> split = new ArrayList<>();
            while (!panels.isEmpty() && distinctCombos(g, panels) > MAX_PANELS) {
                split.add(panels.remove(0));
            }
            Set<String> placed = new LinkedHashSet<>(panels);
            placed.add(x);
            for (List<Result> part : splitBy(g, split)) {
                line(part, q, x, numeric, List.of(), panels, title + ": " + words(q, first) + " vs " + Parameters.label(x),
                        notes(part, placed, split), split);
            }
            return;
        }
        dot(g, q, varying, List.of(), title + ": " + words(q, first), notes(g, new LinkedHashSet<>(varying), List.of()),
                List.of());
    }

    private void line(List<Result> rs, Quantity q, String x, boolean numericX, List<String> seriesParams,
                      List<String> panelParams, String title, List<String> notes, List<String> split) {
        boolean jvmSeries = seriesParams.isEmpty();
        List<String> allPanels = jvmSeries ? comboKeys(rs, panelParams) : jvmKeys(rs);
        int chunks = (allPanels.size() + MAX_PANELS - 1) / MAX_PANELS;
        for (int c = 0; c < chunks; c++) {
            List<String> panelKeys = allPanels.subList(c * MAX_PANELS, Math.min(allPanels.size(), (c + 1) * MAX_PANELS));
            String t = chunks > 1 ? title + " (" + (c + 1) + "/" + chunks + ")" : title;
            lineChart(rs, q, x, numericX, seriesParams, panelParams, panelKeys, t, notes, split,
                    chunks > 1 ? "-" + (c + 1) : "");
        }
    }

    private void lineChart(List<Result> rs, Quantity q, String x, boolean numericX, List<String> seriesParams,
                           List<String> panelParams, List<String> panelKeys, String title, List<String> notes,
                           List<String> split, String suffix) {
        boolean jvmSeries = seriesParams.isEmpty();
        List<String> cats = numericX ? null : orderedValues(rs, x).stream().map(v -> Parameters.value(x, v)).toList();
        List<String> seriesKeys = jvmSeries ? jvmKeys(rs) : comboKeys(rs, seriesParams);
        Function<Result, String> seriesOf = jvmSeries ? r -> r.key().jvm().key() : r -> combo(r, seriesParams);
        Function<Result, String> panelOf = jvmSeries ? r -> combo(r, panelParams) : r -> r.key().jvm().key();
        Scaled scaled = scale(rs, q);
        List<LineChart.Panel> panels = new ArrayList<>();
        Stats st = new Stats();
        for (String pk : panelKeys) {
            List<LineChart.Line> lines = new ArrayList<>();
            for (int s = 0; s < seriesKeys.size(); s++) {
                String sk = seriesKeys.get(s);
                List<LineChart.Point> pts = new ArrayList<>();
                for (Result r : rs) {
                    if (!panelOf.apply(r).equals(pk) || !seriesOf.apply(r).equals(sk)) {
                        continue;
                    }
                    ForkEstimate e = scaled.estimates.get(r);
                    if (e == null || !Double.isFinite(e.center())) {
                        continue;
                    }
                    String v = r.key().params().get(x);
                    double xv = numericX ? Double.parseDouble(v) : cats.indexOf(Parameters.value(x, v));
                    st.add(e);
                    pts.add(new LineChart.Point(xv, e.center() / scaled.divisor, e.low() / scaled.divisor,
                            e.high() / scaled.divisor));
                }
                if (!pts.isEmpty()) {
                    lines.add(new LineChart.Line(s, pts));
                }
            }
            String ptitle = jvmSeries ? panelTitle(panelParams, pk) : jvmName(rs, pk);
            panels.add(new LineChart.Panel(ptitle, lines));
        }
        if (st.points == 0) {
            return;
        }
        List<String> seriesNames = jvmSeries ? seriesKeys.stream().map(k -> jvmName(rs, k)).toList()
                : seriesKeys.stream().map(k -> comboLabel(seriesParams, k)).toList();
        boolean apart = cats != null && Parameters.AUTO_ZERO.contains(x) && cats.get(0).equals("auto");
        LineChart.Spec spec = new LineChart.Spec(title, notes, scaled.yLabel, Parameters.label(x), cats, apart, seriesNames, panels,
                st.caption());
        String alt = "Line chart: " + title + ". " + panels.size() + " panel(s) ("
                + (jvmSeries ? (panelParams.isEmpty() ? "one" : "by " + String.join(" × ", panelParams))
                        + "), one line per JVM" : "one per JVM), one line per " + String.join(" × ", seriesParams))
                + ". " + st.caption().get(0);
        emit(rs, q, split, title, alt, LineChart.render(spec), suffix);
    }

    private void dot(List<Result> rs, Quantity q, List<String> rowParams, List<String> panelParams, String title,
                     List<String> notes, List<String> split) {
        List<String> rowKeys = rowParams.isEmpty() ? List.of("") : comboKeys(rs, rowParams);
        Map<String, String> labels = new HashMap<>();
        for (String k : rowKeys) {
            labels.put(k, rowParams.isEmpty() ? rs.get(0).key().row().shortName() : rowLabel(rowParams, k));
        }
        List<String> labelled = rowKeys.stream().map(labels::get).toList();
        Function<Result, String> rowOf = r -> labels.get(rowParams.isEmpty() ? "" : combo(r, rowParams));
        dotChart(rs, q, labelled, rowOf, panelParams, title, notes, split);
    }

    /** A dot plot whose rows are {@code rowLabels} (split into charts of {@link #MAX_ROWS}); {@code rowOf} places a result. */
    private void dotChart(List<Result> rs, Quantity q, List<String> rowLabelsAll, Function<Result, String> rowOf,
                          List<String> panelParams, String title, List<String> notes, List<String> split) {
        List<String> panelKeys = comboKeys(rs, panelParams);
        if (panelKeys.size() > MAX_PANELS) {
            // e.g. a full grid's K × S beyond what one chart holds: the first panels, the rest named
            diags.add(new Diagnostic(null, "", title + ": " + (panelKeys.size() - MAX_PANELS) + " of "
                    + panelKeys.size() + " panels not drawn (limit " + MAX_PANELS + " per chart)"));
            panelKeys = panelKeys.subList(0, MAX_PANELS);
        }
        List<String> jvms = jvmKeys(rs);
        Scaled scaled = scale(rs, q);
        int parts = (rowLabelsAll.size() + MAX_ROWS - 1) / MAX_ROWS;
        for (int part = 0; part < parts; part++) {
            List<String> rk = rowLabelsAll.subList(part * MAX_ROWS, Math.min(rowLabelsAll.size(), (part + 1) * MAX_ROWS));
            Stats st = new Stats();
            List<DotChart.Panel> panels = new ArrayList<>();
            for (String pk : panelKeys) {
                List<DotChart.Dot> dots = new ArrayList<>();
                for (Result r : rs) {
                    int row = rk.indexOf(rowOf.apply(r));
                    if (row < 0 || !combo(r, panelParams).equals(pk)) {
                        continue;
                    }
                    ForkEstimate e = scaled.estimates.get(r);
                    if (e == null || !Double.isFinite(e.center())) {
                        continue;
                    }
                    st.add(e);
                    dots.add(new DotChart.Dot(row, jvms.indexOf(r.key().jvm().key()), e.center() / scaled.divisor,
                            e.low() / scaled.divisor, e.high() / scaled.divisor));
                }
                panels.add(new DotChart.Panel(panelTitle(panelParams, pk), dots));
            }
            if (st.points == 0) {
                continue;
            }
            String t = parts > 1 ? title + " (" + (part + 1) + "/" + parts + ")" : title;
            DotChart.Spec spec = new DotChart.Spec(t, notes, rk, scaled.yLabel,
                    jvms.stream().map(k -> jvmName(rs, k)).toList(), panels, st.caption());
            String alt = "Dot plot: " + t + ". " + rk.size() + " row(s)"
                    + (panelParams.isEmpty() ? "" : ", one panel per " + String.join(" × ", panelParams))
                    + ", one dot per JVM. " + st.caption().get(0);
            emit(rs, q, split, t, alt, DotChart.render(spec), parts > 1 ? "-" + (part + 1) : "");
        }
    }

    private void emit(List<Result> rs, Quantity q, List<String> split, String title, String alt, String svg,
                      String suffix) {
        if (out.size() >= MAX_CHARTS) {
            dropped++;
            return;
        }
        Result first = rs.get(0);
        StringBuilder key = new StringBuilder(family.slug()).append('-').append(runTag).append('-')
                .append(first.key().row().shortName()).append('-').append(first.key().mode());
        if (q.metric() != null) {
            key.append('-').append(q.metric());
        }
        for (String p : split) {
            key.append('-').append(p).append('=').append(first.key().params().get(p));
        }
        key.append(suffix);
        out.add(new Drawn(key.toString(), title, alt, svg));
    }

    /** Estimates in the chart's unit: a divisor, the y label, and one estimate per result. */
    private record Scaled(double divisor, String yLabel, Map<Result, ForkEstimate> estimates) {
    }

    private Scaled scale(List<Result> rs, Quantity q) {
        Map<Result, ForkEstimate> est = new HashMap<>();
        List<Double> centers = new ArrayList<>();
        boolean nonNegative = true;
        for (Result r : rs) {
            Metric m = q.metric() == null ? r.primary() : r.secondary().get(q.metric());
            if (m == null) {
                continue;
            }
            for (double v : ForkEstimate.forkValues(m)) {
                nonNegative &= !(v < 0);
            }
            nonNegative &= !(m.score() < 0);
        }
        for (Result r : rs) {
            Metric m = q.metric() == null ? r.primary() : r.secondary().get(q.metric());
            if (m == null) {
                continue;
            }
            ForkEstimate e = ForkEstimate.of(m, nonNegative);
            est.put(r, e);
            if (Double.isFinite(e.center())) {
                centers.add(e.center());
            }
        }
        Result first = rs.get(0);
        boolean higher = q.higherIsBetter() != null ? q.higherIsBetter() : first.key().row().higherIsBetter();
        double median = centers.isEmpty() ? 1 : centers.stream().sorted().toList().get(centers.size() / 2);
        Units.Scale scale = q.fixedUnit() != null ? new Units.Scale(1, q.fixedUnit())
                : Units.scaleFor(first.key().unit(), q.metric() == null ? "primary" : q.metric(), median);
        String dir = higher ? "higher is better" : "lower is better";
        String w = words(q, first);
        String unit = scale.label();
        if (w.endsWith("/s") && unit.endsWith("ops/s")) {
            // "round trips/s" already names the unit: say only the multiplier
            unit = unit.startsWith("k ") ? "thousands" : unit.startsWith("M ") ? "millions" : "";
        }
        String yLabel = capitalize(w) + " (" + (unit.isEmpty() ? "" : unit + "; ") + dir + ")";
        return new Scaled(scale.divisor(), yLabel, est);
    }

    /** Counts of forks behind the points drawn, for the caption. */
    private static final class Stats {
        int points;
        int minN = Integer.MAX_VALUE;
        int maxN;
        int withInterval;

        void add(ForkEstimate e) {
            points++;
            minN = Math.min(minN, e.n());
            maxN = Math.max(maxN, e.n());
            if (e.hasInterval()) {
                withInterval++;
            }
        }

        List<String> caption() {
            String forks = minN == maxN ? "n = " + maxN + " fork" + (maxN == 1 ? "" : "s") + " per point"
                    : "n = " + minN + "–" + maxN + " forks per point";
            if (maxN == 0) {
                return List.of("Points: JMH's scores; the files hold no per-fork data, so no interval is drawn.");
            }
            if (withInterval == 0) {
                return List.of("Points: one JVM invocation (fork) each, " + forks + ": no interval can be computed, "
                        + "so none is drawn; differences between points may be run-to-run noise.");
            }
            return List.of("Points: mean of fork scores; bars: 95% t interval over forks (" + forks
                    + (withInterval < points ? "; points from 1 fork have no bar" : "") + "), each JVM on its own. "
                    + "Whether two JVMs differ is the forest plot's question: paired by block, its intervals are "
                    + "often much narrower.");
        }
    }

    // ---- parameters -------------------------------------------------------------------------

    /** Parameters with more than one value among {@code rs}, in the order of the first result. */
    static List<String> varying(List<Result> rs) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Result r : rs) {
            r.key().params().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> {
            boolean missing = rs.stream().anyMatch(r -> !r.key().params().containsKey(k));
            if (v.size() > 1 || missing) {
                out.add(k);
            }
        });
        return out;
    }

    private List<String> notes(List<Result> rs, Set<String> placed, List<String> split) {
        List<String> notes = new ArrayList<>(runNote);
        Map<String, String> fixed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : rs.get(0).key().params().entrySet()) {
            String k = e.getKey();
            if (!placed.contains(k) && rs.stream().allMatch(r -> e.getValue().equals(r.key().params().get(k)))) {
                fixed.put(k, e.getValue());
            }
        }
        if (!fixed.isEmpty()) {
            notes.set(0, notes.get(0) + (split.isEmpty() ? " Fixed: " : " This chart: ") + fixed.entrySet().stream()
                    .map(e -> Parameters.label(e.getKey()) + " " + Parameters.value(e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")) + ".");
        }
        return notes;
    }

    private static List<List<Result>> splitBy(List<Result> g, List<String> params) {
        if (params.isEmpty()) {
            return List.of(g);
        }
        Map<String, List<Result>> parts = new LinkedHashMap<>();
        for (String k : comboKeys(g, params)) {
            parts.put(k, new ArrayList<>());
        }
        for (Result r : g) {
            parts.get(combo(r, params)).add(r);
        }
        return new ArrayList<>(parts.values());
    }

    private static int distinctCombos(List<Result> g, List<String> params) {
        return (int) g.stream().map(r -> combo(r, params)).distinct().count();
    }

    /** The values of {@code params} of {@code r}, as a key ("\u0000" between values; "∅" for a missing one). */
    static String combo(Result r, List<String> params) {
        return params.stream().map(p -> r.key().params().getOrDefault(p, "∅")).collect(Collectors.joining("\u0000"));
    }

    /** Distinct combinations of {@code params}, ordered value by value (numbers ascending, else first seen). */
    static List<String> comboKeys(List<Result> rs, List<String> params) {
        if (params.isEmpty()) {
            return List.of("");
        }
        Map<String, List<String>> order = new HashMap<>();
        for (String p : params) {
            order.put(p, orderedValues(rs, p));
        }
        Comparator<Result> cmp = null;
        for (String p : params) {
            Comparator<Result> c = Comparator.comparingInt(r -> order.get(p).indexOf(r.key().params().getOrDefault(p, "∅")));
            cmp = cmp == null ? c : cmp.thenComparing(c);
        }
        return rs.stream().sorted(cmp).map(r -> combo(r, params)).distinct().toList();
    }

    /** Distinct values of {@code p}: numerically ascending when all are numbers, else in order of appearance. */
    static List<String> orderedValues(List<Result> rs, String p) {
        List<String> vals = rs.stream().map(r -> r.key().params().getOrDefault(p, "∅")).distinct().toList();
        if (vals.stream().allMatch(FamilyCharts::isNumber)) {
            return vals.stream().sorted(Comparator.comparingDouble(Double::parseDouble)).toList();
        }
        return vals;
    }

    private List<String> jvmKeys(List<Result> rs) {
        return rs.stream().map(r -> r.key().jvm()).distinct().sorted(JvmId::compareAge).map(JvmId::key).toList();
    }

    private String jvmName(List<Result> rs, String key) {
        return rs.stream().map(r -> r.key().jvm()).filter(j -> j.key().equals(key)).findFirst().map(names)
                .orElse(key);
    }

    private String panelTitle(List<String> params, String key) {
        if (params.isEmpty()) {
            return "";
        }
        String[] v = key.split("\u0000", -1);
        String own = family.panelTitle(params, List.of(v));
        if (own != null) {
            return own;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            parts.add(Parameters.label(params.get(i)) + " = " + Parameters.value(params.get(i), v[i]));
        }
        return String.join(", ", parts);
    }

    private String comboLabel(List<String> params, String key) {
        String[] v = key.split("\u0000", -1);
        String own = family.seriesLabel(params, List.of(v));
        return own != null ? own : plainLabel(params, v);
    }

    private String rowLabel(List<String> params, String key) {
        String[] v = key.split("\u0000", -1);
        String own = family.rowLabel(params, List.of(v));
        return own != null ? own : plainLabel(params, v);
    }

    /** "k=v k=v", values for people. */
    private static String plainLabel(List<String> params, String[] v) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            parts.add(params.get(i) + "=" + Parameters.value(params.get(i), v[i]));
        }
        return String.join(" ", parts);
    }

    private String words(Quantity q, Result r) {
        if (q.words() != null) {
            return q.words();
        }
        ResultKey.Row row = r.key().row();
        boolean time = !row.higherIsBetter();
        String own = family.scoreWords(row.shortName(), time);
        if (own != null) {
            return own;
        }
        return time ? "time per operation" : "operations/s";
    }

    private static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false; // a name, not a number
        }
    }

    private static boolean positiveNumber(String v) {
        return v != null && isNumber(v) && Double.parseDouble(v) > 0;
    }

    private static boolean numericParam(List<Result> g, String p) {
        return g.stream().allMatch(r -> r.key().params().containsKey(p) && isNumber(r.key().params().get(p)));
    }

    /** {@code s} with an upper-case first letter, except for names such as "p99". */
    private static String capitalize(String s) {
        return s.isEmpty() || s.matches("p[0-9].*") ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
