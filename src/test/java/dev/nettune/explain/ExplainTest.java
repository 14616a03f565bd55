package dev.nettune.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nettune.results.RunDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways an explanation cannot be made: no profiler for the platform, a library that does not
 * load, a fork that hangs, bad input. Each ends with a clear message, in seconds, and leaves no
 * process behind. No benchmark is timed here: the one JMH process started fails before it forks.
 */
class ExplainTest {
    private static final FlaggedPoint POINT = new FlaggedPoint("dev.nettune.bench.RoundTripBenchmark.roundTrip", "thrpt",
            new TreeMap<>(Map.of("payload", "64", "placement", "inprocess")), "a", "b", "better", 2.0, 1.5, 2.5);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private Set<Long> before;

    @BeforeEach
    void childrenBefore() {
        before = children();
    }

    @AfterEach
    void noProcessLeftBehind() {
        assertEquals(before, children(), "processes this test started are still running");
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** A run folder whose two JVMs are this test's own java, with short iterations. */
    private static Path run(Path dir) throws IOException {
        String home = System.getProperty("java.home").replace("\\", "\\\\");
        Files.writeString(dir.resolve("run.json"), "{\"runId\":\"t\",\"settings\":{\"warmupIterations\":1,\"warmupTime\":\"1 s\","
                + "\"measurementIterations\":1,\"measurementTime\":\"1 s\"},\"jvms\":[{\"label\":\"a\",\"javaHome\":\"" + home
                + "\",\"flags\":[]},{\"label\":\"b\",\"javaHome\":\"" + home + "\",\"flags\":[]}]}");
        return dir;
    }

    private static JsonNode index(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("explain/index.json").toFile());
    }

    @Test
    void noLibraryForThePlatformSaysSoAndStartsNothing(@TempDir Path dir) {
        ProfilerSetup mac = ProfilerSetup.of(dir, null, "Mac OS X", "aarch64", getClass().getClassLoader(), dir.resolve("p"), false);
        assertTrue(mac.unavailable().contains("need Linux here; this is Mac OS X aarch64"), mac.unavailable());
        ProfilerSetup riscv = ProfilerSetup.of(dir, null, "Linux", "riscv64", getClass().getClassLoader(), dir.resolve("p"), false);
        assertTrue(riscv.unavailable().contains("no library for Linux riscv64"), riscv.unavailable());
        ProfilerSetup none = ProfilerSetup.of(dir, null, "Linux", "amd64", new ClassLoader(null) {
        }, dir.resolve("p"), false);
        assertTrue(none.unavailable().contains("linux-x64/libasyncProfiler.so is not on the class path"), none.unavailable());
    }

    @Test
    void theLibraryInTheJarIsExtractedForThisHost(@TempDir Path dir) throws IOException {
        ProfilerSetup s = ProfilerSetup.of(dir, null, "Linux", "amd64", getClass().getClassLoader(), dir.resolve("none"), false);
        assertNull(s.unavailable());
        byte[] head = Files.readAllBytes(s.library());
        assertTrue(head.length > 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F', "an ELF library");
    }

    @Test
    void aTooParanoidKernelFallsBackToCtimerAndSaysSo(@TempDir Path dir) throws IOException {
        Path paranoid = dir.resolve("perf_event_paranoid");
        Files.writeString(paranoid, "3\n");
        ProfilerSetup s = ProfilerSetup.of(dir, null, "Linux", "amd64", getClass().getClassLoader(), paranoid, false);
        assertEquals("ctimer", s.cpuEvent());
        assertTrue(s.notes().get(0).contains("perf_event_paranoid=3 forbids perf_events"), s.notes().toString());
        Files.writeString(paranoid, "2\n");
        assertEquals("cpu", ProfilerSetup.of(dir, null, "Linux", "amd64", getClass().getClassLoader(), paranoid, false).cpuEvent());
        assertEquals("cpu", ProfilerSetup.of(dir, null, "Linux", "amd64", getClass().getClassLoader(), paranoid, true).cpuEvent());
    }

    @Test
    void aMissingLibraryIsRecordedForEveryPointWithoutAFork(@TempDir Path dir) throws IOException {
        Path run = run(dir);
        Explain.Summary s = Explain.explain(run, List.of(POINT), new Explain.Settings(dir.resolve("nope.so"), null, null, true), out);
        assertEquals(1, s.points());
        assertEquals(0, s.explained());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("async-profiler library " + dir.resolve("nope.so") + ": no such file"), printed);
        JsonNode p = index(run).path("points").path(0);
        assertEquals("not run", p.path("status").asText());
        assertTrue(p.path("reason").asText().contains("no such file"));
        assertTrue(Files.isRegularFile(run.resolve("explain/index.html")));
    }

    @Test
    void aLibraryThatDoesNotLoadStopsTheRestWithTheReason(@TempDir Path dir) throws IOException {
        Path run = run(dir);
        Path bogus = dir.resolve("libasyncProfiler.so");
        Files.writeString(bogus, "not a shared library\n");
        long t0 = System.nanoTime();
        Explain.Summary s = Explain.explain(run, List.of(POINT), new Explain.Settings(bogus, null, null, true), out);
        assertTrue(System.nanoTime() - t0 < 120e9, "no hang");
        assertEquals(0, s.explained());
        JsonNode jvms = index(run).path("points").path(0).path("jvms");
        assertTrue(jvms.path("a").path("reason").asText().contains("async-profiler could not be loaded"), jvms.toString());
        assertTrue(jvms.path("b").path("reason").asText().contains("the remaining forks were not started"), jvms.toString());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("[1/4]") && !printed.contains("[2/4]"), printed); // two JVMs, two sessions each
    }

    @Test
    void aForkThatHangsIsKilledWithItsChildren(@TempDir Path dir) throws IOException {
        Path script = dir.resolve("hangs.sh");
        Files.writeString(script, "#!/bin/sh\nsleep 300 &\nsleep 300\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        ProfiledFork.Request r = new ProfiledFork.Request(POINT, "a", script, List.of(), List.of(), 1, "1s", 1, "1s", dir.resolve("fork"),
                ProfiledFork.Session.CPU_ALLOC);
        ProfiledFork.Outcome o = ProfiledFork.run(List.of(script.toString()), r, Duration.ofSeconds(1));
        assertEquals(ProfiledFork.Status.FAILED, o.status());
        assertTrue(o.reason().startsWith("no result within 1 s"), o.reason());
        // the @AfterEach check: neither sleep is alive
    }

    @Test
    void badInputNeverThrowsFromTheRunnersHook(@TempDir Path dir) throws IOException {
        Explain.Summary bad = Explain.afterRun(dir, "sometimes", out);
        assertTrue(bad.message().contains("nettune.explain: 'sometimes' is not one of flagged, all, none"), bad.message());
        Explain.Summary noReport = Explain.afterRun(run(dir), "flagged", out);
        assertTrue(noReport.message().contains("comparisons.csv: no such file"), noReport.message());
        assertEquals(0, Explain.afterRun(dir, "none", out).points());
        assertEquals(Explain.Mode.FLAGGED, Explain.Mode.parse(""));
    }

    @Test
    void theCommandLineHasHelpAndNamesBadOptions(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(0, Explain.run(new String[]{"--help"}, out, e));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("--points WHICH"));
        assertEquals(2, Explain.run(new String[]{"--run", dir.toString()}, out, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no run.json"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theForkRunsOnThePointsJvmWithTheProfilerOnItsMeasurement() {
        ProfiledFork.Request r = new ProfiledFork.Request(POINT, "b", Path.of("/jdk/bin/java"), List.of("--flag=x"), List.of(), 2, "1s", 3,
                "2s", Path.of("/out/cpu"), ProfiledFork.Session.CPU_ALLOC);
        ProfilerSetup setup = new ProfilerSetup(Path.of("/lib/libasyncProfiler.so"), "cpu", List.of(), null);
        String line = String.join(" ", ProfiledFork.command(Path.of("/host/java"), "cp.jar", r, setup, false));
        assertTrue(line.startsWith("/host/java -cp cp.jar org.openjdk.jmh.Main ^\\Qdev.nettune.bench.RoundTripBenchmark.roundTrip\\E$"), line);
        assertTrue(line.contains("-f 1 -wf 0 -bm thrpt -wi 2 -w 1s -i 3 -r 2s -jvm /jdk/bin/java"), line);
        assertTrue(line.contains("-p payload=64 -p placement=inprocess -jvmArgsPrepend --flag=x"), line);
        assertTrue(line.contains("async:libPath=/lib/libasyncProfiler.so;event=cpu;interval=1000000;alloc=512k;output=jfr;dir=/out/cpu/async"),
                line);
        // the wall clock in a fork of its own: the CPU profile holds no wall-clock signal handler
        assertTrue(!line.contains("wall"), line);
        String wall = String.join(" ", ProfiledFork.command(Path.of("/host/java"), "cp.jar",
                r.in(ProfiledFork.Session.WALL, Path.of("/out/wall")), setup, false));
        assertTrue(wall.contains("async:libPath=/lib/libasyncProfiler.so;event=wall;interval=10000000;output=jfr;dir=/out/wall/async"), wall);
        assertTrue(!wall.contains("event=cpu") && !wall.contains("alloc="), wall);
        assertEquals(2 * 1 + 3 * 2 + ProfiledFork.OVERHEAD_SECONDS, r.expectedSeconds());
    }

    @Test
    void aPointPinnedByItsProfileIsProfiledUnderTheSamePin(@TempDir Path dir) throws IOException {
        String home = System.getProperty("java.home").replace("\\", "\\\\");
        String json = "{\"runId\":\"t\",\"jvms\":[{\"label\":\"a\",\"javaHome\":\"" + home + "\",\"flags\":[]}],"
                + "\"plan\":{\"classes\":[],\"points\":[{\"point\":0,\"class\":\"dev.nettune.bench.RoundTripBenchmark\","
                + "\"benchmark\":\"dev.nettune.bench.RoundTripBenchmark.roundTrip\",\"mode\":\"thrpt\","
                + "\"params\":{\"payload\":\"64\",\"placement\":\"inprocess\"},\"cpus\":\"0\"},"
                + "{\"point\":1,\"class\":\"dev.nettune.bench.RoundTripBenchmark\","
                + "\"benchmark\":\"dev.nettune.bench.RoundTripBenchmark.roundTrip\",\"mode\":\"thrpt\","
                + "\"params\":{\"payload\":\"1024\",\"placement\":\"inprocess\"}}]}}";
        RunDocument run = RunDocument.of(new ObjectMapper().readTree(json));
        ProfiledFork.Request pinned = Explain.request(run, POINT, "a", dir.resolve("cpu"), Explain.Settings.defaults());
        assertEquals(dir.resolve("cpu/java-taskset.sh"), pinned.java());
        String script = Files.readString(pinned.java());
        assertTrue(script.matches("(?s).*exec '[^']*taskset' -c 0 '" + java.util.regex.Pattern.quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()) + "' \"\\$@\"\n"), script);
        FlaggedPoint free = new FlaggedPoint(POINT.benchmark(), "thrpt", new TreeMap<>(Map.of("payload", "1024", "placement", "inprocess")),
                "a", "b", "better", 2.0, 1.5, 2.5);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java"),
                Explain.request(run, free, "a", dir.resolve("free"), Explain.Settings.defaults()).java());
    }

    @Test
    void operationsFromTheScoreAndTheMeasuredTime() {
        assertEquals(8.4, ProfiledFork.ops("thrpt", 4.2, "ops/s", 2), 1e-9);
        assertEquals(2000, ProfiledFork.ops("thrpt", 1, "ops/ms", 2), 1e-9);
        assertEquals(40, ProfiledFork.ops("avgt", 50, "ms/op", 2), 1e-9);
        assertTrue(Double.isNaN(ProfiledFork.ops("ss", 50, "ms/op", 2)));
        assertEquals(0.5, ProfiledFork.seconds("500 ms"), 1e-12);
        assertEquals(120, ProfiledFork.seconds("2min"), 1e-12);
    }

    @Test
    void failureLinesNameTheCause() {
        assertTrue(ProfiledFork.failure(List.of("x", "Unable to load async-profiler. Ensure ...")).startsWith("async-profiler could not be loaded"));
        assertEquals("java.lang.IllegalStateException: boom / at X", ProfiledFork.failure(List.of("<failure>", "", "java.lang.IllegalStateException: boom",
                "at X", "at Y", "at Z")).substring(0, "java.lang.IllegalStateException: boom / at X".length()));
        assertEquals("last", ProfiledFork.failure(List.of("first", "last", "")));
    }
}
