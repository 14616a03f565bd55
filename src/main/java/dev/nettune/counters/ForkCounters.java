package dev.nettune.counters;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ForkCounters are the counters of one fork of one benchmark point in a JMH result file.
 *
 * @param benchmark the benchmark's full name, e.g. {@code dev.nettune.bench.RoundTripBenchmark.roundTrip}
 * @param mode      JMH's mode, e.g. {@code thrpt}
 * @param params    the point's {@code @Param} values (empty when it has none)
 * @param fork      the fork's index in the result, from 0
 * @param counters  the fork's counters, in the file's order
 */
public record ForkCounters(String benchmark, String mode, Map<String, String> params, int fork, List<Counter> counters) {
    public ForkCounters {
        params = Map.copyOf(params);
        counters = List.copyOf(counters);
    }

    /** The counter named {@code name}, if the fork has it. */
    public Optional<Counter> counter(String name) {
        return counters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * {@code q} as measured by {@code source}, in {@code q.unit()}: the sum of its terms, or empty when
     * any term is missing (an event the host lacked counts as unknown, not as 0).
     */
    public Optional<Double> quantity(CounterNames.Quantity q, CounterNames.Source source) {
        Map<String, Double> terms = q.terms(source);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        double sum = 0;
        for (Map.Entry<String, Double> t : terms.entrySet()) {
            Optional<Counter> c = counter(t.getKey());
            if (c.isEmpty()) {
                return Optional.empty();
            }
            sum += c.get().perOp() * t.getValue();
        }
        return Optional.of(sum);
    }
}
