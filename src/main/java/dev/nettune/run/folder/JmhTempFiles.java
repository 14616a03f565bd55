package dev.nettune.run.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * JmhTempFiles keeps track of the temporary files JMH makes in the runner's temp folder for its forks
 * ({@code jmh…compilecommand}, the fork's {@code -XX:CompileCommandFile}; {@code jmh…stdout} and
 * {@code jmh…stderr}, the fork's output), so that none is left behind. JMH deletes them itself when a
 * fork ends and, at the latest, when the runner exits normally (File.deleteOnExit, which also runs on
 * SIGTERM); a runner killed outright (SIGKILL, a crash) leaves them. So each fork's files are
 * written to {@code <runDir>/.jmh-temp} once the fork runs, and whoever finds the run stale (its
 * runner gone, {@link RunLock#markStaleRun}) deletes the files listed there. Only files named there
 * are deleted: the temp folder is shared with other programs.
 */
public final class JmhTempFiles {
    public static final String LIST = ".jmh-temp";
    /** How often, and how long at most, to look for a fork's process after it was asked to start. */
    static final long POLL_MILLIS = 50;
    static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(30);
    private static final String COMPILE_COMMAND_FILE = "-XX:CompileCommandFile=";
    private static final String PREFIX = "jmh";

    private JmhTempFiles() {
    }

    /** Starts a daemon thread that records this fork's files once its JVM runs (JMH has made them by then). */
    public static void recordWhenForked(Path runDir) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            while (System.nanoTime() < deadline) {
                if (ProcessHandle.current().descendants().findAny().isPresent()) {
                    record(runDir);
                    return;
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "nettune-jmh-temp");
        t.setDaemon(true);
        t.start();
    }

    /** JMH's files this process has open or passed to its forks now, appended to the run's list when new. */
    static void record(Path runDir) {
        Set<String> found = new LinkedHashSet<>(current());
        if (found.isEmpty()) {
            return;
        }
        Path list = runDir.resolve(LIST);
        try {
            if (Files.exists(list)) {
                found.removeAll(Files.readAllLines(list, StandardCharsets.UTF_8));
            }
            if (!found.isEmpty()) {
                Files.write(list, found, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // not recorded: a runner killed later would leave these files, as JMH alone does
        }
    }

    /** JMH temp files of this process: open ones (/proc/self/fd) and the forks' compile-command files. */
    static List<String> current() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (isJmhTemp(target, tmp)) {
                        out.add(target.toString());
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not a link: not ours to record
                }
            }
        } catch (IOException e) {
            // no /proc (not Linux): only the forks' arguments below
        }
        ProcessHandle.current().descendants().forEach(h -> h.info().arguments().ifPresent(args -> {
            for (String a : args) {
                if (a.startsWith(COMPILE_COMMAND_FILE) && isJmhTemp(Path.of(a.substring(COMPILE_COMMAND_FILE.length())), tmp)) {
                    out.add(a.substring(COMPILE_COMMAND_FILE.length()));
                }
            }
        }));
        return out;
    }

    private static boolean isJmhTemp(Path file, Path tmp) {
        Path abs = file.toAbsolutePath().normalize();
        return tmp.equals(abs.getParent()) && abs.getFileName().toString().startsWith(PREFIX)
                && !abs.getFileName().toString().equals("jmh.lock");
    }

    /** Deletes the files the run's (gone) runner recorded, and the list; returns those deleted. */
    public static List<String> sweep(Path runDir) {
        Path list = runDir.resolve(LIST);
        List<String> deleted = new ArrayList<>();
        if (!Files.exists(list)) {
            return deleted;
        }
        try {
            for (String name : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                Path f = Path.of(name.strip());
                if (!name.isBlank() && f.getFileName().toString().startsWith(PREFIX) && Files.deleteIfExists(f)) {
                    deleted.add(name.strip());
                }
            }
            Files.deleteIfExists(list);
        } catch (IOException e) {
            // left for the next look; the files are temporary ones in any case
        }
        return deleted;
    }
}
