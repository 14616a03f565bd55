package dev.nettune.counters;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A ProcReading is one reading of this process's cumulative counters from Linux /proc: read- and
 * write-family syscalls ({@code syscr}, {@code syscw} of {@code io}), voluntary and involuntary context
 * switches summed over the live threads ({@code task/<tid>/status}), and user and system CPU time
 * ({@code utime}, {@code stime} of {@code stat}, in clock ticks). Two readings around an iteration
 * give its counts; {@link ProcCountersProfiler} divides them by the operations.
 *
 * <p>What each count covers, which is not what perf's tracepoints cover: {@code syscr}/{@code syscw}
 * count read(2)/readv/pread-style and write(2)/writev/pwrite-style calls (the ones that go through the
 * VFS; sendto/recvfrom are not counted) in every thread, exited ones included, and so do utime and
 * stime. Context switches are per thread in /proc, so a thread that exits between the readings takes
 * its switches with it (a JMH fork's last iteration ends with the trial's teardown, which stops the
 * benchmark's server threads), and one that starts and ends between them is never seen:
 * {@link Delta#exitedThreads} counts the threads that went.
 *
 * @param syscr        read-family syscalls since the process started, ≥ 0
 * @param syscw        write-family syscalls since the process started, ≥ 0
 * @param utimeTicks   user CPU time of all threads, clock ticks ({@link #TICKS_PER_SECOND})
 * @param stimeTicks   system CPU time of all threads, clock ticks
 * @param threads      the live threads by id, each with its voluntary and involuntary context switches
 */
public record ProcReading(long syscr, long syscw, long utimeTicks, long stimeTicks, Map<String, Switches> threads) {
    public ProcReading {
        threads = Map.copyOf(threads);
    }

    /** One thread's context switches since it started. */
    public record Switches(long voluntary, long involuntary) {
    }

    /**
     * The counts between two readings. Context switches are those of the threads alive at the end
     * (from 0 for a thread born in between), so a thread that exited leaves them out: then they are
     * a lower bound, and {@code exitedThreads} says how many threads went.
     *
     * @param exitedThreads threads of the first reading missing from the second, ≥ 0
     */
    public record Delta(long syscr, long syscw, long voluntary, long involuntary, long utimeTicks, long stimeTicks,
                        int exitedThreads) {
    }

    /**
     * USER_HZ: the unit of utime and stime. Fixed at 100 by the Linux ABI on x86 and arm64 (the
     * kernel's own HZ may differ; /proc converts), and Java has no sysconf to ask.
     */
    public static final long TICKS_PER_SECOND = 100;

    /** Reads {@code /proc/self}. */
    public static ProcReading ofSelf() throws IOException {
        return of(Path.of("/proc/self"));
    }

    /** Reads a process directory such as {@code /proc/self} or a fixture laid out like one. */
    public static ProcReading of(Path proc) throws IOException {
        Path io = proc.resolve("io");
        long[] rw = parseIo(Files.readString(io), io.toString());
        Map<String, Switches> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                Path status = task.resolve("status");
                String text;
                try {
                    text = Files.readString(status);
                } catch (NoSuchFileException e) {
                    continue; // the thread exited between the listing and the read: nothing left to count
                } catch (IOException e) {
                    if (!exitedWhileRead(e)) {
                        throw e;
                    }
                    continue; // it exited after the open (ESRCH on the read): nothing left to count either
                }
                long[] cs = parseStatus(text, status.toString());
                threads.put(task.getFileName().toString(), new Switches(cs[0], cs[1]));
            }
        }
        Path stat = proc.resolve("stat");
        long[] cpu = parseStat(Files.readString(stat), stat.toString());
        return new ProcReading(rw[0], rw[1], cpu[0], cpu[1], threads);
    }

    /** True for the error a read of a task's file gives when the thread exited after the file was opened. */
    static boolean exitedWhileRead(IOException e) {
        return "No such process".equals(e.getMessage());
    }

    /** {@code syscr} and {@code syscw} from the text of {@code /proc/<pid>/io}. */
    static long[] parseIo(String text, String source) {
        return new long[]{field(text, "syscr:", source), field(text, "syscw:", source)};
    }

    /** Voluntary and involuntary context switches from the text of a {@code status} file. */
    static long[] parseStatus(String text, String source) {
        return new long[]{field(text, "voluntary_ctxt_switches:", source),
                field(text, "nonvoluntary_ctxt_switches:", source)};
    }

    /**
     * utime and stime (fields 14 and 15) from the text of {@code /proc/<pid>/stat}. The command name
     * (field 2) is in parentheses and may hold spaces and parentheses, so fields are counted from
     * the last ')'.
     */
    public static long[] parseStat(String text, String source) {
        int close = text.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException(source + ": no ')' closing the command name in '" + abbreviate(text) + "'");
        }
        String[] rest = text.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state), so field n is rest[n - 3]
        if (rest.length < 13) {
            throw new IllegalArgumentException(source + ": " + (rest.length + 2) + " fields, need at least 15 for utime and stime");
        }
        return new long[]{number(rest[11], "utime", source), number(rest[12], "stime", source)};
    }

    /** The counts from {@code before} to this reading ({@link Delta}). */
    public Delta minus(ProcReading before) {
        long vol = 0;
        long invol = 0;
        for (Map.Entry<String, Switches> t : threads.entrySet()) {
            Switches was = before.threads.getOrDefault(t.getKey(), new Switches(0, 0));
            vol += t.getValue().voluntary() - was.voluntary();
            invol += t.getValue().involuntary() - was.involuntary();
        }
        int exited = (int) before.threads.keySet().stream().filter(id -> !threads.containsKey(id)).count();
        return new Delta(syscr - before.syscr, syscw - before.syscw, vol, invol,
                utimeTicks - before.utimeTicks, stimeTicks - before.stimeTicks, exited);
    }

    private static long field(String text, String key, String source) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                return number(line.substring(key.length()).trim(), key.substring(0, key.length() - 1), source);
            }
        }
        throw new IllegalArgumentException(source + ": no line '" + key + "'");
    }

    private static long number(String value, String name, String source) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + name + " is '" + value + "', not a whole number");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s.strip() : s.substring(0, 60) + "…";
    }
}
