package dev.nettune.analysis.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A MarkdownTable is a GitHub-flavoured Markdown table whose columns are padded to equal width, so
 * that it also reads well as plain text (an anchor tag at the start of a cell is not counted, so it
 * does not widen its column). Cells are Markdown; a "|" in a cell is escaped.
 */
public final class MarkdownTable {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headings; columns whose heading ends with no text are left-aligned. */
    public MarkdownTable(List<String> header, boolean[] rightAligned) {
        this.header = List.copyOf(header);
        this.rightAligned = rightAligned.clone();
    }

    /** A table whose columns are all left-aligned. */
    public static MarkdownTable left(String... header) {
        return new MarkdownTable(Arrays.asList(header), new boolean[header.length]);
    }

    /** Adds a row; missing cells are empty, extra cells are an error. */
    public MarkdownTable add(List<String> cells) {
        if (cells.size() > header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table " + header.size());
        }
        List<String> r = new ArrayList<>(cells);
        while (r.size() < header.size()) {
            r.add("");
        }
        rows.add(r);
        return this;
    }

    /** Adds a row. */
    public MarkdownTable add(String... cells) {
        return add(Arrays.asList(cells));
    }

    /** Number of rows added. */
    public int size() {
        return rows.size();
    }

    /** The table as Markdown, ending with a newline. */
    public String render() {
        int cols = header.size();
        int[] w = new int[cols];
        for (int c = 0; c < cols; c++) {
            w[c] = Math.max(3, visible(esc(header.get(c))));
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], visible(esc(r.get(c))));
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        sb.append('|');
        for (int c = 0; c < cols; c++) {
            sb.append(' ').append("-".repeat(w[c] - 1)).append(rightAligned[c] ? ':' : '-').append(" |");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] w) {
        sb.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String s = esc(cells.get(c));
            String pad = " ".repeat(Math.max(0, w[c] - visible(s)));
            sb.append(' ').append(rightAligned[c] ? pad + s : s + pad).append(" |");
        }
        sb.append('\n');
    }

    /** The width a cell shows as text: anchors ({@code <a id="..."></a>}) take no room. */
    private static int visible(String s) {
        return ANCHOR.matcher(s).replaceAll("").length();
    }

    private static final java.util.regex.Pattern ANCHOR = java.util.regex.Pattern.compile("<a id=\"[^\"]*\"></a>");

    private static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
