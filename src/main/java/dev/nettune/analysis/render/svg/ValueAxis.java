package dev.nettune.analysis.render.svg;

/**
 * ValueAxis chooses the axis of measured values (centres with optional interval bounds): log when
 * the centres are positive and span a factor of {@link Axis#LOG_SPAN} or more, else linear from 0
 * for non-negative data. Interval bounds widen the range, but by at most a factor of
 * {@link #MAX_STRETCH} beyond the centres on a log axis, so one vague point cannot squash the others;
 * a bound outside the range is drawn to the edge.
 */
final class ValueAxis {

    /** On a log axis, interval bounds extend the centres' range by at most this factor. */
    static final double MAX_STRETCH = 4;

    private ValueAxis() {
    }

    /** The axis for {@code centers} with intervals {@code lows}..{@code highs} (NaN entries ignored). */
    static Axis of(double[] centers, double[] lows, double[] highs, boolean preferLog) {
        double cMin = Double.POSITIVE_INFINITY;
        double cMax = Double.NEGATIVE_INFINITY;
        for (double c : centers) {
            if (Double.isFinite(c)) {
                cMin = Math.min(cMin, c);
                cMax = Math.max(cMax, c);
            }
        }
        if (cMin == Double.POSITIVE_INFINITY) {
            return Axis.linear(0, 1);
        }
        boolean log = cMin > 0 && (preferLog || cMax / cMin >= Axis.LOG_SPAN);
        double lo = cMin;
        double hi = cMax;
        for (int i = 0; i < lows.length; i++) {
            if (Double.isFinite(lows[i]) && (!log || lows[i] > 0)) {
                lo = Math.min(lo, log ? Math.max(lows[i], cMin / MAX_STRETCH) : lows[i]);
            }
            if (Double.isFinite(highs[i])) {
                hi = Math.max(hi, log ? Math.min(highs[i], cMax * MAX_STRETCH) : highs[i]);
            }
        }
        return log ? Axis.log(lo, hi) : Axis.linear(lo, hi);
    }
}
