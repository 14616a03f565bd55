package dev.nettune.analysis.render;

import dev.nettune.analysis.family.Coalescing;
import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.IoModel;
import dev.nettune.analysis.family.Other;
import dev.nettune.analysis.compare.ComparisonTable;
import dev.nettune.analysis.compare.Design;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Verdict;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.render.svg.Axis;
import dev.nettune.analysis.render.svg.ForestChart;
import dev.nettune.analysis.render.svg.Svg;
import dev.nettune.analysis.render.svg.SvgCheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forest plot's data against a saved expected file ({@code golden/forest-data.txt}): the rows in
 * drawing order with their speed-ups (time rows inverted), the log axis, the x of the line at 1.0
 * and of each row's interval. Regenerate after an intended change with
 * {@code mvn test -Dtest=ForestPlotTest -Dgolden.update=true} and review the diff.
 */
class ForestPlotTest {

    static final Path GOLDEN = Path.of("src/test/resources/analysis/golden/forest-data.txt");
    static final String RUN = "2026-11-30T10-00-00Z-quick";
    static final JvmId JDK17 = new JvmId(RUN, "jdk17", "Eclipse Adoptium", "17.0.15", "", "free");
    static final JvmId JDK25 = new JvmId(RUN, "jdk25", "Eclipse Adoptium", "25.0.1", "", "free");

    @TempDir
    Path tmp;

    static RowComparison row(String benchmark, String mode, String unit, Map<String, String> params, Design design,
                             int n, double ratio, double low, double high, Verdict v) {
        boolean higher = ResultKey.higherIsBetter(mode, unit);
        return new RowComparison(new ResultKey.Row(benchmark, params, mode, unit), JDK17, JDK25, design, n, n, n,
                100, 100 * ratio, ratio, low, high, Double.NaN, Double.NaN, Double.NaN, v, "", higher);
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A pair with one row of each kind: better, worse, same, a time row, cannot tell, no estimate. */
    static JvmPair pair() {
        String cs = "dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips";
        List<RowComparison> model = List.of(
                row(cs, "thrpt", "ops/s", params("client", "STREAM", "connections", "1", "payload", "64"), Design.PAIRED,
                        8, 1.10, 1.05, 1.15, Verdict.BETTER),
                row(cs, "thrpt", "ops/s", params("client", "STREAM", "connections", "16", "payload", "64"), Design.PAIRED,
                        8, 0.90, 0.85, 0.95, Verdict.WORSE),
                row(cs, "thrpt", "ops/s", params("client", "SELECTOR", "connections", "256", "payload", "64"),
                        Design.PAIRED, 8, 1.01, 0.97, 1.05, Verdict.SAME));
        List<RowComparison> nagle = List.of(row("dev.nettune.bench.coalescing.NagleBenchmark.message", "sample", "ms/op",
                params("parts", "16", "tcpNoDelay", "false"), Design.PAIRED, 8, 0.80, 0.70, 0.90, Verdict.BETTER));
        List<RowComparison> coal = List.of(row("dev.nettune.bench.coalescing.CoalescingBenchmark.message", "thrpt",
                "ops/s", params("strategy", "GATHERING"), Design.TOO_FEW, 0, Double.NaN, Double.NaN, Double.NaN,
                Verdict.CANNOT_TELL));
        List<RowComparison> other = List.of(row("dev.nettune.bench.RoundTripBenchmark.roundTrip", "thrpt", "ops/s",
                params("payload", "64"), Design.TOO_FEW, 1, 1.02, Double.NaN, Double.NaN, Verdict.CANNOT_TELL));
        return new JvmPair(JDK17, JDK25, JvmPair.Relation.JDKS, List.of(
                new ComparisonTable(Families.get(IoModel.class), "thrpt", "ops/s", model, 0.997, 3),
                new ComparisonTable(Families.get(Coalescing.class), "sample", "ms/op", nagle, 0.8, 1),
                new ComparisonTable(Families.get(Coalescing.class), "thrpt", "ops/s", coal, Double.NaN, 0),
                new ComparisonTable(Families.get(Other.class), "thrpt", "ops/s", other, 1.02, 1)));
    }

    @Test
    void forestDataMatchesGoldenFile() throws IOException {
        JvmPair pair = pair();
        List<ForestRows.Plotted> rows = ForestRows.rows(pair);
        ForestChart chart = ForestRows.chart(pair, JvmId::label);
        StringBuilder sb = new StringBuilder();
        Axis a = chart.axis();
        sb.append(String.format(Locale.ROOT, "axis log=%s min=%.6f max=%.6f ticks=%s%n", a.log(), a.min(), a.max(),
                a.ticks().stream().map(Axis.Tick::label).toList()));
        sb.append(String.format(Locale.ROOT, "x(1.0)=%.3f plot %.3f..%.3f%n", chart.x(1), chart.x(a.min()),
                chart.x(a.max())));
        for (int i = 0; i < rows.size(); i++) {
            ForestRows.Plotted p = rows.get(i);
            sb.append(String.format(Locale.ROOT, "%d | %s | %s | speed-up %.6f [%.6f, %.6f] | y=%.1f x=%s..%s..%s%n", i,
                    p.label(), p.row().verdict(), p.speedUp(), p.low(), p.high(), chart.rowY(i), px(chart, p.low()),
                    px(chart, p.speedUp()), px(chart, p.high())));
        }
        String actual = sb.toString();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual, "differs from " + GOLDEN);
    }

    private static String px(ForestChart c, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", c.x(v));
    }

    @Test
    void rowsAreGroupedByFamilySortedBySpeedUpAndTimeRowsAreInverted() {
        List<ForestRows.Plotted> rows = ForestRows.rows(pair());
        assertEquals(List.of("ConnectionScaling.roundTrips client=STREAM connections=1",
                "ConnectionScaling.roundTrips client=SELECTOR connections=256",
                "ConnectionScaling.roundTrips client=STREAM connections=16", "Nagle.message †", "Coalescing.message",
                "RoundTrip.roundTrip"), rows.stream().map(ForestRows.Plotted::label).toList());
        ForestRows.Plotted nagle = rows.get(3);
        assertEquals(1 / 0.80, nagle.speedUp(), 1e-12, "time per op: baseline / candidate");
        assertEquals(1 / 0.90, nagle.low(), 1e-12);
        assertEquals(1 / 0.70, nagle.high(), 1e-12);
    }

    @Test
    void coordinatesOnTheLogAxis() {
        JvmPair pair = pair();
        ForestChart chart = ForestRows.chart(pair, JvmId::label);
        Axis a = chart.axis();
        double left = chart.x(a.min());
        double width = chart.x(a.max()) - left;
        assertEquals(ForestChart.PLOT_WIDTH, width, 1e-9);
        double x1 = left + width * Math.log(1 / a.min()) / Math.log(a.max() / a.min());
        assertEquals(x1, chart.x(1), 1e-9);
        // row 1 (STREAM, 1 connection: 1.10 [1.05, 1.15]) spans log-proportional pixels
        double lo = left + width * Math.log(1.05 / a.min()) / Math.log(a.max() / a.min());
        double hi = left + width * Math.log(1.15 / a.min()) / Math.log(a.max() / a.min());
        assertEquals(lo, chart.x(1.05), 1e-9);
        assertEquals(hi, chart.x(1.15), 1e-9);
        String svg = chart.render();
        SvgCheck.check(svg);
        String y = Svg.num(chart.rowY(1));
        assertTrue(svg.contains("<line x1=\"" + Svg.num(lo) + "\" y1=\"" + y + "\" x2=\"" + Svg.num(hi) + "\" y2=\"" + y
                + "\""), "interval of row 1 drawn at its coordinates");
        assertTrue(svg.contains("<line x1=\"" + Svg.num(x1) + "\" y1=\"" + Svg.num(chart.plotTop() - 2) + "\" x2=\""
                + Svg.num(x1) + "\" y2=\"" + Svg.num(chart.plotBottom()) + "\""), "the line at 1.0");
    }

    @Test
    void chartSaysWhatItShows() throws IOException {
        Charts.Link link = Charts.forest(pair(), JvmId::label, tmp);
        assertEquals("jdk25 vs jdk17 (run " + RUN + ")", link.title());
        assertEquals("charts/forest-" + RUN + "-jdk25-vs-jdk17.svg", link.file());
        assertTrue(link.alt().contains("6 benchmark points, 2 better, 1 worse, 1 with no detectable difference and 2"),
                link.alt());
        String svg = Files.readString(tmp.resolve(link.file()));
        List<String> texts = SvgCheck.check(svg).stream().map(SvgCheck.Text::content).toList();
        assertTrue(texts.contains("jdk25 vs jdk17 (run " + RUN + ")"), texts.toString());
        assertTrue(texts.contains("← jdk25 worse") && texts.contains("jdk25 better →"), texts.toString());
        assertTrue(texts.contains("0.800 [0.700, 0.900]  n=8  time, drawn at 1.250"),
                "a time row gives the table's ratio, and where it is drawn: " + texts);
        assertTrue(texts.contains("I/O model:") && texts.contains("Write coalescing:"), "family headings: " + texts);
        assertTrue(texts.contains("1.020  n=1: cannot tell"), texts.toString());
        assertTrue(texts.contains("no estimate, n=0"), texts.toString());
        assertTrue(svg.length() < 20_000, "a forest of 6 rows is small: " + svg.length());
    }

    @Test
    void pairsOfDifferentRunsGetDistinctFiles() throws IOException {
        JvmId old = new JvmId("2026-11-24T14-46-07Z-quick", "jdk17", "", "17.0.15", "", "");
        JvmPair across = new JvmPair(old, JDK25, JvmPair.Relation.ACROSS_RUNS, new ArrayList<>(pair().tables()));
        Charts.Link l = Charts.forest(across, JvmId::key, tmp);
        assertEquals("charts/forest-jdk25_" + RUN + "-vs-jdk17_2026-11-24T14-46-07Z-quick.svg", l.file());
        assertTrue(Files.isRegularFile(tmp.resolve(l.file())));
    }

    @Test
    void theAxisZoomsToTheRowsWithinAndWritesTheValueOfAClippedPoint() {
        List<ForestChart.Row> rows = List.of(
                new ForestChart.Row("collapsed", 102, 57.5, 181, ForestChart.Mark.BETTER, "102 [57.5, 181]"),
                new ForestChart.Row("near 1", 0.98, 0.96, 1.005, ForestChart.Mark.SAME, "0.980"),
                new ForestChart.Row("erratic", 0.77, 0.109, 5.44, ForestChart.Mark.SAME, "0.770"));
        ForestChart c = new ForestChart(new ForestChart.Spec("t", List.of(), "l", "r", "x", "h", rows,
                List.of("b", "w", "s", "n"), List.of()));
        assertTrue(c.axis().max() < 1.1 && c.axis().min() > 0.7, "zoomed to 0.77..1.005, not to 181: " + c.axis());
        List<String> texts = SvgCheck.check(c.render()).stream().map(SvgCheck.Text::content).toList();
        assertTrue(texts.contains("102×"), "the clipped point's value beside its arrow: " + texts);
    }
}
