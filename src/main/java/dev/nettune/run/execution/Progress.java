package dev.nettune.run.execution;

import dev.nettune.run.options.Durations;

import java.util.Locale;

/**
 * Progress is the console's view of a run: one line per fork (where in the schedule, which JVM, the
 * fork's score or why it has none, how long it took) ending with the elapsed time and an ETA. The
 * ETA is the estimated seconds of the forks still planned (each its warm-up and measurement plus
 * {@link RunSpec#FORK_OVERHEAD_SECONDS}; warm-ups differ per class) scaled by how the forks of this
 * session compared with their estimates (bookkeeping included); before the first fork ends, the
 * estimate itself.
 */
final class Progress {
    private final long t0 = System.nanoTime();
    private int forks;
    private double estimatedDone;

    /** Counts a fork that ran in this session, estimated to take {@code estimatedSeconds}. */
    void forkDone(double estimatedSeconds) {
        forks++;
        estimatedDone += estimatedSeconds;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Wall seconds per estimated second in this session, 1 before any fork. */
    double pace() {
        return forks == 0 || estimatedDone <= 0 ? 1.0 : elapsedSeconds() / estimatedDone;
    }

    /** "elapsed 1m02s, ETA ~12m30s (203 forks)"; {@code remainingEstimated}: estimated seconds of those forks. */
    String clock(int remainingForks, double remainingEstimated) {
        return "elapsed " + Durations.of(Math.round(elapsedSeconds())) + ", ETA ~"
                + Durations.of(Math.round(remainingEstimated * pace())) + " (" + remainingForks + " fork"
                + (remainingForks == 1 ? "" : "s") + ")";
    }

    /** "point 3/18 block 2/8": blocks beyond the planned ones say the cap ("block 9/<=24"). */
    static String where(int point, int points, int block, int planned, int cap) {
        return "point " + (point + 1) + "/" + points + " block " + block + "/" + (block <= planned ? planned : "<=" + cap);
    }

    /** A score with the precision a reader needs: 58,620 / 123.457 / 0.0001235. */
    static String score(double v) {
        double a = Math.abs(v);
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
