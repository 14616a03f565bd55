package dev.nettune.run;

import dev.nettune.run.execution.Execution;
import dev.nettune.run.folder.JmhTempFiles;
import dev.nettune.run.folder.ResumeStore;
import dev.nettune.run.plan.Schedule;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.UsageException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real suite process (java … dev.nettune.run.Suite) on a tiny plan — RoundTripBenchmark, one point,
 * two labels of the running JDK (A/A), three blocks — killed mid-run with SIGKILL and with SIGTERM,
 * then resumed: every finished fork is kept, the merged JSON ends with all blocks, forks.jsonl and
 * the rows agree, and the exit statuses are right. About 10 s each.
 */
@Tag("process")
class SuiteResumeTest {
    static final Path SELF = Path.of(System.getProperty("java.home"));
    static final long TIMEOUT_SECONDS = 90;
    static final ObjectMapper JSON = new ObjectMapper();

    static Process start(Path tmp, String name, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SELF.resolve("bin/java").toString(), "-cp", System.getProperty("java.class.path"),
                Suite.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--results=" + tmp.resolve("results"), "--analysis=" + tmp.resolve("analysis"), "--ignoreLock=true"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".out").toFile()).start();
    }

    /** Two labels of the running JDK: an A/A run. */
    static String[] tinyRun(String measurement) {
        return new String[] {"--profile=smoke", "--include=RoundTripBenchmark", "--jvms=a=" + SELF + ",b=" + SELF, "--blocks=3",
                "--seed=4242", "--counters=off", "--explain=none", "--jmh=-bm thrpt -wi 0 -i 1 -r " + measurement};
    }

    static int waitFor(Process p, Path tmp, String name) throws Exception {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail(name + " did not finish in " + TIMEOUT_SECONDS + " s:\n" + Files.readString(tmp.resolve(name + ".out")));
        }
        return p.exitValue();
    }

    static void await(String what, BooleanSupplier condition, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("never saw " + what + (p.isAlive() ? "" : " (the suite exited " + p.exitValue() + ")"));
            }
            Thread.sleep(10);
        }
    }

    /** The forked JVMs of a stopped suite must end too: a runner leaves no process behind. */
    static void assertEnded(List<ProcessHandle> forks) throws Exception {
        for (ProcessHandle h : forks) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
                fail("forked JVM " + h.pid() + " outlived its suite by 20 s");
            }
        }
    }

    static Path runDir(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("results"))) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of(); // being written: look again on the next poll
        }
    }

    static List<JsonNode> forks(Path runDir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(runDir.resolve("forks.jsonl"))) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    /** Rows of a label's merged result, as the analysis reads them: one score per fork, in row order. */
    static List<Double> rows(Path runDir, String label) throws IOException {
        Path file = runDir.resolve(label).resolve("RoundTripBenchmark.json");
        List<Double> out = new ArrayList<>();
        if (Files.exists(file)) {
            JsonNode entry = JSON.readTree(file.toFile()).get(0);
            assertEquals(entry.get("primaryMetric").get("rawData").size(), entry.get("forks").asInt(), "\"forks\" counts the rows");
            List<dev.nettune.analysis.model.Diagnostic> diags = new ArrayList<>();
            List<dev.nettune.analysis.model.Result> read = dev.nettune.analysis.read.JmhJsonReader.read(file,
                    new dev.nettune.analysis.read.RunContext(runDir.getFileName().toString(), label, null), diags).results();
            assertEquals(List.of(), diags);
            assertEquals(1, read.size());
            for (double v : read.get(0).primary().forkScores()) {
                out.add(v);
            }
        }
        return out;
    }

    /** forks.jsonl and the merged JSON tell the same story: each ok line's row holds its score, rows in seq order. */
    static void assertConsistent(Path runDir) throws IOException {
        Map<String, List<Double>> scores = new HashMap<>();
        for (JsonNode f : forks(runDir)) {
            if (f.get("status").asText().equals("ok")) {
                List<Double> s = scores.computeIfAbsent(f.get("jvm").asText(), k -> new ArrayList<>());
                assertEquals(s.size(), f.get("row").asInt(), "rows are numbered in the order forks finished: " + f);
                s.add(f.get("score").asDouble());
            }
        }
        for (String label : List.of("a", "b")) {
            assertEquals(scores.getOrDefault(label, List.of()), rows(runDir, label), label + ": rawData rows vs forks.jsonl");
        }
    }

    /** The finished run: 3 blocks, each with one ok fork per JVM in the schedule's order; resumed once. */
    static void assertCompleteAfterOneResume(Path runDir) throws IOException {
        assertConsistent(runDir);
        Schedule schedule = new Schedule(2, 4242);
        Set<String> cells = new HashSet<>();
        for (JsonNode f : forks(runDir)) {
            if (!f.get("status").asText().equals("ok")) {
                continue;
            }
            int block = f.get("block").asInt();
            int jvm = f.get("jvm").asText().equals("a") ? 0 : 1;
            assertTrue(cells.add(block + f.get("jvm").asText()), "one ok fork per block and JVM: " + f);
            assertEquals(schedule.order(0, block).indexOf(jvm) + 1, f.get("position").asInt(), "position follows the seed: " + f);
            assertEquals(2, f.get("blockSize").asInt());
        }
        assertEquals(6, cells.size());
        assertEquals(3, rows(runDir, "a").size());
        assertEquals(3, rows(runDir, "b").size());
        JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
        assertEquals("complete", run.get("status").asText());
        assertEquals(1, run.get("resumes").size());
        assertEquals(6, run.get("counts").get("forksOk").asInt());
        assertEquals(true, run.get("selfCheck").asBoolean(), "two labels of one JDK is an A/A run");
        assertFalse(Files.exists(runDir.resolve(ResumeStore.DIR)), ".resume is deleted when the run completes");
        List<String> points = Files.readAllLines(runDir.resolve("points.jsonl"));
        assertEquals(1, points.size());
        JsonNode point = JSON.readTree(points.get(0));
        assertEquals(3, point.get("blocks").asInt());
        assertEquals("planned", point.get("stop").asText());
        assertTrue(point.get("halfWidths").has("b"), points.get(0));
    }

    @Test
    void sigkillKeepsEveryFinishedForkAndTheRunResumes(@TempDir Path tmp) throws Exception {
        Process p = start(tmp, "first", tinyRun("400ms"));
        await("three finished forks (block 2 begun)", () -> {
            try {
                return lines(runDir(tmp).resolve("forks.jsonl")).size() >= 3;
            } catch (IOException | RuntimeException e) {
                return false; // no run folder yet
            }
        }, p);
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertEquals(137, waitFor(p, tmp, "first"), "killed by SIGKILL");
        assertEnded(children);

        Path runDir = runDir(tmp);
        String id = runDir.getFileName().toString();
        List<String> before = Files.readAllLines(runDir.resolve("forks.jsonl"));
        assertTrue(before.size() >= 3 && before.size() < 6, before.toString());
        boolean cut = before.size() % 2 == 1; // an odd count: the last block has one JVM's fork only
        System.out.println("SuiteResumeTest: SIGKILL after " + before.size() + " forks" + (before.size() % 2 == 1 ? ": a block was cut" : ""));
        assertConsistent(runDir);
        assertEquals("running", JSON.readTree(runDir.resolve("run.json").toFile()).get("status").asText(), "SIGKILL leaves it as it was");
        assertTrue(Files.list(runDir.resolve(ResumeStore.DIR)).count() >= 3, "each finished fork's JMH result is kept for a resume");

        // JMH's temp files of the killed runner (its forks' compile commands and output) were recorded, and are there
        List<String> leftovers = Files.readAllLines(runDir.resolve(JmhTempFiles.LIST));
        assertTrue(leftovers.stream().anyMatch(f -> f.endsWith("compilecommand")), leftovers.toString());
        assertTrue(leftovers.stream().anyMatch(f -> Files.exists(Path.of(f))), "SIGKILL: JMH could not delete them: " + leftovers);

        // a dry run of the resume already sees the truth: no runner holds the run
        Process dry = start(tmp, "dry", "--resume=" + id, "--dryRun=true");
        assertEquals(0, waitFor(dry, tmp, "dry"), Files.readString(tmp.resolve("dry.out")));
        String dryOut = Files.readString(tmp.resolve("dry.out"));
        assertTrue(dryOut.contains("nettune: run " + id + " said 'running' but its runner is gone"), dryOut);
        assertEquals(cut, dryOut.contains("was cut by the interruption: the whole block runs again"), dryOut);
        JsonNode stale = JSON.readTree(runDir.resolve("run.json").toFile());
        assertEquals("interrupted", stale.get("status").asText());
        assertTrue(stale.get("interruption").asText().contains("no runner holds the run"), stale.toString());
        assertEquals(before, Files.readAllLines(runDir.resolve("forks.jsonl")), "a dry run changes no fork line");
        leftovers.forEach(f -> assertFalse(Files.exists(Path.of(f)), "the dead runner's JMH file is deleted: " + f));
        assertFalse(Files.exists(runDir.resolve(JmhTempFiles.LIST)));

        assertRefusals(tmp, runDir, id);

        Process resumed = start(tmp, "resume", "--resume=" + id);
        assertEquals(0, waitFor(resumed, tmp, "resume"), Files.readString(tmp.resolve("resume.out")));
        String out = Files.readString(tmp.resolve("resume.out"));
        assertTrue(out.contains("nettune: resuming run " + id), out);
        List<JsonNode> after = forks(runDir);
        int kept = cut ? before.size() - 1 : before.size();
        for (int i = 0; i < kept; i++) {
            assertEquals(JSON.readTree(before.get(i)), after.get(i), "the forks finished before the kill are kept as they were");
        }
        if (cut) {
            JsonNode was = JSON.readTree(before.get(kept));
            JsonNode now = after.get(kept);
            assertEquals("interrupted", now.get("status").asText(), "the cut block's finished fork is superseded: " + now);
            assertTrue(now.get("reason").asText().startsWith("superseded: block " + was.get("block").asInt()), now.toString());
            assertEquals(was.get("seq"), now.get("seq"));
            assertEquals(was.get("startedAt"), now.get("startedAt"));
            assertTrue(now.get("row").isNull() && now.get("score").isNull());
            // the block ran again whole: both its forks after the resume, seconds apart
            List<JsonNode> redo = after.stream().filter(f -> f.get("status").asText().equals("ok")
                    && f.get("block").equals(was.get("block"))).toList();
            assertEquals(2, redo.size());
            redo.forEach(f -> assertTrue(f.get("seq").asInt() > before.size(), "ran after the resume: " + f));
            JsonNode run = JSON.readTree(runDir.resolve("run.json").toFile());
            assertEquals(1, run.get("resumes").get(0).get("blocksRerun").size(), run.toString());
        }
        assertCompleteAfterOneResume(runDir);
    }

    /** What a resume refuses, each with one line naming the problem (checked in-process, before anything runs). */
    static void assertRefusals(Path tmp, Path runDir, String id) throws Exception {
        Path copies = Files.createDirectories(tmp.resolve("copies"));
        Suite suite = new Suite(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), FakeAnalyze.class.getName());

        Path other = copy(runDir, copies.resolve("other-commit").resolve(id));
        ObjectNode doc = (ObjectNode) JSON.readTree(other.resolve("run.json").toFile());
        doc.put("gitCommit", "0123456789abcdef0123456789abcdef01234567");
        JSON.writeValue(other.resolve("run.json").toFile(), doc);
        UsageException e = assertThrows(UsageException.class, () -> suite.run(SuiteOptions.parse("--resume=" + id,
                "--results=" + other.getParent())));
        assertTrue(e.getMessage().contains("was made by git commit 0123456789abcdef0123456789abcdef01234567"), e.getMessage());

        Path broken = copy(runDir, copies.resolve("broken").resolve(id));
        Path ser;
        try (Stream<Path> s = Files.list(broken.resolve(ResumeStore.DIR))) {
            ser = s.sorted().findFirst().orElseThrow();
        }
        Files.writeString(ser, "torn");
        e = assertThrows(UsageException.class, () -> suite.run(SuiteOptions.parse("--resume=" + id, "--results=" + broken.getParent())));
        assertTrue(e.getMessage().contains("cannot read the .resume data " + ser), e.getMessage());

        e = assertThrows(UsageException.class, () -> suite.run(SuiteOptions.parse("--resume=nosuchrun-quick",
                "--results=" + tmp.resolve("results"))));
        assertTrue(e.getMessage().startsWith("nettune.resume: no run 'nosuchrun-quick'"), e.getMessage());
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    @Test
    void sigtermRecordsTheForkInFlightAsInterruptedAndTheRunResumes(@TempDir Path tmp) throws Exception {
        Process p = start(tmp, "first", tinyRun("400ms"));
        await("the third fork running", () -> {
            try {
                return Files.readString(runDir(tmp).resolve(Execution.JMH_LOG)).contains("#### nettune: fork 3:");
            } catch (IOException | RuntimeException e) {
                return false; // no run folder or log yet
            }
        }, p);
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy(); // SIGTERM: the shutdown hook records the stop
        assertEquals(143, waitFor(p, tmp, "first"), "ended by SIGTERM");
        assertEnded(children);
        String out = Files.readString(tmp.resolve("first.out"));
        assertTrue(out.contains("stopped; finished forks are kept"), out);
        // the hint names everything a resume needs: the smoke profile, the results and report folders, ignoreLock
        java.util.regex.Matcher hint = java.util.regex.Pattern.compile("Resume with: mvn verify (.*) \\(or: java -cp target/benchmarks.jar "
                + Suite.class.getName() + " (.*)\\)").matcher(out);
        assertTrue(hint.find(), out);
        assertTrue(hint.group(1).contains("-Dnettune.profile=smoke -Dnettune.results=" + tmp.resolve("results")), hint.group(1));
        List<String> hinted = List.of(hint.group(2).split(" "));
        assertTrue(hinted.contains("--analysis=" + tmp.resolve("analysis")) && hinted.contains("--ignoreLock=true"), hinted.toString());

        Path runDir = runDir(tmp);
        String id = runDir.getFileName().toString();
        assertEquals("interrupted", JSON.readTree(runDir.resolve("run.json").toFile()).get("status").asText());
        List<JsonNode> before = forks(runDir);
        assertEquals(3, before.size(), before.toString());
        JsonNode stopped = before.get(2);
        assertEquals("interrupted", stopped.get("status").asText());
        assertEquals(3, stopped.get("seq").asInt());
        assertTrue(stopped.get("row").isNull() && stopped.get("score").isNull() && stopped.get("reason").asText().contains("stopped"));
        assertConsistent(runDir);

        List<String> args = new ArrayList<>(hinted);
        args.addAll(List.of("--seed=1", "--blocks=9", "--blocks=3"));
        Process resumed = start(tmp, "resume", args.toArray(new String[0]));
        assertEquals(0, waitFor(resumed, tmp, "resume"), Files.readString(tmp.resolve("resume.out")));
        String resumedOut = Files.readString(tmp.resolve("resume.out"));
        assertTrue(resumedOut.contains("the run's recorded settings apply; ignoring --seed\n"),
                "a resume runs the recorded schedule and says which options it ignored, not those equal to the run's: " + resumedOut);
        List<JsonNode> after = forks(runDir);
        assertEquals(7, after.size(), "6 ok forks + the interrupted one, kept as a record");
        assertEquals(stopped, after.get(2));
        JsonNode redo = after.stream().filter(f -> f.get("status").asText().equals("ok")
                && f.get("block").equals(stopped.get("block")) && f.get("jvm").equals(stopped.get("jvm"))).findFirst().orElseThrow();
        assertTrue(redo.get("seq").asInt() > 3, "the interrupted fork ran again after the resume");
        assertCompleteAfterOneResume(runDir);

        Process again = start(tmp, "again", "--resume=" + id);
        assertEquals(Suite.EXIT_USAGE, waitFor(again, tmp, "again"));
        String refused = Files.readString(tmp.resolve("again.out"));
        assertTrue(refused.startsWith("nettune: error: nettune.resume: run " + id + " is complete; nothing to resume\n"), refused);
    }
}
