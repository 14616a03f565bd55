package dev.nettune.analysis.render.svg;

import dev.nettune.analysis.render.svg.Svg.Anchor;
import java.util.ArrayList;
import java.util.List;

/**
 * A ForestChart is a forest plot of ratios: one row per comparison, its estimate and interval on a
 * logarithmic axis, a vertical line at 1.0, a label column on the left and a text column on the
 * right. Rows are drawn in the order given. A row's mark says what it claims: better or worse
 * (filled, coloured), no detectable difference (hollow, grey, with its interval), or no claim
 * possible (hollow, grey, no interval).
 *
 * <p>The axis is zoomed to the rows that fit within [1/{@link #ZOOM}, {@link #ZOOM}] (their estimates
 * and intervals) and 1.0: JVM differences are mostly within a few percent, and one collapsed point (a
 * ratio of 100) or one erratic interval must not squash all others into a few pixels around 1. Without
 * any such row the axis covers everything within [1/{@link #MAX_RANGE}, {@link #MAX_RANGE}]. An
 * interval reaching beyond the axis ends in an arrow at the edge; an estimate beyond it is drawn as an
 * arrow head at the edge with its value written beside it, and the right column holds the numbers.
 */
public final class ForestChart {

    /** Width of the plot area, px. */
    public static final double PLOT_WIDTH = 360;
    /** Height of one row, px. */
    public static final double ROW = 18;
    /** The axis never extends (much) beyond this factor either side of 1. */
    public static final double MAX_RANGE = 4;
    /** Rows whose estimate and interval lie within this factor of 1 decide the axis; the others are clipped. */
    public static final double ZOOM = 1.5;
    /** Colour of better rows. */
    public static final String BETTER_COLOR = "#0072B2";
    /** Colour of worse rows. */
    public static final String WORSE_COLOR = "#D55E00";
    static final double COLUMN_GAP = 10;
    /** Line height of the side texts over the plot, in font sizes. */
    static final double LEADING_ROWS = 1.5;

    /** A Mark is what a row claims, which decides how it is drawn. */
    public enum Mark { BETTER, WORSE, SAME, NO_CLAIM }

    /**
     * A Row is one comparison.
     *
     * @param label left column text
     * @param value the ratio (NaN: none, the row shows only its texts)
     * @param low   lower interval bound (NaN: no interval)
     * @param high  upper interval bound (NaN: no interval)
     * @param mark  what the row claims
     * @param right right column text (estimate, interval, n)
     */
    public record Row(String label, double value, double low, double high, Mark mark, String right) {
    }

    /**
     * A Spec is what to draw.
     *
     * @param title     the chart's title
     * @param notes     grey lines under the title
     * @param leftSide  text over the left end of the axis (what a ratio below 1 means)
     * @param rightSide text over the right end of the axis (what a ratio above 1 means)
     * @param xLabel    what the axis shows
     * @param rightHead heading of the right column
     * @param rows      the rows, top to bottom
     * @param legend    legend texts for BETTER, WORSE, SAME and NO_CLAIM, in that order
     * @param caption   lines under the legend
     */
    public record Spec(String title, List<String> notes, String leftSide, String rightSide, String xLabel,
                       String rightHead, List<Row> rows, List<String> legend, List<String> caption) {
    }

    private final Spec spec;
    private final Axis axis;
    private final double plotLeft;
    private final double plotTop;
    private final double width;
    private final double height;
    private final ChartParts.Text title;
    private final ChartParts.Text notes;
    private final ChartParts.Text xText;
    private final ChartParts.Legend legend;
    private final ChartParts.Text caption;
    private final double sidesH;
    /** True when the axis is zoomed to the rows within {@link #ZOOM}; false when it falls back to {@link #MAX_RANGE}. */
    private final boolean zoomed;

    /** Lays out {@code spec}. */
    public ForestChart(Spec spec) {
        this.spec = spec;
        double lo = 1;
        double hi = 1;
        boolean zoomed = false;
        for (Row r : spec.rows()) {
            double[] vs = {r.value(), r.low(), r.high()};
            boolean inside = java.util.Arrays.stream(vs).filter(v -> Double.isFinite(v) && v > 0)
                    .allMatch(v -> v >= 1 / ZOOM && v <= ZOOM);
            for (double v : vs) {
                // a row within the zoom counts whole; of the others only an estimate within it counts
                if (Double.isFinite(v) && v > 0 && (inside || v == r.value()) && v >= 1 / ZOOM && v <= ZOOM) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    zoomed = true;
                }
            }
        }
        this.zoomed = zoomed;
        if (!zoomed) {
            for (Row r : spec.rows()) {
                for (double v : new double[] {r.value(), r.low(), r.high()}) {
                    if (Double.isFinite(v) && v > 0) {
                        lo = Math.min(lo, Math.max(v, 1 / MAX_RANGE));
                        hi = Math.max(hi, Math.min(v, MAX_RANGE));
                    }
                }
            }
        }
        this.axis = Axis.log(lo, hi);
        List<String> labels = spec.rows().stream().map(Row::label).toList();
        List<String> rights = spec.rows().stream().map(Row::right).toList();
        double labelW = TextWidth.max(labels, Svg.FONT);
        double rightW = Math.max(TextWidth.max(rights, Svg.FONT), TextWidth.of(spec.rightHead(), Svg.FONT, true));
        List<String> tickLabels = axis.ticks().stream().map(Axis.Tick::label).toList();
        double overhang = TextWidth.of(tickLabels.get(0), Svg.FONT) / 2;
        this.plotLeft = ChartParts.MARGIN + Math.max(labelW + COLUMN_GAP, overhang);
        this.width = Math.max(plotLeft + PLOT_WIDTH + COLUMN_GAP + rightW + ChartParts.MARGIN, 520);
        double textW = width - 2 * ChartParts.MARGIN;
        this.title = ChartParts.Text.of(List.of(spec.title()), ChartParts.TITLE, true, Palette.INK, textW);
        this.notes = ChartParts.Text.of(spec.notes(), Svg.FONT, false, ChartParts.NOTE_INK, textW);
        this.xText = ChartParts.Text.of(List.of(spec.xLabel()), Svg.FONT, true, Palette.INK, textW);
        List<ChartParts.Item> items = List.of(
                new ChartParts.Item(spec.legend().get(0), Palette.Shape.CIRCLE, BETTER_COLOR, false, true),
                new ChartParts.Item(spec.legend().get(1), Palette.Shape.DIAMOND, WORSE_COLOR, false, true),
                new ChartParts.Item(spec.legend().get(2), Palette.Shape.CIRCLE, Palette.GREY, true, true),
                new ChartParts.Item(spec.legend().get(3), Palette.Shape.SQUARE, Palette.GREY, true, false));
        this.legend = ChartParts.Legend.of(items, textW);
        List<String> captions = new ArrayList<>(spec.caption());
        boolean clipped = spec.rows().stream().anyMatch(r -> outside(r.value()) || outside(r.low()) || outside(r.high()));
        if (clipped) {
            captions.add((zoomed ? "The axis is zoomed to the rows within " + Axis.label(java.math.BigDecimal.valueOf(ZOOM))
                    + "× of 1; beyond it" : "Beyond " + Axis.label(java.math.BigDecimal.valueOf(1 / MAX_RANGE)) + "× or "
                    + Axis.label(java.math.BigDecimal.valueOf(MAX_RANGE)) + "×") + " a point or interval is cut at the edge "
                    + "with an arrow, a point's value written beside it; the right column gives every value.");
        }
        this.caption = ChartParts.Text.of(captions, Svg.FONT, false, ChartParts.NOTE_INK, textW);
        // the side texts sit over the plot's two ends; when they do not fit side by side, over each other
        double sideW = TextWidth.of(spec.leftSide(), Svg.FONT, true) + TextWidth.of(spec.rightSide(), Svg.FONT, true) + 12;
        this.sidesH = Svg.FONT * LEADING_ROWS * (sideW <= PLOT_WIDTH ? 1 : 2);
        this.plotTop = ChartParts.MARGIN + title.height() + notes.height() + 8 + sidesH;
        double plotH = ROW * Math.max(1, spec.rows().size());
        this.height = plotTop + plotH + 4 + Svg.FONT * 1.6 + xText.height() + 6 + legend.height() + 4
                + caption.height() + ChartParts.MARGIN;
    }

    /** The value of a point beyond the axis, as written beside its arrow: "102×", "0.012×". */
    static String clippedValue(double v) {
        String t = v >= 99.5 ? String.format(java.util.Locale.ROOT, "%.0f", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return t + "×";
    }

    private boolean outside(double v) {
        return Double.isFinite(v) && v > 0 && !axis.contains(v);
    }

    /** The axis of the plot. */
    public Axis axis() {
        return axis;
    }

    /** The x pixel of {@code ratio} on the plot (clamped to the axis). */
    public double x(double ratio) {
        return axis.px(ratio, plotLeft, plotLeft + PLOT_WIDTH);
    }

    /** The y pixel of the centre of row {@code i}. */
    public double rowY(int i) {
        return plotTop + i * ROW + ROW / 2;
    }

    /** Top and bottom y pixels of the plot area. */
    public double plotTop() {
        return plotTop;
    }

    public double plotBottom() {
        return plotTop + ROW * Math.max(1, spec.rows().size());
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** The SVG document. */
    public String render() {
        Svg svg = new Svg(width, height, spec.title());
        double cy = title.draw(svg, ChartParts.MARGIN, ChartParts.MARGIN);
        cy = notes.draw(svg, ChartParts.MARGIN, cy) + 8;
        double right = plotLeft + PLOT_WIDTH;
        double sideRightW = TextWidth.of(spec.rightSide(), Svg.FONT, true);
        if (sidesH > Svg.FONT * LEADING_ROWS) {
            svg.text(Math.max(ChartParts.MARGIN, right - sideRightW), cy + Svg.FONT, spec.rightSide(), Anchor.START, 0,
                    true, BETTER_COLOR);
            svg.text(plotLeft, cy + Svg.FONT * (1 + LEADING_ROWS), spec.leftSide(), Anchor.START, 0, true, WORSE_COLOR);
        } else {
            svg.text(plotLeft, cy + Svg.FONT, spec.leftSide(), Anchor.START, 0, true, WORSE_COLOR);
            svg.text(right, cy + Svg.FONT, spec.rightSide(), Anchor.END, 0, true, BETTER_COLOR);
        }
        svg.text(right + COLUMN_GAP, plotTop - 4, spec.rightHead(), Anchor.START, 0, true, Palette.INK);
        double bottom = plotBottom();
        for (int i = 0; i < spec.rows().size(); i++) {
            if (i % 2 == 1) {
                svg.rect(ChartParts.MARGIN, plotTop + i * ROW, width - 2 * ChartParts.MARGIN, ROW, "#f4f4f4", null);
            }
        }
        svg.group("stroke", Palette.GRID);
        for (Axis.Tick t : axis.ticks()) {
            svg.line(x(t.value()), plotTop, x(t.value()), bottom, null, 1);
        }
        svg.end();
        svg.line(plotLeft, bottom, right, bottom, Palette.INK, 1);
        for (Axis.Tick t : axis.ticks()) {
            svg.line(x(t.value()), bottom, x(t.value()), bottom + 4, Palette.INK, 1);
            svg.text(x(t.value()), bottom + 4 + Svg.FONT, t.label(), Anchor.MIDDLE, 0, false, Palette.INK);
        }
        svg.line(x(1), plotTop - 2, x(1), bottom, Palette.INK, 1.2);
        for (int i = 0; i < spec.rows().size(); i++) {
            drawRow(svg, spec.rows().get(i), rowY(i), right);
        }
        cy = bottom + 4 + Svg.FONT * 1.6;
        cy = xText.draw(svg, ChartParts.centered(xText, plotLeft + PLOT_WIDTH / 2, width), cy) + 6;
        cy = legend.draw(svg, ChartParts.MARGIN, cy) + 4;
        caption.draw(svg, ChartParts.MARGIN, cy);
        return svg.finish();
    }

    private void drawRow(Svg svg, Row r, double y, double right) {
        double base = y + Svg.FONT * 0.35;
        svg.text(plotLeft - COLUMN_GAP, base, r.label(), Anchor.END, 0, false, Palette.INK);
        svg.text(right + COLUMN_GAP, base, r.right(), Anchor.START, 0, false, Palette.INK);
        if (!Double.isFinite(r.value()) || r.value() <= 0) {
            return;
        }
        String color = switch (r.mark()) {
            case BETTER -> BETTER_COLOR;
            case WORSE -> WORSE_COLOR;
            default -> Palette.GREY;
        };
        boolean interval = r.mark() != Mark.NO_CLAIM && Double.isFinite(r.low()) && Double.isFinite(r.high())
                && r.low() > 0;
        if (interval) {
            double x0 = x(r.low());
            double x1 = x(r.high());
            svg.line(x0, y, x1, y, color, 1.6);
            if (r.low() < axis.min()) {
                svg.polygon(color, null, x0 - 1, y, x0 + 5, y - 3.5, x0 + 5, y + 3.5);
            }
            if (r.high() > axis.max()) {
                svg.polygon(color, null, x1 + 1, y, x1 - 5, y - 3.5, x1 - 5, y + 3.5);
            }
        }
        Palette.Shape shape = switch (r.mark()) {
            case WORSE -> Palette.Shape.DIAMOND;
            case NO_CLAIM -> Palette.Shape.SQUARE;
            default -> Palette.Shape.CIRCLE;
        };
        boolean filled = r.mark() == Mark.BETTER || r.mark() == Mark.WORSE;
        if (outside(r.value())) {
            // off the scale: an arrow head at the edge, pointing the way the value lies
            double xe = x(r.value());
            double dir = r.value() > axis.max() ? 1 : -1;
            svg.polygon(filled ? color : "#fff", color, xe + dir * 2, y, xe - dir * 6, y - 5, xe - dir * 6, y + 5);
            svg.text(xe - dir * 9, y - 3, clippedValue(r.value()), dir > 0 ? Anchor.END : Anchor.START, 0, true, color);
            return;
        }
        Palette.marker(svg, shape, x(r.value()), y, 4, color, !filled);
    }
}
