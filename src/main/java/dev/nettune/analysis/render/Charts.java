package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.compare.Verdict;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.render.svg.ForestChart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Charts writes the report's SVG charts into {@code <dir>/charts/} and returns links to them.
 *
 * <ul>
 *   <li>{@link #forest}: one forest plot per compared JVM pair: every benchmark point the two share,
 *       the candidate's speed-up over the baseline with its 95% interval on a log axis, a line at 1,
 *       sorted by effect, significant rows filled and coloured (details in {@code ForestRows}).</li>
 *   <li>{@link #family}: the charts that answer one family's question (details in
 *       {@code FamilyCharts}): points are means of fork scores with 95% t intervals over forks.</li>
 * </ul>
 * The SVGs are written by {@link dev.nettune.analysis.render.svg} with real text, a few kB to a few
 * tens of kB each. File names are derived from run ids, JVM labels and benchmark names, so charts of
 * different runs and pairs written into one folder do not collide.
 */
public final class Charts {

    /** Folder, relative to the report folder, that holds the charts. */
    public static final String FOLDER = "charts";
    /** Longest file name stem before it is shortened (with a hash to stay unique). */
    static final int MAX_STEM = 120;

    /**
     * A Link is a written chart.
     *
     * @param title the chart's title, for a heading or a link text
     * @param file  the SVG's path relative to the report folder, with '/' separators ("charts/x.svg")
     * @param alt   a one-paragraph description for the image's alt text
     */
    public record Link(String title, String file, String alt) {
    }

    private Charts() {
    }

    /**
     * Writes the forest plot of {@code pair} to {@code dir/charts/} and returns its link. A pair with
     * no rows still gets a chart that says so.
     *
     * @param pair  the comparison (its tables' rows are the plot's rows)
     * @param names display names of JVMs (e.g. {@code set::name} of a {@code ResultSet})
     * @param dir   the report folder
     * @throws IOException when the file cannot be written
     */
    public static Link forest(JvmPair pair, Function<JvmId, String> names, Path dir) throws IOException {
        return forest(pair, names, dir, Steadiness.none());
    }

    /** {@link #forest(JvmPair, Function, Path)} with the rows marked by {@code steadiness} (drift, erratic) and a legend. */
    public static Link forest(JvmPair pair, Function<JvmId, String> names, Path dir, Steadiness steadiness)
            throws IOException {
        ForestChart chart = ForestRows.chart(pair, names, steadiness);
        String svg = chart.render();
        String cand = names.apply(pair.candidate());
        String base = names.apply(pair.baseline());
        JvmId c = pair.candidate();
        JvmId b = pair.baseline();
        String stem = "forest-" + (c.runId().equals(b.runId()) ? c.runId() + "-" + c.label() + "-vs-" + b.label()
                : c.key() + "-vs-" + b.key());
        String file = write(dir, stem, svg);
        List<ForestRows.Plotted> rows = ForestRows.rows(pair);
        long better = rows.stream().filter(p -> p.row().verdict() == Verdict.BETTER).count();
        long worse = rows.stream().filter(p -> p.row().verdict() == Verdict.WORSE).count();
        long same = rows.stream().filter(p -> p.row().verdict() == Verdict.SAME).count();
        String title = cand + " vs " + base + (c.runId().equals(b.runId()) ? " (run " + c.runId() + ")" : "");
        String alt = "Forest plot of " + cand + " against " + base + ": " + rows.size() + " benchmark points, "
                + better + " better, " + worse + " worse, " + same + " with no detectable difference and "
                + (rows.size() - better - worse - same) + " where too few forks allow no claim; speed-up with 95% "
                + "interval on a log axis, right of 1 means " + cand + " is better.";
        return new Link(title, file, alt);
    }

    /**
     * Writes the charts of one family for {@code results} (usually one run's) to {@code dir/charts/}
     * and returns their links in reading order. Data that cannot be charted is skipped with a
     * diagnostic; an empty list means nothing could be drawn.
     *
     * @param family  the family the results belong to (decides the chart shapes)
     * @param results the results to draw, any JVMs and runs
     * @param names   display names of JVMs
     * @param dir     the report folder
     * @param diags   receives a diagnostic per chart not drawn
     * @throws IOException when a file cannot be written
     */
    public static List<Link> family(FamilyDescriptor family, List<Result> results, Function<JvmId, String> names, Path dir,
                                    List<Diagnostic> diags) throws IOException {
        List<Link> links = new ArrayList<>();
        for (FamilyCharts.Drawn d : FamilyCharts.draw(family, results, names, diags)) {
            links.add(new Link(d.title(), write(dir, d.key(), d.svg()), d.alt()));
        }
        return links;
    }

    private static String write(Path dir, String stem, String svg) throws IOException {
        String name = slug(stem) + ".svg";
        Path folder = dir.resolve(FOLDER);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name), svg, StandardCharsets.UTF_8);
        return FOLDER + "/" + name;
    }

    /** A file name stem: unsafe characters become '_', and a long stem is cut and given a hash. */
    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._=-]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (t.length() <= MAX_STEM) {
            return t;
        }
        return t.substring(0, MAX_STEM - 9) + "-" + String.format("%08x", s.hashCode());
    }
}
