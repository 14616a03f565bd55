package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Contrast;
import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.units.Units;

import java.util.ArrayList;
import java.util.List;

/**
 * RoundTrip is the plainest probe of a JDK's socket path: one connection, 64 B request and reply
 * ({@code RoundTripBenchmark}). Its question is a level, round trips per second, per JVM.
 */
public final class RoundTrip extends FamilyDescriptor {

    RoundTrip() {
        super("Round trip", "round_trip", "dev.nettune.bench.RoundTripBenchmark.");
        scoresCount("round trips/s", "time per round trip", "RoundTrip");
        ask(new Question(this, "ROUND_TRIP", "Round trip", "64 B round trips per second on one connection:",
                this::level, this::levelSentence));
    }

    /** {@code RoundTripBenchmark.roundTrip} (thrpt): its level per JVM. */
    private Finding level(JvmId jvm, List<Result> results) {
        List<Result> pts = Points.fix(Points.points(results, "RoundTripBenchmark.roundTrip", "thrpt"), List.of());
        return pts.isEmpty() ? null : new Finding(jvm, Points.fixedText(pts, List.of()),
                List.of(Points.level("payload=" + pts.get(0).key().params().getOrDefault("payload", "?"), pts.get(0))));
    }

    private String levelSentence(Answer a, Wording w) {
        List<String> parts = new ArrayList<>();
        String unit = "";
        for (Finding f : a.findings()) {
            Contrast c = f.contrasts().get(0);
            Units.Scale scale = Units.scaleFor(c.subject().key().unit(), "primary", c.level().mean());
            unit = scale.label();
            parts.add(w.link(a, f, c, w.level(c, scale)) + " (" + w.jvm(f) + ")");
        }
        return w.join(parts) + " " + unit.replace("ops/s", "round trips/s") + ".";
    }
}
