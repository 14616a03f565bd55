package dev.nettune.run.execution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failure reasons found in JMH's output, as JMH 1.37 prints it (samples copied from real runs). */
class JmhLogTest {
    static final String BENCHMARK_FAILURE = String.join("\n",
            "# Fork: 1 of 1",
            "Iteration   1: <failure>",
            "",
            "java.lang.NumberFormatException: For input string: \"notanumber\"",
            "\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)",
            "\tat java.base/java.lang.Integer.parseInt(Integer.java:668)",
            "",
            "",
            "# Run complete. Total time: 00:00:00", "");

    static final String WITH_CAUSE = String.join("\n",
            "# Warmup Iteration   1: <failure>",
            "",
            "java.lang.IllegalStateException: setup failed",
            "\tat dev.nettune.bench.X.setUp(X.java:10)",
            "Caused by: java.net.BindException: Address already in use",
            "\tat java.base/sun.nio.ch.Net.bind0(Native Method)", "");

    static final String VM_DIED = String.join("\n",
            "# Fork: 1 of 1",
            "<forked VM failed with exit code 1>",
            "<stdout last='20 lines'>",
            "</stdout>",
            "<stderr last='20 lines'>",
            "Unrecognized VM option 'NoSuchFlag'",
            "Error: Could not create the Java Virtual Machine.",
            "</stderr>", "");

    static String reasonOf(Path log, String output) throws Exception {
        try (JmhLog l = new JmhLog(log)) {
            l.begin("fork 1");
            l.format().print(output);
            return l.failureReason();
        }
    }

    @Test
    void theExceptionLineOfABenchmarkFailure(@TempDir Path tmp) throws Exception {
        assertEquals("java.lang.NumberFormatException: For input string: \"notanumber\"", reasonOf(tmp.resolve("jmh.log"), BENCHMARK_FAILURE));
    }

    @Test
    void theExceptionAndItsRootCause(@TempDir Path tmp) throws Exception {
        assertEquals("java.lang.IllegalStateException: setup failed (caused by java.net.BindException: Address already in use)",
                reasonOf(tmp.resolve("jmh.log"), WITH_CAUSE));
    }

    @Test
    void aForkedVmThatDiedSaysItsExitAndLastErrorLine(@TempDir Path tmp) throws Exception {
        assertEquals("forked VM failed with exit code 1: Error: Could not create the Java Virtual Machine.",
                reasonOf(tmp.resolve("jmh.log"), VM_DIED));
    }

    @Test
    void everyForkStartsAfreshAndEverythingReachesTheLog(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("jmh.log");
        try (JmhLog l = new JmhLog(log)) {
            l.begin("fork 1");
            l.format().print(BENCHMARK_FAILURE);
            assertTrue(l.failureReason().contains("notanumber"));
            l.begin("fork 2");
            l.format().println("Iteration   1: 58619.974 ops/s");
            assertNull(l.failureReason(), "a fork whose output reports no failure has no reason");
        }
        String text = Files.readString(log);
        assertTrue(text.contains("#### nettune: fork 1\n") && text.contains("#### nettune: fork 2\n"), text);
        assertTrue(text.contains("For input string: \"notanumber\"") && text.contains("58619.974 ops/s"), text);
    }

    @Test
    void aLongReasonIsCutToOneLine() {
        String clipped = JmhLog.clip("x".repeat(1000) + "\n  second line");
        assertEquals(JmhLog.MAX_REASON, clipped.length());
        assertTrue(clipped.endsWith("…") && !clipped.contains("\n"));
    }
}
