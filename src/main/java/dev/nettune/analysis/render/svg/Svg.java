package dev.nettune.analysis.render.svg;

/**
 * An Svg is a small SVG document being written: a fixed-size canvas with a white background, a
 * {@code <title>} for screen readers, and elements appended in drawing order.
 *
 * <p>Coordinates are written with one decimal at most, and a coordinate that is NaN or infinite is a
 * bug in the caller: it throws instead of producing a file that browsers draw wrongly or not at all.
 * Text is real {@code <text>} in the generic {@code sans-serif} family, escaped for XML. No element
 * carries an id and there is no stylesheet, so documents can be inlined side by side in HTML.
 */
public final class Svg {

    /** Default font size of the document, px. */
    public static final double FONT = 11;

    /** An Anchor is where a text's x coordinate sits: at its start, middle or end. */
    public enum Anchor { START, MIDDLE, END }

    private final StringBuilder out = new StringBuilder(8192);
    private final double width;
    private final double height;

    /** Starts a document of {@code width} × {@code height} px whose accessible name is {@code title}. */
    public Svg(double width, double height, String title) {
        this.width = width;
        this.height = height;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(width)).append("\" height=\"")
                .append(num(height)).append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" font-family=\"sans-serif\" font-size=\"").append(num(FONT)).append("\" role=\"img\">\n<title>")
                .append(escape(title)).append("</title>\n");
        rect(0, 0, width, height, "#fff", null);
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** Opens a group whose attributes (given as name, value, ...) its children inherit. */
    public Svg group(Object... attributes) {
        return open("g", attributes);
    }

    /** Closes the innermost group. */
    public Svg end() {
        out.append("</g>\n");
        return this;
    }

    /** A straight line; {@code stroke} null inherits. */
    public Svg line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth) {
        return element("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", stroke,
                "stroke-width", strokeWidth == 1 ? null : strokeWidth);
    }

    /** A dashed line. */
    public Svg dashed(double x1, double y1, double x2, double y2, String stroke, String dashArray) {
        return element("line", "x1", x1, "y1", y1, "x2", x2, "y2", y2, "stroke", stroke, "stroke-dasharray", dashArray);
    }

    /** A rectangle; a null fill or stroke is left out (inherited). */
    public Svg rect(double x, double y, double w, double h, String fill, String stroke) {
        return element("rect", "x", x, "y", y, "width", w, "height", h, "fill", fill, "stroke", stroke);
    }

    /** A circle; a null fill or stroke is left out (inherited). */
    public Svg circle(double cx, double cy, double r, String fill, String stroke) {
        return element("circle", "cx", cx, "cy", cy, "r", r, "fill", fill, "stroke", stroke);
    }

    /** A closed polygon through {@code xy} = x0, y0, x1, y1, ... */
    public Svg polygon(String fill, String stroke, double... xy) {
        return element("polygon", "points", points(xy), "fill", fill, "stroke", stroke);
    }

    /** An open line through {@code xy} = x0, y0, x1, y1, ... */
    public Svg polyline(String stroke, double strokeWidth, double... xy) {
        return element("polyline", "points", points(xy), "fill", "none", "stroke", stroke,
                "stroke-width", strokeWidth == 1 ? null : strokeWidth);
    }

    /** One line of text at ({@code x}, baseline {@code y}); size 0 keeps the document's size, fill null inherits. */
    public Svg text(double x, double y, String s, Anchor anchor, double size, boolean bold, String fill) {
        open("text", "x", x, "y", y,
                "text-anchor", anchor == Anchor.START ? null : anchor == Anchor.MIDDLE ? "middle" : "end",
                "font-size", size == 0 || size == FONT ? null : size, "font-weight", bold ? "bold" : null, "fill", fill);
        out.setLength(out.length() - 1); // text content goes on the same line as its tag
        out.append(escape(s)).append("</text>\n");
        return this;
    }

    /** The finished document. */
    public String finish() {
        return out + "</svg>\n";
    }

    private Svg element(String tag, Object... attributes) {
        open(tag, attributes);
        out.setLength(out.length() - 2);
        out.append("/>\n");
        return this;
    }

    private Svg open(String tag, Object... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            Object v = attributes[i + 1];
            if (v == null) {
                continue;
            }
            out.append(' ').append(attributes[i]).append("=\"");
            if (v instanceof Double d) {
                out.append(num(d));
            } else if (v instanceof Integer n) {
                out.append(n);
            } else {
                out.append(escape(v.toString()));
            }
            out.append('"');
        }
        out.append(">\n");
        return this;
    }

    private static String points(double... xy) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(num(xy[i])).append(',').append(num(xy[i + 1]));
        }
        return sb.toString();
    }

    /** A coordinate rounded to 0.1 without trailing zeros; throws on NaN and infinities. */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("non-finite coordinate in chart: " + v);
        }
        long tenths = Math.round(v * 10);
        String sign = tenths < 0 ? "-" : "";
        long a = Math.abs(tenths);
        return a % 10 == 0 ? sign + a / 10 : sign + a / 10 + "." + a % 10;
    }

    /** Escapes XML's special characters. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t') {
                        sb.append(' '); // control characters are not allowed in XML 1.0 text
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
