package dev.nettune.analysis.render;

import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.compare.Answers;
import dev.nettune.analysis.compare.HandMade;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The report's text compared with saved expected files in {@code src/test/resources/analysis/golden}:
 * the generated summary (family answers from the quick-run fixture, the verdicts of hand-made JVM
 * pairs), the evidence tables, a benchstat-style comparison table, and the detail tables. The
 * comparison records are made by hand (the way the statistics builder fills them), so these tests
 * follow the layout, not the builder. After an intended change of layout, regenerate with
 * {@code mvn test -Dtest=GoldenTableTest -Dgolden.update=true} and review the diff.
 */
class GoldenTableTest {

    static final Path GOLDEN = Fixtures.ROOT.resolve("golden");
    private static final Function<JvmId, String> LABELS = JvmId::label;

    @Test
    void summaryOfAnswersAndVerdicts() throws IOException {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN));
        List<Answer> answers = Answers.fullest(Answers.byRun(set), set.runIds());
        String summary = new AnswerText(set::name).bullets(answers, "this run", false) + "\n"
                + new VerdictText(LABELS, false).bullets(List.of(HandMade.jdks(), HandMade.selfCheck(),
                HandMade.singleFork()));
        check("summary.md", summary);
    }

    @Test
    void evidenceOfTheAnswers() throws IOException {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN));
        check("evidence.md", new AnswerText(set::name).evidence(Answers.fullest(Answers.byRun(set), set.runIds()), "###"));
    }

    @Test
    void comparisonTablesOfAPair() throws IOException {
        JvmPair p = HandMade.jdks();
        check("comparison-jdk25-vs-jdk17.md", new ComparisonTables(LABELS, false).section(p, "###"));
    }

    @Test
    void answersDegradeWhenPointsAreMissing() throws IOException {
        ResultSet set = InputFinder.load(List.of(Fixtures.RUN));
        check("summary-not-measured.md", new AnswerText(set::name).bullets(
                Answers.fullest(Answers.byRun(set), set.runIds()), "this run", false));
    }

    @Test
    void detailTablesWithForkIntervalsAndPercentiles() throws IOException {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN));
        List<Result> nagle = set.results().stream().filter(r -> r.key().benchmark().endsWith("NagleBenchmark.message"))
                .toList();
        DetailTables d = new DetailTables(set::name);
        check("details-nagle.md", d.table(nagle) + "\n" + d.percentiles(nagle));
    }

    private static void check(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
    }
}
