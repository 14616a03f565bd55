package dev.nettune.run.execution;

import dev.nettune.run.record.MergedResultsTest;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ForkRunnerTest {
    /** JMH without fail-on-error hands back the iterations before the one that threw: that fork failed, whatever its score. */
    @Test
    void aForkMissingAnIterationIsNotWhole() {
        BenchmarkParams p = MergedResultsTest.params(Mode.Throughput, "64");
        assertEquals("an iteration failed: JMH measured 2 of 3 iterations", ForkRunner.incomplete(MergedResultsTest.thrptFork(p, 10, 20), 3));
        assertNull(ForkRunner.incomplete(MergedResultsTest.thrptFork(p, 10, 20, 30), 3));
    }
}
