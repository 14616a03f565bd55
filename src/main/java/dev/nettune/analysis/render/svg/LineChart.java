package dev.nettune.analysis.render.svg;

import dev.nettune.analysis.render.svg.Svg.Anchor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A LineChart is a grid of panels sharing one value (y) axis, each drawing lines of points with
 * optional intervals over a common x axis: numeric (log when the values span a factor of
 * {@link Axis#LOG_SPAN}) or ordered categories, evenly spaced. Series keep one colour and marker
 * across panels, named once in the legend.
 */
public final class LineChart {

    /** Plot area of one panel, px. */
    public static final double PLOT_WIDTH = 240;
    public static final double PLOT_HEIGHT = 180;
    /** At most this many panels side by side. */
    public static final int MAX_COLUMNS = 3;
    static final double GAP = 26;
    static final double TICK = 4;
    /** A numeric x with at most this many distinct values gets its ticks at those values. */
    static final int MAX_VALUE_TICKS = 8;

    /** A Point is one value at {@code x} (a number, or a category index) with its interval; NaN bounds: none. */
    public record Point(double x, double y, double low, double high) {
    }

    /** A Line is the points of one series in one panel. */
    public record Line(int series, List<Point> points) {
    }

    /** A Panel is a titled plot of lines. */
    public record Panel(String title, List<Line> lines) {
    }

    /**
     * A Spec is what to draw.
     *
     * @param title      the chart's title
     * @param notes      grey lines under the title (what is compared, the run)
     * @param yLabel     the values' unit and direction, e.g. "k ops/s (higher is better)"
     * @param xLabel     the x parameter, e.g. "connections"
     * @param categories x categories in order, or null for a numeric x axis
     * @param firstApart the first category is of another kind (e.g. "auto" before sizes): it is set
     *                   apart by a dotted line and not joined to the others
     * @param series     series names, indexed by {@link Line#series()}
     * @param panels     the panels, in reading order
     * @param caption    lines under the legend (how to read the intervals, n)
     */
    public record Spec(String title, List<String> notes, String yLabel, String xLabel, List<String> categories,
                       boolean firstApart, List<String> series, List<Panel> panels, List<String> caption) {
    }

    private LineChart() {
    }

    /** The SVG document of {@code spec}. */
    public static String render(Spec spec) {
        List<Double> c = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        java.util.Set<Double> xs = new java.util.TreeSet<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (Panel p : spec.panels()) {
            for (Line l : p.lines()) {
                for (Point pt : l.points()) {
                    c.add(pt.y());
                    lo.add(pt.low());
                    hi.add(pt.high());
                    if (Double.isFinite(pt.x())) {
                        xMin = Math.min(xMin, pt.x());
                        xMax = Math.max(xMax, pt.x());
                        xs.add(pt.x());
                    }
                }
            }
        }
        Axis y = ValueAxis.of(unbox(c), unbox(lo), unbox(hi), false);
        boolean categorical = spec.categories() != null;
        Axis x = categorical || xMin == Double.POSITIVE_INFINITY ? null : Axis.auto(xMin, xMax, false);
        if (x != null && xs.size() <= MAX_VALUE_TICKS) {
            x = x.withTicksAt(new ArrayList<>(xs)); // a parameter's few values read better than round numbers
        }

        int cols = Math.max(1, Math.min(MAX_COLUMNS, spec.panels().size()));
        int rows = Math.max(1, (spec.panels().size() + cols - 1) / cols);
        double plotW = PLOT_WIDTH;
        if (categorical) {
            double slot = TextWidth.max(spec.categories(), Svg.FONT) + 10;
            plotW = Math.max(plotW, slot * spec.categories().size());
        }
        List<String> yTicks = y.ticks().stream().map(Axis.Tick::label).toList();
        double yTickW = TextWidth.max(yTicks, Svg.FONT) + TICK + 4;
        List<String> xTickLabels = categorical ? spec.categories()
                : x == null ? List.of() : x.ticks().stream().map(Axis.Tick::label).toList();
        double lastXLabel = xTickLabels.isEmpty() ? 0 : TextWidth.of(xTickLabels.get(xTickLabels.size() - 1), Svg.FONT);
        double left = ChartParts.MARGIN + yTickW;
        double right = Math.max(ChartParts.MARGIN, (categorical ? 0 : lastXLabel / 2) + 4);
        double gridW = cols * plotW + (cols - 1) * GAP;
        double width = Math.max(left + gridW + right, 480);
        double textW = width - 2 * ChartParts.MARGIN;

        ChartParts.Text title = ChartParts.Text.of(List.of(spec.title()), ChartParts.TITLE, true, Palette.INK, textW);
        ChartParts.Text notes = ChartParts.Text.of(spec.notes(), Svg.FONT, false, ChartParts.NOTE_INK, textW);
        ChartParts.Text yText = ChartParts.Text.of(List.of(spec.yLabel() + (y.log() ? ", log scale" : "")), Svg.FONT, true,
                Palette.INK, textW);
        String xName = spec.xLabel() + (x != null && x.log() ? " (log scale)" : "");
        ChartParts.Text xText = ChartParts.Text.of(List.of(xName), Svg.FONT, true, Palette.INK, textW);
        List<ChartParts.Item> items = new ArrayList<>();
        for (int i = 0; i < spec.series().size(); i++) {
            items.add(new ChartParts.Item(spec.series().get(i), Palette.shape(i), Palette.color(i), false, false));
        }
        ChartParts.Legend legend = ChartParts.Legend.of(items, textW);
        ChartParts.Text caption = ChartParts.Text.of(spec.caption(), Svg.FONT, false, ChartParts.NOTE_INK, textW);

        boolean titled = spec.panels().stream().anyMatch(p -> !p.title().isEmpty());
        double panelTitleH = titled ? Svg.FONT * 1.8 : 4;
        double xTickH = Svg.FONT * 1.8;
        double cellH = panelTitleH + PLOT_HEIGHT + xTickH + 8;
        double top = ChartParts.MARGIN + title.height() + notes.height() + 6 + yText.height();
        double height = top + rows * cellH + 4 + xText.height() + 6 + legend.height() + 4 + caption.height()
                + ChartParts.MARGIN;

        Svg svg = new Svg(width, height, spec.title());
        double cy = title.draw(svg, ChartParts.MARGIN, ChartParts.MARGIN);
        cy = notes.draw(svg, ChartParts.MARGIN, cy) + 6;
        yText.draw(svg, ChartParts.MARGIN, cy);
        for (int i = 0; i < spec.panels().size(); i++) {
            double px = left + (i % cols) * (plotW + GAP);
            double py = top + (i / cols) * cellH + panelTitleH;
            drawPanel(svg, spec, spec.panels().get(i), x, y, px, py, plotW, i % cols == 0);
        }
        cy = top + rows * cellH + 4;
        cy = xText.draw(svg, ChartParts.centered(xText, left + gridW / 2, width), cy) + 6;
        cy = legend.draw(svg, ChartParts.MARGIN, cy) + 4;
        caption.draw(svg, ChartParts.MARGIN, cy);
        return svg.finish();
    }

    private static void drawPanel(Svg svg, Spec spec, Panel panel, Axis x, Axis y, double left, double top,
                                  double plotW, boolean yLabels) {
        double bottom = top + PLOT_HEIGHT;
        if (!panel.title().isEmpty()) {
            String t = fit(panel.title(), plotW + GAP - 4);
            svg.text(left + plotW / 2, top - 7, t, Anchor.MIDDLE, 0, true, Palette.INK);
        }
        svg.group("stroke", Palette.GRID);
        for (Axis.Tick t : y.ticks()) {
            double ty = y.px(t.value(), bottom, top);
            svg.line(left, ty, left + plotW, ty, null, 1);
        }
        svg.end();
        svg.group("stroke", Palette.INK);
        svg.line(left, top, left, bottom, null, 1);
        svg.line(left, bottom, left + plotW, bottom, null, 1);
        svg.end();
        for (Axis.Tick t : y.ticks()) {
            double ty = y.px(t.value(), bottom, top);
            svg.line(left - TICK, ty, left, ty, Palette.INK, 1);
            if (yLabels) {
                svg.text(left - TICK - 3, ty + Svg.FONT * 0.35, t.label(), Anchor.END, 0, false, Palette.INK);
            }
        }
        List<String> cats = spec.categories();
        boolean apart = cats != null && spec.firstApart() && cats.size() > 1;
        if (apart) {
            double sx = left + plotW / cats.size();
            svg.dashed(sx, top, sx, bottom, Palette.GREY, "2,3");
        }
        if (cats != null) {
            for (int i = 0; i < cats.size(); i++) {
                double tx = catX(i, cats.size(), left, plotW);
                svg.line(tx, bottom, tx, bottom + TICK, Palette.INK, 1);
                svg.text(tx, bottom + TICK + Svg.FONT, cats.get(i), Anchor.MIDDLE, 0, false, Palette.INK);
            }
        } else if (x != null) {
            for (Axis.Tick t : x.ticks()) {
                double tx = x.px(t.value(), left, left + plotW);
                svg.line(tx, bottom, tx, bottom + TICK, Palette.INK, 1);
                svg.text(tx, bottom + TICK + Svg.FONT, t.label(), Anchor.MIDDLE, 0, false, Palette.INK);
            }
        }
        int m = panel.lines().size();
        for (int k = 0; k < m; k++) {
            Line line = panel.lines().get(k);
            String color = Palette.color(line.series());
            double dodge = cats != null ? (k - (m - 1) / 2.0) * Math.min(4, plotW / cats.size() / (m + 2)) : 0;
            List<double[]> pts = new ArrayList<>();
            List<Point> sorted = new ArrayList<>(line.points());
            sorted.sort(Comparator.comparingDouble(Point::x));
            for (Point p : sorted) {
                boolean placeable = cats != null ? p.x() >= 0 && p.x() < cats.size() : x != null && Double.isFinite(p.x());
                if (!placeable || !Double.isFinite(p.y()) || (y.log() && p.y() <= 0)) {
                    continue;
                }
                double px = (cats != null ? catX((int) p.x(), cats.size(), left, plotW)
                        : x.px(p.x(), left, left + plotW)) + dodge;
                pts.add(new double[] {px, y.px(p.y(), bottom, top), p.low(), p.high(), p.x()});
            }
            List<double[]> joined = apart ? pts.stream().filter(p -> p[4] != 0).toList() : pts;
            if (joined.size() > 1) {
                double[] xy = new double[joined.size() * 2];
                for (int i = 0; i < joined.size(); i++) {
                    xy[2 * i] = joined.get(i)[0];
                    xy[2 * i + 1] = joined.get(i)[1];
                }
                svg.polyline(color, 1.5, xy);
            }
            for (double[] p : pts) {
                if (Double.isFinite(p[2]) && Double.isFinite(p[3])) {
                    double y0 = y.px(p[2], bottom, top);
                    double y1 = y.px(p[3], bottom, top);
                    svg.group("stroke", color);
                    svg.line(p[0], y0, p[0], y1, null, 1);
                    svg.line(p[0] - 2.5, y0, p[0] + 2.5, y0, null, 1);
                    svg.line(p[0] - 2.5, y1, p[0] + 2.5, y1, null, 1);
                    svg.end();
                }
                Palette.marker(svg, Palette.shape(line.series()), p[0], p[1], ChartParts.MARKER, color, false);
            }
        }
    }

    private static double catX(int i, int n, double left, double plotW) {
        return left + (i + 0.5) * plotW / n;
    }

    /** Bold {@code s} cut with "…" to fit {@code width} at the default font size. */
    static String fit(String s, double width) {
        if (TextWidth.of(s, Svg.FONT, true) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && TextWidth.of(t + "…", Svg.FONT, true) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
