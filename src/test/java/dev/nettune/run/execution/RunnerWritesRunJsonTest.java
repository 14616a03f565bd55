package dev.nettune.run.execution;

import dev.nettune.run.check.Preflight;
import dev.nettune.run.SuiteTest;
import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.options.Jdk;
import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.options.Variant;
import dev.nettune.run.plan.PlanTest;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.record.MergedResults;
import dev.nettune.run.record.Resume;
import dev.nettune.run.record.RunDocuments;
import dev.nettune.run.record.RunState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The run.json the runner writes, through its own code path (RunDocuments.of, RunRecord, Execution
 * with made-up forks, Resume.begin, the wall time Suite adds), against files saved from the runner
 * as it was before run.json's runner-owned parts became records (commit fb901a3). What depends on
 * the machine or the moment (git, host, pid, times, the temporary folder) is replaced by a
 * placeholder in place, so key order still counts.
 *
 * <p>A fresh run, while running and when complete, is compared byte for byte. An interrupted and a
 * resumed run are compared as JSON trees: the old map-based writer put keys it added late
 * (interruptedAt, error, resumes...) wherever the run's history left them, a record puts them in one
 * fixed place.
 */
class RunnerWritesRunJsonTest {
    static final Path SAVED = Path.of("src/test/resources/run-json");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final Instant STARTED = Instant.parse("2026-12-04T09:00:00Z");
    /** Keys whose values depend on the machine or the moment, at any depth. */
    static final Set<String> VOLATILE = Set.of("gitCommit", "gitDirty", "suiteJavaHome", "pid", "runner", "host", "finishedAt",
            "wallSeconds", "interruptedAt", "at");

    static Jdk jdk(String home, int feature) {
        return new Jdk(Path.of(home), feature, feature + ".0.1", "Vendor", feature + ".0.1+1");
    }

    /** a (JDK 17), b (JDK 25) and a pinned variant of a, with flags and CPUs. */
    static List<JvmTarget> targets() {
        Jdk a = jdk("/jdk/a", 17);
        return List.of(new JvmTarget("a", a, null), new JvmTarget("b", jdk("/jdk/b", 25), null),
                new JvmTarget("a-cpu0", a, new Variant("cpu0", 17, 99, List.of("-XX:+UseSerialGC"), "0", "pinned to CPU 0")));
    }

    /** The spec of a new run, built as Suite.execute builds it. */
    static RunSpec spec(Preflight.Prepared p, Path runDir) {
        return new RunSpec(runDir.getFileName().toString(), runDir, RunSpec.pointsOf(p.plan()), targets(), p.options().jmhArgs(),
                p.jmh(), new RunSpec.Iterations(p.timing().warmupIterations(), p.timing().warmupTime()),
                new RunSpec.Iterations(p.timing().measurementIterations(), p.timing().measurementTime()),
                p.timing().blocks(), p.seed(), p.options().ci(), p.options().blockCap(), "a", false);
    }

    static Preflight.Prepared prepared() {
        return Preflight.prepare(SuiteTest.options("--include=connectOnly|reuse", "--blocks=2", "--seed=5", "--ci=0.05", "--maxBlocks=3"), SuiteTest.onlySelf(), PlanTest.entries());
    }

    /** A new run's record, as Suite.execute makes it. */
    static RunRecord start(Preflight.Prepared p, RunSpec spec) {
        RunRecord record = new RunRecord(spec.runDir().resolve("run.json"), RunDocuments.of(p, spec, STARTED, Path.of("").toAbsolutePath()));
        record.update(doc -> doc);
        return record;
    }

    /** Runs the schedule with made-up forks: b skips point 1, a-cpu0 fails its second fork; {@code throwAt} (1-based) throws. */
    static Execution.End execute(RunSpec spec, RunRecord record, int throwAt) {
        Map<String, Integer> calls = new HashMap<>();
        int[] all = {0};
        return new Execution(spec, record, new RunState(spec), new MergedResults(spec.runDir()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                log -> (point, target, launcher, dir) -> {
                    if (++all[0] == throwAt) {
                        throw new IllegalStateException("made-up error");
                    }
                    int call = calls.merge(point.index() + target.label(), 1, Integer::sum);
                    Instant now = Instant.parse("2026-12-04T09:00:00Z");
                    if (point.index() == 1 && target.label().equals("b")) {
                        return new ForkRunner.Result(ForkLine.Status.SKIPPED, null, "made-up skip", now, now);
                    }
                    if (target.label().equals("a-cpu0") && call == 2) {
                        return new ForkRunner.Result(ForkLine.Status.FAILED, null, "made-up failure", now, now);
                    }
                    return new ForkRunner.Result(ForkLine.Status.OK, ExecutionTest.fork(point.point(), 1000.0), null, now, now);
                }).run();
    }

    /** What Suite.finish adds after the execution. */
    static void addWall(RunRecord record, long wall) {
        record.update(doc -> doc.plusWallSeconds(wall));
    }

    /** run.json with the volatile values replaced where they stand, pretty-printed. */
    static String masked(Path runDir) throws IOException {
        JsonNode doc = JSON.readTree(Files.readString(runDir.resolve("run.json")).replace(runDir.toString(), "<runDir>"));
        mask(doc);
        return PRETTY.writeValueAsString(doc);
    }

    static void mask(JsonNode n) {
        if (n instanceof ObjectNode o) {
            List<String> keys = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (VOLATILE.contains(k)) {
                    o.set(k, TextNode.valueOf("<" + k + ">"));
                } else {
                    mask(o.get(k));
                }
            }
        } else if (n != null && n.isArray()) {
            n.forEach(RunnerWritesRunJsonTest::mask);
        }
    }

    /** Compares with the saved file; with -Drunjson.save=true (run at the old commit) saves it instead. */
    static void check(String name, String actual, boolean bytes) throws IOException {
        Path file = SAVED.resolve(name + ".json");
        if (Boolean.getBoolean("runjson.save")) {
            Files.createDirectories(SAVED);
            Files.writeString(file, actual);
            return;
        }
        String saved = Files.readString(file);
        if (bytes) {
            assertEquals(saved, actual, file.toString());
        } else {
            assertEquals(JSON.readTree(saved), JSON.readTree(actual), file.toString());
        }
    }

    @Test
    void aNewRunWritesWhatItWroteBefore(@TempDir Path tmp) throws IOException {
        Preflight.Prepared p = prepared();
        RunSpec spec = spec(p, Files.createDirectories(tmp.resolve("2026-12-04T09-00-00Z-quick")));
        RunRecord record = start(p, spec);
        check("started", masked(spec.runDir()), true);
        assertEquals(Execution.End.COMPLETE_WITH_FAILURES, execute(spec, record, -1));
        addWall(record, 7);
        check("complete", masked(spec.runDir()), true);
    }

    @Test
    void anInterruptedAndResumedRunWritesWhatItWroteBefore(@TempDir Path tmp) throws IOException {
        Preflight.Prepared p = prepared();
        RunSpec spec = spec(p, Files.createDirectories(tmp.resolve("2026-12-04T09-00-00Z-quick")));
        RunRecord record = start(p, spec);
        assertEquals(Execution.End.INTERRUPTED, execute(spec, record, 4));
        addWall(record, 3);
        check("interrupted", masked(spec.runDir()), false);
        Resume.begin(record, List.of("point 1 block 2 (made up)"));
        check("resumed", masked(spec.runDir()), false);
    }
}
