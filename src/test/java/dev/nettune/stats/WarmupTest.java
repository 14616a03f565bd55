package dev.nettune.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The calibration's change-point classification against the independent Python implementation:
 * {@code python3 src/test/resources/analysis/reference/reference_calibration.py} writes
 * {@code src/test/resources/stats/calibration_reference.json} (the synthetic series and what it found in each).
 */
class WarmupTest {
    static final Path REFERENCE = Path.of("src/test/resources/stats/calibration_reference.json");

    static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(REFERENCE.toFile());
    }

    static double[] scores(JsonNode series) {
        double[] v = new double[series.path("scores").size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = series.path("scores").get(i).asDouble();
        }
        return v;
    }

    static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    @Test
    void theConstantsAreTheReferenceOnes() throws IOException {
        JsonNode c = reference().path("constants");
        assertEquals(c.path("penaltyFactor").asDouble(), ChangePoints.PENALTY_FACTOR);
        assertEquals(c.path("sigmaFloor").asDouble(), ChangePoints.SIGMA_FLOOR);
        assertEquals(c.path("equivalent").asDouble(), Warmup.EQUIVALENT);
        assertEquals(c.path("tailFraction").asDouble(), Warmup.TAIL_FRACTION);
    }

    @Test
    void everySeriesIsClassifiedAsTheReferenceDoes() throws IOException {
        JsonNode all = reference().path("series");
        assertEquals(9, all.size());
        all.fields().forEachRemaining(e -> {
            JsonNode r = e.getValue();
            Warmup w = Warmup.classify(scores(r), true);
            String name = e.getKey();
            assertEquals(r.path("sigma").asDouble(), w.sigma(), 1e-12, name + " sigma");
            assertEquals(ints(r.path("changePoints")), w.changePoints(), name + " change-points");
            List<List<Integer>> segs = new ArrayList<>();
            r.path("segments").forEach(s -> segs.add(ints(s)));
            assertEquals(segs, w.segments().stream().map(s -> List.of(s[0], s[1])).toList(), name + " segments");
            assertEquals(r.path("classification").asText(), w.kind().id, name + " class");
            assertEquals(r.path("steadyStart").isNull() ? -1 : r.path("steadyStart").asInt(), w.steadyStart(), name + " steady start");
        });
    }

    @Test
    void theFixturesCoverEveryClass() throws IOException {
        JsonNode all = reference().path("series");
        assertEquals("flat", Warmup.classify(scores(all.path("flat")), true).kind().id);
        assertEquals("warm-up", Warmup.classify(scores(all.path("warm-up")), true).kind().id);
        assertEquals("slow-down", Warmup.classify(scores(all.path("slow-down")), true).kind().id);
        assertEquals("no-steady-state", Warmup.classify(scores(all.path("no-steady-state")), true).kind().id);
        // one bad second mid-fork is an outlier, not a late warm-up
        assertEquals("flat", Warmup.classify(scores(all.path("spike")), true).kind().id);
        // a time (lower is better): a fork whose times drop is warming up, whose times rise slows down
        double[] slowDown = scores(all.path("slow-down"));
        assertEquals("warm-up", Warmup.classify(slowDown, false).kind().id);
    }

    @Test
    void forksOfOnePointAgreeOrNot() throws IOException {
        JsonNode all = reference().path("series");
        List<Warmup.Kind> kinds = new ArrayList<>();
        for (String n : List.of("inconsistent-1", "inconsistent-2", "inconsistent-3")) {
            kinds.add(Warmup.classify(scores(all.path(n)), true).kind());
        }
        JsonNode c = reference().path("consistency");
        assertEquals(c.path("inconsistent").asText(), Warmup.consistency(kinds).id);
        assertEquals(c.path("flat+warm-up").asText(), Warmup.consistency(List.of(Warmup.Kind.FLAT, Warmup.Kind.WARM_UP, Warmup.Kind.FLAT)).id);
        assertEquals(c.path("flat").asText(), Warmup.consistency(List.of(Warmup.Kind.FLAT, Warmup.Kind.FLAT, Warmup.Kind.FLAT)).id);
    }

    @Test
    void aScoreThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Warmup.classify(new double[]{1, 2, 0, 3}, true));
    }
}
