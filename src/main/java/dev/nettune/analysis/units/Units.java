package dev.nettune.analysis.units;

import java.util.Locale;

/**
 * Units scales JMH values for people: a Scale is a divisor and a label chosen once per table column,
 * so that all rows of a column read in the same unit.
 *
 * <p>Recognised JMH units: time per operation ({@code ns/op}, {@code us/op}, {@code ms/op},
 * {@code s/op}, also without {@code /op}), operations per time ({@code ops/ns} … {@code ops/min}),
 * bytes ({@code B/op}, {@code B}), allocation rates ({@code MB/sec}). A rate of bytes (a metric whose
 * name mentions bytes with an ops/time unit, or {@code B/s}) is shown in Gbit/s. Anything else is
 * shown as it is.
 */
public final class Units {

    /** A Scale is how to show a value: divide by {@code divisor}, then append {@code label}. */
    public record Scale(double divisor, String label) {
        /** Formats {@code value} in this scale with {@link #format3(double)}. */
        public String format(double value) {
            return format3(value / divisor);
        }
    }

    private Units() {
    }

    /** Seconds per JMH time unit name, or NaN when {@code t} is not a time unit. */
    static double secondsOf(String t) {
        switch (t) {
            case "ns": return 1e-9;
            case "us": case "µs": return 1e-6;
            case "ms": return 1e-3;
            case "s": case "sec": return 1;
            case "min": return 60;
            case "h": case "hr": return 3600;
            default: return Double.NaN;
        }
    }

    /**
     * Chooses a scale for a column of values in {@code unit}, given a representative value (such as
     * the median of the column) and the metric name (used to recognise byte rates).
     */
    public static Scale scaleFor(String unit, String metricName, double representative) {
        double v = Math.abs(representative);
        if (Double.isNaN(v) || v == 0) {
            v = 1;
        }
        String u = unit == null ? "" : unit.trim();
        // time per operation -> ns/µs/ms/s
        String per = u.endsWith("/op") ? u.substring(0, u.length() - 3) : u;
        double s = secondsOf(per);
        if (!Double.isNaN(s)) {
            double secs = v * s;
            double[] sizes = {1e-9, 1e-6, 1e-3, 1};
            String[] names = {"ns", "µs", "ms", "s"};
            int i = 0;
            while (i < sizes.length - 1 && secs >= sizes[i + 1]) {
                i++;
            }
            return new Scale(sizes[i] / s, names[i] + (u.endsWith("/op") ? "/op" : ""));
        }
        // operations per time -> ops/s (or bytes per second -> Gbit/s)
        if (u.startsWith("ops/") || u.equals("B/s") || u.equals("bytes/s")) {
            double perSecond = u.startsWith("ops/") ? 1 / secondsOf(u.substring(4)) : 1;
            if (!Double.isNaN(perSecond)) {
                boolean bytes = u.startsWith("B") || u.startsWith("bytes")
                        || (metricName != null && metricName.toLowerCase(Locale.ROOT).contains("bytes"));
                if (bytes) {
                    return new Scale(1e9 / 8 / perSecond, "Gbit/s");
                }
                double ops = v * perSecond;
                if (ops >= 1e6) {
                    return new Scale(1e6 / perSecond, "M ops/s");
                }
                if (ops >= 1e4) {
                    return new Scale(1e3 / perSecond, "k ops/s");
                }
                return new Scale(1 / perSecond, "ops/s");
            }
        }
        // bytes -> B/KiB/MiB/GiB
        if (u.equals("B/op") || u.equals("B") || u.equals("bytes")) {
            String suffix = u.endsWith("/op") ? "/op" : "";
            String[] names = {"B", "KiB", "MiB", "GiB"};
            double d = 1;
            int i = 0;
            while (i < names.length - 1 && v >= d * 1024 * 10) {
                d *= 1024;
                i++;
            }
            return new Scale(d, names[i] + suffix);
        }
        return new Scale(1, u);
    }

    /** Formats a value with about three significant digits, keeping integers whole ("123", "1.23", "0.0123"). */
    public static String format3(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "+Inf" : "-Inf";
        }
        double a = Math.abs(x);
        if (a >= 100 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        return String.format(Locale.ROOT, "%.3g", x);
    }

    /** Formats a byte count for parameter cells: 65536 -> "64 KiB", 1000 -> "1000". */
    public static String bytesParam(long b) {
        if (b >= 1 << 20 && b % (1 << 20) == 0) {
            return (b >> 20) + " MiB";
        }
        if (b >= 1024 && b % 1024 == 0) {
            return (b >> 10) + " KiB";
        }
        return Long.toString(b);
    }

    /** A plain number without trailing zeros: 0.05 -> "0.05", 99.99 -> "99.99", 50.0 -> "50". */
    public static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    /** A percentage with sign and one decimal: 0.123 -> "+12.3%". */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "?";
        }
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
