package dev.nettune.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LaunchersTest {
    @Test
    void pinnedLauncherExecsTheCommandOnTheCpusWithItsArguments(@TempDir Path dir) throws Exception {
        assumeTrue(Launchers.onPath("taskset") != null, "taskset (util-linux) is not installed");
        // A stand-in for java: prints the CPUs it may run on, so the script's pin is seen, not just written.
        Path fake = dir.resolve("fake java");
        Files.writeString(fake, "#!/bin/sh\necho \"$1\" $(grep Cpus_allowed_list /proc/self/status | cut -f2)\n");
        fake.toFile().setExecutable(true);
        Path script = Launchers.pinned(dir.resolve("sub/java-taskset.sh"), fake, "0", "why it is pinned");

        assertTrue(Files.readString(script).contains("# why it is pinned\n"), Files.readString(script));
        Process p = new ProcessBuilder(script.toString(), "an argument").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        assertEquals("an argument 0", out);
    }

    @Test
    void onPathFindsAnExecutableAndNothingForAMissingName() {
        assertTrue(Files.isExecutable(Launchers.onPath("sh")));
        assertNull(Launchers.onPath("no-such-executable-nettune"));
    }
}
