package dev.nettune.run.options;

/**
 * Durations formats a number of seconds the way the suite prints times: like a clock, to the
 * precision a reader of an estimate needs ("42s", "9m41s", "1h05m", "3d04h").
 */
public final class Durations {
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private Durations() {
    }

    /** "42s", "9m41s", "1h05m", "3d04h". */
    public static String of(long seconds) {
        if (seconds < MINUTE) {
            return seconds + "s";
        }
        if (seconds < HOUR) {
            return (seconds / MINUTE) + "m" + String.format("%02d", seconds % MINUTE) + "s";
        }
        if (seconds < DAY) {
            return (seconds / HOUR) + "h" + String.format("%02d", (seconds % HOUR) / MINUTE) + "m";
        }
        return (seconds / DAY) + "d" + String.format("%02d", (seconds % DAY) / HOUR) + "h";
    }
}
