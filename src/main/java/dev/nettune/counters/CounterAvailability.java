package dev.nettune.counters;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CounterAvailability is what {@link CounterProbe} found: the perf events a fork can count with
 * perfnorm, whether the /proc fallback works, and for every counter it cannot have, why.
 *
 * @param perfEvents perf events that a {@code perf stat} trial counted here, in {@link CounterSet}'s order
 * @param proc       whether {@link ProcCountersProfiler} can read /proc/self
 * @param missing    each missing perf event (or {@link CounterSet#PROC_PROFILER}) with its reason and fix, one line
 */
public record CounterAvailability(List<String> perfEvents, boolean proc, Map<String, String> missing) {
    public CounterAvailability {
        perfEvents = List.copyOf(perfEvents);
        missing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(missing));
    }

    /**
     * The profilers for a fork as JMH's {@code -prof} values: perfnorm with the usable events (when any),
     * gc always, and the /proc profiler when /proc can be read (it alone splits CPU into user and system).
     */
    public List<String> profilers() {
        List<String> out = new ArrayList<>();
        if (!perfEvents.isEmpty()) {
            out.add(CounterSet.perfnormArgument(perfEvents));
        }
        out.add(CounterSet.GC_PROFILER);
        if (proc) {
            out.add(CounterSet.PROC_PROFILER);
        }
        return List.copyOf(out);
    }

    /** {@link #profilers()} as command-line arguments: {@code -prof X -prof Y ...}. */
    public List<String> jmhArgs() {
        List<String> out = new ArrayList<>();
        for (String p : profilers()) {
            out.add("-prof");
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** Adds {@link #profilers()} to a JMH options builder and returns it, for chaining. */
    public ChainedOptionsBuilder addTo(ChainedOptionsBuilder builder) {
        if (!perfEvents.isEmpty()) {
            builder.addProfiler(CounterSet.PERFNORM_PROFILER, CounterSet.perfnormInitLine(perfEvents));
        }
        builder.addProfiler(CounterSet.GC_PROFILER);
        if (proc) {
            builder.addProfiler(ProcCountersProfiler.class);
        }
        return builder;
    }

    /** One line per missing counter, {@code name: reason}, for the run's log and the report. */
    public List<String> missingLines() {
        return missing.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
