package dev.nettune.run.execution;

import dev.nettune.results.RunDocument;
import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.record.MergedResults;
import dev.nettune.run.record.MergedResultsTest;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.record.RunState;
import dev.nettune.run.plan.Schedule;
import dev.nettune.run.plan.Specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The execution loop with made-up forks (no JVM is started): adaptive stopping adds blocks until
 * the target or the cap, a skipped point leaves its JVM out of later blocks, a failed fork is
 * recorded and the run goes on. Real forks are in SuiteTest and SuiteResumeTest.
 */
class ExecutionTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What a made-up fork gives: its score, or a skip or failure (status and reason). */
    interface Behaviour {
        Object of(int point, String jvm, int call);
    }

    static RunResult fork(Plan.Point p, double opsPerSecond) {
        WorkloadParams w = new WorkloadParams();
        p.params().forEach((k, v) -> w.put(k, v, 0));
        IterationParams warm = new IterationParams(IterationType.WARMUP, 0, TimeValue.seconds(1), 1);
        IterationParams meas = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.milliseconds(200), 1);
        BenchmarkParams bp = new BenchmarkParams(p.benchmark(), "generated", true, 1, new int[] {1}, List.of(), 1, 0, warm, meas,
                p.mode(), w, TimeUnit.SECONDS, 1, "java", List.of(), "17", "VM", "17", "1.37", TimeValue.minutes(10));
        return MergedResultsTest.thrptFork(bp, opsPerSecond * 0.2);
    }

    /** A run.json with only what the execution changes: a status and the JVMs by label. */
    static RunDocument doc(List<JvmTarget> targets) {
        List<RunDocument.Jvm> jvms = targets.stream().map(t -> new RunDocument.Jvm(t.label(), null, null, null, null, null, null,
                null, null, null, null, null, null, null, null)).toList();
        return RunDocument.started("r", null, null, null, null, null, null, 1, null, null, false, null, null, null, jvms, null);
    }

    static RunSpec spec(Path runDir, int points, int blocks, Double ci, int cap, List<JvmTarget> targets) {
        RunSpec s = Specs.spec(points, blocks, ci, cap, targets);
        return new RunSpec(s.runId(), runDir, s.points(), targets, List.of(), s.jmh(), s.warmup(), s.measurement(), blocks, 7L, ci,
                cap, s.baseline(), false);
    }

    static Execution.End run(RunSpec spec, Behaviour b, ByteArrayOutputStream console) {
        Map<String, Integer> calls = new HashMap<>();
        RunRecord record = new RunRecord(spec.runDir().resolve("run.json"), doc(spec.targets()));
        return new Execution(spec, record, new RunState(spec), new MergedResults(spec.runDir()),
                new PrintStream(console, true, StandardCharsets.UTF_8),
                log -> (point, target, launcher, dir) -> {
                    int call = calls.merge(point.index() + target.label(), 1, Integer::sum);
                    Object what = b.of(point.index(), target.label(), call);
                    Instant now = Instant.now();
                    if (what instanceof Double score) {
                        return new ForkRunner.Result(ForkLine.Status.OK, fork(point.point(), score), null, now, now);
                    }
                    Object[] sr = (Object[]) what;
                    return new ForkRunner.Result((ForkLine.Status) sr[0], null, (String) sr[1], now, now);
                }).run();
    }

    static List<JsonNode> jsonLines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    @Test
    void adaptiveStoppingAddsBlocksUntilTheTargetOrTheCap(@TempDir Path tmp) throws Exception {
        RunSpec spec = spec(tmp, 2, 4, 0.03, 10, Specs.targets("a", "b"));
        Random noise = new Random(1);
        // point 0: b is a steady 0.9 x a (±0.5%); point 1: b wanders ±40%, so its interval never gets to ±3%
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Execution.End end = run(spec, (point, jvm, call) -> jvm.equals("a") ? 1000.0
                : point == 0 ? 900.0 * (1 + 0.005 * (2 * noise.nextDouble() - 1)) : 1000.0 * (0.6 + 0.8 * noise.nextDouble()), console);
        assertEquals(Execution.End.COMPLETE, end, console.toString(StandardCharsets.UTF_8));
        List<JsonNode> points = jsonLines(tmp.resolve("points.jsonl"));
        assertEquals(2, points.size());
        assertEquals("ci", points.get(0).get("stop").asText());
        assertEquals(4, points.get(0).get("blocks").asInt(), "met at the planned blocks");
        assertTrue(points.get(0).get("halfWidths").get("b").asDouble() <= 0.03, points.get(0).toString());
        assertEquals(0.03, points.get(0).get("target").asDouble());
        assertEquals("cap", points.get(1).get("stop").asText());
        assertEquals(10, points.get(1).get("blocks").asInt());
        assertTrue(points.get(1).get("halfWidths").get("b").asDouble() > 0.03, points.get(1).toString());

        List<JsonNode> forks = jsonLines(tmp.resolve("forks.jsonl"));
        assertEquals(2 * 4 + 2 * 10, forks.size());
        Schedule schedule = new Schedule(2, 7L);
        for (JsonNode f : forks) {
            int jvm = f.get("jvm").asText().equals("a") ? 0 : 1;
            assertEquals(schedule.order(f.get("point").asInt(), f.get("block").asInt()).indexOf(jvm) + 1, f.get("position").asInt(),
                    "added blocks follow the seed too: " + f);
        }
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("block 10/<=10"), out);
        assertTrue(out.contains("point 2/2 done: 10 blocks (cap); b/a "), out);
    }

    @Test
    void aSkippedPointLeavesItsJvmOutOfLaterBlocksAndAFailedForkIsRecorded(@TempDir Path tmp) throws Exception {
        RunSpec spec = spec(tmp, 1, 3, null, 9, Specs.targets("a", "b", "c"));
        Object skip = new Object[] {ForkLine.Status.SKIPPED, "virtual threads need JDK 21+"};
        Object boom = new Object[] {ForkLine.Status.FAILED, "java.lang.IllegalStateException: boom"};
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Execution.End end = run(spec, (point, jvm, call) -> switch (jvm) {
            case "b" -> skip;
            case "c" -> call == 2 ? boom : (Object) 950.0;
            default -> (Object) 1000.0;
        }, console);
        assertEquals(Execution.End.COMPLETE_WITH_FAILURES, end);
        List<JsonNode> forks = jsonLines(tmp.resolve("forks.jsonl"));
        List<JsonNode> ofB = forks.stream().filter(f -> f.get("jvm").asText().equals("b")).toList();
        assertEquals(1, ofB.size(), "skipped once, then left out");
        assertEquals("skipped", ofB.get(0).get("status").asText());
        assertEquals(1, ofB.get(0).get("block").asInt());
        assertEquals("virtual threads need JDK 21+", ofB.get(0).get("reason").asText());
        for (JsonNode f : forks) {
            assertEquals(f.get("block").asInt() == 1 ? 3 : 2, f.get("blockSize").asInt(), f.toString());
        }
        JsonNode failed = forks.stream().filter(f -> f.get("status").asText().equals("failed")).findFirst().orElseThrow();
        assertEquals("c", failed.get("jvm").asText());
        assertEquals(2, failed.get("block").asInt());
        assertEquals("java.lang.IllegalStateException: boom", failed.get("reason").asText());
        assertEquals(7, forks.size(), "block 1: 3 forks; blocks 2 and 3: a and c");

        JsonNode point = jsonLines(tmp.resolve("points.jsonl")).get(0);
        assertEquals("planned", point.get("stop").asText());
        assertTrue(!point.get("halfWidths").has("b"), "b has no scores: nothing to compare");
        assertTrue(point.get("halfWidths").has("c"), "c vs a over blocks 1 and 3");

        JsonNode run = JSON.readTree(tmp.resolve("run.json").toFile());
        assertEquals("complete-with-failures", run.get("status").asText());
        assertEquals(3, run.get("jvms").get(1).get("summary").get("skipped").asInt(), "every block of the point counts as skipped for b");
        assertEquals(1, run.get("jvms").get(2).get("summary").get("incompleteBlocks").asInt());
        assertEquals(1, run.get("counts").get("incompleteBlocks").asInt());
        assertEquals(2, JSON.readTree(tmp.resolve("c/ModelBenchmark.json").toFile()).get(0).get("forks").asInt());
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("skipped: virtual threads need JDK 21+ (left out of later blocks)"), out);
        assertTrue(out.contains("FAILED: java.lang.IllegalStateException: boom"), out);
    }

    @Test
    void theSkipOfABenchmarkIsReadFromTheJvmsSkipFile(@TempDir Path tmp) throws Exception {
        RunSpec.PointSpec p = new RunSpec.PointSpec(0, Specs.CLASS, new Plan.Point(Specs.BENCH, Mode.Throughput,
                Map.of("model", "VIRTUAL", "payload", "64")), List.of());
        assertEquals(null, ForkRunner.skipReason(p, tmp));
        Files.writeString(tmp.resolve(Execution.SKIPS), "{\"benchmark\":\"" + Specs.BENCH + "\",\"params\":\"model=VIRTUAL,payload=64\","
                + "\"jvm\":\"17.0.15\",\"reason\":\"virtual threads need JDK 21+\"}\n");
        assertEquals("virtual threads need JDK 21+", ForkRunner.skipReason(p, tmp));
        RunSpec.PointSpec other = new RunSpec.PointSpec(0, Specs.CLASS, new Plan.Point(Specs.BENCH, Mode.Throughput,
                Map.of("model", "STREAM", "payload", "64")), List.of());
        assertEquals(null, ForkRunner.skipReason(other, tmp));
    }

    @Test
    void aForkGetsOnePointOneModeOneValuePerParamAndNoInheritedFlags() throws Exception {
        RunSpec spec = Specs.spec(1, 2, null, 6, Specs.targets("a", "b"));
        RunSpec withJmh = new RunSpec(spec.runId(), spec.runDir(), spec.points(), spec.targets(), List.of("-prof", "gc"),
                new CommandLineOptions("-prof", "gc", "-jvmArgsPrepend", "-Dx=1"), spec.warmup(), spec.measurement(), 2, 1L, null, 6, "a", false);
        org.openjdk.jmh.runner.options.Options o = ForkRunner.options(withJmh, withJmh.points().get(0), withJmh.targets().get(1),
                "/jdk/b/bin/java", Path.of("/run/b"));
        assertEquals(1, o.getForkCount().get());
        assertEquals(0, o.getWarmupForkCount().get());
        assertEquals(List.of("^\\Q" + Specs.BENCH + "\\E$"), o.getIncludes());
        assertEquals(List.of(Mode.Throughput), new ArrayList<>(o.getBenchModes()));
        assertEquals(List.of("64"), new ArrayList<>(o.getParameter("payload").get()));
        assertEquals(1, o.getWarmupIterations().get());
        assertEquals(2, o.getMeasurementIterations().get());
        assertEquals("/jdk/b/bin/java", o.getJvm().get());
        assertEquals(List.of("-Dx=1", JvmTarget.UNSAFE_FLAG, "-Dnettune.sockopts.file=/run/b/sockopts.jsonl",
                "-Dnettune.skips.file=/run/b/skips.jsonl"), new ArrayList<>(o.getJvmArgsPrepend().get()));
        assertEquals(List.of("-Xmx1g"), new ArrayList<>(o.getJvmArgs().get()), "the class's @Fork args, never the runner's own");
        assertEquals(false, o.shouldFailOnError().get());
        assertEquals(1, o.getProfilers().size(), "the extra JMH options stay in force");
        assertTrue(!o.getResult().hasValue(), "no per-fork result file");
    }
}
