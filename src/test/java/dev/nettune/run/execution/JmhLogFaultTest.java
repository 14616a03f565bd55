package dev.nettune.run.execution;

import dev.nettune.placement.PlacedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A fork that a placed server's fault ended (dev.nettune.fault.FaultForkTest makes one): its reason is the fault, not JMH's "VM exited". */
class JmhLogFaultTest {
    static final String REASON = "placement process: the server JVM (pid 30418) has been stopped (state T: SIGSTOP or a debugger)"
            + " for more than 2 s (nettune.placement.stallSeconds): a client waiting on it would wait for ever; ending this fork (exit 3)";

    /** JMH 1.37's output for such a fork, as a real one printed it (the forked VM's stdout runs into "Iteration 1: "). */
    static final String ENDED_BY_A_STALL = String.join("\n",
            "# Fork: 1 of 1",
            "Iteration   1: " + PlacedServer.FAULT_PREFIX + REASON,
            "<failure>",
            "",
            "<failure: VM prematurely exited before JMH had finished with it, explicit System.exit was called?>",
            "<forked VM failed with exit code 3>",
            "<stdout last='20 lines'>",
            "</stdout>",
            "<stderr last='20 lines'>",
            PlacedServer.FAULT_PREFIX + REASON,
            "</stderr>", "");

    @Test
    void theFaultTheForkNamedIsItsReason(@TempDir Path tmp) throws Exception {
        assertEquals(REASON, JmhLogTest.reasonOf(tmp.resolve("jmh.log"), ENDED_BY_A_STALL));
    }
}
