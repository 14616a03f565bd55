package dev.nettune.analysis.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calibration command on a small made-up run: its files, the profile rewrite, and bad input. */
class CalibrateTest {
    static final String CLS = "dev.nettune.bench.RoundTripBenchmark";

    /** A finished run of one class, two points, one JVM, two forks of {@code iterations} each. */
    static Path run(Path tmp, int iterations, String status) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("2026-12-04T10-00-00Z-quick"));
        Files.writeString(dir.resolve("run.json"), """
                {"runId":"2026-12-04T10-00-00Z-quick","profile":"quick","status":"%s",
                 "settings":{"blocks":2,"warmupIterations":0,"warmupTime":"1 s","measurementIterations":%d,"measurementTime":"1 s"},
                 "plan":{"pointsPerJvm":2,"classes":[{"class":"%s","methods":["%s.roundTrip"],"points":2}],
                  "points":[{"point":0,"class":"%s","benchmark":"%s.roundTrip","mode":"thrpt","params":{"payload":"64"}},
                            {"point":1,"class":"%s","benchmark":"%s.roundTrip","mode":"thrpt","params":{"payload":"1024"}}]},
                 "jvms":[{"label":"jdk17"}]}
                """.formatted(status, iterations, CLS, CLS, CLS, CLS, CLS, CLS));
        StringBuilder flat = new StringBuilder();
        StringBuilder warm = new StringBuilder();
        StringBuilder never = new StringBuilder();
        for (int i = 0; i < iterations; i++) {
            String sep = i == 0 ? "" : ",";
            flat.append(sep).append(50000 + (i % 3) * 100);
            warm.append(sep).append(i < 3 ? 30000 + i * 5000 : 50000 + (i % 2) * 100);
            never.append(sep).append(i < iterations - 2 ? 50000 + (i % 2) * 100 : 30000);
        }
        Files.createDirectories(dir.resolve("jdk17"));
        Files.writeString(dir.resolve("jdk17/RoundTripBenchmark.json"), """
                [{"benchmark":"%s.roundTrip","mode":"thrpt","params":{"payload":"64"},"primaryMetric":{"rawData":[[%s],[%s]]}},
                 {"benchmark":"%s.roundTrip","mode":"thrpt","params":{"payload":"1024"},"primaryMetric":{"rawData":[[%s],[%s]]}}]
                """.formatted(CLS, flat, warm, CLS, never, never));
        return dir;
    }

    record Ran(int status, String out, String err) {
    }

    static Ran calibrate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Calibrate.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void classifiesEveryForkAndWritesTheWarmupIntoTheProfileFile(@TempDir Path tmp) throws IOException {
        Path run = run(tmp, 20, "complete");
        Path profiles = Files.createDirectories(tmp.resolve("profiles"));
        Files.writeString(profiles.resolve("RoundTripBenchmark.properties"), "# why\nquick.payload=64,1024\nquick.@warmup=7\n");
        Ran r = calibrate("--run", run.toString(), "--out", tmp.resolve("out").toString(), "--write-profiles", profiles.toString());
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("out/calibration.json").toFile());
        JsonNode p64 = json.path("points").get(0);
        assertEquals("good-inconsistent", p64.path("jvms").get(0).path("class").asText());
        assertEquals(3, p64.path("jvms").get(0).path("steadyStart").asInt());
        assertEquals(4, p64.path("warmup").asInt()); // steady from iteration 3, + 1
        JsonNode p1024 = json.path("points").get(1);
        assertEquals("no-steady-state", p1024.path("unsteady").asText());
        assertTrue(p1024.path("warmup").isNull());
        assertEquals(4, json.path("classes").get(0).path("warmup").asInt());
        String md = Files.readString(tmp.resolve("out/calibration.md"));
        assertTrue(md.contains("| RoundTripBenchmark | 4 | 2 | no-steady-state:payload=1024 |"), md);

        Path file = profiles.resolve("RoundTripBenchmark.properties");
        String once = Files.readString(file);
        Properties props = new Properties();
        props.load(new java.io.StringReader(once));
        assertEquals("4", props.getProperty("quick.@warmup"));
        assertEquals("no-steady-state:payload=1024", props.getProperty("quick.@unsteady"));
        assertTrue(once.startsWith("# why\nquick.payload=64,1024\n# quick calibration (written by"), once);
        // rewriting replaces the block: the same file again, not a second block
        assertEquals(0, calibrate("--run", run.toString(), "--out", tmp.resolve("out").toString(), "--write-profiles", profiles.toString()).status());
        assertEquals(once, Files.readString(file));
    }

    @Test
    void badInputExitsTwoAndSaysWhy(@TempDir Path tmp) throws IOException {
        Ran none = calibrate("--run", tmp.resolve("nosuch").toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("nosuch: no such directory"), none.err());
        Ran short_ = calibrate("--run", run(tmp.resolve("a"), 2, "complete").toString());
        assertEquals(2, short_.status());
        assertTrue(short_.err().contains("settings.measurementIterations = 2: a calibration needs at least 10"), short_.err());
        Ran running = calibrate("--run", run(tmp.resolve("b"), 20, "running").toString());
        assertEquals(2, running.status());
        assertTrue(running.err().contains("status running"), running.err());
        Ran noProfiles = calibrate("--run", run(tmp.resolve("c"), 20, "complete").toString(), "--write-profiles", tmp.resolve("none").toString());
        assertEquals(2, noProfiles.status());
        assertFalse(Files.exists(tmp.resolve("c/calibration.md")));
        Path empty = Files.createDirectories(tmp.resolve("d/profiles"));
        Ran missing = calibrate("--run", run(tmp.resolve("d"), 20, "complete").toString(), "--out", tmp.resolve("d/out").toString(),
                "--write-profiles", empty.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("RoundTripBenchmark.properties: no profile file"), missing.err());
    }
}
