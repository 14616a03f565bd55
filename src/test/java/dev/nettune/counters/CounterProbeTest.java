package dev.nettune.counters;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterProbeTest {
    /** A host laid out like this machine: root, perf, tracefs with every syscall tracepoint. */
    static final class FakeHost implements CounterProbe.Host {
        final Map<String, String> files = new HashMap<>();
        final Set<String> dirs = new HashSet<>();
        boolean perf = true;
        /** Events perf says it cannot count, and events whose name perf rejects. */
        final Set<String> notSupported = new HashSet<>();
        final Set<String> rejected = new HashSet<>();
        final List<List<String>> commands = new ArrayList<>();

        FakeHost() {
            files.put("/proc/self/status", "Name:\tjava\nUid:\t0\t0\t0\t0\n");
            files.put("/proc/self/io", ProcReadingTest.IO);
            files.put("/proc/sys/kernel/perf_event_paranoid", "2\n");
            files.put("/proc/mounts", "proc /proc proc rw 0 0\nnodev /sys/kernel/tracing tracefs rw,relatime 0 0\n");
            dirs.add("/sys/kernel/tracing/events");
            dirs.add("/sys/kernel/tracing/events/raw_syscalls");
            dirs.add("/sys/kernel/tracing/events/raw_syscalls/sys_enter");
            dirs.add("/sys/kernel/tracing/events/syscalls");
            CounterSet.SYSCALLS.forEach(s -> dirs.add("/sys/kernel/tracing/events/syscalls/sys_enter_" + s));
        }

        void unmountTracefs() {
            dirs.removeIf(d -> d.startsWith("/sys/kernel/tracing"));
            files.put("/proc/mounts", "proc /proc proc rw 0 0\n");
        }

        @Override
        public Optional<Path> onPath(String name) {
            return perf && name.equals("perf") ? Optional.of(Path.of("/usr/bin/perf")) : Optional.empty();
        }

        @Override
        public Optional<String> read(Path file) {
            return Optional.ofNullable(files.get(file.toString()));
        }

        @Override
        public boolean isDirectory(Path dir) {
            return dirs.contains(dir.toString());
        }

        @Override
        public CounterProbe.Run run(List<String> command) {
            commands.add(command);
            List<String> events = List.of(command.get(command.indexOf("-e") + 1).split(","));
            for (String e : events) {
                if (rejected.contains(e)) {
                    return new CounterProbe.Run(129, "event syntax error: '" + e + "'\n \\___ unknown tracepoint\n");
                }
            }
            StringBuilder out = new StringBuilder();
            for (String e : events) {
                // perf stat -x , prints count,unit,event,run time,percentage,...
                out.append(notSupported.contains(e) ? "<not supported>" : "29").append(",,").append(e)
                        .append(",303859,100.00,,\n");
            }
            return new CounterProbe.Run(0, out.toString());
        }
    }

    @Test
    void everythingIsThereOnAHostLikeThisOne() {
        FakeHost host = new FakeHost();
        CounterAvailability a = CounterProbe.probe(host);
        assertEquals(CounterSet.candidateEvents(), a.perfEvents());
        assertTrue(a.proc());
        assertEquals(Map.of(), a.missing());
        assertEquals(1, host.commands.size(), "one perf stat trial of all events");
        assertEquals(List.of(CounterSet.perfnormArgument(CounterSet.candidateEvents()), "gc",
                "dev.nettune.counters.ProcCountersProfiler"), a.profilers());
    }

    @Test
    void withoutTracefsOnlySoftwareEventsRemainAndEachTracepointSaysWhy() {
        FakeHost host = new FakeHost();
        host.unmountTracefs();
        CounterAvailability a = CounterProbe.probe(host);
        assertEquals(CounterSet.SOFTWARE, a.perfEvents());
        assertEquals(CounterSet.candidateEvents().size() - CounterSet.SOFTWARE.size(), a.missing().size());
        assertEquals("tracefs not mounted: mount -t tracefs nodev /sys/kernel/tracing as root",
                a.missing().get("syscalls:sys_enter_write"));
        assertEquals("raw_syscalls:sys_enter: tracefs not mounted: mount -t tracefs nodev /sys/kernel/tracing as root",
                a.missingLines().get(0));
    }

    @Test
    void tracefsMountedButHiddenFromANonRootUser() {
        FakeHost host = new FakeHost();
        host.dirs.clear(); // /sys/kernel/tracing is mode 700: a user cannot see inside
        host.files.put("/proc/self/status", "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n");
        CounterAvailability a = CounterProbe.probe(host);
        assertEquals("tracefs at /sys/kernel/tracing is not readable by this user (not root): run as root",
                a.missing().get("syscalls:sys_enter_read"));
        assertEquals(CounterSet.SOFTWARE, a.perfEvents());
    }

    @Test
    void withoutPerfTheProcFallbackAndGcRemain() {
        FakeHost host = new FakeHost();
        host.perf = false;
        CounterAvailability a = CounterProbe.probe(host);
        assertEquals(List.of(), a.perfEvents());
        assertEquals(CounterSet.candidateEvents().size(), a.missing().size());
        assertTrue(a.missing().values().stream().allMatch(
                r -> r.equals("perf not on PATH: apt-get install linux-perf (Debian) as root")), a.missing().toString());
        assertEquals(List.of("gc", "dev.nettune.counters.ProcCountersProfiler"), a.profilers());
        assertEquals(List.of("-prof", "gc", "-prof", "dev.nettune.counters.ProcCountersProfiler"), a.jmhArgs());
        assertTrue(host.commands.isEmpty());
    }

    @Test
    void withoutPerfOrProcOnlyGcRemains() {
        FakeHost host = new FakeHost();
        host.perf = false;
        host.files.remove("/proc/self/io");
        CounterAvailability a = CounterProbe.probe(host);
        assertFalse(a.proc());
        assertEquals(List.of("gc"), a.profilers());
        assertTrue(a.missing().get(CounterSet.PROC_PROFILER).startsWith("no /proc/self/io"));
    }

    @Test
    void aParanoidKernelRefusesPerfToNonRoot() {
        FakeHost host = new FakeHost();
        host.files.put("/proc/self/status", "Uid:\t1000\t1000\t1000\t1000\n");
        host.files.put("/proc/sys/kernel/perf_event_paranoid", "3\n");
        CounterAvailability a = CounterProbe.probe(host);
        assertEquals(List.of(), a.perfEvents());
        assertEquals("perf_event_paranoid=3 forbids perf to non-root: run as root or sysctl kernel.perf_event_paranoid=2",
                a.missing().get("context-switches"));
    }

    @Test
    void aMissingTracepointAndAnUncountableEventAreNamed() {
        FakeHost host = new FakeHost();
        host.dirs.remove("/sys/kernel/tracing/events/syscalls/sys_enter_epoll_wait"); // as on arm64
        host.notSupported.add("cpu-migrations");
        CounterAvailability a = CounterProbe.probe(host);
        assertEquals("no tracepoint syscalls:sys_enter_epoll_wait in this kernel"
                + " (/sys/kernel/tracing/events/syscalls/sys_enter_epoll_wait)", a.missing().get("syscalls:sys_enter_epoll_wait"));
        assertEquals("perf stat counts no cpu-migrations here: <not supported>", a.missing().get("cpu-migrations"));
        assertEquals(CounterSet.candidateEvents().size() - 2, a.perfEvents().size());
        assertFalse(a.perfEvents().contains("cpu-migrations"));
    }

    @Test
    void anEventPerfRejectsIsTriedAloneAndTheRestKept() {
        FakeHost host = new FakeHost();
        host.rejected.add("syscalls:sys_enter_clone3");
        CounterAvailability a = CounterProbe.probe(host);
        assertEquals("perf stat -e syscalls:sys_enter_clone3 failed: event syntax error: 'syscalls:sys_enter_clone3'",
                a.missing().get("syscalls:sys_enter_clone3"));
        assertEquals(CounterSet.candidateEvents().size() - 1, a.perfEvents().size());
        assertEquals(1 + CounterSet.candidateEvents().size(), host.commands.size());
    }

    @Test
    void addsTheProfilersToAForksOptions() {
        CounterAvailability a = new CounterAvailability(List.of("raw_syscalls:sys_enter", "context-switches"), true, Map.of());
        Options o = a.addTo(new OptionsBuilder().include("RoundTripBenchmark")).build();
        List<String> got = o.getProfilers().stream().map(p -> p.getKlass() + "|" + p.getOpts()).toList();
        assertEquals(List.of("perfnorm|events=raw_syscalls:sys_enter,context-switches", "gc|",
                "dev.nettune.counters.ProcCountersProfiler|"), got);
    }

    @Test
    void perfnormArgumentRefusesAnEventThatWouldSplit() {
        assertEquals("perfnorm:events=a:b,c", CounterSet.perfnormArgument(List.of("a:b", "c")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CounterSet.perfnormArgument(List.of("a,b")));
        assertEquals("perf event name 'a,b' is empty or contains ','", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CounterSet.perfnormArgument(List.of()));
    }

    @Test
    void thisHostAnswersWithoutThrowing() {
        CounterAvailability a = CounterProbe.onThisHost();
        // whatever is here, every candidate event is either usable or has a reason
        for (String e : CounterSet.candidateEvents()) {
            assertTrue(a.perfEvents().contains(e) ^ a.missing().containsKey(e), e + " in " + a);
        }
    }
}
