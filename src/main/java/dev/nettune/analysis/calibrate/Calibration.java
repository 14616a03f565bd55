package dev.nettune.analysis.calibrate;

import dev.nettune.stats.Warmup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Calibration is the classification of a calibration run: per point and JVM every fork's
 * {@link Warmup}, whether the forks agree, and the warm-up each point and each class needs.
 *
 * <p>A point needs the latest steady-state start over its forks on every JVM (in iterations,
 * counting any warm-up the calibration forks ran), plus {@link #MARGIN}: the suite's warm-up
 * iterations are as long as the calibration's (1 s), so a fork that warms up as slowly as the slowest
 * calibration fork still measures steady state. Its warm-up is that, at most {@code cap} (a budget,
 * not a statistic: the profile file says when it binds). A class's warm-up is the largest over its
 * points that reach a steady state, i.e. whose every fork has one; a point with a fork that ends
 * without one cannot be helped by a longer warm-up within a fork of this length, and is named
 * instead ({@link #unsteady}), as are points whose forks disagree badly or that slow down.
 *
 * @param run    the run classified
 * @param cap    the largest warm-up chosen, iterations
 * @param points per point, its cells and recommendation
 */
public record Calibration(CalibrationRun run, int cap, List<PointResult> points) {
    /** Iterations added to the latest steady-state start. */
    public static final int MARGIN = 1;
    /** Default largest warm-up chosen, in iterations: half a calibration fork. */
    public static final int DEFAULT_CAP = 10;

    /**
     * One JVM's forks at one point.
     *
     * @param jvm         JVM label
     * @param forks       each fork's classification, in block order
     * @param consistency whether they agree
     * @param steadyStart the latest steady-state start over its forks that have one (iterations since
     *                    the fork started), or -1 when none has
     */
    public record Cell(String jvm, List<Warmup> forks, Warmup.Consistency consistency, int steadyStart) {
        /** The forks' common class when they agree, else the consistency ("good-inconsistent"). */
        public String label() {
            return consistency == Warmup.Consistency.CONSISTENT && !forks.isEmpty() ? forks.get(0).kind().id : consistency.id;
        }

        /** True when every fork ends without a steady state. */
        public boolean neverSteady() {
            return !forks.isEmpty() && forks.stream().allMatch(w -> w.kind() == Warmup.Kind.NO_STEADY_STATE);
        }
    }

    /**
     * A point's cells and what the calibration concludes.
     *
     * @param point     the point
     * @param cells     one per JVM with forks
     * @param unsteady  "no-steady-state", "inconsistent" or "slow-down" when a cell is so (in that order of precedence); null otherwise
     * @param needed    latest steady-state start over its forks that have one, + {@link #MARGIN}; -1 when none has
     * @param warmup    {@code needed} at most the cap
     * @param reachesSteadyState whether every fork of the point has a steady state (only such points set the class's warm-up)
     */
    public record PointResult(CalibrationRun.Point point, List<Cell> cells, String unsteady, int needed, int warmup,
                              boolean reachesSteadyState) {
    }

    /** Classifies every fork of {@code run}, with warm-ups at most {@code cap}. */
    public static Calibration of(CalibrationRun run, int cap) {
        List<PointResult> out = new ArrayList<>();
        for (CalibrationRun.Point p : run.points()) {
            List<Cell> cells = new ArrayList<>();
            for (Map.Entry<String, List<double[]>> e : p.forks().entrySet()) {
                List<Warmup> forks = e.getValue().stream().map(v -> Warmup.classify(v, p.higherIsBetter())).toList();
                int start = forks.stream().filter(w -> w.steadyStart() >= 0).mapToInt(w -> run.warmupRun() + w.steadyStart())
                        .max().orElse(-1);
                cells.add(new Cell(e.getKey(), forks, Warmup.consistency(forks.stream().map(Warmup::kind).toList()), start));
            }
            String unsteady = null;
            if (cells.stream().anyMatch(Cell::neverSteady)) {
                unsteady = Warmup.Kind.NO_STEADY_STATE.id;
            } else if (cells.stream().anyMatch(c -> c.consistency() == Warmup.Consistency.BAD_INCONSISTENT)) {
                unsteady = "inconsistent";
            } else if (cells.stream().anyMatch(c -> c.label().equals(Warmup.Kind.SLOW_DOWN.id))) {
                unsteady = Warmup.Kind.SLOW_DOWN.id;
            }
            boolean steady = !cells.isEmpty() && cells.stream().allMatch(c -> c.forks().stream().allMatch(w -> w.steadyStart() >= 0));
            int latest = cells.stream().mapToInt(Cell::steadyStart).max().orElse(-1);
            int needed = latest < 0 ? -1 : latest + MARGIN;
            out.add(new PointResult(p, List.copyOf(cells), unsteady, needed, needed < 0 ? -1 : Math.min(cap, needed), steady));
        }
        return new Calibration(run, cap, List.copyOf(out));
    }

    /** Class name → its warm-up: the largest over its points that reach a steady state, or -1 when none does. */
    public Map<String, Integer> classWarmups() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (PointResult r : points) {
            out.merge(r.point().className(), r.reachesSteadyState() ? r.warmup() : -1, Math::max);
        }
        return out;
    }

    /** The class's {@code @unsteady} entries: "slow-down:connections=1;server=SELECTOR", one per unsteady point. */
    public List<String> unsteady(String className) {
        return points.stream().filter(r -> r.point().className().equals(className) && r.unsteady() != null)
                .map(r -> r.unsteady() + ":" + r.point().params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(";")))
                .toList();
    }
}
