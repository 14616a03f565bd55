package dev.nettune.analysis.model;

import java.util.List;
import java.util.Map;

/**
 * FlameGraphs is what the explain step left in each run's folder ({@code <run>/explain/index.json}):
 * per run, the points it profiled with their status and, for a point it explained, the differential
 * flame graphs per JVM pair and event, each as a link relative to the report being written (so the
 * same run's graphs are {@code ../explain/...} from its own report and
 * {@code ../bench-results/<run>/explain/...} from the overview). A run without that file has no entry.
 *
 * @param runs run id → what was found in its folder
 */
public record FlameGraphs(Map<String, Run> runs) {
    /** No run has flame graphs (or none was looked for). */
    public static final FlameGraphs NONE = new FlameGraphs(Map.of());

    public FlameGraphs {
        runs = Map.copyOf(runs);
    }

    /**
     * Run is one run's explain folder.
     *
     * @param index   link to its explain/index.html
     * @param problem why its index.json could not be read, or null
     * @param points  the points it lists, in its order
     */
    public record Run(String index, String problem, List<Point> points) {
        public Run {
            points = List.copyOf(points);
        }
    }

    /**
     * Point is one profiled point.
     *
     * @param benchmark JMH's benchmark name
     * @param mode      JMH's short mode
     * @param params    its parameters
     * @param status    "explained", "failed" or "not run"
     * @param reason    why not explained, or null
     * @param page      link to its page (both JVMs' graphs), or null
     * @param diffs     {@link #pairKey} → event id (cpu, wall, alloc) → link to the differential graph
     */
    public record Point(String benchmark, String mode, Map<String, String> params, String status, String reason, String page,
                        Map<String, Map<String, String>> diffs) {
        public Point {
            params = Map.copyOf(params);
            diffs = Map.copyOf(diffs);
        }
    }

    /** The run's explain folder, or null when it has none. */
    public Run run(String runId) {
        return runs.get(runId);
    }

    /** The point of run {@code runId} with this benchmark, mode and parameters, or null. */
    public Point point(String runId, String benchmark, String mode, Map<String, String> params) {
        Run r = runs.get(runId);
        if (r == null) {
            return null;
        }
        return r.points().stream().filter(p -> p.benchmark().equals(benchmark) && p.mode().equals(mode) && p.params().equals(params))
                .findFirst().orElse(null);
    }

    /**
     * The pair part of a differential graph's file name, {@code diff-<event>-<baseline>-vs-<candidate>.svg}:
     * each label with every character other than letters, digits and {@code . _ -} made {@code _}, as the
     * explain step names its files.
     */
    public static String pairKey(String baseline, String candidate) {
        return safe(baseline) + "-vs-" + safe(candidate);
    }

    private static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
