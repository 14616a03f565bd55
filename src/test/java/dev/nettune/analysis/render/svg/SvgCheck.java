package dev.nettune.analysis.render.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * SvgCheck asserts what every chart must satisfy: well-formed XML with a root whose viewBox matches
 * its size, at least one real {@code <text>}, no NaN or Infinity in any attribute, every shape
 * inside the canvas, and every text inside the canvas by {@link TextWidth}'s estimate.
 */
public final class SvgCheck {

    private static final Set<String> X_ATTRS = Set.of("x", "x1", "x2", "cx");
    private static final Set<String> Y_ATTRS = Set.of("y", "y1", "y2", "cy");
    /** Rounding of coordinates to 0.1 px, plus a little. */
    private static final double EPS = 0.11;

    private SvgCheck() {
    }

    /** A Text is one {@code <text>} with its estimated box. */
    public record Text(String content, double left, double right, double baseline, double size) {
    }

    /** Parses {@code svg} and checks it; returns its texts. */
    public static List<Text> check(String svg) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed SVG: " + e, e);
        }
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        double w = Double.parseDouble(root.getAttribute("width"));
        double h = Double.parseDouble(root.getAttribute("height"));
        assertEquals("0 0 " + root.getAttribute("width") + " " + root.getAttribute("height"), root.getAttribute("viewBox"));
        assertEquals("sans-serif", root.getAttribute("font-family"));
        List<Text> texts = new ArrayList<>();
        walk(root, w, h, texts);
        assertFalse(texts.isEmpty(), "no <text> in the chart");
        return texts;
    }

    private static void walk(Element e, double w, double h, List<Text> texts) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String v = a.getNodeValue();
            assertFalse(v.contains("NaN") || v.contains("Infinity"), e.getTagName() + " " + a.getNodeName() + "=" + v);
            String n = a.getNodeName();
            if (X_ATTRS.contains(n) && !e.getTagName().equals("svg")) {
                within(Double.parseDouble(v), w, e, n);
            } else if (Y_ATTRS.contains(n)) {
                within(Double.parseDouble(v), h, e, n);
            } else if (n.equals("points")) {
                String[] pts = v.trim().split("[ ,]+");
                for (int k = 0; k < pts.length; k += 2) {
                    within(Double.parseDouble(pts[k]), w, e, n);
                    within(Double.parseDouble(pts[k + 1]), h, e, n);
                }
            }
        }
        if (e.getTagName().equals("rect")) {
            within(Double.parseDouble(e.getAttribute("x")) + Double.parseDouble(e.getAttribute("width")), w, e, "x+width");
            within(Double.parseDouble(e.getAttribute("y")) + Double.parseDouble(e.getAttribute("height")), h, e, "y+height");
        }
        if (e.getTagName().equals("text")) {
            double size = e.hasAttribute("font-size") ? Double.parseDouble(e.getAttribute("font-size")) : Svg.FONT;
            double x = Double.parseDouble(e.getAttribute("x"));
            double y = Double.parseDouble(e.getAttribute("y"));
            String s = e.getTextContent();
            double tw = TextWidth.of(s, size, "bold".equals(e.getAttribute("font-weight")));
            String anchor = e.getAttribute("text-anchor");
            double left = anchor.equals("middle") ? x - tw / 2 : anchor.equals("end") ? x - tw : x;
            Text t = new Text(s, left, left + tw, y, size);
            assertTrue(left >= -EPS && left + tw <= w + EPS, "text outside the canvas (width " + w + "): " + t);
            assertTrue(y - 0.8 * size >= -EPS && y + 0.25 * size <= h + EPS, "text outside the canvas (height " + h + "): " + t);
            texts.add(t);
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element c) {
                walk(c, w, h, texts);
            }
        }
    }

    private static void within(double v, double max, Element e, String attr) {
        assertTrue(v >= -EPS && v <= max + EPS, e.getTagName() + " " + attr + "=" + v + " outside 0.." + max);
    }

    /** True when some text is a negative number (a tick below zero). */
    public static boolean hasNegativeNumber(List<Text> texts) {
        return texts.stream().anyMatch(t -> t.content().matches("[-−][0-9.]+"));
    }
}
