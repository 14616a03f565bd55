package dev.nettune.analysis.family;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The family registry against the benchmark sources: every benchmark class of this suite has a
 * family, and every name a descriptor declares (its package or class, its chart rules' classes)
 * exists, so that a renamed or new benchmark cannot fall silently into "Other benchmarks".
 */
class FamiliesTest {
    private static final Path BENCH = Path.of("src/main/java/dev/nettune/bench");
    private static final Pattern ABSTRACT = Pattern.compile("\\babstract class\\b");

    @Test
    void namesAreUniqueAndOtherComesLast() {
        List<String> slugs = Families.ALL.stream().map(FamilyDescriptor::slug).toList();
        assertEquals(slugs.size(), new HashSet<>(slugs).size(), slugs.toString());
        List<String> ids = Families.questions().stream().map(Question::id).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), ids.toString());
        assertInstanceOf(Other.class, Families.ALL.get(Families.ALL.size() - 1));
        assertSame(Families.get(Other.class), Families.of("org.example.FooBenchmark.bar"), "a foreign benchmark");
        assertSame(Families.get(IoModel.class), Families.of("dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips"));
        assertSame(Families.get(RoundTrip.class), Families.of("dev.nettune.bench.RoundTripBenchmark.roundTrip"));
        Families.questions().forEach(q -> assertTrue(q.family().questions().contains(q), q.id()));
    }

    @Test
    void everyBenchmarkClassHasAFamily() throws IOException {
        assertTrue(Files.isDirectory(BENCH), "run from the project folder: " + BENCH.toAbsolutePath());
        List<String> orphans = new ArrayList<>();
        for (String benchmark : benchmarkClasses()) {
            if (Families.of(benchmark + ".m") instanceof Other) {
                orphans.add(benchmark);
            }
        }
        assertEquals(List.of(), orphans, "each needs a FamilyDescriptor in Families.ALL");
    }

    @Test
    void declaredNamesExist() throws IOException {
        List<String> classes = benchmarkClasses();
        for (FamilyDescriptor f : Families.ALL) {
            if (f instanceof Other) {
                continue;
            }
            for (String prefix : f.prefixes()) {
                assertTrue(classes.stream().anyMatch(c -> (c + ".").startsWith(prefix)), f.slug() + ": nothing under " + prefix);
            }
            for (String cls : f.chartRules().keySet()) {
                assertTrue(classes.stream().anyMatch(c -> c.endsWith("." + cls) && f.owns(c + ".m")),
                        f.slug() + ": chart rule for " + cls + ", no such benchmark class in the family");
            }
        }
    }

    /** Fully qualified names of the concrete classes under bench/ named "...Benchmark" (JMH runs those). */
    private static List<String> benchmarkClasses() throws IOException {
        try (Stream<Path> files = Files.walk(BENCH)) {
            return files.filter(p -> p.getFileName().toString().endsWith("Benchmark.java") && !ABSTRACT.matcher(read(p)).find())
                    .map(p -> "dev.nettune.bench." + BENCH.relativize(p).toString().replace(".java", "")
                            .replace('/', '.'))
                    .sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
