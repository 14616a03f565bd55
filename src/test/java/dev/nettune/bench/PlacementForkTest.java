package dev.nettune.bench;

import dev.nettune.placement.Netns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A benchmark fork as the suite runs it — RoundTripBenchmark with placement=netns, in a JMH fork
 * of its own — whose server JVM is killed mid-measurement: the fork fails, and the namespace and
 * its link are gone when it has ended, without any sweep (root only; skipped with the reason).
 */
@Tag("process")
class PlacementForkTest {
    static final long TIMEOUT_SECONDS = 120;

    @Test
    void aForkWhoseServerDiesMidRunFailsAndLeavesNoNamespace() throws Exception {
        String why = Netns.unavailableReason(false);
        assumeTrue(why == null, why);
        List<String> before = Netns.existing();
        Options options = new OptionsBuilder()
                .include(RoundTripBenchmark.class.getName() + "\\.roundTrip$")
                .param("payload", "64").param("placement", "netns")
                .mode(org.openjdk.jmh.annotations.Mode.Throughput)
                .forks(1).warmupForks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.seconds(60))
                .jvmArgs("-Xmx256m").shouldFailOnError(false).verbosity(VerboseMode.SILENT)
                .build();
        String lock = System.getProperty("jmh.ignoreLock");
        System.setProperty("jmh.ignoreLock", "true"); // a test's fork measures nothing: it need not wait for others' runs
        CompletableFuture<Collection<RunResult>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new Runner(options).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String ns = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (ns == null) {
                for (String n : Netns.existing()) {
                    if (n.startsWith(Netns.PREFIX) && !before.contains(n) && !serverPids(n).isEmpty()) {
                        ns = n;
                    }
                }
                if (ns == null && (run.isDone() || System.nanoTime() > deadline)) {
                    fail("the fork never ran a server in a namespace" + (run.isDone() ? " (it ended: " + run.get() + ")" : ""));
                }
                Thread.sleep(50); // polling ip netns list: the fork announces nothing to this JVM
            }
            Thread.sleep(1_000); // measuring now
            for (String pid : serverPids(ns)) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
            Collection<RunResult> results = run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, results.size(), "a round trip to a dead server fails the point");
            assertEquals(before, Netns.existing(), "the failed fork removed " + ns + " and its link on its way out");
        } finally {
            if (lock == null) {
                System.clearProperty("jmh.ignoreLock");
            } else {
                System.setProperty("jmh.ignoreLock", lock);
            }
            if (!run.isDone()) {
                run.cancel(true);
            }
        }
    }

    private static List<String> serverPids(String ns) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "pids", ns).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertTrue(p.exitValue() == 0 || out.contains("No such file"), out);
        return out.isEmpty() || p.exitValue() != 0 ? List.of() : List.of(out.split("\\s+"));
    }
}
