package dev.nettune.run;

import dev.nettune.run.plan.ProfilesTest;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar target/benchmarks.jar -l} lists every benchmark once, also those with two modes. */
class JmhMainTest {
    static List<String> listed(List<String> includes) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        JmhMain.list(OutputFormatFactory.createFormatInstance(new PrintStream(buf, true, StandardCharsets.UTF_8), VerboseMode.NORMAL),
                includes, List.of());
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everyBenchmarkOnceEvenWithTwoModes() {
        List<String> lines = listed(List.of());
        assertEquals("Benchmarks:", lines.get(0));
        List<String> names = lines.subList(1, lines.size());
        Set<String> seen = new HashSet<>();
        names.forEach(n -> assertTrue(seen.add(n), "listed twice: " + n));
        long entries = ProfilesTest.entries().size();
        assertTrue(entries > names.size(), "JMH has one entry per method and mode: " + entries + " entries, " + names.size() + " names");
        for (String twoModes : List.of("dev.nettune.bench.RoundTripBenchmark.roundTrip", "dev.nettune.bench.coalescing.CoalescingBenchmark.message",
                "dev.nettune.bench.reuse.ConnectionReuseBenchmark.operation")) {
            assertTrue(names.contains(twoModes), twoModes);
        }
        assertEquals(List.of("Benchmarks:", "dev.nettune.bench.RoundTripBenchmark.roundTrip"), listed(List.of("RoundTripBenchmark.roundTrip")));
    }
}
