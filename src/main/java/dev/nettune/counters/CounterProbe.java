package dev.nettune.counters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * CounterProbe finds which counters this host can give a fork: perf events for JMH's perfnorm
 * (perf on PATH, tracefs mounted with the syscall tracepoints, permission, then one {@code perf stat}
 * trial of all of them), the /proc fallback, and JMH's gc profiler. Each counter it cannot have
 * comes back with the reason and the fix in one line ({@link CounterAvailability#missing()}).
 *
 * <p>The file system and commands are reached through {@link Host}, so a test can take tracefs or
 * perf away.
 */
public final class CounterProbe {
    /** Longest a {@code perf stat} trial may take before it counts as failed. */
    public static final long TRIAL_TIMEOUT_SECONDS = 20;

    /** Where tracefs is usually mounted, newest place first. */
    static final List<String> TRACEFS_PLACES = List.of("/sys/kernel/tracing", "/sys/kernel/debug/tracing");

    static final String PERF_MISSING = "perf not on PATH: apt-get install linux-perf (Debian) as root";
    static final String TRACEFS_MISSING = "tracefs not mounted: mount -t tracefs nodev /sys/kernel/tracing as root";

    /** What the probe reads and runs: the real machine, or a test's stand-in. */
    public interface Host {
        /** The executable {@code name} in a directory of PATH, if any. */
        Optional<Path> onPath(String name);

        /** The text of a file, or empty when it does not exist or cannot be read. */
        Optional<String> read(Path file);

        /** Whether {@code dir} is a directory this process can see. */
        boolean isDirectory(Path dir);

        /** Runs a command; its exit code and its stdout and stderr together. */
        Run run(List<String> command);
    }

    /** A finished command: exit code (-1 when it could not start or timed out) and its output. */
    public record Run(int exitCode, String output) {
    }

    private CounterProbe() {
    }

    /** Probes this machine. */
    public static CounterAvailability onThisHost() {
        return probe(new RealHost());
    }

    /** Probes {@code host}. */
    public static CounterAvailability probe(Host host) {
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> usable = perfEvents(host, missing);
        boolean proc = host.read(Path.of("/proc/self/io")).isPresent();
        if (!proc) {
            missing.put(CounterSet.PROC_PROFILER,
                    "no /proc/self/io: not Linux, or a kernel without task I/O accounting (CONFIG_TASK_IO_ACCOUNTING)");
        }
        return new CounterAvailability(usable, proc, missing);
    }

    private static List<String> perfEvents(Host host, Map<String, String> missing) {
        List<String> candidates = CounterSet.candidateEvents();
        Optional<Path> perf = host.onPath("perf");
        if (perf.isEmpty()) {
            candidates.forEach(e -> missing.put(e, PERF_MISSING));
            return List.of();
        }
        boolean root = isRoot(host);
        String paranoid = host.read(Path.of("/proc/sys/kernel/perf_event_paranoid")).map(String::trim).orElse("?");
        if (!root && paranoid.matches("\\d+") && Integer.parseInt(paranoid) > 2) {
            candidates.forEach(e -> missing.put(e, "perf_event_paranoid=" + paranoid
                    + " forbids perf to non-root: run as root or sysctl kernel.perf_event_paranoid=2"));
            return List.of();
        }
        List<String> trial = new ArrayList<>();
        Optional<Path> events = tracefsEvents(host);
        for (String e : candidates) {
            if (!isTracepoint(e)) {
                trial.add(e);
                continue;
            }
            String reason = tracepointMissing(host, events, e, root);
            if (reason == null) {
                trial.add(e);
            } else {
                missing.put(e, reason);
            }
        }
        if (trial.isEmpty()) {
            return List.of();
        }
        return trialRun(host, perf.get(), trial, missing);
    }

    /** The events a {@code perf stat} trial counted; the rest go to {@code missing} with perf's word. */
    private static List<String> trialRun(Host host, Path perf, List<String> events, Map<String, String> missing) {
        Run all = stat(host, perf, events);
        if (all.exitCode() != 0) {
            // one bad event fails the whole command; try them one by one, as perfnorm does
            List<String> usable = new ArrayList<>();
            for (String e : events) {
                Run one = stat(host, perf, List.of(e));
                String reason = one.exitCode() != 0 ? "perf stat -e " + e + " failed: " + firstLine(one.output())
                        : unsupported(one.output(), e);
                if (reason == null) {
                    usable.add(e);
                } else {
                    missing.put(e, reason);
                }
            }
            return usable;
        }
        List<String> usable = new ArrayList<>();
        for (String e : events) {
            String reason = unsupported(all.output(), e);
            if (reason == null) {
                usable.add(e);
            } else {
                missing.put(e, reason);
            }
        }
        return usable;
    }

    private static Run stat(Host host, Path perf, List<String> events) {
        return host.run(List.of(perf.toString(), "stat", "-x", ",", "-e", String.join(",", events), "true"));
    }

    /** Why perf's CSV output does not count {@code event}, or null when it does. */
    static String unsupported(String output, String event) {
        for (String line : output.split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length >= 3 && f[2].trim().equals(event)) {
                String count = f[0].trim();
                if (count.startsWith("<")) {
                    return "perf stat counts no " + event + " here: " + count;
                }
                return null;
            }
        }
        return "perf stat did not report " + event;
    }

    private static String tracepointMissing(Host host, Optional<Path> events, String event, boolean root) {
        if (events.isEmpty()) {
            Optional<String> mount = tracefsMount(host);
            if (mount.isEmpty()) {
                return TRACEFS_MISSING;
            }
            return "tracefs at " + mount.get() + " is not readable by this user"
                    + (root ? "" : " (not root): run as root");
        }
        String[] sysAndName = event.split(":", 2);
        Path dir = events.get().resolve(sysAndName[0]);
        if (!host.isDirectory(dir)) {
            return "no " + dir + ": kernel built without syscall tracepoints (CONFIG_FTRACE_SYSCALLS)";
        }
        if (!host.isDirectory(dir.resolve(sysAndName[1]))) {
            return "no tracepoint " + event + " in this kernel (" + dir.resolve(sysAndName[1]) + ")";
        }
        return null;
    }

    /** The events directory of a mounted tracefs this process can see. */
    private static Optional<Path> tracefsEvents(Host host) {
        for (String place : TRACEFS_PLACES) {
            Path events = Path.of(place, "events");
            if (host.isDirectory(events)) {
                return Optional.of(events);
            }
        }
        return Optional.empty();
    }

    /** Where /proc/mounts says tracefs is mounted, if anywhere. */
    private static Optional<String> tracefsMount(Host host) {
        for (String line : host.read(Path.of("/proc/mounts")).orElse("").split("\n")) {
            String[] f = line.split("\\s+");
            if (f.length >= 3 && f[2].equals("tracefs")) {
                return Optional.of(f[1]);
            }
        }
        return Optional.empty();
    }

    private static boolean isRoot(Host host) {
        for (String line : host.read(Path.of("/proc/self/status")).orElse("").split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).trim().split("\\s+");
                return f.length >= 2 && f[1].equals("0"); // the effective uid
            }
        }
        return false;
    }

    private static boolean isTracepoint(String event) {
        return event.contains(":");
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }

    /** The machine this JVM runs on. */
    static final class RealHost implements Host {
        @Override
        public Optional<Path> onPath(String name) {
            String path = System.getenv("PATH");
            if (path == null) {
                return Optional.empty();
            }
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<String> read(Path file) {
            try {
                return Optional.of(Files.readString(file));
            } catch (IOException | SecurityException e) {
                return Optional.empty(); // absent or unreadable: the probe says which counter that costs
            }
        }

        @Override
        public boolean isDirectory(Path dir) {
            return Files.isDirectory(dir);
        }

        @Override
        public Run run(List<String> command) {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                return new Run(-1, "cannot start " + command.get(0) + ": " + e.getMessage());
            }
            try (InputStream in = p.getInputStream()) {
                p.getOutputStream().close();
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(TRIAL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return new Run(-1, "timed out after " + TRIAL_TIMEOUT_SECONDS + " s");
                }
                return new Run(p.exitValue(), out);
            } catch (IOException e) {
                p.destroyForcibly();
                return new Run(-1, "reading " + command.get(0) + "'s output: " + e.getMessage());
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                return new Run(-1, "interrupted");
            }
        }
    }
}
