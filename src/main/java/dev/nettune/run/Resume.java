package dev.nettune.run;

import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resume continues an interrupted run ({@code -Dnettune.resume=<runId>}) in its own folder: the
 * schedule, points, JVMs, iteration settings, blocks, seed and stopping target come from its
 * run.json; the forks already finished come from forks.jsonl, with their JMH results from
 * {@code .resume/}; only the forks without a result line (never started, or interrupted) run.
 * Failed forks are not run again: their line stands, and their block stays incomplete.
 *
 * <p>Refused, before anything runs (exit 2, one line): a run id with no folder, a run that is
 * complete or still running, a run made by another git commit, a JDK that changed since, and
 * anything of the run's files that cannot be read (the file is named).
 */
final class Resume {
    /** Options a resume takes from the run's run.json, whatever the command line says. */
    static final List<String> FROM_RUN = List.of("profile", "jvms", "variants", "include", "jmh", "blocks", "ci", "maxBlocks",
            "seed", "selfCheck", "placements");

    /**
     * What a resume continues from.
     *
     * @param spec    the run's spec, from run.json
     * @param record  run.json, to be updated
     * @param state   the forks and points already recorded
     * @param merged  the finished forks' JMH results
     * @param done    forks already recorded with a final status
     */
    record Loaded(RunSpec spec, RunRecord record, RunState state, MergedResults merged, int done) {
    }

    private Resume() {
    }

    /** The folder of run {@code id}: under {@code results}, else under its profile's default results folder. */
    static Path locate(SuiteOptions o, String id) {
        if (id.contains("/") || id.contains("\\") || id.equals("..") || id.equals(".")) {
            throw new UsageException("nettune.resume: '" + id + "' is not a run id (a folder name such as 2026-11-30T11-02-03Z-quick)");
        }
        List<Path> tried = new ArrayList<>();
        tried.add(o.results().resolve(id));
        for (Profile p : Profile.values()) {
            if (id.endsWith("-" + p.id()) || id.matches(".*-" + p.id() + "-\\d+")) {
                tried.add(Path.of(p.defaultResults).resolve(id));
            }
        }
        for (Path dir : tried) {
            if (Files.isRegularFile(dir.resolve(dev.nettune.layout.ResultFiles.RUN))) {
                return dir.toAbsolutePath();
            }
        }
        throw new UsageException("nettune.resume: no run '" + id + "' (no run.json in " + String.join(" or ",
                tried.stream().distinct().map(Path::toString).toList()) + ")");
    }

    /** The command-line options that a resume ignores, because the run recorded its own. */
    static List<String> ignored(SuiteOptions o) {
        List<String> out = new ArrayList<>();
        if (o.profile() != Profile.QUICK) {
            out.add("profile");
        }
        Object[] values = {o.jvms(), o.variants(), o.include(), o.jmhArgs().isEmpty() ? null : o.jmhArgs(), o.blocks(), o.ci(),
                o.maxBlocks(), o.seed(), o.selfCheck(), o.placements().isEmpty() ? null : o.placements()};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                out.add(FROM_RUN.get(i + 1));
            }
        }
        return out;
    }

    /** Reads and checks everything a resume needs; a UsageException names what is wrong. */
    static Loaded load(Path runDir, String gitCommit) {
        String id = runDir.getFileName().toString();
        Path runJson = runDir.resolve(dev.nettune.layout.ResultFiles.RUN);
        RunRecord record;
        try {
            record = RunRecord.read(runJson);
        } catch (IOException e) {
            throw new UsageException("nettune.resume: cannot read " + runJson + ": " + firstLine(e.getMessage()));
        }
        Object status = record.get("status");
        if ("complete".equals(status) || "complete-with-failures".equals(status)) {
            throw new UsageException("nettune.resume: run " + id + " is " + status + "; nothing to resume");
        }
        Object pid = record.get("pid");
        if ("running".equals(status) && pid instanceof Number n) {
            Optional<ProcessHandle> ph = ProcessHandle.of(n.longValue());
            if (ph.isPresent() && ph.get().isAlive() && ph.get().info().command().orElse("").contains("java")) {
                throw new UsageException("nettune.resume: run " + id + " is still running (pid " + n + ")");
            }
        }
        Object recorded = record.get("gitCommit");
        if (!String.valueOf(recorded).equals(gitCommit)) {
            throw new UsageException("nettune.resume: run " + id + " was made by git commit " + recorded + ", this checkout is "
                    + gitCommit + "; resume it from that commit");
        }
        RunSpec spec;
        try {
            spec = RunDocument.spec(recordDoc(record), runDir);
        } catch (RunDocument.BadRecord | RuntimeException e) {
            throw new UsageException("nettune.resume: " + runJson + ": " + e.getMessage());
        }
        RunState state = new RunState(spec);
        MergedResults merged = new MergedResults(runDir);
        ResumeStore store = new ResumeStore(runDir);
        if (!Files.isDirectory(store.dir())) {
            throw new UsageException("nettune.resume: cannot read " + store.dir() + ": missing (it is deleted when a run completes)");
        }
        List<ForkLine> lines;
        Map<Integer, Journal.PointLine> points;
        try {
            lines = Journal.readForks(runDir);
            points = Journal.readPoints(runDir);
        } catch (IOException e) {
            throw new UsageException("nettune.resume: " + e.getMessage());
        }
        Map<String, Integer> rows = new HashMap<>();
        Map<Integer, RunResult> results = new LinkedHashMap<>();
        int done = 0;
        for (ForkLine l : lines) {
            String where = runDir.resolve(Journal.FORKS) + " seq " + l.seq();
            if (l.point() < 0 || l.point() >= spec.points().size()
                    || !spec.points().get(l.point()).point().benchmark().equals(l.benchmark())) {
                throw new UsageException("nettune.resume: " + where + ": point " + l.point() + " (" + l.benchmark()
                        + ") is not in the run's plan");
            }
            try {
                state.add(l);
            } catch (IllegalArgumentException e) {
                throw new UsageException("nettune.resume: " + where + ": " + e.getMessage());
            }
            if (l.status() != ForkLine.Status.INTERRUPTED) {
                done++;
            }
            if (l.status() == ForkLine.Status.OK) {
                String key = l.jvm() + " " + l.point();
                int expected = rows.merge(key, 1, Integer::sum) - 1;
                if (l.row() == null || l.row() != expected) {
                    throw new UsageException("nettune.resume: " + where + ": row " + l.row() + ", expected " + expected
                            + " (rows of a point are numbered in the order its forks finished)");
                }
                try {
                    results.put(l.seq(), store.read(l.seq()));
                } catch (IOException e) {
                    throw new UsageException("nettune.resume: cannot read the .resume data " + firstLine(e.getMessage()));
                }
                merged.add(l.jvm(), spec.points().get(l.point()), results.get(l.seq()));
            }
        }
        points.values().forEach(state::pointDone);
        return new Loaded(spec, record, state, merged, done);
    }

    /** Marks run.json as running again, with this resume in its "resumes" list. */
    @SuppressWarnings("unchecked")
    static void begin(RunRecord record) {
        record.update(doc -> {
            List<Object> resumes = new ArrayList<>((List<Object>) doc.getOrDefault("resumes", List.of()));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            r.put("previousStatus", doc.get("status"));
            r.put("pid", ProcessHandle.current().pid());
            resumes.add(r);
            doc.put("resumes", resumes);
            doc.put("status", "running");
            doc.put("pid", ProcessHandle.current().pid());
            doc.remove("interruptedAt");
            doc.remove("error");
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recordDoc(RunRecord record) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (String k : List.of("method", "settings", "plan", "jvms", "selfCheck")) {
            doc.put(k, record.get(k));
        }
        return doc;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
