package dev.nettune.analysis.calibrate;

import dev.nettune.stats.ChangePoints;
import dev.nettune.stats.Warmup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CalibrationFiles writes a {@link Calibration}: {@value #MD} (what a reader checks: per point and
 * JVM the class of each fork, the steady-state start, the agreement; per class the warm-up chosen),
 * {@value #JSON} (the same, every fork's change-points and σ included), and the calibration's block
 * in each profile file ({@code <profile>.@warmup} and {@code <profile>.@unsteady} with a comment
 * saying where they came from), replacing the block an earlier calibration wrote.
 */
public final class CalibrationFiles {
    public static final String MD = "calibration.md";
    public static final String JSON = "calibration.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CalibrationFiles() {
    }

    /** Writes {@value #MD} and {@value #JSON} into {@code out} (created). */
    public static void write(Calibration c, Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve(MD), markdown(c), StandardCharsets.UTF_8);
        Files.writeString(out.resolve(JSON), MAPPER.writeValueAsString(json(c)) + "\n", StandardCharsets.UTF_8);
    }

    /** "flat, flat, warm-up@2" : each fork's class, with its steady-state start when it is not 0. */
    static String forks(Calibration.Cell cell, int warmupRun) {
        return cell.forks().stream().map(w -> w.kind().id + (w.steadyStart() > 0 ? "@" + (warmupRun + w.steadyStart()) : ""))
                .collect(Collectors.joining(", "));
    }

    static String markdown(Calibration c) {
        CalibrationRun r = c.run();
        StringBuilder s = new StringBuilder();
        s.append("# Warm-up calibration of ").append(r.profile()).append(" from run ").append(r.runId()).append("\n\n");
        s.append("Each fork ran ").append(r.warmupRun()).append(" warm-up and ").append(r.iterations()).append(" measured iterations of ")
                .append(r.iterationTime()).append(". Every fork's ln(score) per iteration is split at its change-points (PELT, normal")
                .append(" mean-change cost, penalty ").append(fmt(ChangePoints.PENALTY_FACTOR)).append("·ln n, σ from first differences, at least ")
                .append(pct(ChangePoints.SIGMA_FLOOR)).append("); segments within ").append(pct(Warmup.EQUIVALENT))
                .append(" of each other are one, a one-iteration outlier between equal segments is dropped; the fork is **flat** (no change),")
                .append(" **warm-up** (ends at its fastest), **slow-down** (ends slower than an earlier segment) or **no-steady-state** (a change")
                .append(" in its last ").append(pct(Warmup.TAIL_FRACTION)).append("), after Barrett et al., \"Virtual Machine Warmup Blows Hot")
                .append(" and Cold\" (OOPSLA 2017). `warm-up@3`: steady from iteration 3 (0-based, counted from the fork's start).")
                .append(" A point × JVM is consistent when its forks agree; good-inconsistent when they mix flat and warm-up only.\n\n");
        s.append("A point needs the latest steady-state start over its forks and JVMs + ").append(Calibration.MARGIN)
                .append(" iteration(s); its warm-up is that, at most ").append(c.cap()).append(" (the cap, a budget: `needs 13, capped`);")
                .append(" a class's warm-up is the largest over its points that reach a steady state (every fork has one; `*` below).\n\n");
        s.append("## Warm-up per class\n\n| class | warm-up (iterations) | points | without steady state |\n|---|---:|---:|---|\n");
        Map<String, Integer> w = c.classWarmups();
        w.forEach((cls, n) -> {
            List<String> un = c.unsteady(cls);
            long pts = c.points().stream().filter(p -> p.point().className().equals(cls)).count();
            s.append("| ").append(simple(cls)).append(" | ").append(n < 0 ? "— (none reaches a steady state: profile default kept)" : n)
                    .append(" | ").append(pts).append(" | ").append(un.isEmpty() ? "" : String.join("<br>", un)).append(" |\n");
        });
        s.append("\n## Per point and JVM\n\n| point | JVM | forks | class | steady from | point's warm-up |\n|---|---|---|---|---:|---:|\n");
        for (Calibration.PointResult p : c.points()) {
            for (Calibration.Cell cell : p.cells()) {
                s.append("| ").append(p.point().describe()).append(" | ").append(cell.jvm()).append(" | ").append(forks(cell, r.warmupRun()))
                        .append(" | ").append(cell.label()).append(" | ").append(cell.steadyStart() < 0 ? "—" : cell.steadyStart())
                        .append(" | ").append(pointWarmup(p)).append(p.reachesSteadyState() ? " *" : "")
                        .append(p.unsteady() == null ? "" : " (" + p.unsteady() + ")")
                        .append(" |\n");
            }
        }
        s.append("\nMade by `java -cp target/benchmarks.jar dev.nettune.analysis.calibrate.Calibrate` (README: \"Calibrating warm-up\");")
                .append(" every fork's change-points and σ are in ").append(JSON).append(".\n");
        return s.toString();
    }

    /** "4", "6 (needs 13, capped)" or "—". */
    static String pointWarmup(Calibration.PointResult p) {
        return p.warmup() < 0 ? "—" : p.warmup() + (p.needed() > p.warmup() ? " (needs " + p.needed() + ", capped)" : "");
    }

    static ObjectNode json(Calibration c) {
        CalibrationRun r = c.run();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("run", r.runId()).put("profile", r.profile()).put("warmupIterationsRun", r.warmupRun())
                .put("measurementIterations", r.iterations()).put("iterationTime", r.iterationTime());
        root.putObject("method").put("detector", "PELT, normal mean-change cost on ln(score)")
                .put("penalty", fmt(ChangePoints.PENALTY_FACTOR) + " * ln(n)").put("sigmaFloor", ChangePoints.SIGMA_FLOOR)
                .put("equivalent", Warmup.EQUIVALENT).put("tailFraction", Warmup.TAIL_FRACTION)
                .put("margin", Calibration.MARGIN).put("cap", c.cap());
        ArrayNode classes = root.putArray("classes");
        c.classWarmups().forEach((cls, n) -> {
            ObjectNode o = classes.addObject().put("class", cls);
            if (n >= 0) {
                o.put("warmup", n);
            } else {
                o.putNull("warmup");
            }
            c.unsteady(cls).forEach(o.putArray("unsteady")::add);
        });
        ArrayNode points = root.putArray("points");
        for (Calibration.PointResult p : c.points()) {
            ObjectNode o = points.addObject().put("class", p.point().className()).put("benchmark", p.point().benchmark())
                    .put("mode", p.point().mode());
            ObjectNode params = o.putObject("params");
            p.point().params().forEach(params::put);
            if (p.warmup() >= 0) {
                o.put("needed", p.needed()).put("warmup", p.warmup());
            } else {
                o.putNull("needed").putNull("warmup");
            }
            o.put("reachesSteadyState", p.reachesSteadyState()).put("unsteady", p.unsteady());
            ArrayNode cells = o.putArray("jvms");
            for (Calibration.Cell cell : p.cells()) {
                ObjectNode co = cells.addObject().put("jvm", cell.jvm()).put("class", cell.label())
                        .put("consistency", cell.consistency().id);
                if (cell.steadyStart() >= 0) {
                    co.put("steadyStart", cell.steadyStart());
                } else {
                    co.putNull("steadyStart");
                }
                ArrayNode forks = co.putArray("forks");
                for (Warmup wu : cell.forks()) {
                    ObjectNode f = forks.addObject().put("class", wu.kind().id);
                    if (wu.steadyStart() >= 0) {
                        f.put("steadyStart", r.warmupRun() + wu.steadyStart());
                    } else {
                        f.putNull("steadyStart");
                    }
                    wu.changePoints().forEach(f.putArray("changePoints")::add);
                    f.put("sigma", Math.round(wu.sigma() * 1e6) / 1e6);
                }
            }
        }
        return root;
    }

    /** First line of the block a calibration writes into a profile file. */
    static String blockStart(String profile) {
        return "# " + profile + " calibration";
    }

    /** Last line of that block. */
    static String blockEnd(String profile) {
        return "# end of " + profile + " calibration";
    }

    /**
     * Rewrites the calibration block of {@code <sourceDir>/<Class>.properties} for every class of
     * {@code c}: an earlier block and stray {@code <profile>.@warmup}/{@code @unsteady} lines are
     * removed, the new block is appended. Returns the files written.
     */
    public static List<Path> rewriteProfiles(Calibration c, Path sourceDir, String evidence) throws IOException {
        String profile = c.run().profile();
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Integer> e : c.classWarmups().entrySet()) {
            Path file = sourceDir.resolve(simple(e.getKey()) + ".properties");
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + ": no profile file for " + e.getKey() + " in " + sourceDir);
            }
            List<String> kept = new ArrayList<>();
            boolean inBlock = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(blockStart(profile))) {
                    inBlock = true;
                    continue;
                }
                if (inBlock) {
                    inBlock = !line.equals(blockEnd(profile));
                    continue;
                }
                if (line.startsWith(profile + ".@warmup") || line.startsWith(profile + ".@unsteady")) {
                    continue;
                }
                kept.add(line);
            }
            while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
                kept.remove(kept.size() - 1);
            }
            kept.addAll(block(c, e.getKey(), e.getValue(), evidence));
            Files.writeString(file, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }

    static List<String> block(Calibration c, String cls, int warmup, String evidence) {
        String profile = c.run().profile();
        List<String> out = new ArrayList<>();
        out.add(blockStart(profile) + " (written by dev.nettune.analysis.calibrate.Calibrate from run " + c.run().runId() + ", "
                + evidence + "; rerun it rather than edit). A point needs its latest steady start + " + Calibration.MARGIN
                + "; the warm-up is at most " + c.cap() + " (a budget: each second costs points x blocks seconds per JVM):");
        for (Calibration.PointResult p : c.points()) {
            if (!p.point().className().equals(cls)) {
                continue;
            }
            out.add("# - " + p.point().params().entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" ")) + ": "
                    + p.cells().stream().map(cell -> cell.jvm() + " " + cell.label()
                            + (cell.steadyStart() > 0 ? " (steady from iteration " + cell.steadyStart() + ")" : "")).collect(Collectors.joining(", "))
                    + (p.warmup() < 0 ? "; no steady state" : "; warm-up " + pointWarmup(p) + (p.reachesSteadyState() ? "" : ", not counted: a fork without a steady state")));
        }
        if (warmup >= 0) {
            out.add(profile + ".@warmup=" + warmup);
        } else {
            out.add("# no point reaches a steady state in every fork: the profile's default warm-up is kept");
        }
        List<String> un = c.unsteady(cls);
        if (!un.isEmpty()) {
            out.add(profile + ".@unsteady=" + String.join(",", un));
        }
        out.add(blockEnd(profile));
        return out;
    }

    private static String simple(String cls) {
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    private static String pct(double v) {
        return fmt(v * 100) + "%";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
