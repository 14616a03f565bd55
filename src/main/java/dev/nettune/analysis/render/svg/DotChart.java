package dev.nettune.analysis.render.svg;

import dev.nettune.analysis.render.svg.Svg.Anchor;
import java.util.ArrayList;
import java.util.List;

/**
 * A DotChart is a grid of panels sharing labelled rows and one horizontal value axis: in each row,
 * one dot per series with its interval, the series dodged vertically so they never overlap. It suits
 * categories that have no order (strategies, workloads) and data whose shape is unknown.
 */
public final class DotChart {

    /** Plot width of one panel, px. */
    public static final double PLOT_WIDTH = 230;
    /** Panels side by side are limited so the chart stays about this wide, px. */
    public static final double MAX_WIDTH = 1100;
    static final double GAP = 22;
    static final double TICK = 4;
    static final double SERIES_STEP = 7;

    /** A Dot is one value of a series in a row, with its interval; NaN bounds: none. */
    public record Dot(int row, int series, double value, double low, double high) {
    }

    /** A Panel is a titled set of dots over the shared rows. */
    public record Panel(String title, List<Dot> dots) {
    }

    /**
     * A Spec is what to draw.
     *
     * @param title   the chart's title
     * @param notes   grey lines under the title
     * @param rows    row labels, top to bottom
     * @param xLabel  the values' unit and direction
     * @param series  series names, indexed by {@link Dot#series()}
     * @param panels  the panels, in reading order
     * @param caption lines under the legend
     */
    public record Spec(String title, List<String> notes, List<String> rows, String xLabel, List<String> series,
                       List<Panel> panels, List<String> caption) {
    }

    private DotChart() {
    }

    /** The SVG document of {@code spec}. */
    public static String render(Spec spec) {
        List<Double> c = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (Panel p : spec.panels()) {
            for (Dot d : p.dots()) {
                c.add(d.value());
                lo.add(d.low());
                hi.add(d.high());
            }
        }
        Axis x = ValueAxis.of(LineChart.unbox(c), LineChart.unbox(lo), LineChart.unbox(hi), false);
        double labelW = TextWidth.max(spec.rows(), Svg.FONT) + 8;
        List<String> ticks = x.ticks().stream().map(Axis.Tick::label).toList();
        double tickOverhang = TextWidth.of(ticks.get(ticks.size() - 1), Svg.FONT) / 2 + 2;
        int fit = (int) Math.floor((MAX_WIDTH - 2 * ChartParts.MARGIN - labelW + GAP) / (PLOT_WIDTH + GAP));
        int cols = Math.max(1, Math.min(spec.panels().size(), fit));
        int prow = Math.max(1, (spec.panels().size() + cols - 1) / cols);
        double gridW = cols * PLOT_WIDTH + (cols - 1) * GAP;
        double left = ChartParts.MARGIN + labelW;
        double width = Math.max(left + gridW + Math.max(ChartParts.MARGIN, tickOverhang), 480);
        double textW = width - 2 * ChartParts.MARGIN;

        int n = Math.max(1, spec.series().size());
        double rowH = Math.max(Svg.FONT * 1.6, 8 + SERIES_STEP * n);
        double plotH = rowH * Math.max(1, spec.rows().size());
        ChartParts.Text title = ChartParts.Text.of(List.of(spec.title()), ChartParts.TITLE, true, Palette.INK, textW);
        ChartParts.Text notes = ChartParts.Text.of(spec.notes(), Svg.FONT, false, ChartParts.NOTE_INK, textW);
        ChartParts.Text xText = ChartParts.Text.of(List.of(spec.xLabel() + (x.log() ? ", log scale" : "")), Svg.FONT, true,
                Palette.INK, textW);
        List<ChartParts.Item> items = new ArrayList<>();
        for (int i = 0; i < spec.series().size(); i++) {
            items.add(new ChartParts.Item(spec.series().get(i), Palette.shape(i), Palette.color(i), false, false));
        }
        ChartParts.Legend legend = ChartParts.Legend.of(items, textW);
        ChartParts.Text caption = ChartParts.Text.of(spec.caption(), Svg.FONT, false, ChartParts.NOTE_INK, textW);
        boolean titled = spec.panels().stream().anyMatch(p -> !p.title().isEmpty());
        double panelTitleH = titled ? Svg.FONT * 1.8 : 4;
        double cellH = panelTitleH + plotH + TICK + Svg.FONT * 1.6 + 8;
        double top = ChartParts.MARGIN + title.height() + notes.height() + 6;
        double height = top + prow * cellH + 4 + xText.height() + 6 + legend.height() + 4 + caption.height()
                + ChartParts.MARGIN;

        Svg svg = new Svg(width, height, spec.title());
        double cy = title.draw(svg, ChartParts.MARGIN, ChartParts.MARGIN);
        notes.draw(svg, ChartParts.MARGIN, cy);
        for (int i = 0; i < spec.panels().size(); i++) {
            double px = left + (i % cols) * (PLOT_WIDTH + GAP);
            double py = top + (i / cols) * cellH + panelTitleH;
            drawPanel(svg, spec, spec.panels().get(i), x, px, py, rowH, plotH, i % cols == 0);
        }
        cy = top + prow * cellH + 4;
        cy = xText.draw(svg, ChartParts.centered(xText, left + gridW / 2, width), cy) + 6;
        cy = legend.draw(svg, ChartParts.MARGIN, cy) + 4;
        caption.draw(svg, ChartParts.MARGIN, cy);
        return svg.finish();
    }

    private static void drawPanel(Svg svg, Spec spec, Panel panel, Axis x, double left, double top, double rowH,
                                  double plotH, boolean rowLabels) {
        double bottom = top + plotH;
        double right = left + PLOT_WIDTH;
        if (!panel.title().isEmpty()) {
            svg.text(left + PLOT_WIDTH / 2, top - 7, LineChart.fit(panel.title(), PLOT_WIDTH + GAP - 4),
                    Anchor.MIDDLE, 0, true, Palette.INK);
        }
        for (int r = 0; r < spec.rows().size(); r++) {
            if (r % 2 == 1) {
                svg.rect(left, top + r * rowH, PLOT_WIDTH, rowH, "#f4f4f4", null);
            }
            if (rowLabels) {
                svg.text(left - 6, top + r * rowH + rowH / 2 + Svg.FONT * 0.35, spec.rows().get(r), Anchor.END, 0,
                        false, Palette.INK);
            }
        }
        svg.group("stroke", Palette.GRID);
        for (Axis.Tick t : x.ticks()) {
            double tx = x.px(t.value(), left, right);
            svg.line(tx, top, tx, bottom, null, 1);
        }
        svg.end();
        svg.line(left, bottom, right, bottom, Palette.INK, 1);
        for (Axis.Tick t : x.ticks()) {
            double tx = x.px(t.value(), left, right);
            svg.line(tx, bottom, tx, bottom + TICK, Palette.INK, 1);
            svg.text(tx, bottom + TICK + Svg.FONT, t.label(), Anchor.MIDDLE, 0, false, Palette.INK);
        }
        int n = Math.max(1, spec.series().size());
        for (Dot d : panel.dots()) {
            if (!Double.isFinite(d.value()) || (x.log() && d.value() <= 0) || d.row() < 0 || d.row() >= spec.rows().size()) {
                continue;
            }
            double cy = top + d.row() * rowH + rowH / 2 + (d.series() - (n - 1) / 2.0) * SERIES_STEP;
            String color = Palette.color(d.series());
            if (Double.isFinite(d.low()) && Double.isFinite(d.high())) {
                svg.line(x.px(d.low(), left, right), cy, x.px(d.high(), left, right), cy, color, 1.2);
            }
            Palette.marker(svg, Palette.shape(d.series()), x.px(d.value(), left, right), cy, ChartParts.MARKER, color, false);
        }
    }
}
