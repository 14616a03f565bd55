package dev.nettune.analysis.render.svg;

/**
 * Palette gives each series of a chart a colour and a marker shape, so that series stay apart in
 * grey print and for colour-blind readers: the Okabe–Ito colours (yellow left out: too pale on
 * white) cycle with a period of 7 and the shapes with a period of 6, so the first 42 series all
 * differ in colour or shape.
 */
public final class Palette {

    /** Okabe–Ito colours without yellow. */
    static final String[] COLORS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"};
    /** Grey for reference lines, grid lines and "no claim" marks. */
    public static final String GREY = "#777";
    /** Light grey for grid lines. */
    public static final String GRID = "#e3e3e3";
    /** Colour of text and axes. */
    public static final String INK = "#222";

    /** A Shape is a marker shape. */
    public enum Shape { CIRCLE, SQUARE, TRIANGLE, DIAMOND, TRIANGLE_DOWN, CROSS }

    private Palette() {
    }

    /** The colour of series {@code i}. */
    public static String color(int i) {
        return COLORS[Math.floorMod(i, COLORS.length)];
    }

    /** The marker shape of series {@code i}. */
    public static Shape shape(int i) {
        return Shape.values()[Math.floorMod(i, Shape.values().length)];
    }

    /**
     * Draws a marker of {@code shape} centred on ({@code x}, {@code y}) with radius {@code r}: filled
     * with {@code color}, or white with a {@code color} outline when {@code hollow}.
     */
    public static void marker(Svg svg, Shape shape, double x, double y, double r, String color, boolean hollow) {
        String fill = hollow ? "#fff" : color;
        switch (shape) {
            case CIRCLE -> svg.circle(x, y, r, fill, color);
            case SQUARE -> svg.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, fill, color);
            case TRIANGLE -> svg.polygon(fill, color, x, y - r * 1.15, x + r * 1.1, y + r * 0.8, x - r * 1.1, y + r * 0.8);
            case TRIANGLE_DOWN -> svg.polygon(fill, color, x, y + r * 1.15, x + r * 1.1, y - r * 0.8, x - r * 1.1, y - r * 0.8);
            case DIAMOND -> svg.polygon(fill, color, x, y - r * 1.2, x + r * 1.2, y, x, y + r * 1.2, x - r * 1.2, y);
            case CROSS -> {
                double a = r * 1.2;
                double b = r * 0.4;
                svg.polygon(fill, color, x - b, y - a, x + b, y - a, x + b, y - b, x + a, y - b, x + a, y + b, x + b, y + b,
                        x + b, y + a, x - b, y + a, x - b, y + b, x - a, y + b, x - a, y - b, x - b, y - b);
            }
            default -> throw new IllegalStateException("unknown shape " + shape);
        }
    }
}
