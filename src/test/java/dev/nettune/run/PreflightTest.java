package dev.nettune.run;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PreflightTest {

    @Test
    void flagTheJdkRejectsStopsTheSuiteBeforeAnythingRuns() {
        UsageException e = assertThrows(UsageException.class, () -> Preflight.prepare(
                SuiteTest.options("--variants=bad:*:-XX:+NoSuchNettuneFlag"), SuiteTest.onlySelf(), PlanTest.entries()));
        assertTrue(e.getMessage().startsWith("jdk" + Runtime.version().feature() + "-bad: JDK "
                + Runtime.version().feature() + " refuses these flags"), e.getMessage());
        assertTrue(e.getMessage().contains("NoSuchNettuneFlag"), e.getMessage());
    }

    @Test
    void validFlagsAndPlacementPassValidation() {
        assumeTrue(Preflight.onPath("taskset") != null, "needs taskset");
        Preflight.Prepared p = Preflight.prepare(SuiteTest.options("--variants=cpu0;par:*:-XX:+UseParallelGC", "--include=connectOnly"),
                SuiteTest.onlySelf(), PlanTest.entries());
        assertEquals(3, p.targets().size());
        assertEquals(1, p.plan().pointCount());
    }

    @Test
    void jmhOptionsTheSuiteOwnsAreRefused() {
        for (String jmh : List.of("-rf csv", "-jvm /usr/bin/java", "RoundTrip", "-o out.txt", "-f 0")) {
            assertThrows(UsageException.class, () -> Preflight.prepare(SuiteTest.options("--jmh=" + jmh), SuiteTest.onlySelf(), PlanTest.entries()), jmh);
        }
        UsageException e = assertThrows(UsageException.class, () -> Preflight.prepare(SuiteTest.options("--jmh=-nosuch"), SuiteTest.onlySelf(), PlanTest.entries()));
        assertTrue(e.getMessage().startsWith("nettune.jmh: "), e.getMessage());
    }

    @Test
    void jmhTimingOptionsOverrideTheProfileInTheEstimate() {
        Preflight.Prepared p = Preflight.prepare(SuiteTest.options("--profile=full", "--jmh=-f 1 -wi 0 -i 2 -r 500ms"), SuiteTest.onlySelf(), PlanTest.entries());
        assertEquals(1 * (0 + 2 * 0.5 + Preflight.FORK_OVERHEAD_SECONDS), p.timing().secondsPerPoint(), 1e-9);
        Preflight.Prepared full = Preflight.prepare(SuiteTest.options("--profile=full"), SuiteTest.onlySelf(), PlanTest.entries());
        assertEquals(3 * (5 + 10 + Preflight.FORK_OVERHEAD_SECONDS), full.timing().secondsPerPoint(), 1e-9);
    }

    @Test
    void planIsPrintedWithAnEstimate() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Preflight.printPlan(new PrintStream(buf, true, StandardCharsets.UTF_8), Preflight.prepare(SuiteTest.options("--profile=smoke"), SuiteTest.onlySelf(), PlanTest.entries()));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("ModelBenchmark") && out.contains("(no profile file: full @Param grid)"), out);
        assertTrue(out.contains("Plan: 14 points x 1 JVMs = 14 runs, estimated 35s"), out);
    }
}
