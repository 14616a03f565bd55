package dev.nettune.analysis.render.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three chart kinds under hostile input: long titles, labels and legends must wrap or widen the
 * chart rather than be clipped; NaN values are skipped; every output passes {@link SvgCheck}.
 */
class ChartLayoutTest {

    static final String LONG = "A title long enough to need wrapping because it names every parameter of a benchmark "
            + "point and then some: client=SELECTOR server=VIRTUAL connections=10000 payload=262144 transport=UNIX";

    @Test
    void lineChartWrapsLongTextsAndSkipsNaN() {
        List<LineChart.Point> pts = List.of(new LineChart.Point(1, 10, 8, 12), new LineChart.Point(16, Double.NaN, 1, 2),
                new LineChart.Point(256, 100, Double.NaN, Double.NaN), new LineChart.Point(1024, 1000, 0, 2000));
        List<String> series = List.of("jdk17 with a very long label -XX:+UseZGC -XX:+ZGenerational -Xmx8g",
                "jdk25", "jdk21", "jdk11", "jdk8", "jdk22", "jdk23", "jdk24");
        LineChart.Spec spec = new LineChart.Spec(LONG, List.of(LONG), "Round trips/s (thousands; higher is better)",
                "connections", null, false, series,
                List.of(new LineChart.Panel(LONG, List.of(new LineChart.Line(0, pts), new LineChart.Line(7, pts))),
                        new LineChart.Panel("empty", List.of())), List.of(LONG));
        String svg = LineChart.render(spec);
        List<SvgCheck.Text> texts = SvgCheck.check(svg);
        assertTrue(texts.stream().anyMatch(t -> t.content().equals("1024")), "ticks at the parameter's values");
        assertTrue(svg.contains("log scale"));
    }

    @Test
    void categoricalLineChartWidensForLongCategories() {
        List<String> cats = List.of("auto", "a category label that is rather long", "4 KiB", "1 MiB");
        LineChart.Spec spec = new LineChart.Spec("t", List.of(), "y", "x", cats, true, List.of("a"),
                List.of(new LineChart.Panel("p", List.of(new LineChart.Line(0, List.of(new LineChart.Point(0, 1, 0.5, 2),
                        new LineChart.Point(1, 2, 1, 3), new LineChart.Point(3, 3, 2, 4)))))), List.of());
        List<SvgCheck.Text> texts = SvgCheck.check(LineChart.render(spec));
        List<SvgCheck.Text> labels = texts.stream().filter(t -> cats.contains(t.content())).toList();
        assertEquals(4, labels.size());
        for (int i = 1; i < labels.size(); i++) {
            assertTrue(labels.get(i - 1).right() <= labels.get(i).left(), "category labels overlap: " + labels);
        }
        assertFalse(SvgCheck.hasNegativeNumber(texts));
    }

    @Test
    void negativeForeignValuesGetALinearAxisThroughZero() {
        DotChart.Spec spec = new DotChart.Spec("negative", List.of(), List.of("a", "b"), "delta", List.of("x", "y"),
                List.of(new DotChart.Panel("", List.of(new DotChart.Dot(0, 0, -5, -7, -3), new DotChart.Dot(1, 1, 4, 2, 6),
                        new DotChart.Dot(1, 0, Double.NaN, 0, 1), new DotChart.Dot(9, 0, 1, 0, 2)))), List.of());
        List<SvgCheck.Text> texts = SvgCheck.check(DotChart.render(spec));
        assertTrue(SvgCheck.hasNegativeNumber(texts), "negative data keep negative ticks");
        assertTrue(texts.stream().anyMatch(t -> t.content().equals("0")));
    }

    @Test
    void dotChartOfManyPanelsWrapsIntoRows() {
        List<DotChart.Panel> panels = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            panels.add(new DotChart.Panel("K = " + i, List.of(new DotChart.Dot(0, 0, 1 + i, 0.5 + i, 2 + i))));
        }
        String svg = DotChart.render(new DotChart.Spec("t", List.of(), List.of("only row"), "v", List.of("s"), panels,
                List.of()));
        SvgCheck.check(svg);
        double width = Double.parseDouble(svg.replaceAll("(?s).*?width=\"([0-9.]+)\".*", "$1"));
        assertTrue(width <= DotChart.MAX_WIDTH + 1, "width " + width);
    }

    @Test
    void forestClipsExtremeIntervalsWithArrowsAndDrawsEmptyPairs() {
        ForestChart f = new ForestChart(new ForestChart.Spec("t", List.of(), "← worse", "better →", "speed-up", "head",
                List.of(new ForestChart.Row("huge", 300, 200, 1e6, ForestChart.Mark.BETTER, "300"),
                        new ForestChart.Row("tiny", 0.001, 1e-9, 0.002, ForestChart.Mark.WORSE, "0.001"),
                        new ForestChart.Row("none", Double.NaN, Double.NaN, Double.NaN, ForestChart.Mark.NO_CLAIM, "n=0")),
                List.of("b", "w", "s", "c"), List.of()));
        assertTrue(f.axis().min() > 1 / ForestChart.MAX_RANGE / 1.2 && f.axis().max() < ForestChart.MAX_RANGE * 1.2,
                f.axis().toString());
        String svg = f.render();
        String words = String.join(" ", SvgCheck.check(svg).stream().map(SvgCheck.Text::content).toList());
        // huge: arrow at its interval's high end and an off-scale head; tiny: the same on the left; the
        // legend's diamond
        assertEquals(5, svg.split("<polygon").length - 1, svg);
        assertTrue(words.contains("cut at the edge"), "the caption says values are cut: " + words);
        assertTrue(words.contains("300×") && words.contains("0.001×"), "clipped points keep their value: " + words);
        ForestChart empty = new ForestChart(new ForestChart.Spec("t", List.of("nothing shared"), "l", "r", "x", "h",
                List.of(), List.of("b", "w", "s", "c"), List.of()));
        SvgCheck.check(empty.render());
    }

    @Test
    void writerRefusesNonFiniteCoordinates() {
        Svg svg = new Svg(10, 10, "t");
        assertThrows(IllegalArgumentException.class, () -> svg.line(0, Double.NaN, 1, 1, null, 1));
        assertThrows(IllegalArgumentException.class, () -> svg.circle(Double.POSITIVE_INFINITY, 1, 1, null, null));
        assertEquals("-0.5", Svg.num(-0.5));
        assertEquals("0", Svg.num(-0.04));
        assertEquals("12.3", Svg.num(12.345));
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", Svg.escape("a <b> & \"c\""));
    }
}
