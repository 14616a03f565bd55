package dev.nettune.analysis.render.svg;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * An Axis is the value range of one chart dimension, linear or logarithmic, with "nice" ticks
 * (1, 2, 5 × 10^k and the like). A linear axis ends at its first and last tick; a logarithmic axis is
 * padded a little beyond its data, with the ticks inside.
 *
 * <p>A linear axis over values that are all ≥ 0 starts at 0, so bars and intervals of non-negative
 * quantities never reach below zero and differences are not exaggerated. A logarithmic axis needs
 * positive values; {@link #auto} takes one when the values span a factor of {@link #LOG_SPAN} or more.
 *
 * @param log   true for a logarithmic axis
 * @param min   lower end of the range, in data units
 * @param max   upper end of the range, in data units
 * @param ticks tick values in increasing order, within min..max
 */
public record Axis(boolean log, double min, double max, List<Tick> ticks) {

    /** Positive values spanning this factor or more get a logarithmic axis from {@link #auto}. */
    public static final double LOG_SPAN = 10;
    /** About this many ticks on a linear axis. */
    static final int TARGET_TICKS = 5;
    /** A log axis extends beyond its data by this share of the data's span, each side. */
    static final double LOG_PAD = 0.05;
    /** ... and by at least this many decades (about 7%). */
    static final double MIN_LOG_PAD = 0.03;

    /** A Tick is a value on an axis and its label. */
    public record Tick(double value, String label) {
    }

    /**
     * The axis for values from {@code lo} to {@code hi}: logarithmic when {@code lo > 0} and
     * {@code hi / lo ≥ LOG_SPAN} (or when {@code preferLog} and {@code lo > 0}), otherwise linear
     * (from 0 when {@code lo ≥ 0}).
     */
    public static Axis auto(double lo, double hi, boolean preferLog) {
        check(lo, hi);
        if (lo > 0 && (preferLog || hi / lo >= LOG_SPAN)) {
            return log(lo, hi);
        }
        return linear(lo, hi);
    }

    /** A linear axis covering {@code lo..hi}, starting at 0 when {@code lo ≥ 0}. */
    public static Axis linear(double lo, double hi) {
        check(lo, hi);
        if (lo >= 0) {
            lo = 0;
        }
        if (hi == lo) {
            hi = lo == 0 ? 1 : lo + Math.abs(lo);
        }
        BigDecimal step = niceStep((hi - lo) / TARGET_TICKS);
        BigDecimal first = BigDecimal.valueOf(Math.floor(lo / step.doubleValue())).multiply(step);
        List<Tick> ticks = new ArrayList<>();
        for (BigDecimal t = first; ; t = t.add(step)) {
            ticks.add(new Tick(t.doubleValue(), label(t)));
            if (t.doubleValue() >= hi - step.doubleValue() * 1e-9 || ticks.size() > 100) {
                break;
            }
        }
        return new Axis(false, ticks.get(0).value(), ticks.get(ticks.size() - 1).value(), List.copyOf(ticks));
    }

    /**
     * A logarithmic axis covering {@code lo..hi} (both positive), padded by {@link #LOG_PAD} of its
     * span (at least {@link #MIN_LOG_PAD} decades) on each side so that no point sits on the frame;
     * ticks are the nice values inside, at least two.
     */
    public static Axis log(double lo, double hi) {
        check(lo, hi);
        if (lo <= 0) {
            throw new IllegalArgumentException("log axis needs positive values, got " + lo);
        }
        double pad = Math.max(MIN_LOG_PAD, Math.log10(hi / lo) * LOG_PAD);
        double min = lo / Math.pow(10, pad);
        double max = hi * Math.pow(10, pad);
        List<BigDecimal> cand = logCandidates(min, max);
        List<Tick> ticks = new ArrayList<>();
        BigDecimal below = null;
        BigDecimal above = null;
        for (BigDecimal c : cand) {
            double v = c.doubleValue();
            if (v < min) {
                below = c;
            } else if (v > max) {
                above = above == null ? c : above;
            } else {
                ticks.add(new Tick(v, label(c)));
            }
        }
        if (ticks.size() < 2) {
            // too narrow for two ticks inside: widen the range to the nearest nice values outside
            if (below != null) {
                ticks.add(0, new Tick(below.doubleValue(), label(below)));
                min = below.doubleValue();
            }
            if (ticks.size() < 2 && above != null) {
                ticks.add(new Tick(above.doubleValue(), label(above)));
                max = above.doubleValue();
            }
        }
        return new Axis(true, min, max, List.copyOf(ticks));
    }

    /** Nice tick values around {@code min..max}: 1-2-5 or decades, or plain steps when narrow. */
    private static List<BigDecimal> logCandidates(double min, double max) {
        double decades = Math.log10(max / min);
        if (decades < Math.log10(3)) {
            return linearCandidates(min, max);
        }
        double[] mantissas = decades <= 1.3 ? new double[] {1, 2, 3, 5} : decades <= 2.6 ? new double[] {1, 2, 5}
                : new double[] {1};
        int every = decades <= 6 ? 1 : (int) Math.ceil(decades / 6);
        List<BigDecimal> cand = new ArrayList<>();
        int e0 = (int) Math.floor(Math.log10(min)) - every;
        int e1 = (int) Math.ceil(Math.log10(max)) + every;
        for (int e = e0; e <= e1; e++) {
            if (Math.floorMod(e, every) != 0) {
                continue;
            }
            for (double m : mantissas) {
                cand.add(BigDecimal.valueOf(m).scaleByPowerOfTen(e));
            }
        }
        return cand;
    }

    /** The same axis with ticks at {@code values} (those within the range), e.g. a parameter's values. */
    public Axis withTicksAt(List<Double> values) {
        List<Tick> t = new ArrayList<>();
        values.stream().filter(this::contains).sorted().distinct()
                .forEach(v -> t.add(new Tick(v, label(BigDecimal.valueOf(v)))));
        return t.size() < 2 ? this : new Axis(log, min, max, List.copyOf(t));
    }

    /** Nice multiples of a step around a narrow positive range (less than a factor of 3), for a log axis. */
    private static List<BigDecimal> linearCandidates(double lo, double hi) {
        BigDecimal step = niceStep((hi - lo) / TARGET_TICKS);
        List<BigDecimal> out = new ArrayList<>();
        BigDecimal t = BigDecimal.valueOf(Math.floor(lo / step.doubleValue())).multiply(step);
        if (t.signum() <= 0) {
            t = step; // the range is positive; the first multiple of the step above zero may be above lo
        }
        for (; out.size() < 200; t = t.add(step)) {
            out.add(t);
            if (t.doubleValue() >= hi) {
                break;
            }
        }
        return out;
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code raw}. */
    static BigDecimal niceStep(double raw) {
        int e = (int) Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, e);
        double m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return BigDecimal.valueOf(m).scaleByPowerOfTen(e).stripTrailingZeros();
    }

    /** A tick label: at most 4 significant digits, no trailing zeros, plain below a million. */
    public static String label(BigDecimal v) {
        BigDecimal r = v.round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        if (r.signum() == 0) {
            return "0";
        }
        return r.abs().compareTo(BigDecimal.valueOf(1_000_000)) >= 0 ? r.toString().replace("E+", "e")
                : r.toPlainString();
    }

    private static void check(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException("axis range must be finite and ordered, got " + lo + ".." + hi);
        }
    }

    /** True when {@code v} lies within the range (inclusive). */
    public boolean contains(double v) {
        return v >= min && v <= max;
    }

    /**
     * The pixel position of {@code v} when the range is drawn from pixel {@code from} (at min) to
     * {@code to} (at max); values outside the range are clamped to its ends, and non-positive values
     * on a log axis to its minimum.
     */
    public double px(double v, double from, double to) {
        double f;
        if (log) {
            double c = v <= 0 || Double.isNaN(v) ? min : Math.max(min, Math.min(max, v));
            f = Math.log(c / min) / Math.log(max / min);
        } else {
            double c = Double.isNaN(v) ? min : Math.max(min, Math.min(max, v));
            f = (c - min) / (max - min);
        }
        return from + f * (to - from);
    }

    /** "log scale" or "linear scale", for captions. */
    public String describe() {
        return log ? "log scale" : "linear scale";
    }
}
