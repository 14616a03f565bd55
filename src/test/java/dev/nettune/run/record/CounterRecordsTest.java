package dev.nettune.run.record;

import dev.nettune.counters.CounterAvailability;
import dev.nettune.counters.CounterNames;
import dev.nettune.counters.CounterProbe;
import dev.nettune.counters.CounterSet;
import dev.nettune.results.RunDocument;
import dev.nettune.run.options.CountersMode;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run.json's "counters" from a probe of a host without tracefs, and back into what a resumed run counts with. */
class CounterRecordsTest {
    /** A root host with perf whose tracefs is not mounted: perf stat counts the software events only. */
    static final class NoTracefs implements CounterProbe.Host {
        @Override
        public Optional<Path> onPath(String name) {
            return name.equals("perf") ? Optional.of(Path.of("/usr/bin/perf")) : Optional.empty();
        }

        @Override
        public Optional<String> read(Path file) {
            return Optional.ofNullable(Map.of("/proc/self/status", "Uid:\t0\t0\t0\t0\n", "/proc/self/io", "syscr: 1\nsyscw: 1\n",
                    "/proc/sys/kernel/perf_event_paranoid", "2\n", "/proc/mounts", "proc /proc proc rw 0 0\n").get(file.toString()));
        }

        @Override
        public boolean isDirectory(Path dir) {
            return false;
        }

        @Override
        public CounterProbe.Run run(List<String> command) {
            StringBuilder out = new StringBuilder();
            for (String e : command.get(command.indexOf("-e") + 1).split(",")) {
                out.append("29,,").append(e).append(",303859,100.00,,\n");
            }
            return new CounterProbe.Run(0, out.toString());
        }
    }

    @Test
    void withoutTracefsTheRunRecordsTheSoftwareEventsAndSaysWhyTheSyscallsAreMissing() {
        CounterAvailability a = CounterProbe.probe(new NoTracefs());
        RunDocument.Counters c = CounterRecords.of(CountersMode.EXTRA, a, true);
        assertEquals("extra", c.mode());
        List<String> expected = new ArrayList<>(CounterSet.SOFTWARE);
        expected.addAll(CounterRecords.GC_NAMES);
        expected.addAll(CounterNames.PROC_NAMES);
        expected.addAll(CounterNames.SERVER_PROC_NAMES);
        assertEquals(expected, c.recorded());
        assertEquals(CounterSet.candidateEvents().size() - CounterSet.SOFTWARE.size(), c.missing().size());
        assertTrue(c.missing().get(CounterSet.ALL_SYSCALLS).startsWith("tracefs not mounted: mount -t tracefs"), c.missing().toString());

        List<String> lines = CounterRecords.describe(CountersMode.EXTRA, a);
        assertTrue(lines.get(1).startsWith("  recorded: 3 perf events with perfnorm (context-switches, cpu-migrations, task-clock)"),
                lines.get(1));
        assertEquals(3, lines.size(), "one line for all the tracepoints with the same reason: " + lines);
        assertTrue(lines.get(2).startsWith("  missing " + c.missing().size() + " (raw_syscalls:sys_enter, syscalls:sys_enter_read,"),
                lines.get(2));
        assertTrue(lines.get(2).endsWith(": tracefs not mounted: mount -t tracefs nodev /sys/kernel/tracing as root"), lines.get(2));

        CounterAvailability back = CounterRecords.availability(c);
        assertEquals(a.perfEvents(), back.perfEvents(), "a resume counts what the run recorded");
        assertTrue(back.proc());
        assertEquals(a.missing(), back.missing());
        assertEquals(a.profilers(), back.profilers());
    }

    @Test
    void offRecordsNothingAndAnOldRunCountsNothing() {
        RunDocument.Counters off = CounterRecords.of(CountersMode.OFF, null, false);
        assertEquals(new RunDocument.Counters("off", List.of(), Map.of()), off);
        assertNull(CounterRecords.availability(off));
        assertNull(CounterRecords.availability(null), "a run made before counters");
        assertEquals(List.of("nettune: counters: off (-Dnettune.counters=off): no per-operation counters recorded"),
                CounterRecords.describe(CountersMode.OFF, null));
    }

    @Test
    void onlyAServerInAJvmOfItsOwnHereIsCountedApart() {
        assertTrue(CounterRecords.serverApart("process"));
        assertTrue(CounterRecords.serverApart("netns:rate=1gbit"));
        assertFalse(CounterRecords.serverApart("inprocess"));
        assertFalse(CounterRecords.serverApart("remote=10.0.0.1:5000"), "another host's /proc is not ours to read");
        assertFalse(CounterRecords.serverApart(null));
    }
}
