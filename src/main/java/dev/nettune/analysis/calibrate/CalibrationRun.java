package dev.nettune.analysis.calibrate;

import dev.nettune.results.RunDocument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CalibrationRun is what the calibration reads from a run folder: the run's id, profile and
 * iteration settings from {@code run.json}, and per point and JVM the per-iteration scores of every
 * fork from {@code <jvm>/<Class>.json} (JMH's {@code rawData}: one row per fork; in sample mode each
 * iteration's mean from {@code rawDataHistogram}, as JMH scores it).
 *
 * @param runId          the run's id
 * @param profile        the run's profile ("quick"): whose profile keys the calibration writes
 * @param warmupRun      warm-up iterations the forks ran before the measured ones (0 in a calibration run)
 * @param iterations     measurement iterations per fork
 * @param iterationTime  length of one iteration, as JMH writes it ("1 s")
 * @param jvms           JVM labels in run.json order
 * @param points         the points, in plan order
 */
public record CalibrationRun(String runId, String profile, int warmupRun, int iterations, String iterationTime,
                             List<String> jvms, List<Point> points) {

    /** Fewest measurement iterations a calibration needs: with fewer, a quarter of the fork is one or two iterations. */
    public static final int MIN_ITERATIONS = 10;

    /**
     * One point of the run with its forks' iteration scores per JVM.
     *
     * @param className fully-qualified class
     * @param benchmark the method's full name
     * @param mode      JMH mode label ("thrpt")
     * @param params    parameter values, sorted
     * @param forks     JVM label → one array of iteration scores per fork
     */
    public record Point(String className, String benchmark, String mode, Map<String, String> params,
                        Map<String, List<double[]>> forks) {
        public String simpleClassName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }

        /** Higher scores are better in throughput mode, lower in the time modes. */
        public boolean higherIsBetter() {
            return mode.equals("thrpt");
        }

        /** "RoundTripBenchmark.roundTrip {payload=64, placement=inprocess}". */
        public String describe() {
            return simpleClassName() + benchmark.substring(benchmark.lastIndexOf('.')) + " " + params;
        }
    }

    /** A BadRun says why a folder cannot be calibrated from; the command exits 2 with it. */
    public static final class BadRun extends Exception {
        private static final long serialVersionUID = 1L;

        public BadRun(String message) {
            super(message);
        }
    }

    /** Reads the run folder {@code dir}. */
    public static CalibrationRun read(Path dir) throws BadRun, IOException {
        if (!Files.isDirectory(dir)) {
            throw new BadRun("run folder " + dir + ": no such directory");
        }
        Path runJson = dir.resolve("run.json");
        if (!Files.isRegularFile(runJson)) {
            throw new BadRun("run folder " + dir + ": no run.json (not a nettune run)");
        }
        RunDocument doc = RunDocument.read(runJson);
        if (doc.settings() == null || doc.settings().measurementIterations() == null || doc.plan() == null
                || doc.plan().points() == null || doc.jvms() == null) {
            throw new BadRun(runJson + ": no settings.measurementIterations, plan.points or jvms (a run from before the planned points)");
        }
        int iterations = doc.settings().measurementIterations();
        if (iterations < MIN_ITERATIONS) {
            throw new BadRun(runJson + ": settings.measurementIterations = " + iterations + ": a calibration needs at least " + MIN_ITERATIONS
                    + " measured iterations per fork (run it with -Dnettune.calibrate=<profile>)");
        }
        if (RunDocument.RUNNING.equals(doc.status())) {
            throw new BadRun(runJson + ": status running: wait until the run has finished (its files are still being written)");
        }
        int warmup = doc.settings().warmupIterations() == null ? 0 : doc.settings().warmupIterations();
        List<String> jvms = doc.jvms().stream().map(RunDocument.Jvm::label).toList();
        Map<String, Point> points = new LinkedHashMap<>();
        for (RunDocument.PlannedPoint p : doc.plan().points()) {
            points.put(key(p.benchmark(), p.mode(), p.params()), new Point(p.className(), p.benchmark(), p.mode(),
                    new TreeMap<>(p.params() == null ? Map.of() : p.params()), new LinkedHashMap<>()));
        }
        ObjectMapper json = new ObjectMapper();
        int forks = 0;
        for (String jvm : jvms) {
            for (String cls : doc.plan().classes().stream().map(RunDocument.PlannedClass::className).distinct().toList()) {
                Path file = dir.resolve(jvm).resolve(cls.substring(cls.lastIndexOf('.') + 1) + ".json");
                if (!Files.isRegularFile(file)) {
                    continue; // a class this JVM skipped or failed: its points have no forks there
                }
                for (JsonNode e : json.readTree(file.toFile())) {
                    Map<String, String> params = new TreeMap<>();
                    e.path("params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
                    Point p = points.get(key(e.path("benchmark").asText(), e.path("mode").asText(), params));
                    if (p == null) {
                        continue; // not a planned point (a hand-added entry): not calibrated
                    }
                    List<double[]> rows = new ArrayList<>();
                    JsonNode metric = e.path("primaryMetric");
                    boolean histogram = !metric.has("rawData") && metric.has("rawDataHistogram");
                    for (JsonNode fork : histogram ? metric.path("rawDataHistogram") : metric.path("rawData")) {
                        double[] v = new double[fork.size()];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = histogram ? histogramMean(fork.get(i)) : fork.get(i).asDouble();
                        }
                        if (v.length < MIN_ITERATIONS) {
                            throw new BadRun(file + ": " + p.describe() + ": a fork with " + v.length + " iterations; a calibration needs at least "
                                    + MIN_ITERATIONS);
                        }
                        rows.add(v);
                        forks++;
                    }
                    p.forks().put(jvm, rows);
                }
            }
        }
        if (forks == 0) {
            throw new BadRun("run folder " + dir + ": no fork with iteration scores in " + String.join(", ", jvms.stream().map(j -> j + "/*.json").toList()));
        }
        String profile = doc.profile() == null ? "" : doc.profile();
        return new CalibrationRun(doc.runId() == null ? dir.getFileName().toString() : doc.runId(), profile, warmup, iterations,
                doc.settings().measurementTime(), jvms, List.copyOf(points.values()));
    }

    /** The mean of one sample-mode iteration, JMH's score for it: its histogram's [value, count] pairs. */
    static double histogramMean(JsonNode iteration) {
        double sum = 0;
        double count = 0;
        for (JsonNode bin : iteration) {
            sum += bin.get(0).asDouble() * bin.get(1).asDouble();
            count += bin.get(1).asDouble();
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static String key(String benchmark, String mode, Map<String, String> params) {
        return benchmark + " " + mode + " " + new TreeMap<>(params == null ? Map.of() : params);
    }
}
