package dev.nettune.socket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sysctl reads a kernel setting from /proc/sys, for messages and result metadata. */
public final class Sysctl {
    private Sysctl() {
    }

    /** The value of a sysctl such as "net.ipv4.tcp_tw_reuse", whitespace-normalised, or "unknown". */
    public static String read(String name) {
        try {
            // readAllLines, not readString: JDK 17's readString trusts the 0 size procfs reports and returns one byte.
            return String.join(" ", Files.readAllLines(Path.of("/proc/sys", name.replace('.', '/')))).trim().replaceAll("\\s+", " ");
        } catch (IOException | RuntimeException e) {
            return "unknown"; // not Linux, or not readable here: the message still names the setting
        }
    }
}
