package dev.nettune.run.folder;

import dev.nettune.results.RunDocument;

import dev.nettune.run.check.Preflight;
import dev.nettune.run.options.UsageException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run.json that says "running" is believed only while a runner holds the run's lock (or, for runs
 * made before locks, while its recorded pid is a live java process of this boot): fixture run
 * folders under src/test/resources/run-fixtures, made stale or live here.
 */
class RunLockTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path tmp;

    /** A copy of fixture {@code name} under {@code tmp/results}, its host and boot set to this machine's, pid to {@code pid}. */
    Path fixture(String name, long pid) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("results").resolve(name));
        Path from = Path.of("src/test/resources/run-fixtures", name);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ObjectNode run = (ObjectNode) JSON.readTree(dir.resolve("run.json").toFile());
        run.put("pid", pid);
        ((ObjectNode) run.get("host")).put("hostname", RunLock.hostname());
        if (run.has("runner")) {
            ((ObjectNode) run.get("runner")).put("pid", pid).put("hostname", RunLock.hostname()).put("bootId", RunLock.bootId());
        }
        JSON.writeValue(dir.resolve("run.json").toFile(), run);
        return dir;
    }

    static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.pid();
    }

    static JsonNode run(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("run.json").toFile());
    }

    static RunDocument doc(Path dir) throws IOException {
        return RunDocument.read(dir.resolve("run.json"));
    }

    @Test
    void aRunningRunWhoseLockIsFreeIsRewrittenAsInterrupted() throws Exception {
        Path dir = fixture("stale-running", deadPid());
        Files.createFile(dir.resolve(RunLock.FILE)); // its runner held it, then died: the OS released it
        String why = RunLock.staleReason(dir, doc(dir));
        assertNotNull(why);
        assertTrue(why.contains("its lock .runner.lock is free"), why);

        assertEquals(List.of("stale-running"), RunLock.markStale(tmp.resolve("results")));
        JsonNode after = run(dir);
        assertEquals("interrupted", after.get("status").asText());
        assertEquals("2026-12-03T10:00:12.700Z", after.get("interruptedAt").asText(), "when its last fork ended");
        assertTrue(after.get("interruption").asText().startsWith("run.json said running, but no runner holds the run"),
                after.toString());
        after.get("jvms").forEach(j -> assertEquals("interrupted", j.get("status").asText()));
        assertEquals("smoke", after.get("profile").asText(), "the rest of run.json is kept");
        assertEquals(List.of(), RunLock.markStale(tmp.resolve("results")), "an interrupted run is left alone");
    }

    /**
     * A stale run.json of the runner's own shape (a committed run, set back to running, its runner
     * dead) is rewritten through the record: the same keys in the same order, interruptedAt and
     * interruption added at the end, running JVMs interrupted, nothing else changed.
     */
    @Test
    void aStaleRunOfTheRunnersShapeIsRewrittenThroughTheRecord() throws Exception {
        Path committed;
        try (java.util.stream.Stream<Path> s = Files.list(Path.of("bench-results"))) {
            committed = s.filter(d -> d.getFileName().toString().startsWith("2026-12-04")).findFirst().orElseThrow();
        }
        ObjectNode before = (ObjectNode) JSON.readTree(committed.resolve("run.json").toFile());
        before.put("status", "running");
        before.remove("finishedAt");
        ((ObjectNode) before.get("runner")).put("pid", deadPid());
        ((ObjectNode) before.get("jvms").get(0)).put("status", "running");
        Path dir = Files.createDirectories(tmp.resolve("results/shaped"));
        Files.writeString(dir.resolve("run.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(before));
        assertTrue(doc(dir).writesBack(before), "the runner's own shape");

        assertEquals(List.of("shaped"), RunLock.markStale(tmp.resolve("results")));
        ObjectNode after = (ObjectNode) run(dir);
        List<String> keys = new java.util.ArrayList<>();
        before.fieldNames().forEachRemaining(keys::add);
        keys.add("interruptedAt");
        keys.add("interruption");
        List<String> written = new java.util.ArrayList<>();
        after.fieldNames().forEachRemaining(written::add);
        assertEquals(keys, written);
        assertEquals("interrupted", after.get("status").asText());
        assertTrue(after.get("interruption").asText().startsWith("run.json said running, but no runner holds the run (pid "),
                after.get("interruption").asText());
        assertEquals("interrupted", after.get("jvms").get(0).get("status").asText());
        assertEquals("done", after.get("jvms").get(1).get("status").asText(), "a JVM that was not running is left as it was");
        ObjectNode expected = before.deepCopy();
        expected.put("status", "interrupted");
        expected.set("interruptedAt", after.get("interruptedAt"));
        expected.set("interruption", after.get("interruption"));
        ((ObjectNode) expected.get("jvms").get(0)).put("status", "interrupted");
        assertEquals(JSON.readTree(expected.toString()), after); // through text: numbers compare by value
    }

    @Test
    void aRunWhoseLockIsHeldIsLeftRunning() throws Exception {
        Path dir = fixture("stale-running", deadPid());
        try (RunLock held = RunLock.tryAcquire(dir)) {
            assertNotNull(held);
            assertNull(RunLock.tryAcquire(dir), "one holder at a time, within this JVM too");
            assertTrue(RunLock.runnerAlive(dir, doc(dir)));
            assertEquals(List.of(), RunLock.markStale(tmp.resolve("results")));
            assertEquals("running", run(dir).get("status").asText());
        }
        assertNotNull(RunLock.staleReason(dir, doc(dir)), "released: stale");
    }

    @Test
    void aLockHeldByAnotherProcessMeansALiveRunner() throws Exception {
        Path dir = fixture("stale-running", deadPid());
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", r.readLine());
            assertTrue(RunLock.runnerAlive(dir, doc(dir)));
            assertEquals(List.of(), RunLock.markStale(tmp.resolve("results")));
            UsageException e = assertThrows(UsageException.class, () -> Preflight.resumable(tmp, Path.of("results"), "stale-running"));
            assertTrue(e.getMessage().startsWith("nettune.resume: run stale-running is still running (pid "), e.getMessage());
        } finally {
            holder.getOutputStream().close(); // the holder ends when its stdin closes
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of("stale-running"), RunLock.markStale(tmp.resolve("results")), "its holder ended: stale");
    }

    @Test
    void aRunMadeBeforeLocksIsJudgedByItsPidAndBoot() throws Exception {
        Path dir = fixture("old-running", ProcessHandle.current().pid());
        assertTrue(RunLock.runnerAlive(dir, doc(dir)), "a live java process with the recorded pid");
        ObjectNode rebooted = (ObjectNode) run(dir);
        rebooted.putObject("runner").put("pid", ProcessHandle.current().pid()).put("bootId", "another-boot");
        if (RunLock.bootId() != null) {
            assertFalse(RunLock.runnerAlive(dir, RunDocument.of(rebooted)), "recorded before a reboot");
        }
        Path dead = fixture("stale-running", deadPid());
        Files.delete(dead.resolve("forks.jsonl"));
        assertFalse(RunLock.runnerAlive(dead, doc(dead)), "no lock file, pid gone");
        Files.writeString(tmp.resolve("results/old-running/run.json"), run(dir).toString().replace("\"pid\":" + ProcessHandle.current().pid(),
                "\"pid\":" + deadPid()));
        assertEquals(List.of("old-running", "stale-running"), RunLock.markStale(tmp.resolve("results")));
        assertTrue(run(dead).get("interruptedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"),
                "without forks: run.json's own time");
    }

    /** Holds a run's lock until its stdin closes (the other process of a test). */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (RunLock lock = RunLock.tryAcquire(Path.of(args[0]))) {
                System.out.println(lock == null ? "busy" : "locked");
                System.out.flush();
                try (InputStream in = System.in) {
                    while (in.read() >= 0) {
                        // wait for EOF
                    }
                }
            }
        }
    }
}
