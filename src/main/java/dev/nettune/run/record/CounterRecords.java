package dev.nettune.run.record;

import dev.nettune.counters.CounterAvailability;
import dev.nettune.counters.CounterNames;
import dev.nettune.counters.CounterSet;
import dev.nettune.results.RunDocument;
import dev.nettune.run.options.CountersMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CounterRecords turns what {@code dev.nettune.counters.CounterProbe} found into run.json's
 * {@code "counters"} and the lines the run prints at its start, and back into the
 * {@link CounterAvailability} a resumed run counts with (the recorded one, so that every fork of a run
 * counts the same, whatever was mounted since).
 */
public final class CounterRecords {
    /** The gc profiler's counters, which every counting fork records. */
    static final List<String> GC_NAMES = List.of(CounterNames.GC_ALLOC_NORM, CounterNames.GC_COUNT);

    private CounterRecords() {
    }

    /**
     * run.json's "counters" for {@code mode}; {@code available} may be null only when off. With
     * {@code serverApart} (some point's server runs in a JVM of its own here) the server's /proc
     * counters are recorded too, on those points.
     */
    public static RunDocument.Counters of(CountersMode mode, CounterAvailability available, boolean serverApart) {
        if (!mode.counts()) {
            return new RunDocument.Counters(mode.id(), List.of(), Map.of());
        }
        return new RunDocument.Counters(mode.id(), recorded(available, serverApart), new LinkedHashMap<>(available.missing()));
    }

    /** The metric names a counting fork records with {@code a}: perfnorm's events, gc's, the /proc profiler's (and the server's). */
    static List<String> recorded(CounterAvailability a, boolean serverApart) {
        List<String> out = new ArrayList<>(a.perfEvents());
        out.addAll(GC_NAMES);
        if (a.proc()) {
            out.addAll(CounterNames.PROC_NAMES);
            if (serverApart) {
                out.addAll(CounterNames.SERVER_PROC_NAMES);
            }
        }
        return List.copyOf(out);
    }

    /** Whether a point's placement parameter puts its server in a JVM of its own on this machine (process, netns). */
    public static boolean serverApart(String placement) {
        if (placement == null) {
            return false;
        }
        try {
            dev.nettune.placement.Placement.Kind k = dev.nettune.placement.Placement.parse(placement).kind();
            return k == dev.nettune.placement.Placement.Kind.PROCESS || k == dev.nettune.placement.Placement.Kind.NETNS;
        } catch (IllegalArgumentException e) {
            return false; // not a placement: the preflight refuses it before a run starts
        }
    }

    /** The availability a run recorded; null when it counts nothing (off, or a run made before counters). */
    public static CounterAvailability availability(RunDocument.Counters c) {
        if (c == null || CountersMode.ofRecord(c.mode()) == CountersMode.OFF) {
            return null;
        }
        List<String> recorded = c.recorded() == null ? List.of() : c.recorded();
        List<String> perf = recorded.stream().filter(CounterSet.candidateEvents()::contains).toList();
        return new CounterAvailability(perf, recorded.contains(CounterNames.PROC_SYSCR), c.missing() == null ? Map.of() : c.missing());
    }

    /** What the run prints at its start: the mode, what is recorded and what is missing, grouped by reason. */
    public static List<String> describe(CountersMode mode, CounterAvailability a) {
        List<String> out = new ArrayList<>();
        switch (mode) {
            case OFF -> {
                out.add("nettune: counters: off (-Dnettune.counters=off): no per-operation counters recorded");
                return out;
            }
            case EXTRA -> out.add("nettune: counters: extra: one more fork per JVM per block counts (role \"counters\" in "
                    + dev.nettune.results.ResultFiles.FORKS + "); the forks that make the score run without profilers");
            case EVERY -> out.add("nettune: counters: every: every fork counts, the forks that make the score included");
            default -> throw new IllegalStateException(mode.toString());
        }
        out.add("  recorded: " + (a.perfEvents().isEmpty() ? "no perf event"
                : a.perfEvents().size() + " perf events with perfnorm (" + String.join(", ", a.perfEvents()) + ")")
                + "; " + String.join(", ", GC_NAMES) + " with gc"
                + (a.proc() ? "; " + String.join(", ", CounterNames.PROC_NAMES) + " from /proc (and as server:proc:* of a"
                + " server in a JVM of its own: placement process, netns)" : ""));
        Map<String, List<String>> byReason = new LinkedHashMap<>();
        a.missing().forEach((name, why) -> byReason.computeIfAbsent(why, k -> new ArrayList<>()).add(name));
        byReason.forEach((why, names) -> out.add("  missing " + (names.size() == 1 ? names.get(0)
                : names.size() + " (" + String.join(", ", names) + ")") + ": " + why));
        return out;
    }
}
