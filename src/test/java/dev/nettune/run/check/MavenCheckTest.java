package dev.nettune.run.check;

import dev.nettune.run.SuiteTest;
import dev.nettune.run.options.UsageException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two Maven stages, called as exec:java calls them minus the System.exit. */
class MavenCheckTest {
    @TempDir
    Path project;

    String refusal(String stage, Map<String, String> properties) {
        return assertThrows(UsageException.class, () -> MavenCheck.check(stage, project, properties, SuiteTest.onlySelf())).getMessage();
    }

    @Test
    void optionsStageChecksOptionsFoldersAndJvmsWithoutBenchmarks() throws Exception {
        MavenCheck.check(MavenCheck.OPTIONS, project, Map.of("user.home", "/x"), SuiteTest.onlySelf());
        assertEquals("nettune.profile: unknown profile 'nope'; valid: smoke, quick, full, scale",
                refusal(MavenCheck.OPTIONS, Map.of("nettune.profile", "nope")));
        assertTrue(refusal(MavenCheck.OPTIONS, Map.of("nettune.profle", "full")).startsWith("nettune.profle: no such option (did you mean profile?)"));
        assertTrue(refusal(MavenCheck.OPTIONS, Map.of("nettune.baseline", "jdk8")).startsWith("nettune.baseline: 'jdk8' is no JVM of this run"));
        assertTrue(refusal(MavenCheck.OPTIONS, Map.of("nettune.jmh", "-f 2")).startsWith("nettune.jmh: -f 2 is not allowed"));
        Files.writeString(project.resolve("results"), "a file");
        assertEquals("nettune.results: " + project.resolve("results") + " is a file, not a folder",
                refusal(MavenCheck.OPTIONS, Map.of("nettune.results", "results")));
        // include and -p are for the benchmarks stage, which has the compiled list
        MavenCheck.check(MavenCheck.OPTIONS, project, Map.of("nettune.include", "NoSuchBenchmark", "nettune.jmh", "-p nosuch=1"),
                SuiteTest.onlySelf());
    }

    @Test
    void relativeFoldersAreTheProjectsNotTheWorkingDirectorys() throws Exception {
        Files.createDirectories(project.resolve("bench-results"));
        assertEquals("nettune.resume: no run 'r1' (no run.json in " + project.resolve("bench-results").resolve("r1") + ")",
                refusal(MavenCheck.OPTIONS, Map.of("nettune.resume", "r1")));
    }

    @Test
    void benchmarksStageChecksIncludeProfilesAndParams() {
        MavenCheck.check(MavenCheck.BENCHMARKS, project, Map.of(), SuiteTest.onlySelf());
        assertTrue(refusal(MavenCheck.BENCHMARKS, Map.of("nettune.include", "NoSuch")).startsWith("nettune.include: 'NoSuch' matches no benchmark"));
        assertEquals("nettune.jmh: -p payload=big: RoundTripBenchmark.payload is an int; 'big' is not a whole number of that type",
                refusal(MavenCheck.BENCHMARKS, Map.of("nettune.include", "RoundTrip", "nettune.jmh", "-p payload=big")));
        MavenCheck.check(MavenCheck.BENCHMARKS, project, Map.of("nettune.skip", "true", "nettune.include", "NoSuch"), SuiteTest.onlySelf());
    }
}
