package dev.nettune.run.folder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.nettune.results.RunDocument;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A RunLock is the proof that a run's runner is alive: an OS file lock on {@code <runDir>/.runner.lock},
 * held by the runner process from the moment it creates (or resumes) the run until it ends. The OS
 * releases it when the process dies, however it dies (SIGKILL, a crash, a reboot), so a run.json that
 * still says {@code running} while its lock is free was left by a runner that is gone: the run is
 * stale and really {@code interrupted}. run.json also records who held it ({@code runner}: pid, host,
 * boot id), for messages, and for runs made before the lock existed, whose liveness is judged from
 * those (same boot, a live java process with that pid).
 *
 * <p>{@link #markStale} rewrites a stale run.json as {@code interrupted}; the runner calls it on the
 * results root whenever it starts (a new run, a resume, {@code skip=true}) so that every listing and
 * report after it (the overview, Analyze, another tool reading run.json) sees the truth without having
 * to know about locks.
 */
public final class RunLock implements Closeable {
    /** The lock file in the run folder. */
    public static final String FILE = ".runner.lock";
    public static final String STATUS_RUNNING = RunDocument.RUNNING;
    static final String STATUS_INTERRUPTED = RunDocument.INTERRUPTED;
    /** Where Linux gives the id of the current boot: a pid recorded under another boot names no process of ours. */
    static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the run's lock; null when another runner (another process, or this one) holds it. */
    public static RunLock tryAcquire(Path runDir) throws IOException {
        FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return null;
            }
            return new RunLock(ch, l);
        } catch (OverlappingFileLockException e) {
            ch.close();
            return null; // this JVM holds it already (a runner in-process, as in tests)
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Releases the lock (the OS does so anyway when the process ends). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** What run.json records about the process running it: {@code runner} = pid, host, boot id, since. */
    public static RunDocument.Runner runner() {
        return new RunDocument.Runner(ProcessHandle.current().pid(), hostname(), bootId(), FILE);
    }

    /** This boot's id, or null off Linux. */
    static String bootId() {
        return read(BOOT_ID);
    }

    /** This host's name as run.json's host section records it ({@link Environment#hostname}), or "unknown". */
    static String hostname() {
        String h = read(Path.of("/proc/sys/kernel/hostname"));
        return h == null ? "unknown" : h;
    }

    private static String read(Path p) {
        // read to EOF: procfs reports size 0
        try (InputStream in = Files.newInputStream(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return null; // not Linux: liveness then rests on the lock and the pid
        }
    }

    /**
     * Whether a run whose run.json says {@code running} has a live runner. With a lock file: whether
     * someone holds its lock. Without one (a run made before locks): whether the recorded pid is a
     * live java process of this boot on this host.
     */
    public static boolean runnerAlive(Path runDir, RunDocument run) {
        Path file = runDir.resolve(FILE);
        if (Files.exists(file)) {
            try (RunLock free = tryAcquire(runDir)) {
                return free == null;
            } catch (IOException e) {
                return true; // cannot tell (e.g. read-only folder): never call a run stale on a guess
            }
        }
        long pid = pid(run);
        String host = host(run, "");
        if (!host.isEmpty() && !host.equals(hostname())) {
            return true; // another machine's run (a shared folder): its process cannot be checked from here
        }
        String boot = run.runner() == null || run.runner().bootId() == null ? "" : run.runner().bootId();
        String now = bootId();
        if (!boot.isEmpty() && now != null && !boot.equals(now)) {
            return false; // recorded before a reboot: that process is gone
        }
        if (pid <= 0) {
            return false; // no pid recorded and no lock: nothing can be running it
        }
        Optional<ProcessHandle> ph = ProcessHandle.of(pid);
        return ph.isPresent() && ph.get().isAlive() && ph.get().info().command().orElse("").contains("java");
    }

    /** The runner's pid as recorded: its {@code runner}'s, else the older top-level {@code pid}, else -1. */
    static long pid(RunDocument run) {
        if (run.runner() != null && run.runner().pid() != null) {
            return run.runner().pid();
        }
        return run.pid() != null ? run.pid() : -1;
    }

    /** The runner's host as recorded: its {@code runner}'s, else the host section's name, else {@code absent}. */
    static String host(RunDocument run, String absent) {
        if (run.runner() != null && run.runner().hostname() != null) {
            return run.runner().hostname();
        }
        JsonNode h = run.host() == null ? null : run.host().get("hostname");
        return h == null || h.isNull() ? absent : h.asText();
    }

    /** Why a run is stale, for run.json and messages; null when it is not (not running, or its runner lives). */
    static String staleReason(Path runDir, RunDocument run) {
        if (!STATUS_RUNNING.equals(run.status()) || runnerAlive(runDir, run)) {
            return null;
        }
        return "run.json said running, but no runner holds the run (pid " + pid(run) + " on " + host(run, "?") + " is gone"
                + (Files.exists(runDir.resolve(FILE)) ? ", its lock " + FILE + " is free" : "") + ")";
    }

    /**
     * Rewrites run.json of every stale run under {@code results} as {@code interrupted}, with when its
     * last fork ended and why it is known to be stale; returns the run ids changed. A run whose runner
     * is alive, or which is not {@code running}, is left alone; an unreadable run.json too (the
     * analysis names it).
     */
    public static List<String> markStale(Path results) {
        List<String> changed = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return changed;
        }
        try (Stream<Path> dirs = Files.list(results)) {
            for (Path d : dirs.sorted().toList()) {
                if (markStaleRun(d) != null) {
                    changed.add(d.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return changed; // an unlistable results folder: nothing to rewrite; the analysis reports it
        }
        return changed;
    }

    /**
     * Rewrites one stale run's run.json as interrupted; the reason, or null when it was not stale. A
     * run.json the record would not write back whole (a newer runner's keys, a hand-made file) has
     * only the changed keys edited in its JSON tree, so that nothing else in it is lost.
     */
    public static String markStaleRun(Path runDir) {
        Path file = runDir.resolve(dev.nettune.results.ResultFiles.RUN);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode tree = JSON.readTree(file.toFile());
            RunDocument run = RunDocument.of(tree);
            String why = staleReason(runDir, run);
            if (why == null) {
                return null;
            }
            String last = lastForkEnd(runDir);
            String at = last != null ? last : Files.getLastModifiedTime(file).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
            String interruption = why + "; found " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " by the runner pid "
                    + ProcessHandle.current().pid();
            String text;
            if (run.writesBack(tree)) {
                text = run.interrupted(at, interruption, null)
                        .withJvms(j -> STATUS_RUNNING.equals(j.status()) ? j.withStatus(STATUS_INTERRUPTED) : j).text();
            } else {
                ObjectNode doc = (ObjectNode) tree;
                doc.put("status", STATUS_INTERRUPTED);
                doc.put("interruptedAt", at);
                doc.put("interruption", interruption);
                doc.path("jvms").forEach(j -> {
                    if (j instanceof ObjectNode o && STATUS_RUNNING.equals(o.path("status").asText())) {
                        o.put("status", STATUS_INTERRUPTED);
                    }
                });
                text = JSON.writeValueAsString(doc);
            }
            RunRecord.writeAtomically(file, text);
            JmhTempFiles.sweep(runDir); // what JMH made for the dead runner's forks
            return why;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or unwritable run.json: left as it is; the analysis names it
        }
    }

    /** endedAt of the last complete line of forks.jsonl, or null. */
    private static String lastForkEnd(Path runDir) {
        try {
            List<ForkLine> lines = Journal.readForks(runDir);
            return lines.isEmpty() ? null : ForkLine.TIME.format(lines.get(lines.size() - 1).endedAt());
        } catch (IOException | RuntimeException e) {
            return null; // no or bad journal: fall back to run.json's own time
        }
    }
}
