package dev.nettune.analysis.compare;

import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.family.Answer.Contrast;
import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.family.Crossover;
import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.Points;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RowFilter;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.stats.UnpairedRatio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The family answers: which points, which contrasts, the crossover reading, and what is not measured. */
class AnswersTest {

    private static List<Answer> answers(ResultSet set) {
        return Answers.fullest(Answers.byRun(set), set.runIds());
    }

    /** The answer to the question named {@code id}. */
    private static Answer answer(List<Answer> as, String id) {
        return as.stream().filter(a -> a.question().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everyQuestionOfTheQuickRunIsAnswered() {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN));
        List<Answer> as = answers(set);
        assertEquals(Families.questions(), as.stream().map(Answer::question).toList(), "one answer per question, in order");
        // a family the fixture has no results of (one added since) has nothing to answer here
        // and a question only some profiles ask (always() false: the server side at scale) is not quick's
        List<Answer> measurable = as.stream().filter(a -> !a.question().family().results(set).isEmpty() && a.question().always()).toList();
        assertFalse(answer(as, "IO_MODEL_SERVER").measured(), "quick has no Selector client against a thread per connection");
        assertEquals(List.of("ROUND_TRIP", "IO_MODEL", "SEND_BUFFER", "COALESCING", "NAGLE", "REUSE"),
                measurable.stream().map(a -> a.question().id()).toList());
        measurable.forEach(a -> assertTrue(a.measured(), a.question() + " measured"));
        Answer io = answer(as, "IO_MODEL");
        assertEquals(2, io.findings().size(), "one finding per JVM");
        assertEquals(List.of("connections=1", "connections=16", "connections=256", "connections=1024"),
                io.findings().get(0).contrasts().stream().map(Contrast::label).toList(), "numeric order");
        assertEquals("payload=64 transport=TCP", io.findings().get(0).fixed());
        Crossover x = Crossover.of(io.findings().get(0).contrasts());
        assertEquals(Crossover.Kind.CROSSES_UP, x.kind());
        assertEquals("16", x.below());
        assertEquals("256", x.above());
        assertTrue(x.clear());
        assertFalse(x.indicative());
        Answer coal = answer(as, "COALESCING");
        assertEquals("strategy=STREAM_PER_PART", coal.findings().get(0).contrasts().get(0).label(), "the headline first");
        Contrast c = coal.findings().get(0).contrasts().get(0);
        // the ratio is subject / reference with Welch's interval on log fork scores
        UnpairedRatio u = UnpairedRatio.of(c.reference().primary().forkScores(), c.subject().primary().forkScores(), 0.95);
        assertEquals(u.ratio(), c.ratio().ratio(), 1e-12);
        assertTrue(c.ratio().ratio() < 0.5 && c.clear());
    }

    @Test
    void coalescingFallsBackToAnotherSingleWriteWhenTheCopyIsNotMeasured() {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN)).select(null,
                RowFilter.parse("Coalescing strategy!=COPY_HEAP"));
        Answer coal = answer(answers(set), "COALESCING");
        assertTrue(coal.measured());
        Contrast c = coal.findings().get(0).contrasts().get(0);
        assertEquals("strategy=STREAM_PER_PART", c.label());
        assertEquals("GATHERING", c.reference().key().params().get("strategy"));
        ResultSet perPartOnly = InputFinder.load(List.of(Fixtures.QUICK_RUN)).select(null,
                RowFilter.parse("Coalescing strategy=STREAM_PER_PART"));
        assertFalse(answer(answers(perPartOnly), "COALESCING").measured(), "no single write, no answer");
    }

    @Test
    void missingPointsGiveAnswersWithoutFindings() {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN)).select(null, RowFilter.parse("RoundTrip"));
        List<Answer> as = answers(set);
        assertTrue(answer(as, "ROUND_TRIP").measured());
        for (String id : List.of("IO_MODEL", "SEND_BUFFER", "COALESCING", "NAGLE", "REUSE")) {
            assertFalse(answer(as, id).measured(), id);
            assertEquals("", answer(as, id).runId());
        }
        ResultSet noRef = InputFinder.load(List.of(Fixtures.QUICK_RUN)).select(null,
                RowFilter.parse("SocketBufferStream sndBuf!=0"));
        assertFalse(answer(answers(noRef), "SEND_BUFFER").measured(), "no autotuned reference, no answer");
    }

    @Test
    void crossoverReadings() {
        assertEquals(Crossover.Kind.ALWAYS_ABOVE, Crossover.of(contrasts(1.2, 1.5)).kind());
        assertEquals(Crossover.Kind.ALWAYS_BELOW, Crossover.of(contrasts(0.7, 0.9)).kind());
        assertEquals(Crossover.Kind.CROSSES_DOWN, Crossover.of(contrasts(1.3, 0.8)).kind());
        assertEquals(Crossover.Kind.MIXED, Crossover.of(contrasts(0.8, 1.2, 0.9)).kind());
        assertEquals(Crossover.Kind.NONE, Crossover.of(List.of()).kind());
        Crossover one = Crossover.of(single(0.8, 1.4));
        assertEquals(Crossover.Kind.CROSSES_UP, one.kind());
        assertTrue(one.indicative(), "single forks: no interval, indicative only");
        assertFalse(one.clear());
    }

    /** Contrasts with the given ratios and tight intervals, at connections 1, 16, 256... */
    private static List<Contrast> contrasts(double... ratios) {
        List<Contrast> out = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            double r = ratios[i];
            out.add(new Contrast("connections=" + (1 << (4 * i)), null, null, r, 1, new UnpairedRatio(4, 4, r, r * 0.97,
                    r * 1.03, 0.001, 6, 0.01, 0.01, 0.95), null));
        }
        return out;
    }

    private static List<Contrast> single(double... ratios) {
        List<Contrast> out = new ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            out.add(new Contrast("connections=" + (1 << (4 * i)), null, null, ratios[i], 1, new UnpairedRatio(1, 1,
                    ratios[i], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.95), null));
        }
        return out;
    }

    @Test
    void preferredValuesAreHeldFixed() {
        assertEquals("64", Points.PREFERRED.get("payload"));
        assertTrue(Map.of("threads", "4").entrySet().stream().allMatch(e -> e.getValue().equals(Points.PREFERRED.get(e.getKey()))));
    }
}
