package dev.nettune.analysis.render;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.Family;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.stats.Summary;
import dev.nettune.analysis.units.Units;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Charts draws SVG charts with XChart (VectorGraphics2D), one series per JVM, by simple rules that do
 * not depend on final parameter names:
 * <ul>
 *   <li>x-axis: the first numeric parameter with at least two values, preferring
 *       {@link #PREFERRED_X} ({@code connections}, {@code sndBuf}, {@code parts}, ...); logarithmic
 *       when the values span a factor of {@value #LOG_SPAN} or more;</li>
 *   <li>one line chart per combination of the other parameters (e.g. per I/O model), error bars =
 *       JMH's 99.9% interval;</li>
 *   <li>no numeric parameter: one bar chart of all parameter combinations.</li>
 * </ul>
 * A chart that cannot be drawn is reported as a diagnostic and the others are still drawn.
 */
public final class Charts {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Parameters preferred as x-axis, in order. */
    public static final List<String> PREFERRED_X = List.of("connections", "sndBuf", "rcvBuf", "writeSize", "parts",
            "partSize", "threads", "payload", "size");
    /** At most this many charts per family; the rest are counted in a diagnostic. */
    public static final int MAX_CHARTS_PER_FAMILY = 24;
    /** Values spanning this factor or more get a logarithmic x-axis. */
    public static final int LOG_SPAN = 16;
    static final int WIDTH = 720;
    static final int HEIGHT = 420;

    /** Folder, relative to the report folder, that holds the charts (as on the charts branch). */
    public static final String FOLDER = "charts";

    /** A Link is a written chart: its title, file name relative to the output folder, and alt text. */
    public record Link(String title, String file, String alt) {
    }

    /**
     * COMPILE SHIM for the charts branch's API (report branch): at merge take the charts branch's
     * Charts.java, which draws the forest plot. Here: no forest plot (null).
     */
    public static Link forest(dev.nettune.analysis.compare.JvmPair pair,
                              java.util.function.Function<JvmId, String> names, Path dir) throws java.io.IOException {
        return null;
    }

    /** COMPILE SHIM for the charts branch's API: the former XChart slices (charts branch: one chart per question). */
    public static List<Link> family(Family family, List<Result> results, java.util.function.Function<JvmId, String> names,
                                    Path dir, List<Diagnostic> diags) throws java.io.IOException {
        return draw(family, results, ResultSet.of(results, List.of(), Map.of()), dir, diags);
    }

    private Charts() {
    }

    /** Draws the charts of one family into {@code dir}/charts; returns the links, in order. */
    public static List<Link> draw(Family family, List<Result> results, ResultSet set, Path dir, List<Diagnostic> diags) {
        List<Link> links = new ArrayList<>();
        Map<String, List<Result>> byBench = new LinkedHashMap<>();
        for (Result r : results) {
            byBench.computeIfAbsent(r.key().benchmark() + " " + r.key().mode() + " " + r.key().unit(),
                    k -> new ArrayList<>()).add(r);
        }
        int skipped = 0;
        for (List<Result> group : byBench.values()) {
            for (Plan plan : plan(group)) {
                if (links.size() >= MAX_CHARTS_PER_FAMILY) {
                    skipped++;
                    continue;
                }
                String file = "charts/" + slug(family.slug() + "-" + plan.title) + ".svg";
                try {
                    Files.createDirectories(dir.resolve("charts"));
                    Chart<?, ?> chart = plan.render(set);
                    VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(file).toString(), VectorGraphicsFormat.SVG);
                    links.add(new Link(plan.title, file, plan.title));
                } catch (Exception | LinkageError e) {
                    diags.add(new Diagnostic(dir.resolve(file), "", "chart not drawn: " + e));
                }
            }
        }
        if (skipped > 0) {
            diags.add(new Diagnostic(null, "", family.title + ": " + skipped + " more chart(s) not drawn (limit "
                    + MAX_CHARTS_PER_FAMILY + " per family)"));
        }
        return links;
    }

    /** A Plan is one chart to draw: its results, title and x parameter (null for a bar chart). */
    record Plan(String title, String xParam, List<Result> results) {

        Chart<?, ?> render(ResultSet set) {
            Result first = results.get(0);
            double rep = results.stream().mapToDouble(r -> r.primary().score()).filter(Double::isFinite)
                    .sorted().skip(results.size() / 2).findFirst().orElse(1);
            Units.Scale scale = Units.scaleFor(first.key().unit(), "primary", rep);
            String yTitle = scale.label() + (first.key().row().higherIsBetter() ? " (higher is better)" : " (lower is better)");
            Map<JvmId, List<Result>> byJvm = new LinkedHashMap<>();
            results.stream().sorted((a, b) -> JvmId.compareAge(a.key().jvm(), b.key().jvm()))
                    .forEach(r -> byJvm.computeIfAbsent(r.key().jvm(), k -> new ArrayList<>()).add(r));
            if (xParam != null) {
                XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xParam)
                        .yAxisTitle(yTitle).build();
                c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
                c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
                double min = Double.MAX_VALUE;
                double max = 0;
                for (Map.Entry<JvmId, List<Result>> e : byJvm.entrySet()) {
                    TreeMap<Double, Result> pts = new TreeMap<>();
                    e.getValue().forEach(r -> pts.put(Double.parseDouble(r.key().params().get(xParam)), r));
                    double[] x = pts.keySet().stream().mapToDouble(Double::doubleValue).toArray();
                    double[] y = new double[x.length];
                    double[] err = new double[x.length];
                    int i = 0;
                    for (Result r : pts.values()) {
                        Summary s = Summary.of(r.primary().flatSamples());
                        y[i] = s.mean() / scale.divisor();
                        err[i++] = Double.isNaN(s.ci999()) ? 0 : s.ci999() / scale.divisor();
                    }
                    for (double v : x) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    c.addSeries(set.name(e.getKey()), x, y, err);
                }
                if (min > 0 && max / min >= LOG_SPAN) {
                    c.getStyler().setXAxisLogarithmic(true);
                }
                return c;
            }
            CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle("parameters").yAxisTitle(yTitle).build();
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            c.getStyler().setXAxisLabelRotation(results.size() > 8 ? 45 : 0);
            Set<String> cats = new LinkedHashSet<>();
            results.forEach(r -> cats.add(label(r)));
            for (Map.Entry<JvmId, List<Result>> e : byJvm.entrySet()) {
                Map<String, Double> v = new LinkedHashMap<>();
                e.getValue().forEach(r -> v.put(label(r), Summary.of(r.primary().flatSamples()).mean() / scale.divisor()));
                List<String> xs = new ArrayList<>(cats);
                List<Double> ys = xs.stream().map(k -> v.getOrDefault(k, 0.0)).collect(Collectors.toList());
                c.addSeries(set.name(e.getKey()), xs, ys);
            }
            return c;
        }

        private static String label(Result r) {
            String t = r.key().row().paramsText();
            return t.isEmpty() ? "(no params)" : t;
        }
    }

    /** The charts for one benchmark (all JVMs), by the rules above. */
    static List<Plan> plan(List<Result> group) {
        Result first = group.get(0);
        String name = first.key().row().shortName() + " (" + first.key().mode() + ")";
        Set<String> params = new LinkedHashSet<>();
        group.forEach(r -> params.addAll(r.key().params().keySet()));
        List<String> candidates = new ArrayList<>(PREFERRED_X);
        candidates.addAll(params);
        String x = null;
        for (String p : candidates) {
            if (params.contains(p) && numericWithTwoValues(group, p)) {
                x = p;
                break;
            }
        }
        if (x == null) {
            return List.of(new Plan(name, null, group));
        }
        final String xp = x;
        Map<String, List<Result>> combos = new LinkedHashMap<>();
        for (Result r : group) {
            String rest = r.key().params().entrySet().stream().filter(e -> !e.getKey().equals(xp))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            combos.computeIfAbsent(rest, k -> new ArrayList<>()).add(r);
        }
        List<Plan> plans = new ArrayList<>();
        combos.forEach((rest, rs) -> plans.add(new Plan(rest.isEmpty() ? name : name + " " + rest, xp, rs)));
        return plans;
    }

    private static boolean numericWithTwoValues(List<Result> group, String p) {
        Set<Double> values = new LinkedHashSet<>();
        for (Result r : group) {
            String v = r.key().params().get(p);
            if (v == null) {
                return false;
            }
            try {
                values.add(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                return false; // not numeric: this parameter cannot be an x-axis
            }
        }
        return values.size() >= 2;
    }

    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._=-]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        return t.length() > 120 ? t.substring(0, 120) : t;
    }
}
