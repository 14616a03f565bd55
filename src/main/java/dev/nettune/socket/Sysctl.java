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
            // Not Files.readString: /proc files report size 0, and readString then returns only the first byte.
            return String.join(" ", Files.readAllLines(Path.of("/proc/sys", name.replace('.', '/')))).trim().replaceAll("\\s+", " ");
        } catch (IOException | RuntimeException e) {
            return "unknown"; // not Linux, or not readable here: the message still names the setting
        }
    }
}
