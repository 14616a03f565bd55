package dev.nettune.analysis.render;

import dev.nettune.analysis.Fixtures;

import dev.nettune.analysis.compare.Comparison;
import dev.nettune.analysis.compare.CrossJvm;
import dev.nettune.analysis.model.Family;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Markdown tables from the real JDK 17 + JDK 25 fixtures compared with saved expected files in
 * {@code src/test/resources/analysis/golden}. After an intended change of layout, regenerate with
 * {@code mvn test -Dtest=GoldenTableTest -Dgolden.update=true} and review the diff.
 */
class GoldenTableTest {

    static final Path GOLDEN = Fixtures.ROOT.resolve("golden");

    @Test
    void comparisonTableOfModelFamily() throws IOException {
        ResultSet set = InputFinder.load(List.of(Fixtures.SUITE));
        List<CrossJvm> t = CrossJvm.build(Family.MODEL, set.family(Family.MODEL), set.jvms(), set.baseline(null),
                Comparison.Test.UTEST, Comparison.DEFAULT_ALPHA);
        assertEquals(1, t.size());
        check("model-comparison.md", MarkdownReport.comparisonTable(t.get(0), set).render());
    }

    @Test
    void resultTableOfSampleModeWithPercentiles() throws IOException {
        ResultSet set = InputFinder.load(List.of(Fixtures.SUITE));
        List<Result> sample = set.results().stream().filter(r -> r.key().mode().equals("sample")).toList();
        check("buffers-sample.md", MarkdownReport.resultTable(sample, set).render() + "\n"
                + MarkdownReport.percentileTable(sample, set).render());
    }

    private static void check(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
    }
}
