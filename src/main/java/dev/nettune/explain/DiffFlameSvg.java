package dev.nettune.explain;

import java.util.Locale;

/**
 * DiffFlameSvg draws a {@link Differential} as a self-contained SVG flame graph (no script, no
 * external resource; a frame's tooltip is its {@code <title>}). A frame's width is the mean of its
 * two normalized values, so a frame either JVM spends time in is visible and widths add up from
 * callee to caller; its colour is the change from baseline to candidate: red where the candidate
 * spends more, blue where it spends less, grey where they agree, by the square root of the change
 * over the largest change (small changes stay visible). Root at the bottom.
 */
public final class DiffFlameSvg {
    /** Width of the drawing, px. */
    static final int WIDTH = 1200;
    /** Height of one frame, px. */
    static final int FRAME = 16;
    /** Frames narrower than this are left out (their callers still count them), px. */
    static final double MIN_WIDTH = 0.3;
    /** Average width of a character of the 11 px label font, px: how much of a name fits a frame. */
    static final double CHAR = 6.6;
    private static final int PAD = 10;
    private static final int HEADER = 58;

    private DiffFlameSvg() {
    }

    /**
     * The SVG of {@code d}, titled {@code title}, with the JVMs named {@code baseline} and
     * {@code candidate} in the legend and tooltips.
     */
    public static String render(Differential d, String title, String baseline, String candidate) {
        Differential.Node root = d.root();
        int depth = root.depth() + 1;
        int height = HEADER + depth * FRAME + PAD + 20;
        double total = mean(root);
        double max = d.maxAbsDelta();
        String unit = d.normalization().unit();
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"Verdana, DejaVu Sans, sans-serif\" font-size=\"11\">\n");
        s.append("<rect x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#fdfdfd\"/>\n");
        s.append(text(PAD, 18, 15, "bold", title));
        s.append(text(PAD, 36, 11, "normal", "width: mean of " + baseline + " and " + candidate + " in " + unit
                + " (" + d.normalization().description() + ")"));
        s.append("<rect x=\"").append(PAD).append("\" y=\"42\" width=\"12\" height=\"10\" fill=\"").append(colour(1)).append("\"/>");
        s.append(text(PAD + 16, 51, 11, "normal", "more on " + candidate));
        s.append("<rect x=\"").append(PAD + 130).append("\" y=\"42\" width=\"12\" height=\"10\" fill=\"").append(colour(-1)).append("\"/>");
        s.append(text(PAD + 146, 51, 11, "normal", "less on " + candidate));
        s.append("<rect x=\"").append(PAD + 260).append("\" y=\"42\" width=\"12\" height=\"10\" fill=\"").append(colour(0)).append("\"/>");
        s.append(text(PAD + 276, 51, 11, "normal", "no change. Whole profile: " + baseline + " " + fmt(root.a()) + ", " + candidate
                + " " + fmt(root.b()) + " " + unit + ". Hover a frame for its values."));
        if (total > 0) {
            double scale = (WIDTH - 2.0 * PAD) / total;
            frame(s, root, PAD, 0, depth, scale, max, baseline, candidate, unit, height);
        } else {
            s.append(text(PAD, HEADER + 20, 12, "normal", "no samples on either JVM"));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void frame(StringBuilder s, Differential.Node n, double x, int level, int depth, double scale, double max,
                              String baseline, String candidate, String unit, int height) {
        double w = mean(n) * scale;
        if (w < MIN_WIDTH) {
            return;
        }
        double y = height - PAD - (level + 1) * FRAME;
        double t = max > 0 ? n.delta() / max : 0;
        String tip = n.name() + "\n" + baseline + ": " + fmt(n.a()) + " " + unit + " (self " + fmt(n.selfA()) + ")\n"
                + candidate + ": " + fmt(n.b()) + " " + unit + " (self " + fmt(n.selfB()) + ")\nchange: "
                + (n.delta() >= 0 ? "+" : "") + fmt(n.delta()) + " " + unit
                + (n.a() > 0 ? String.format(Locale.ROOT, " (%+.0f%%)", 100 * n.delta() / n.a()) : n.b() > 0 ? " (only on " + candidate + ")" : "");
        s.append("<g><title>").append(escape(tip)).append("</title><rect x=\"").append(num(x)).append("\" y=\"").append(num(y))
                .append("\" width=\"").append(num(w)).append("\" height=\"").append(FRAME - 1).append("\" rx=\"2\" fill=\"")
                .append(colour(t)).append("\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>");
        int fits = (int) ((w - 6) / CHAR);
        if (fits >= 3) {
            String label = n.name().length() <= fits ? n.name() : n.name().substring(0, fits - 2) + "..";
            s.append("<text x=\"").append(num(x + 3)).append("\" y=\"").append(num(y + FRAME - 4)).append("\">").append(escape(label))
                    .append("</text>");
        }
        s.append("</g>\n");
        double cx = x;
        for (Differential.Node c : n.children()) {
            frame(s, c, cx, level + 1, depth, scale, max, baseline, candidate, unit, height);
            cx += mean(c) * scale;
        }
    }

    private static double mean(Differential.Node n) {
        return (n.a() + n.b()) / 2;
    }

    /** Fill for a change {@code t} in [-1, 1]: grey at 0, red towards +1, blue towards -1. */
    static String colour(double t) {
        double k = Math.sqrt(Math.min(1, Math.abs(t)));
        int[] grey = {221, 221, 221};
        int[] end = t >= 0 ? new int[]{214, 39, 40} : new int[]{31, 100, 210};
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(grey[0], end[0], k), mix(grey[1], end[1], k), mix(grey[2], end[2], k));
    }

    private static int mix(int from, int to, double k) {
        return (int) Math.round(from + (to - from) * k);
    }

    private static String text(double x, double y, int size, String weight, String body) {
        return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + size + "\" font-weight=\"" + weight + "\">"
                + escape(body) + "</text>\n";
    }

    /** A value with three significant digits, without exponent for everyday magnitudes. */
    static String fmt(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
