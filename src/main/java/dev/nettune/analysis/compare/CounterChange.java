package dev.nettune.analysis.compare;

/**
 * A CounterChange is one counter of one compared row, paired by block between the two JVMs as the
 * row's score is: each JVM's center over the paired forks, the change with its 95% interval, the
 * test before and after the row's correction, and what it means. The centers are those the change is
 * made of, so a sentence quoting them agrees with the table: geometric means for a ratio (their
 * quotient is the ratio), arithmetic means for a difference (theirs is the difference).
 *
 * @param name      a {@link CounterQuantity}'s label ("write(2)/op", "sys CPU"), or a raw event's name;
 *                  the server's process's carry "server " before it
 * @param quantity  the derived quantity, or null for a raw event
 * @param server    true for the server's own process (placements {@code process}, {@code netns})
 * @param what      the terms summed ("syscalls:sys_enter_write + syscalls:sys_enter_sendto"), or the raw event
 * @param unit      the unit of the side values and of a difference ("#/op", "µs/op", "B/op", or JMH's)
 * @param n         blocks in which both JVMs have a fork with this counter
 * @param baseline  the baseline's center over the paired forks (geometric mean for a ratio, mean for a difference)
 * @param candidate the candidate's center, likewise
 * @param method    ratio (per-block log ratio, every value &gt; 0) or difference (in {@code unit}, some value 0)
 * @param estimate  the ratio candidate/baseline, or the mean difference candidate − baseline
 * @param low       lower bound of the 95% interval; NaN without one
 * @param high      upper bound of the 95% interval; NaN without one
 * @param p         two-sided p of the paired t test on n − 1 degrees of freedom; NaN without one
 * @param pAdjusted p after Holm over the row's counters of the same kind (quantities, or raw events)
 * @param status    what the row's text may say of it
 * @param note      caveats ("lower bound: threads exited in every iteration"); "" when none
 */
public record CounterChange(String name, CounterQuantity quantity, boolean server, String what, String unit, int n,
                            double baseline, double candidate, Method method, double estimate, double low, double high,
                            double p, double pAdjusted, Status status, String note) {

    /** How a counter is compared. */
    public enum Method {
        /** geometric mean of per-block ratios, t interval on the log scale */
        RATIO,
        /** mean of per-block differences in the counter's unit, t interval: a side is 0 in some block */
        DIFFERENCE
    }

    /** What a counter's comparison supports. */
    public enum Status {
        /** significant after Holm, interval on one side of no change, and at least {@link Underneath#MIN_CHANGE} */
        CHANGED,
        /** significant, but smaller than {@link Underneath#MIN_CHANGE}: shown in the table, not in the sentence */
        SMALL,
        /** no detectable change */
        SAME,
        /** fewer than two pairs */
        CANNOT_TELL
    }

    /** True when the sentence under a flagged row names it. */
    public boolean changed() {
        return status == Status.CHANGED;
    }

    /** This change with its Holm-adjusted p and the status that follows. */
    CounterChange adjusted(double pAdj, double alpha, double minChange) {
        Status s;
        if (Double.isNaN(pAdj)) {
            s = Status.CANNOT_TELL;
        } else {
            double none = method == Method.RATIO ? 1 : 0;
            boolean excludes = low > none || high < none;
            if (pAdj < alpha && excludes) {
                s = size() >= minChange ? Status.CHANGED : Status.SMALL;
            } else {
                s = Status.SAME;
            }
        }
        return new CounterChange(name, quantity, server, what, unit, n, baseline, candidate, method, estimate, low, high,
                p, pAdj, s, note);
    }

    /**
     * The size of the change, relative: |ln ratio| as a fraction for a ratio (a ratio of 1.05 or 1/1.05 is
     * 0.05), or |difference| / the larger side's mean for a difference.
     */
    public double size() {
        if (method == Method.RATIO) {
            return Math.abs(estimate) > 0 ? Math.max(estimate, 1 / estimate) - 1 : Double.NaN;
        }
        double scale = Math.max(Math.abs(baseline), Math.abs(candidate));
        return scale > 0 ? Math.abs(estimate) / scale : Math.abs(estimate) > 0 ? Double.POSITIVE_INFINITY : 0;
    }
}
