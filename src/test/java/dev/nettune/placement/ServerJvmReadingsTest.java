package dev.nettune.placement;

import dev.nettune.host.ProcessProbe;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server JVM of ours has its CPU time read from /proc, not asked: a server too busy to answer (here:
 * stopped) still gets read. Asked, a stopped server fails the reading after the control request's 10 s limit.
 */
class ServerJvmReadingsTest {
    @Test
    void aStoppedServerJvmIsStillRead() throws Exception {
        try (Server s = PlacedServer.start(Placement.parse("process"), ServerModel.SELECTOR, ServerConfig.DEFAULT, line -> { })) {
            long pid = ((Number) ((PlacedServer) s).record().get("serverPid")).longValue();
            signal("STOP", pid);
            try {
                long cpu = s.cpuNanos();
                assertTrue(cpu > 0, cpu + " ns: a JVM that started has used CPU");
                assertEquals(ProcessProbe.cpuNanos(pid), cpu, "a stopped JVM's CPU time, from /proc");
            } finally {
                signal("CONT", pid);
            }
            assertTrue(s.threadCount() >= 1, "a running server answers for its threads");
        }
    }

    @Test
    void aProcessThatIsGoneReadsAsUnknown() {
        assertEquals(-1, ProcessProbe.cpuNanos(Long.MAX_VALUE));
        assertTrue(ProcessProbe.cpuNanos(ProcessHandle.current().pid()) > 0);
    }

    private static void signal(String sig, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start().waitFor());
    }
}
