package dev.nettune.analysis.render;

import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.units.Units;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Text holds the report's small formats, so that every table and sentence writes a ratio, an
 * interval, a p-value or an anchor the same way.
 */
final class Text {

    private Text() {
    }

    /** A ratio with three significant digits: 0.956, 1.12, 12.3, 123. */
    static String ratio(double r) {
        if (!Double.isFinite(r)) {
            return "?";
        }
        double a = Math.abs(r);
        if (a >= 99.95) {
            return String.format(Locale.ROOT, "%.0f", r);
        }
        if (a >= 9.995) {
            return String.format(Locale.ROOT, "%.1f", r);
        }
        if (a >= 0.9995) {
            return String.format(Locale.ROOT, "%.2f", r);
        }
        if (a >= 0.09995) {
            return String.format(Locale.ROOT, "%.3f", r);
        }
        return String.format(Locale.ROOT, "%.3g", r);
    }

    /** "0.956 [0.921, 0.992]"; "0.956 (no interval)" when either bound is unknown. */
    static String ratioCi(double r, double low, double high) {
        if (!Double.isFinite(r)) {
            return "?";
        }
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            return ratio(r) + " (no interval)";
        }
        return ratio(r) + " [" + ratio(low) + ", " + ratio(high) + "]";
    }

    /**
     * A factor for sentences, always ≥ 1 with its interval in the same orientation: a ratio of 0.4
     * [0.35, 0.45] reads "2.5× [2.2, 2.9]". The caller says "more" or "fewer".
     */
    static String factor(double r, double low, double high) {
        if (!Double.isFinite(r) || r <= 0) {
            return "?";
        }
        boolean up = r >= 1;
        double f = up ? r : 1 / r;
        double lo = up ? low : 1 / high;
        double hi = up ? high : 1 / low;
        String base = ratio(f) + "×";
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return base;
        }
        return base + " [" + ratio(lo) + ", " + ratio(hi) + "]";
    }

    /** A p-value: "<0.001", "0.034", "?" when there was no test. */
    static String p(double p) {
        if (!Double.isFinite(p)) {
            return "—";
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A relative change as "±4.1%"; "?" when unknown. */
    static String plusMinus(double fraction) {
        if (!Double.isFinite(fraction)) {
            return "?";
        }
        return String.format(Locale.ROOT, "±%.1f%%", fraction * 100);
    }

    /** A share as "5%" or "12.5%". */
    static String share(int part, int whole) {
        if (whole == 0) {
            return "—";
        }
        double pct = 100.0 * part / whole;
        return (pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f", pct)
                : String.format(Locale.ROOT, "%.1f", pct)) + "%";
    }

    /** "1 row", "2 rows". */
    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** The class simple name without its "Benchmark" suffix, and the method: {@code RoundTrip.roundTrip}. */
    static String benchName(String benchmark) {
        String s = ResultKey.shortName(benchmark);
        int dot = s.indexOf('.');
        if (dot > 0 && s.substring(0, dot).endsWith("Benchmark") && dot > "Benchmark".length()) {
            s = s.substring(0, dot - "Benchmark".length()) + s.substring(dot);
        }
        return s;
    }

    /** Parameters as "k=v k=v" without the ones named in {@code omit}; byte sizes as KiB/MiB. */
    static String params(Map<String, String> params, Set<String> omit) {
        return params.entrySet().stream().filter(e -> !omit.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + param(e.getKey(), e.getValue())).collect(Collectors.joining(" "));
    }

    /** One parameter value: byte sizes of 4 digits or more as KiB/MiB (sndBuf=4 KiB). */
    static String param(String name, String value) {
        if (value == null) {
            return "";
        }
        if (name.matches("(?i).*(buf|size|payload|bytes).*") && value.matches("\\d{4,}")) {
            return Units.bytesParam(Long.parseLong(value)).replace(" ", "\u00a0");
        }
        return value;
    }

    /**
     * A stable anchor id: a readable slug of {@code parts} (lowercase letters, digits, '-'), at most
     * 48 characters, and a 6-hex digest of the whole text so that distinct rows never share an id.
     */
    static String anchor(String prefix, String... parts) {
        String full = String.join("\u0000", parts);
        String slug = full.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > 48) {
            slug = slug.substring(0, 48).replaceAll("-$", "");
        }
        return prefix + "-" + slug + "-" + digest(full);
    }

    /** {@code <a id="..."></a>}: an anchor a Markdown link can point at, on GitHub and in the HTML page. */
    static String anchorTag(String id) {
        return "<a id=\"" + id + "\"></a>";
    }

    /** Escapes text for a Markdown table cell or line: "|" and line breaks; '<' so no text turns into HTML. */
    static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("<", "&lt;").replace("\n", " ");
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
