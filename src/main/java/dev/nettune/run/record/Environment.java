package dev.nettune.run.record;

import dev.nettune.results.RunDocument;
import dev.nettune.socket.Sysctl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment captures the host a run happened on, for {@code run.json}: OS and kernel, CPU model
 * and count, memory, the network sysctls that change results, the open-file limit, and the suite's
 * git commit. Each value that cannot be read is "unknown" (or -1), never a guess.
 */
public final class Environment {
    /** Sysctls that bound socket buffers, backlogs and ephemeral ports (see docs on each family). */
    public static final List<String> SYSCTLS = List.of(
            "net.core.wmem_max", "net.core.rmem_max", "net.core.somaxconn",
            "net.ipv4.tcp_wmem", "net.ipv4.tcp_rmem", "net.ipv4.tcp_tw_reuse", "net.ipv4.ip_local_port_range");
    static final String UNKNOWN = "unknown";
    private static final long GIT_TIMEOUT_SECONDS = 10;
    private static final Pattern MEM_TOTAL = Pattern.compile("MemTotal:\\s+(\\d+) kB");
    private static final Pattern NOFILE = Pattern.compile("Max open files\\s+(\\d+|unlimited)");

    private Environment() {
    }

    /** The host section of run.json. */
    public static RunDocument.Host host() {
        Map<String, String> sysctls = new LinkedHashMap<>();
        for (String s : SYSCTLS) {
            sysctls.put(s, Sysctl.read(s));
        }
        return new RunDocument.Host(System.getProperty("os.name"), kernel(), System.getProperty("os.arch"),
                cpuModel(read(Path.of("/proc/cpuinfo"))), Runtime.getRuntime().availableProcessors(),
                memoryBytes(read(Path.of("/proc/meminfo"))), openFileLimit(read(Path.of("/proc/self/limits"))), sysctls, hostname());
    }

    static String kernel() {
        String v = read(Path.of("/proc/sys/kernel/osrelease"));
        return v == null ? System.getProperty("os.version") : v.trim();
    }

    static String cpuModel(String cpuinfo) {
        if (cpuinfo != null) {
            for (String line : cpuinfo.split("\\R")) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        return UNKNOWN;
    }

    static long memoryBytes(String meminfo) {
        if (meminfo != null) {
            Matcher m = MEM_TOTAL.matcher(meminfo);
            if (m.find()) {
                return Long.parseLong(m.group(1)) * 1024;
            }
        }
        return -1;
    }

    /** The soft "Max open files" limit; -1 when unknown, Long.MAX_VALUE when unlimited. */
    static long openFileLimit(String limits) {
        if (limits != null) {
            Matcher m = NOFILE.matcher(limits);
            if (m.find()) {
                return m.group(1).equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(m.group(1));
            }
        }
        return -1;
    }

    static String hostname() {
        String h = read(Path.of("/proc/sys/kernel/hostname"));
        return h == null ? UNKNOWN : h.trim();
    }

    /** {@code git rev-parse HEAD} in dir, or "unknown" outside a checkout or without git. */
    public static String gitCommit(Path dir) {
        String out = run(dir, "git", "rev-parse", "HEAD");
        return out == null || out.isBlank() ? UNKNOWN : out.trim();
    }

    /** Whether the checkout has uncommitted changes to tracked files; null when unknown. */
    public static Boolean gitDirty(Path dir) {
        String out = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
        return out == null ? null : !out.isBlank();
    }

    private static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null; // git not installed: the commit is simply unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String read(Path p) {
        // A stream read to EOF: procfs reports size 0, which Files.readString trusts on JDK 17.
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or not readable: the caller records "unknown"
        }
    }
}
