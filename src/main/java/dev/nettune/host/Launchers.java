package dev.nettune.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Launchers finds executables on PATH and writes the launcher that starts a JVM on chosen CPUs: a
 * shell script that execs {@code taskset -c CPUS java "$@"}. JMH's {@code -jvm} takes one executable,
 * not a command line, so the runner's forks and explain's profiled forks of a pinned point both
 * start through one.
 */
public final class Launchers {
    private Launchers() {
    }

    /**
     * Writes {@code script}, which execs {@code java} with its arguments under {@code taskset -c cpus};
     * {@code why} is its comment line. taskset is named by its path when it is on PATH (else by name,
     * so a missing taskset fails the fork with the shell's "not found" as its reason).
     */
    public static Path pinned(Path script, Path java, String cpus, String why) throws IOException {
        Path taskset = onPath("taskset");
        Files.createDirectories(script.toAbsolutePath().getParent());
        Files.writeString(script, "#!/bin/sh\n# " + why + "\nexec '" + (taskset == null ? "taskset" : taskset.toString()) + "' -c " + cpus
                + " '" + java + "' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The executable {@code name} found first on PATH (/usr/bin:/bin without one), or null. */
    public static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
