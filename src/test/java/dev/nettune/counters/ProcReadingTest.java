package dev.nettune.counters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcReadingTest {
    /** /proc/<pid>/io of a JDK 17 JMH fork, as read on this machine. */
    static final String IO = """
            rchar: 3385139
            wchar: 1402318
            syscr: 48312
            syscw: 45870
            read_bytes: 0
            write_bytes: 4096
            cancelled_write_bytes: 0
            """;

    /** /proc/<pid>/stat of a java process (utime 431, stime 212 ticks), as read on this machine. */
    static final String STAT = "20755 (java) S 20659 20659 19144 0 -1 4194304 24176 0 3 0 431 212 0 0 20 0 21 0 "
            + "2782551 3906465792 46081 18446744073709551615 94386052259840 94386052260728 140731616785808 0 0 0 0 "
            + "0 16800975 0 0 0 17 1 0 0 0 0 0 94386052269048 94386052269688 94386081304576 140731616794310 "
            + "140731616794557 140731616794557 140731616796631 0\n";

    static String status(long voluntary, long involuntary) {
        return "Name:\tjava\nState:\tS (sleeping)\nTgid:\t20755\nThreads:\t21\n"
                + "voluntary_ctxt_switches:\t" + voluntary + "\nnonvoluntary_ctxt_switches:\t" + involuntary + "\n";
    }

    @Test
    void aThreadThatExitsAfterItsStatusWasOpenedFailsTheReadAsExitedNotAsAnError() throws Exception {
        Path tasks = Path.of("/proc/self/task");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(tasks), "not Linux: no /proc/self/task");
        java.util.Set<Path> before;
        try (var s = Files.list(tasks)) {
            before = s.collect(java.util.stream.Collectors.toSet());
        }
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "exits-after-open");
        t.start();
        started.await();
        Path task;
        try (var s = Files.list(tasks)) {
            task = s.filter(p -> !before.contains(p)).filter(p -> {
                try {
                    return Files.readString(p.resolve("comm")).strip().startsWith("exits-after");
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow();
        }
        try (java.nio.channels.FileChannel status = java.nio.channels.FileChannel.open(task.resolve("status"))) {
            release.countDown();
            t.join();
            // join returns when the Java thread is done; the kernel task goes a moment later
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.exists(task) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(task), "the task outlived its thread by 10 s");
            IOException e = assertThrows(IOException.class, () -> status.read(java.nio.ByteBuffer.allocate(4096)));
            assertTrue(ProcReading.exitedWhileRead(e), e.toString());
        }
        assertTrue(ProcReading.exitedWhileRead(new IOException("No such process")));
        assertTrue(!ProcReading.exitedWhileRead(new IOException("Permission denied")));
    }

    @Test
    void readsSyscallsFromIo() {
        assertArrayEquals(new long[]{48312, 45870}, ProcReading.parseIo(IO, "io"));
    }

    @Test
    void readsContextSwitchesFromStatus() {
        assertArrayEquals(new long[]{1234, 56}, ProcReading.parseStatus(status(1234, 56), "status"));
    }

    @Test
    void readsUserAndSystemTicksFromStat() {
        assertArrayEquals(new long[]{431, 212}, ProcReading.parseStat(STAT, "stat"));
    }

    @Test
    void countsStatFieldsFromTheLastParenthesisOfTheCommandName() {
        // a thread may name itself anything, spaces and ") " included
        String odd = STAT.replace("(java)", "(C2 ) (x) S 1 2)");
        assertArrayEquals(new long[]{431, 212}, ProcReading.parseStat(odd, "stat"));
    }

    @Test
    void badTextNamesTheFileAndTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcReading.parseIo(IO.replace("syscw: 45870", "syscw: many"), "/proc/1/io"));
        assertEquals("/proc/1/io: syscw is 'many', not a whole number", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProcReading.parseStatus("Name:\tjava\n", "/proc/1/status"));
        assertEquals("/proc/1/status: no line 'voluntary_ctxt_switches:'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ProcReading.parseStat("1 (java) S 2 3", "/proc/1/stat"));
        assertEquals("/proc/1/stat: 5 fields, need at least 15 for utime and stime", e.getMessage());
    }

    @Test
    void sumsContextSwitchesOverThreadsAndSubtracts(@TempDir Path dir) throws IOException {
        Path before = proc(dir.resolve("before"), IO, STAT, status(100, 10), status(5, 1));
        Path after = proc(dir.resolve("after"), IO.replace("48312", "48412").replace("45870", "45970"),
                STAT.replace(" 431 212 ", " 441 215 "), status(150, 12), status(25, 1));
        ProcReading.Delta delta = ProcReading.of(after).minus(ProcReading.of(before));
        assertEquals(new ProcReading.Delta(100, 100, 70, 2, 10, 3, 0), delta);
    }

    @Test
    void namesTheThreadsThatExitedBetweenReadings(@TempDir Path dir) throws IOException {
        Path before = proc(dir.resolve("before"), IO, STAT, status(100, 10), status(5, 1));
        Path after = proc(dir.resolve("after"), IO, STAT, status(150, 12), status(0, 0), status(7, 3));
        Files.walk(after.resolve("task/1001")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        ProcReading.Delta delta = ProcReading.of(after).minus(ProcReading.of(before));
        assertEquals(1, delta.exitedThreads());
        // thread 1000 switched 50 + 2 times, 1002 (born in between) 7 + 3; 1001's are lost, never subtracted
        assertEquals(57, delta.voluntary());
        assertEquals(5, delta.involuntary());
    }

    @Test
    void readsThisProcess() throws IOException {
        ProcReading a = ProcReading.ofSelf();
        Files.readString(Path.of("/proc/self/stat")); // at least one read(2) between the two readings
        ProcReading b = ProcReading.ofSelf();
        assertTrue(b.syscr() > a.syscr(), a + " then " + b);
        assertTrue(a.threads().containsKey(String.valueOf(ProcessHandle.current().pid())), a.toString());
    }

    static Path proc(Path dir, String io, String stat, String... threads) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("io"), io);
        Files.writeString(dir.resolve("stat"), stat);
        for (int t = 0; t < threads.length; t++) {
            Path task = Files.createDirectories(dir.resolve("task").resolve(String.valueOf(1000 + t)));
            Files.writeString(task.resolve("status"), threads[t]);
        }
        return dir;
    }
}
