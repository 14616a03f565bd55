package dev.nettune.run.plan;

import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.options.Jdk;
import dev.nettune.run.options.JvmTarget;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Specs builds small RunSpecs and fork lines for tests, on made-up JDKs (nothing is started). */
public final class Specs {
    public static final String CLASS = "dev.nettune.bench.model.ModelBenchmark";
    public static final String BENCH = CLASS + ".roundTrip";

    private Specs() {
    }

    static Jdk jdk(String home, int feature) {
        return new Jdk(Path.of(home), feature, feature + ".0.1", "Vendor", feature + ".0.1+1");
    }

    /** Targets a (JDK 17), b (JDK 25), … one per label, each on its own JDK. */
    public static List<JvmTarget> targets(String... labels) {
        List<JvmTarget> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            out.add(new JvmTarget(labels[i], jdk("/jdk/" + labels[i], i == 0 ? 17 : 25), null));
        }
        return out;
    }

    public static RunSpec spec(int points, int blocks, Double ci, int cap, List<JvmTarget> targets) {
        List<RunSpec.PointSpec> ps = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            ps.add(new RunSpec.PointSpec(i, CLASS, new Plan.Point(BENCH, Mode.Throughput, Map.of("payload", String.valueOf(64 << i))),
                    List.of("-Xmx1g")));
        }
        try {
            return new RunSpec("2026-11-30T11-00-00Z-quick", Path.of("/tmp/none"), ps, targets, List.of(), new CommandLineOptions(),
                    new RunSpec.Iterations(1, TimeValue.seconds(1)), new RunSpec.Iterations(2, TimeValue.seconds(1)), blocks, 42L, ci,
                    cap, RunSpec.defaultBaseline(targets), false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ForkLine line(RunSpec spec, int seq, String jvm, int point, int block, ForkLine.Status status, Integer row, Double score) {
        RunSpec.PointSpec p = spec.points().get(point);
        Instant t = Instant.parse("2026-11-30T11:00:00Z").plusSeconds(seq * 4L);
        return new ForkLine(seq, jvm, p.className(), p.point().benchmark(), p.point().mode().shortLabel(), p.point().params(),
                point, block, 1, spec.targets().size(), t, t.plusSeconds(3), status,
                status == ForkLine.Status.OK ? null : status.id() + " reason", row, score, status == ForkLine.Status.OK ? "ops/s" : null);
    }

    /** Points: one per payload, each on the placements given (adjacent, as the plan's cross product puts them). */
    public static List<RunSpec.PointSpec> placementPoints(List<String> payloads, List<String> placements) {
        List<RunSpec.PointSpec> out = new ArrayList<>();
        for (String payload : payloads) {
            for (String placement : placements) {
                Map<String, String> params = placement == null ? Map.of("payload", payload)
                        : Map.of("payload", payload, Plan.PLACEMENT_PARAM, placement);
                out.add(new RunSpec.PointSpec(out.size(), Specs.CLASS, new Plan.Point(Specs.BENCH, Mode.Throughput, params),
                        List.of("-Xmx1g")));
            }
        }
        return out;
    }
}
