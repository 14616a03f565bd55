package dev.nettune.analysis.render.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The width estimate errs wide: it is at least what the installed sans-serif fonts measure (when
 * they are installed), and wrapped lines never exceed the width asked for.
 */
class TextWidthTest {

    static final List<String> SAMPLES = List.of("ConnectionScalingBenchmark.roundTrips client=SELECTOR connections=1024",
            "WWWWWWWWWW mmmmmmmmm", "iiiiiill.,:;", "Round trips/s (thousands; higher is better), log scale",
            "speed-up of jdk25 over jdk17 (log scale; 1 = no change)", "1.254 [1.209, 1.301]  n=8",
            "K = 16 × S = 64 B", "µs/op ±3.7% ≥ 5 →", "0123456789");

    @Test
    void estimateIsAtLeastTheInstalledSansSerifFonts() {
        System.setProperty("java.awt.headless", "true");
        List<String> installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames());
        List<String> families = List.of("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "FreeSans");
        int measured = 0;
        FontRenderContext frc = new FontRenderContext(null, true, true);
        for (String fam : families) {
            if (!installed.contains(fam)) {
                continue;
            }
            for (int style : new int[] {Font.PLAIN, Font.BOLD}) {
                Font f = new Font(fam, style, 100);
                for (String s : SAMPLES) {
                    double real = f.getStringBounds(s, frc).getWidth();
                    double est = TextWidth.of(s, 100, style == Font.BOLD);
                    assertTrue(est >= real, fam + " " + style + " \"" + s + "\": estimate " + est + " < " + real);
                    measured++;
                }
            }
        }
        assumeTrue(measured > 0, "no common sans-serif font installed to measure against");
    }

    @Test
    void wrappedLinesFitTheWidth() {
        String s = "Points: mean of fork scores; bars: 95% t interval over forks (n = 2–8 forks per point; points "
                + "from 1 fork have no bar). Averyveryveryveryveryveryveryveryverylongwordwithoutspaces end.";
        for (double width : new double[] {60, 150, 400}) {
            List<String> lines = TextWidth.wrap(s, 11, width);
            for (String l : lines) {
                assertTrue(TextWidth.of(l, 11) <= width || l.length() == 1, width + ": " + l);
            }
            assertEquals(s.replace(" ", ""), String.join("", lines).replace(" ", ""), "nothing lost");
        }
        assertEquals(List.of(""), TextWidth.wrap("", 11, 100));
    }

    @Test
    void unknownCharactersCountAsAFullEm() {
        assertEquals(TextWidth.SAFETY * 11, TextWidth.of("漢", 11), 1e-9);
        assertEquals(0, TextWidth.of("", 11));
    }
}
