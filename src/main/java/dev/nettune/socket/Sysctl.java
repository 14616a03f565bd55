package dev.nettune.socket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sysctl reads a kernel setting from /proc/sys, for messages and result metadata. */
public final class Sysctl {
    /** Larger than any sysctl value this project reads. */
    private static final int READ_BYTES = 4096;

    private Sysctl() {
    }

    /** The value of a sysctl such as "net.ipv4.tcp_tw_reuse", whitespace-normalised, or "unknown". */
    public static String read(String name) {
        try {
            // One read() into a large buffer: /proc/sys reports size 0, and Files.readString then reads one byte
            // and asks again at offset 1, where the kernel's proc_dointvec answers EOF ("32768 60999" read as "3").
            try (InputStream in = Files.newInputStream(Path.of("/proc/sys", name.replace('.', '/')))) {
                byte[] buf = new byte[READ_BYTES];
                int n = in.read(buf);
                return new String(buf, 0, Math.max(n, 0), StandardCharsets.US_ASCII).trim().replaceAll("\\s+", " ");
            }
        } catch (IOException | RuntimeException e) {
            return "unknown"; // not Linux, or not readable here: the message still names the setting
        }
    }
}
