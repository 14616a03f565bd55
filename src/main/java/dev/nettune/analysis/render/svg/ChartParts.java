package dev.nettune.analysis.render.svg;

import dev.nettune.analysis.render.svg.Svg.Anchor;
import java.util.ArrayList;
import java.util.List;

/**
 * ChartParts are the text parts every chart shares, sized before drawing: a header (bold title and grey
 * notes), a legend that flows into as many rows as the width needs, and a caption. Every line is
 * wrapped to the chart's width by {@link TextWidth}, so nothing is clipped.
 */
final class ChartParts {

    /** Outer margin, px. */
    static final double MARGIN = 12;
    /** Title font size, px. */
    static final double TITLE = 14;
    /** Line height as a multiple of the font size. */
    static final double LEADING = 1.35;
    /** Radius of a marker, px. */
    static final double MARKER = 3.6;
    /** Colour of notes and captions. */
    static final String NOTE_INK = "#555";

    private ChartParts() {
    }

    /** The x at which {@code t} starts to be centred on {@code center}, kept inside a canvas {@code width} wide. */
    static double centered(Text t, double center, double width) {
        double w = TextWidth.max(t.lines(), t.size(), t.bold());
        return Math.max(MARGIN, Math.min(center - w / 2, width - MARGIN - w));
    }

    /** A Text is wrapped lines of one size and weight. */
    record Text(List<String> lines, double size, boolean bold, String fill) {

        static Text of(List<String> paragraphs, double size, boolean bold, String fill, double width) {
            List<String> lines = new ArrayList<>();
            for (String p : paragraphs) {
                if (!p.isEmpty()) {
                    lines.addAll(TextWidth.wrap(p, size, bold, width));
                }
            }
            return new Text(lines, size, bold, fill);
        }

        double height() {
            return lines.size() * size * LEADING;
        }

        /** Draws the lines from {@code top}; returns the y below them. */
        double draw(Svg svg, double x, double top) {
            double y = top;
            for (String l : lines) {
                svg.text(x, y + size, l, Anchor.START, size, bold, fill);
                y += size * LEADING;
            }
            return y;
        }
    }

    /**
     * An Item is one legend entry: a marker of a shape and colour, filled or hollow, optionally with
     * a short interval bar through it, and its label.
     */
    record Item(String label, Palette.Shape shape, String color, boolean hollow, boolean bar) {
    }

    /** A Legend is items laid out in rows no wider than a width. */
    record Legend(List<List<Item>> rows) {

        static final double ROW = Svg.FONT * 1.6;
        static final double KEY = 18;
        static final double GAP = 16;

        static Legend of(List<Item> items, double width) {
            List<List<Item>> rows = new ArrayList<>();
            List<Item> row = new ArrayList<>();
            double used = 0;
            for (Item it : items) {
                double w = itemWidth(it);
                if (!row.isEmpty() && used + w > width) {
                    rows.add(row);
                    row = new ArrayList<>();
                    used = 0;
                }
                row.add(it);
                used += w + GAP;
            }
            if (!row.isEmpty()) {
                rows.add(row);
            }
            return new Legend(rows);
        }

        /** Width of an item's key and label. */
        static double itemWidth(Item it) {
            return KEY + TextWidth.of(it.label(), Svg.FONT);
        }

        double height() {
            return rows.size() * ROW;
        }

        /** Draws the rows from {@code top}; returns the y below them. */
        double draw(Svg svg, double left, double top) {
            double y = top;
            for (List<Item> row : rows) {
                double x = left;
                double mid = y + ROW / 2;
                for (Item it : row) {
                    if (it.bar()) {
                        svg.line(x + 1, mid, x + 13, mid, it.color(), 1.2);
                    }
                    Palette.marker(svg, it.shape(), x + 7, mid, MARKER, it.color(), it.hollow());
                    svg.text(x + KEY, mid + Svg.FONT * 0.35, it.label(), Anchor.START, 0, false, null);
                    x += itemWidth(it) + GAP;
                }
                y += ROW;
            }
            return y;
        }
    }
}
