package dev.nettune.run.record;

import dev.nettune.counters.Counter;
import dev.nettune.counters.CounterReader;
import dev.nettune.counters.ForkCounters;
import dev.nettune.results.ForkCounter;

import org.openjdk.jmh.results.RunResult;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ForkCounterValues are one fork's counters as the run records them, in its forks.jsonl line and as
 * its row of the merged JSON: {@link CounterReader} on the fork's own JMH result, before merging
 * (JMH's merge keeps perfnorm's values only as one score over all forks).
 */
public final class ForkCounterValues {
    private ForkCounterValues() {
    }

    /** The counters of a single-fork result by metric name, in the result's order; empty when it counted nothing. */
    public static Map<String, ForkCounter> of(RunResult fork) {
        List<ForkCounters> all = CounterReader.read(fork);
        if (all.isEmpty()) {
            return Map.of();
        }
        if (all.size() != 1) {
            throw new IllegalArgumentException(fork.getParams().getBenchmark() + ": " + all.size() + " forks in one fork's result");
        }
        Map<String, ForkCounter> out = new LinkedHashMap<>();
        for (Counter c : all.get(0).counters()) {
            out.put(c.name(), of(c));
        }
        return Collections.unmodifiableMap(out);
    }

    /** One counter as forks.jsonl writes it: a non-finite value (a fork without operations) as null. */
    static ForkCounter of(Counter c) {
        return new ForkCounter(Double.isFinite(c.perOp()) ? c.perOp() : null, c.unit(), c.source().name().toLowerCase(Locale.ROOT),
                c.lowerBound());
    }
}
