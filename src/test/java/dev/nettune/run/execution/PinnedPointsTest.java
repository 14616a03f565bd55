package dev.nettune.run.execution;

import dev.nettune.results.RunDocument;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.options.Variant;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Specs;
import dev.nettune.run.record.MergedResults;
import dev.nettune.run.record.RunState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A point its profile pins ({@code @cpus}) forks every JVM under taskset on those CPUs, a free point
 * on the JDK's own java, and a JVM whose variant places it keeps its own placement for both.
 */
class PinnedPointsTest {

    @Test
    void pinnedPointsForkUnderTasksetOnEveryJvmAndFreePointsDoNot(@TempDir Path tmp) throws Exception {
        List<JvmTarget> free = Specs.targets("jdk17", "jdk25");
        JvmTarget placed = new JvmTarget("jdk25-cpu1", free.get(1).jdk(), new Variant("cpu1", 17, 99, List.of(), "1", "pinned to CPU 1"));
        List<JvmTarget> targets = List.of(free.get(0), free.get(1), placed);
        List<RunSpec.PointSpec> points = List.of(
                new RunSpec.PointSpec(0, Specs.CLASS, new Plan.Point(Specs.BENCH, Mode.Throughput, Map.of("payload", "64")), List.of(), null, "0"),
                new RunSpec.PointSpec(1, Specs.CLASS, new Plan.Point(Specs.BENCH, Mode.Throughput, Map.of("payload", "4096")), List.of()));
        RunSpec s = Specs.spec(1, 2, null, 2, targets);
        RunSpec spec = new RunSpec(s.runId(), tmp, points, targets, List.of(), s.jmh(), s.warmup(), s.measurement(), 2, 7L, null,
                2, s.baseline(), false);
        Map<String, String> launchers = new TreeMap<>(); // "point jvm" -> launcher
        RunRecord record = new RunRecord(tmp.resolve("run.json"), ExecutionTest.doc(targets));
        Execution.End end = new Execution(spec, record, new RunState(spec), new MergedResults(tmp),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                log -> (point, target, launcher, dir) -> {
                    String previous = launchers.put(point.index() + " " + target.label(), launcher);
                    assertTrue(previous == null || previous.equals(launcher), "one launcher per point and JVM: " + previous + " then " + launcher);
                    Instant now = Instant.now();
                    return new ForkRunner.Result(dev.nettune.run.folder.ForkLine.Status.OK, ExecutionTest.fork(point.point(), 1000.0),
                            null, now, now);
                }).run();
        assertEquals(Execution.End.COMPLETE, end);

        for (JvmTarget t : free) {
            Path script = tmp.resolve(t.label()).resolve("java-taskset-0.sh");
            assertEquals(script.toString(), launchers.get("0 " + t.label()));
            String text = Files.readString(script);
            assertTrue(text.contains("' -c 0 '" + t.jdk().java() + "' \"$@\""), text);
            assertTrue(text.contains("the point's, from its profile"), text);
            assertEquals(t.jdk().java().toString(), launchers.get("1 " + t.label()));
        }
        Path own = tmp.resolve(placed.label()).resolve("java-taskset.sh");
        assertEquals(own.toString(), launchers.get("0 " + placed.label()));
        assertEquals(own.toString(), launchers.get("1 " + placed.label()));
        assertTrue(Files.readString(own).contains("' -c 1 '"), Files.readString(own));
    }

    @Test
    void runJsonRecordsThePinOfAPinnedPointOnly() throws Exception {
        RunSpec.PointSpec pinned = new RunSpec.PointSpec(0, Specs.CLASS, new Plan.Point(Specs.BENCH, Mode.Throughput, Map.of("payload", "64")),
                List.of(), null, "0");
        RunDocument.PlannedPoint p = new RunDocument.PlannedPoint(0, Specs.CLASS, Specs.BENCH, "thrpt", Map.of("payload", "64"), pinned.cpus());
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(p);
        assertTrue(json.endsWith(",\"cpus\":\"0\"}"), json);
        assertEquals("0", new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, RunDocument.PlannedPoint.class).cpus());
        // a free point writes no field, as before pins existed
        String freeJson = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new RunDocument.PlannedPoint(1, Specs.CLASS, Specs.BENCH, "thrpt", Map.of()));
        assertTrue(!freeJson.contains("cpus"), freeJson);
    }
}
