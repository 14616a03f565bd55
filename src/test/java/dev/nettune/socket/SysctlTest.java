package dev.nettune.socket;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SysctlTest {
    @Test
    void readsTheWholeValueOfAProcFile() throws Exception {
        Path p = Path.of("/proc/sys/net/ipv4/tcp_wmem");
        Assumptions.assumeTrue(Files.isReadable(p), "no /proc/sys/net/ipv4/tcp_wmem here (not Linux)");
        String expected = String.join(" ", Files.readAllLines(p)).trim().replaceAll("\\s+", " ");
        assertEquals(expected, Sysctl.read("net.ipv4.tcp_wmem"));
        assertEquals(3, Sysctl.read("net.ipv4.tcp_wmem").split(" ").length, "min default max");
    }
}
