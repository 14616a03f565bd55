package dev.nettune.analysis.render;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HtmlPage turns the report (README.md and its appendices) into one self-contained
 * {@code index.html}: Markdown is rendered by commonmark-java with GitHub's tables and heading ids,
 * every chart is inlined as SVG, links between the Markdown files become links within the page,
 * and a small inline script makes tables sortable (click a heading; numbers sort as numbers) and
 * opens a collapsed appendix when a link points into it. Nothing is fetched: the page works from
 * {@code file://} without a network.
 */
public final class HtmlPage {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), HeadingAnchorExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final Pattern XML_PROLOG = Pattern.compile("^\\s*<\\?xml[^>]*\\?>\\s*(<!DOCTYPE[^>]*>\\s*)?");

    private final Path dir;

    /** A page whose charts are read from {@code dir} (the report folder). */
    public HtmlPage(Path dir) {
        this.dir = dir;
    }

    /**
     * The page: the README, then each appendix in a collapsed section.
     *
     * @param title      the page title
     * @param readme     README.md's text
     * @param appendices appendix path (relative to the report) to its Markdown
     */
    public String render(String title, String readme, Map<String, String> appendices) {
        StringBuilder body = new StringBuilder();
        body.append("<main id=\"top\">\n").append(html(readme, "")).append("</main>\n");
        for (Map.Entry<String, String> a : appendices.entrySet()) {
            body.append("<details class=\"appendix\" id=\"").append(sectionId(a.getKey())).append("\">\n<summary>")
                    .append(escape(Appendix.title(a.getKey()))).append("</summary>\n")
                    .append(html(a.getValue(), parent(a.getKey()))).append("</details>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n<title>" + escape(title) + "</title>\n<style>\n" + CSS
                + "</style>\n</head>\n<body>\n" + body + "<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n";
    }

    /** The id of an appendix's section: "appendix/environment.md" becomes "appendix-environment". */
    static String sectionId(String file) {
        return file.replaceAll("\\.md$", "").replaceAll("[^A-Za-z0-9]+", "-");
    }

    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash + 1);
    }

    /** One Markdown document as HTML; {@code base} is its folder relative to the report ("" or "appendix/"). */
    String html(String markdown, String base) {
        HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
                .attributeProviderFactory(ctx -> (node, tag, attrs) -> {
                    if (node instanceof Link && attrs.containsKey("href")) {
                        attrs.put("href", href(attrs.get("href"), base));
                    }
                })
                .nodeRendererFactory(ctx -> new InlineSvg(ctx, base))
                .build();
        return renderer.render(PARSER.parse(markdown));
    }

    /**
     * A link within the report as a link within the page: {@code appendix/x.md#a} becomes
     * {@code #a}, {@code appendix/x.md} becomes the appendix's section; other links are kept.
     */
    static String href(String href, String base) {
        if (href.startsWith("#") || href.matches("^[a-z]+:.*")) {
            return href;
        }
        String path = href;
        String fragment = "";
        int hash = href.indexOf('#');
        if (hash >= 0) {
            path = href.substring(0, hash);
            fragment = href.substring(hash + 1);
        }
        if (!path.endsWith(".md")) {
            return base + href; // csv files and the like stay files beside the page
        }
        String file = normalize(base + path);
        if (file.equals("README.md")) {
            return fragment.isEmpty() ? "#top" : "#" + fragment;
        }
        return "#" + (fragment.isEmpty() ? sectionId(file) : fragment);
    }

    private static String normalize(String path) {
        String p = path;
        while (p.contains("/../")) {
            p = p.replaceFirst("[^/]+/\\.\\./", "");
        }
        return p.startsWith("../") ? p.substring(3) : p;
    }

    /** InlineSvg renders a Markdown image of an SVG file as the SVG itself. */
    private final class InlineSvg implements NodeRenderer {
        private final HtmlWriter html;
        private final String base;

        InlineSvg(HtmlNodeRendererContext ctx, String base) {
            this.html = ctx.getWriter();
            this.base = base;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            Image image = (Image) node;
            String alt = altText(image);
            Path file = dir.resolve(normalize(base + image.getDestination()));
            String svg = null;
            if (image.getDestination().endsWith(".svg")) {
                try {
                    svg = XML_PROLOG.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceFirst("");
                } catch (IOException e) {
                    svg = null; // missing chart: the alt text is shown instead, as a browser would
                }
            }
            // a forest plot is the page's headline chart: drawn at the page's full width
            boolean forest = image.getDestination().contains("/forest-");
            html.raw("<span class=\"chart" + (forest ? " forest" : "") + "\" role=\"img\" aria-label=\"" + escape(alt) + "\">");
            html.raw(svg != null ? svg : "<em>" + escape("[chart not available: " + alt + "]") + "</em>");
            html.raw("</span>");
        }

        private String altText(Node image) {
            StringBuilder sb = new StringBuilder();
            for (Node n = image.getFirstChild(); n != null; n = n.getNext()) {
                if (n instanceof Text t) {
                    sb.append(t.getLiteral());
                }
            }
            return sb.toString();
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.45;margin:0 auto;",
            "  max-width:1200px;padding:0 1.2em 3em;color:#1b1f23}",
            "h1{font-size:1.7em;border-bottom:1px solid #ddd;padding-bottom:.2em}",
            "h2{font-size:1.35em;border-bottom:1px solid #eee;margin-top:1.6em}",
            "h3{font-size:1.12em}",
            "blockquote{margin:.6em 0;padding:.3em .9em;border-left:4px solid #d4a72c;background:#fff8e6}",
            "table{border-collapse:collapse;margin:.6em 0 1em;font-size:.86em;display:block;overflow-x:auto}",
            "th,td{border:1px solid #d0d7de;padding:.25em .5em;vertical-align:top}",
            "th{background:#f3f5f7;cursor:pointer;position:sticky;top:0;white-space:nowrap}",
            "th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}",
            "tr:nth-child(even) td{background:#fafbfc}",
            "td:target,a:target{outline:2px solid #d4a72c}",
            ".chart{display:block;margin:.8em 0;max-width:100%;overflow-x:auto}",
            ".chart svg{max-width:100%;height:auto}",
            ".chart.forest svg{width:100%}",
            "details.appendix{margin:1em 0;border:1px solid #d0d7de;border-radius:6px;padding:.3em .8em}",
            "details.appendix>summary{cursor:pointer;font-weight:600;font-size:1.1em}",
            "code{background:#f3f5f7;padding:0 .2em;border-radius:3px}",
            "");

    /** Sortable tables and opening an appendix a link points into; no external resource. */
    private static final String SCRIPT = String.join("\n",
            "(function () {",
            "  'use strict';",
            "  function value(cell) {",
            "    var t = cell.textContent.replace(/[\\u00a0\\s,]/g, '');",
            "    var m = t.match(/^[^0-9+\\-.]*([+\\-]?[0-9]*\\.?[0-9]+(?:e[+\\-]?[0-9]+)?)/i);",
            "    return m ? parseFloat(m[1]) : null;",
            "  }",
            "  function sortBy(table, col, th) {",
            "    var body = table.tBodies[0];",
            "    if (!body) { return; }",
            "    var asc = th.getAttribute('aria-sort') !== 'ascending';",
            "    Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute('aria-sort'); });",
            "    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');",
            "    var rows = Array.prototype.slice.call(body.rows);",
            "    rows.sort(function (a, b) {",
            "      var x = a.cells[col], y = b.cells[col];",
            "      if (!x || !y) { return 0; }",
            "      var vx = value(x), vy = value(y), r;",
            "      if (vx !== null && vy !== null) { r = vx - vy; }",
            "      else if (vx !== null) { r = -1; } else if (vy !== null) { r = 1; }",
            "      else { r = x.textContent.localeCompare(y.textContent); }",
            "      return asc ? r : -r;",
            "    });",
            "    rows.forEach(function (row) { body.appendChild(row); });",
            "  }",
            "  Array.prototype.forEach.call(document.querySelectorAll('table'), function (table) {",
            "    if (!table.tHead) { return; }",
            "    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {",
            "      th.title = 'sort';",
            "      th.addEventListener('click', function () { sortBy(table, col, th); });",
            "    });",
            "  });",
            "  function reveal() {",
            "    var id = decodeURIComponent(location.hash.slice(1));",
            "    if (!id) { return; }",
            "    var el = document.getElementById(id);",
            "    for (var p = el; p; p = p.parentElement) {",
            "      if (p.tagName === 'DETAILS') { p.open = true; }",
            "    }",
            "    if (el) { el.scrollIntoView(); }",
            "  }",
            "  window.addEventListener('hashchange', reveal);",
            "  reveal();",
            "})();",
            "");
}
