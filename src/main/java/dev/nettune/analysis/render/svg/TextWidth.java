package dev.nettune.analysis.render.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * TextWidth estimates how wide a line of text is in a generic sans-serif font, erring wide, so that
 * a chart sized by it never clips its text.
 *
 * <p>The tables hold the advance widths of DejaVu Sans and DejaVu Sans Bold (the widest common
 * sans-serif, and what Linux uses for {@code sans-serif}; Arial, Helvetica and Liberation Sans are
 * narrower), in thousandths of an em, for printable ASCII; any other character counts as a full em.
 * The total is multiplied by {@link #SAFETY}.
 */
public final class TextWidth {

    /** Extra margin on every estimate. */
    public static final double SAFETY = 1.05;
    /** Width of a character outside the table, in thousandths of an em. */
    static final int OTHER = 1000;

    // DejaVu Sans advance widths for ' ' (32) to '~' (126), per 1000 units per em.
    private static final short[] REGULAR = {
        318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337,
        637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531,
        1000, 685, 687, 699, 771, 632, 576, 775, 752, 295, 295, 656, 558, 863, 749, 788,
        604, 788, 695, 635, 611, 732, 685, 989, 686, 611, 686, 391, 337, 391, 838, 500,
        500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612,
        635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838};

    // DejaVu Sans Bold advance widths for ' ' (32) to '~' (126), per 1000 units per em.
    private static final short[] BOLD = {
        349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366,
        696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 581,
        1000, 774, 763, 734, 831, 684, 684, 821, 837, 373, 373, 775, 638, 996, 837, 851,
        733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 500,
        500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688,
        716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838};

    private TextWidth() {
    }

    /** Estimated width in pixels of {@code s} in the regular weight at {@code fontSize} pixels. */
    public static double of(String s, double fontSize) {
        return of(s, fontSize, false);
    }

    /** Estimated width in pixels of {@code s} at {@code fontSize} pixels, bold or regular. */
    public static double of(String s, double fontSize, boolean bold) {
        short[] table = bold ? BOLD : REGULAR;
        long units = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            units += cp >= 32 && cp <= 126 ? table[cp - 32] : OTHER;
        }
        return units / 1000.0 * fontSize * SAFETY;
    }

    /** The widest of {@code lines} in the regular weight at {@code fontSize}; 0 when there are none. */
    public static double max(List<String> lines, double fontSize) {
        return max(lines, fontSize, false);
    }

    /** The widest of {@code lines} at {@code fontSize}; 0 when there are none. */
    public static double max(List<String> lines, double fontSize, boolean bold) {
        double w = 0;
        for (String l : lines) {
            w = Math.max(w, of(l, fontSize, bold));
        }
        return w;
    }

    /**
     * Breaks {@code s} into lines no wider than {@code maxWidth}, at spaces where possible; a word
     * wider than the line is cut between characters. Never returns an empty list.
     */
    public static List<String> wrap(String s, double fontSize, double maxWidth) {
        return wrap(s, fontSize, false, maxWidth);
    }

    /** {@link #wrap(String, double, double)} for bold or regular text. */
    public static List<String> wrap(String s, double fontSize, boolean bold, double maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (of(candidate, fontSize, bold) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (of(rest, fontSize, bold) > maxWidth && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && of(rest.substring(0, cut), fontSize, bold) > maxWidth) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
