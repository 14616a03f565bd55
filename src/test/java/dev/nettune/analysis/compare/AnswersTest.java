package dev.nettune.analysis.compare;

import dev.nettune.analysis.Fixtures;
import dev.nettune.analysis.compare.Answer.Contrast;
import dev.nettune.analysis.compare.Answer.Topic;
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

    @Test
    void everyTopicOfTheQuickRunIsAnswered() {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN));
        List<Answer> as = answers(set);
        assertEquals(Topic.values().length, as.size());
        as.forEach(a -> assertTrue(a.measured(), a.topic() + " measured"));
        Answer io = as.get(Topic.IO_MODEL.ordinal());
        assertEquals(2, io.findings().size(), "one finding per JVM");
        assertEquals(List.of("connections=1", "connections=16", "connections=256", "connections=1024"),
                io.findings().get(0).contrasts().stream().map(Contrast::label).toList(), "numeric order");
        assertEquals("payload=64 transport=TCP", io.findings().get(0).fixed());
        Answers.Crossover x = Answers.crossover(io.findings().get(0).contrasts());
        assertEquals(Answers.Crossover.Kind.CROSSES_UP, x.kind());
        assertEquals("16", x.below());
        assertEquals("256", x.above());
        assertTrue(x.clear());
        assertFalse(x.indicative());
        Answer coal = as.get(Topic.COALESCING.ordinal());
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
        Answer coal = answers(set).get(Topic.COALESCING.ordinal());
        assertTrue(coal.measured());
        Contrast c = coal.findings().get(0).contrasts().get(0);
        assertEquals("strategy=STREAM_PER_PART", c.label());
        assertEquals("GATHERING", c.reference().key().params().get("strategy"));
        ResultSet perPartOnly = InputFinder.load(List.of(Fixtures.QUICK_RUN)).select(null,
                RowFilter.parse("Coalescing strategy=STREAM_PER_PART"));
        assertFalse(answers(perPartOnly).get(Topic.COALESCING.ordinal()).measured(), "no single write, no answer");
    }

    @Test
    void missingPointsGiveAnswersWithoutFindings() {
        ResultSet set = InputFinder.load(List.of(Fixtures.QUICK_RUN)).select(null, RowFilter.parse("RoundTrip"));
        List<Answer> as = answers(set);
        assertTrue(as.get(Topic.ROUND_TRIP.ordinal()).measured());
        for (Topic t : List.of(Topic.IO_MODEL, Topic.SEND_BUFFER, Topic.COALESCING, Topic.NAGLE, Topic.REUSE)) {
            assertFalse(as.get(t.ordinal()).measured(), t.name());
            assertEquals("", as.get(t.ordinal()).runId());
        }
        ResultSet noRef = InputFinder.load(List.of(Fixtures.QUICK_RUN)).select(null,
                RowFilter.parse("SocketBufferStream sndBuf!=0"));
        assertFalse(answers(noRef).get(Topic.SEND_BUFFER.ordinal()).measured(), "no autotuned reference, no answer");
    }

    @Test
    void crossoverReadings() {
        assertEquals(Answers.Crossover.Kind.ALWAYS_ABOVE, Answers.crossover(contrasts(1.2, 1.5)).kind());
        assertEquals(Answers.Crossover.Kind.ALWAYS_BELOW, Answers.crossover(contrasts(0.7, 0.9)).kind());
        assertEquals(Answers.Crossover.Kind.CROSSES_DOWN, Answers.crossover(contrasts(1.3, 0.8)).kind());
        assertEquals(Answers.Crossover.Kind.MIXED, Answers.crossover(contrasts(0.8, 1.2, 0.9)).kind());
        assertEquals(Answers.Crossover.Kind.NONE, Answers.crossover(List.of()).kind());
        Answers.Crossover one = Answers.crossover(single(0.8, 1.4));
        assertEquals(Answers.Crossover.Kind.CROSSES_UP, one.kind());
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
        assertEquals("64", Answers.PREFERRED.get("payload"));
        assertTrue(Map.of("threads", "4").entrySet().stream().allMatch(e -> e.getValue().equals(Answers.PREFERRED.get(e.getKey()))));
    }
}
