package dev.nettune.explain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A ProfilerSetup says whether async-profiler can run on this host and how: the native library
 * (taken out of the {@code tools.profiler:async-profiler} jar on the class path, or one the user
 * names), the CPU event, and notes for the page. CPU samples come from perf_events ({@code cpu})
 * when the kernel lets this user open them ({@code perf_event_paranoid} at most 2, or root), else
 * from a per-thread CPU timer ({@code ctimer}, no kernel frames), which async-profiler would also
 * fall back to by itself; nettune chooses it openly so the page can say so. When the profiler cannot
 * run, {@link #unavailable} says why in one line and nothing is started.
 *
 * @param library     the library to load, null when unavailable
 * @param cpuEvent    {@code cpu} (perf_events) or {@code ctimer}
 * @param notes       what the page should say about the events (fallbacks, hidden kernel frames)
 * @param unavailable why no profile can be taken here, or null
 */
public record ProfilerSetup(Path library, String cpuEvent, List<String> notes, String unavailable) {
    /** The library's file name inside the jar's platform folder and where it is extracted. */
    public static final String LIBRARY = "libasyncProfiler.so";
    /** The kernel setting that decides whether perf_events are open to this user. */
    static final Path PARANOID = Path.of("/proc/sys/kernel/perf_event_paranoid");

    public ProfilerSetup {
        notes = List.copyOf(notes);
    }

    public boolean available() {
        return unavailable == null;
    }

    /**
     * The setup on this host: the library extracted into {@code libDir}, or {@code given} when not
     * null; the CPU event from {@code /proc/sys/kernel/perf_event_paranoid} and this process's uid.
     */
    public static ProfilerSetup onThisHost(Path libDir, Path given) {
        return of(libDir, given, System.getProperty("os.name", "?"), System.getProperty("os.arch", "?"),
                ProfilerSetup.class.getClassLoader(), PARANOID, isRoot());
    }

    static ProfilerSetup of(Path libDir, Path given, String os, String arch, ClassLoader loader, Path paranoidFile, boolean root) {
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return unavailable("async-profiler's CPU and wall-clock profiles need Linux here; this is " + os + " " + arch
                    + ": no flame graphs");
        }
        String tag = platformTag(arch);
        if (tag == null) {
            return unavailable("tools.profiler:async-profiler ships no library for Linux " + arch
                    + " (only linux-x64 and linux-arm64): no flame graphs");
        }
        Path lib;
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                return unavailable("async-profiler library " + given + ": no such file");
            }
            lib = given.toAbsolutePath();
        } else {
            String resource = tag + "/" + LIBRARY;
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return unavailable(resource + " is not on the class path (tools.profiler:async-profiler missing from this"
                            + " build?): no flame graphs");
                }
                Files.createDirectories(libDir);
                lib = libDir.toAbsolutePath().resolve(LIBRARY);
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                return unavailable("cannot extract async-profiler's library into " + libDir + ": " + e.getMessage());
            }
        }
        List<String> notes = new ArrayList<>();
        String event = "cpu";
        Integer paranoid = paranoid(paranoidFile);
        if (root) {
            notes.add("CPU samples from perf_events (running as root: kernel frames included)");
        } else if (paranoid == null) {
            event = "ctimer";
            notes.add("no " + paranoidFile + " (a kernel without perf_events?): CPU samples from ctimer (a per-thread CPU"
                    + " timer), without kernel frames");
        } else if (paranoid > 2) {
            event = "ctimer";
            notes.add("perf_event_paranoid=" + paranoid + " forbids perf_events to this user: CPU samples from ctimer (a"
                    + " per-thread CPU timer), without kernel frames; as root, `sysctl kernel.perf_event_paranoid=1` brings them");
        } else if (paranoid == 2) {
            notes.add("CPU samples from perf_events; perf_event_paranoid=2 hides kernel frames (1 or lower shows them)");
        } else {
            notes.add("CPU samples from perf_events (perf_event_paranoid=" + paranoid + ": kernel frames included)");
        }
        notes.add("wall clock: every thread sampled, running or waiting, in a fork of its own (its signals would otherwise count"
                + " in the CPU profile and cut blocking calls short); allocations: sampled per TLAB (bytes), with CPU");
        return new ProfilerSetup(lib, event, notes, null);
    }

    static ProfilerSetup unavailable(String why) {
        return new ProfilerSetup(null, null, List.of(), why);
    }

    /** async-profiler's folder name for a Linux {@code os.arch}, or null when it has none. */
    static String platformTag(String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        if (a.equals("amd64") || a.equals("x86_64")) {
            return "linux-x64";
        }
        if (a.equals("aarch64") || a.equals("arm64")) {
            return "linux-arm64";
        }
        return null;
    }

    private static Integer paranoid(Path file) {
        try {
            return Integer.parseInt(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return null; // no perf_events in this kernel, or an unreadable /proc: treated as "no perf_events"
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).strip().split("\\s+");
                    return f.length > 1 && f[1].equals("0"); // the effective uid
                }
            }
        } catch (IOException e) {
            return false; // no /proc: not Linux, or not readable; then not treated as root
        }
        return false;
    }
}
