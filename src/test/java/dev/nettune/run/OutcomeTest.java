package dev.nettune.run;

import org.openjdk.jmh.annotations.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutcomeTest {
    static final String RT = "dev.nettune.bench.model.ModelBenchmark.roundTrip";

    static Plan.Point point(Mode mode, String model) {
        return new Plan.Point(RT, mode, Map.of("model", model, "payload", "64"));
    }

    @Test
    void eachPlannedPointIsOkSkippedWithAReasonOrFailed(@TempDir Path tmp) throws Exception {
        Path skips = tmp.resolve("skips.jsonl");
        // As dev.nettune.bench.Skip writes it (params in key order), once per mode, plus a broken line.
        String line = "{\"benchmark\":\"" + RT + "\",\"params\":\"model=VIRTUAL,payload=64\",\"jvm\":\"17.0.15\","
                + "\"reason\":\"virtual threads need JDK 21+\"}\n";
        Files.writeString(skips, line + line + "not json\n");
        List<Plan.Point> planned = List.of(point(Mode.Throughput, "STREAM"), point(Mode.SampleTime, "STREAM"),
                point(Mode.Throughput, "VIRTUAL"), point(Mode.SampleTime, "VIRTUAL"), point(Mode.Throughput, "ASYNC"));
        Outcome o = new Outcome();
        o.add(planned, Set.of(point(Mode.Throughput, "STREAM"), point(Mode.SampleTime, "STREAM")), Outcome.readSkips(skips));
        o.addNanos(581_000_000_000L);
        assertEquals("jdk17: 5 points, 2 ok, 2 skipped (virtual threads need JDK 21+), 1 failed, 9m41s", o.summary("jdk17"));
        assertEquals(1, o.failedCount());
        assertEquals(List.of(point(Mode.Throughput, "ASYNC").toString()), o.toJson().get("failedPoints"));
    }

    @Test
    void missingSkipFileMeansNoSkips(@TempDir Path tmp) throws Exception {
        assertEquals(List.of(), Outcome.readSkips(tmp.resolve("none.jsonl")));
    }

    @Test
    void aRunnerThatCouldNotStartFailsAllItsPoints() {
        Outcome o = new Outcome();
        o.addError(List.of(point(Mode.Throughput, "STREAM"), point(Mode.Throughput, "ASYNC")), "lock held");
        assertEquals(2, o.failedCount());
        assertEquals(List.of("lock held"), o.toJson().get("errors"));
    }
}
