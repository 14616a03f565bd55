package dev.nettune.run.check;

import dev.nettune.run.options.JvmTarget;
import dev.nettune.run.plan.PlanTest;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.options.Profile;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.SuiteTest;
import dev.nettune.run.options.UsageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PreflightTest {
    static final String SELF = SuiteTest.SELF.toString();
    static final String LABEL = "jdk" + Runtime.version().feature();

    @TempDir
    Path tmp;

    static Preflight.Prepared prepare(String... args) {
        return Preflight.prepare(SuiteTest.options(args), SuiteTest.onlySelf(), PlanTest.entries());
    }

    Preflight.Prepared prepareIn(Path base, String... args) {
        return Preflight.prepare(SuiteTest.options(args), SuiteTest.onlySelf(), PlanTest.entries(), base);
    }

    static String refusal(String... args) {
        return assertThrows(UsageException.class, () -> prepare(args)).getMessage();
    }

    static String plan(Preflight.Prepared p) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Preflight.printPlan(new PrintStream(buf, true, StandardCharsets.UTF_8), p);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void flagTheJdkRejectsStopsTheSuiteBeforeAnythingRuns() {
        String msg = refusal("--variants=bad:*:-XX:+NoSuchNettuneFlag");
        assertTrue(msg.startsWith(LABEL + "-bad: JDK " + Runtime.version().feature() + " refuses these flags"), msg);
        assertTrue(msg.contains("NoSuchNettuneFlag"), msg);
    }

    @Test
    void validFlagsAndPlacementPassValidation() {
        assumeTrue(dev.nettune.host.Launchers.onPath("taskset") != null, "needs taskset");
        Preflight.Prepared p = prepare("--variants=cpu0;par:*:-XX:+UseParallelGC", "--include=connectOnly");
        assertEquals(3, p.targets().size());
        assertEquals(1, p.plan().pointCount());
        assertFalse(p.selfCheck(), "a variant is another JVM, not an A/A pair");
    }

    @Test
    void jmhOptionsTheSuiteOwnsOrThatBreakTheMethodAreRefused() {
        for (String jmh : List.of("-rf csv", "-jvm /usr/bin/java", "RoundTrip", "-o out.txt", "-f 0", "-f 3", "-e Model")) {
            assertThrows(UsageException.class, () -> prepare("--jmh=" + jmh), jmh);
        }
        assertEquals("nettune.jmh: -f 3 is not allowed: every block runs one fork per JVM; use -Dnettune.blocks=N for more forks per point",
                refusal("--jmh=-f 3"));
        assertTrue(refusal("--jmh=-nosuch").startsWith("nettune.jmh: "));
        assertFalse(refusal("--jmh=-i x").contains("\n"), "JMH's parser messages are folded into one line");
    }

    @Test
    void estimatesAreBlocksTimesJvmsTimesAFork() {
        Preflight.Prepared p = prepare("--profile=full", "--blocks=3", "--jmh=-wi 0 -i 2 -r 500ms");
        assertEquals(0 + 2 * 0.5 + RunSpec.FORK_OVERHEAD_SECONDS, p.timing().secondsPerFork(), 1e-9);
        assertEquals(3 * p.timing().secondsPerFork(), p.timing().secondsPerPoint(), 1e-9);
        Preflight.Prepared full = prepare("--profile=full");
        assertEquals(Profile.FULL.blocks, full.timing().blocks());
        assertEquals(Profile.FULL.blocks * (3 + 5 + RunSpec.FORK_OVERHEAD_SECONDS), full.timing().secondsPerPoint(), 1e-9);
    }

    @Test
    void aPinToACpuThisProcessCannotUseIsRefusedBeforeAnythingRuns() {
        assumeTrue(dev.nettune.host.Launchers.onPath("taskset") != null, "taskset (util-linux) is not installed");
        dev.nettune.run.plan.Plan.Point pt = new dev.nettune.run.plan.Plan.Point("x.ABenchmark.m", org.openjdk.jmh.annotations.Mode.Throughput,
                java.util.Map.of("connections", "1"));
        java.util.function.Function<String, dev.nettune.run.plan.Plan> plan = cpus -> new dev.nettune.run.plan.Plan(List.of(
                new dev.nettune.run.plan.Plan.ClassPlan("x.ABenchmark", List.of("x.ABenchmark.m"), List.of(), java.util.Map.of(), List.of(pt),
                        true, List.of(), null, List.of(), List.of(cpus + ":connections=1"))), List.of());
        Preflight.checkPinning(plan.apply("0")); // CPU 0 is in every affinity mask here
        UsageException e = assertThrows(UsageException.class, () -> Preflight.checkPinning(plan.apply("4095")));
        assertTrue(e.getMessage().startsWith("ABenchmark (its profile's @cpus=4095): 'taskset -c 4095 true' fails here: "), e.getMessage());
    }

    @Test
    void aClassWarmupCountsInEstimatesUnlessWiOverridesIt() {
        dev.nettune.run.plan.Plan.ClassPlan c = new dev.nettune.run.plan.Plan.ClassPlan("x.ABenchmark", List.of("x.ABenchmark.m"),
                List.of(), java.util.Map.of(), List.of(), true, List.of(), 5, List.of(), List.of());
        Preflight.Timing profile = new Preflight.Timing(8, 1, org.openjdk.jmh.runner.options.TimeValue.seconds(1), 2,
                org.openjdk.jmh.runner.options.TimeValue.seconds(1), false);
        Preflight.Timing wi = new Preflight.Timing(8, 0, org.openjdk.jmh.runner.options.TimeValue.seconds(1), 2,
                org.openjdk.jmh.runner.options.TimeValue.seconds(1), true);
        assertEquals(5, profile.warmupOf(c));
        assertEquals(0, wi.warmupOf(c));
        assertEquals(5 + 2 + RunSpec.FORK_OVERHEAD_SECONDS, profile.secondsPerFork(c), 1e-9);
        assertEquals(2 + RunSpec.FORK_OVERHEAD_SECONDS, wi.secondsPerFork(c), 1e-9);
        assertTrue(prepare("--profile=quick", "--jmh=-wi 0").timing().warmupFromCommandLine());
        assertFalse(prepare("--profile=quick", "--jmh=-i 3").timing().warmupFromCommandLine());
    }

    @Test
    void planPrintsPointsBlocksJvmsAndTheSecondsOfAFork() {
        String out = plan(prepare("--profile=smoke", "--jvms=a=" + SELF + ",b=" + SELF, "--seed=42"));
        // the test's benchmark list has no profile files: 14 points, each 2 blocks x 2 JVMs x 2.2 s
        assertTrue(out.startsWith("nettune: profile smoke, 2 blocks per point (randomized interleaved blocks, point-major), seed 42\n"), out);
        assertTrue(out.contains("Plan: 14 points x 2 blocks x 2 JVMs = 56 forks x ~2.2 s = ~2m03s (1m02s per JVM)"), out);
        assertTrue(out.contains("ModelBenchmark") && out.contains("(no smoke keys: the full @Param grid)"), out);
        assertTrue(out.contains("warning: ModelBenchmark, ReuseBenchmark run(s) the full @Param grid in smoke"), out);
        assertTrue(out.contains("A/A self-check: a and b are one JVM started the same way"), out);
    }

    @Test
    void oneBlockIsAllowedButTheyAreWarnedNothingCanBeTested() {
        Preflight.Prepared p = prepare("--blocks=1", "--selfCheck=" + SELF);
        assertEquals(1, p.timing().blocks());
        assertTrue(plan(p).contains("warning: 1 block per point: no difference between JVMs can be tested"), plan(p));
        assertFalse(plan(prepare("--blocks=2", "--selfCheck=" + SELF)).contains("no difference between JVMs can be tested"));
    }

    @Test
    void quickOverItsBudgetIsWarned() {
        // 14 points x 8 blocks x 1 JVM x 4.2 s = 7m50s: within; 30 blocks: 29m24s
        assertFalse(plan(prepare()).contains("warning: quick should fit"));
        String out = plan(prepare("--blocks=30"));
        assertTrue(out.contains("warning: quick should fit 20m00s per JVM; this plan needs ~29m24s"), out);
        assertTrue(out.contains("note: one JVM: nothing to compare"), out);
    }

    @Test
    void adaptiveStoppingShowsTheCapInThePlan() {
        Preflight.Prepared p = prepare("--ci=3%", "--include=connectOnly");
        assertEquals(SuiteOptions.DEFAULT_MAX_BLOCKS_FACTOR * Profile.QUICK.blocks, p.maxBlocks());
        String out = plan(p);
        assertTrue(out.contains("8-32 blocks per point") && out.contains("half-width is <= 3.0%")
                && out.contains("at most 2m14s with 32 blocks"), out);
    }

    @Test
    void seedIsFreshAndShownUnlessGiven() {
        Preflight.Prepared p = prepare();
        assertTrue(p.seed() >= 0);
        assertTrue(plan(p).contains("(-Dnettune.seed=" + p.seed() + " repeats this order)"), plan(p));
        assertEquals(-7L, prepare("--seed=-7").seed());
    }

    @Test
    void selfCheckRunsOneJdkAsTwoJvms() {
        Preflight.Prepared p = prepare("--selfCheck=" + SELF);
        assertEquals(List.of(LABEL + "-a", LABEL + "-b"), p.targets().stream().map(JvmTarget::label).toList());
        assertTrue(p.selfCheck());
        assertTrue(prepare("--jvms=x=" + SELF + ",y=" + SELF).selfCheck());
        assertFalse(prepare().selfCheck());
    }

    @Test
    void baselineMustBeAJvmOfThePlan() {
        assertEquals("nettune.baseline: 'jdk11' is no JVM of this run; its JVMs: " + LABEL + "-a, " + LABEL + "-b",
                refusal("--selfCheck=" + SELF, "--baseline=jdk11"));
        assertEquals(LABEL + "-b", prepare("--selfCheck=" + SELF, "--baseline=" + LABEL + "-b").options().baseline());
    }

    @Test
    void unwritableOrImpossibleFoldersAreRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("README.md"), "x");
        assertEquals("nettune.results: " + file + " is a file, not a folder",
                assertThrows(UsageException.class, () -> prepareIn(tmp, "--results=README.md")).getMessage());
        assertEquals("nettune.analysis: " + file.resolve("report") + " cannot be created: " + file + " is a file",
                assertThrows(UsageException.class, () -> prepareIn(tmp, "--analysis=README.md/report")).getMessage());
        assertEquals(1, prepareIn(tmp, "--results=new/deep/results", "--analysis=report", "--include=Reuse").plan().pointCount());
        assertFalse(Files.exists(tmp.resolve("new")), "checking a folder creates nothing");
    }

    @Test
    void aFolderThatPermissionsAllowButTheFileSystemRefusesIsRefused() {
        // root passes every permission check; /proc takes no new files from anyone
        Path proc = Path.of("/proc");
        assumeTrue(Files.isDirectory(proc.resolve("self")), "needs Linux /proc");
        assertEquals("nettune.results: " + proc.resolve("nettune-results") + " cannot be created: " + proc + " is not writable",
                assertThrows(UsageException.class, () -> prepareIn(tmp, "--results=/proc/nettune-results")).getMessage());
    }

    @Test
    void aReadOnlyFolderIsRefused() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        assumeTrue(ro.toFile().setWritable(false, false) && !Files.isWritable(ro), "root ignores permissions");
        try {
            assertEquals("nettune.results: " + ro + " is not writable",
                    assertThrows(UsageException.class, () -> prepareIn(tmp, "--results=ro")).getMessage());
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    Path run(String id, String json) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("results").resolve(id));
        if (json != null) {
            Files.writeString(dir.resolve("run.json"), json);
        }
        return dir;
    }

    String resumeRefusal(String id) {
        return assertThrows(UsageException.class, () -> prepareIn(tmp, "--results=results", "--resume=" + id)).getMessage();
    }

    @Test
    void resumeNeedsAnUnfinishedRunOfTheBlockMethod() throws Exception {
        Path results = Files.createDirectories(tmp.resolve("results"));
        assertEquals("nettune.resume: no run 'r1' (no run.json in " + results.resolve("r1") + ")", resumeRefusal("r1"));
        Path bare = run("r2", null);
        assertEquals("nettune.resume: " + bare + " has no run.json: not a nettune run", resumeRefusal("r2"));
        run("r3", "{\"status\": \"complete\", \"method\": {}}");
        assertEquals("nettune.resume: run r3 is complete (run.json status 'complete'): nothing to resume", resumeRefusal("r3"));
        run("r4", "{\"status\": \"interrupted\"}");
        assertTrue(resumeRefusal("r4").contains("was made before randomized blocks (no 'method' in run.json)"));
        run("r5", "{\"status\": ");
        assertTrue(resumeRefusal("r5").startsWith("nettune.resume: " + results.resolve("r5/run.json") + " is not readable JSON"));
        run("r6", "{\"status\": \"interrupted\", \"method\": {\"blocks\": 8}, \"jvms\": [{\"label\": \"old17\"}, {\"label\": \"old25\"}]}");
        assertEquals("r6", prepareIn(tmp, "--results=results", "--resume=r6").options().resume());
        assertEquals("nettune.baseline: '" + LABEL + "' is no JVM of this run; its JVMs: old17, old25",
                assertThrows(UsageException.class, () -> prepareIn(tmp, "--results=results", "--resume=r6", "--baseline=" + LABEL)).getMessage());
    }

    @Test
    void runsToReportMustExist() throws Exception {
        run("old", "{}");
        assertEquals("old", prepareIn(tmp, "--results=results", "--runs=old").options().runs());
        assertEquals("nettune.runs: no run 'gone' under " + tmp.resolve("results"),
                assertThrows(UsageException.class, () -> prepareIn(tmp, "--results=results", "--runs=old,gone")).getMessage());
    }

    @Test
    void jmhParamsAreFoundInEitherForm() throws Exception {
        List<String> args = SuiteOptions.tokenize("-prof gc -p model=STREAM,SELECTOR -ppayload=64 -i 2");
        Map<String, List<String>> params = Preflight.jmhParams(args, new CommandLineOptions(args.toArray(new String[0])));
        assertEquals(Map.of("model", List.of("STREAM", "SELECTOR"), "payload", List.of("64")), params);
        assertEquals("nettune.jmh: -p model=VIRTUAL: ModelBenchmark.model accepts STREAM, CHANNEL, SELECTOR; not 'VIRTUAL'",
                refusal("--jmh=-p model=VIRTUAL"));
        assertEquals("nettune.jmh: -p nosuch: no selected benchmark has a @Param 'nosuch'; theirs: model, payload",
                refusal("--jmh=-p nosuch=1"));
    }
}
