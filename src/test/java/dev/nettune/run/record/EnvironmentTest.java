package dev.nettune.run.record;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EnvironmentTest {

    @Test
    void parsesProcFiles() {
        assertEquals("AMD EPYC 7763 64-Core Processor",
                Environment.cpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7763 64-Core Processor\n"));
        assertEquals(Environment.UNKNOWN, Environment.cpuModel("processor : 0\n"));
        assertEquals(24_683_104L * 1024, Environment.memoryBytes("MemTotal:       24683104 kB\nMemFree: 1 kB\n"));
        assertEquals(20000, Environment.openFileLimit(
                "Limit                     Soft Limit           Hard Limit           Units\n"
                        + "Max open files            20000                20000                files\n"));
        assertEquals(Long.MAX_VALUE, Environment.openFileLimit("Max open files            unlimited            unlimited            files\n"));
        assertEquals(-1, Environment.openFileLimit(null));
    }

    @Test
    void sysctlIsReadWhole() throws Exception {
        Path p = Path.of("/proc/sys/net/ipv4/tcp_wmem");
        assumeTrue(Files.exists(p), "Linux only");
        String expected;
        try (InputStream in = Files.newInputStream(p)) {
            expected = new String(in.readAllBytes()).trim().replaceAll("\\s+", " ");
        }
        // Three numbers (min default max); Files.readString returns only the first byte of procfs files here.
        assertEquals(3, expected.split(" ").length, expected);
        assertEquals(expected, Environment.host().sysctls().get("net.ipv4.tcp_wmem"));
    }

    @Test
    void hostSectionHasEveryContractField() {
        Map<String, JsonNode> h = Environment.host().facts();
        for (String k : new String[]{"os", "kernel", "cpuModel", "cpus", "memoryBytes", "ulimitNofile", "sysctls"}) {
            assertTrue(h.containsKey(k), k);
        }
        assertEquals(Environment.SYSCTLS, Environment.host().sysctls().keySet().stream().toList());
    }

    @Test
    void gitCommitIsUnknownOutsideACheckout() {
        assertEquals(Environment.UNKNOWN, Environment.gitCommit(Path.of("/")));
    }
}
