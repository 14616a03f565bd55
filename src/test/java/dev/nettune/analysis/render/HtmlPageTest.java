package dev.nettune.analysis.render;

import dev.nettune.analysis.Analyze;
import dev.nettune.analysis.Fixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index.html: one self-contained page (nothing fetched), charts inline, links between the Markdown
 * files turned into links within the page, every in-page link resolving to an element id.
 * (The page is also checked in a real browser by scripts/check-report-html.sh.)
 */
class HtmlPageTest {

    @TempDir
    Path tmp;

    @Test
    void linksBetweenFilesBecomeLinksWithinThePage() {
        assertEquals("#appendix-environment", HtmlPage.href("appendix/environment.md", ""));
        assertEquals("#d-x", HtmlPage.href("appendix/details-model.md#d-x", ""));
        assertEquals("#appendix-environment", HtmlPage.href("environment.md", "appendix/"));
        assertEquals("#method", HtmlPage.href("../README.md#method", "appendix/"));
        assertEquals("#c-1", HtmlPage.href("#c-1", ""));
        assertEquals("results.csv", HtmlPage.href("results.csv", ""));
        assertEquals("https://example.org/x", HtmlPage.href("https://example.org/x", ""));
    }

    @Test
    void theReportPageIsSelfContainedAndItsLinksResolve() throws IOException {
        Path dir = tmp.resolve("r");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, Analyze.run(new String[] {"--out", dir.toString(), Fixtures.SUITE.toString(),
                Fixtures.QUICK_RUN.toString()}, ps, ps));
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<img"), "charts are inline SVG, not images");
        assertTrue(html.contains("<span class=\"chart\" role=\"img\"") && html.contains("<svg"), "charts inline");
        Matcher ext = Pattern.compile("(?:src|href)=\"(?:https?:)?//").matcher(html);
        assertFalse(ext.find(), "nothing is fetched from the network");
        assertTrue(html.contains("<details class=\"appendix\" id=\"appendix-environment\">"));
        assertTrue(html.contains("<thead>") && html.contains("addEventListener('click'"), "sortable tables");
        Set<String> ids = Pattern.compile("id=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1))
                .collect(Collectors.toSet());
        Map<String, Integer> broken = new LinkedHashMap<>();
        Pattern.compile("href=\"#([^\"]+)\"").matcher(html).results().map(m -> m.group(1))
                .filter(id -> !ids.contains(id)).forEach(id -> broken.merge(id, 1, Integer::sum));
        assertTrue(broken.isEmpty(), "in-page links without a target: " + broken);
        assertFalse(html.contains("href=\"appendix/"), "no link to a Markdown file is left");
    }
}
