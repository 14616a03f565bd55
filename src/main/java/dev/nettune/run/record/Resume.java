package dev.nettune.run.record;

import dev.nettune.results.PointLine;
import dev.nettune.results.RunDocument;
import dev.nettune.run.folder.ForkLine;
import dev.nettune.run.folder.Journal;
import dev.nettune.run.check.Preflight;
import dev.nettune.run.options.Profile;
import dev.nettune.run.folder.ResumeStore;
import dev.nettune.run.folder.RunLock;
import dev.nettune.run.folder.RunRecord;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.UsageException;

import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
public final class Resume {
    /** Options a resume takes from the run's run.json, whatever the command line says. */
    static final List<String> FROM_RUN = List.of("profile", "jvms", "variants", "include", "jmh", "blocks", "ci", "maxBlocks",
            "seed", "selfCheck", "placements", "counters");

    /**
     * What a resume continues from.
     *
     * @param spec    the run's spec, from run.json
     * @param record  run.json, to be updated
     * @param state   the forks and points already recorded
     * @param merged  the finished forks' JMH results
     * @param done    forks already recorded with a final status
     */
    public record Loaded(RunSpec spec, RunRecord record, RunState state, MergedResults merged, int done, List<ForkLine> lines,
                  List<CutBlock> cut) {
    }

    /**
     * A CutBlock is a block the interruption split: some of its JVMs ran (and ended ok) before the
     * runner stopped, the others did not. Pairing a fork from before the stop with one run after it
     * (minutes or days later) would compare two moments of the machine, not two JVMs, so the whole
     * block runs again: its ok forks are superseded (their lines become "interrupted" with the reason,
     * their rows leave the merged JSON) and every JVM of the block runs anew, in the block's order.
     *
     * @param point      0-based point index
     * @param block      1-based block number
     * @param superseded the block's ok fork lines from before the stop
     */
    public record CutBlock(int point, int block, List<ForkLine> superseded) {
        public String describe(RunSpec spec) {
            return "point " + (point + 1) + " block " + block + " (" + spec.points().get(point).describe() + "; superseded "
                    + superseded.stream().map(l -> l.jvm() + " seq " + l.seq()).collect(java.util.stream.Collectors.joining(", ")) + ")";
        }
    }

    private Resume() {
    }

    /** The folder of run {@code id}: under {@code results}, else under its profile's default results folder. */
    public static Path locate(SuiteOptions o, String id) {
        return Preflight.locateRun(Path.of(""), o.results(), id).toAbsolutePath();
    }

    /**
     * The command-line options that a resume ignores because the run recorded its own, and which
     * differ from what it recorded (giving the run's own profile or seed again is not ignoring it).
     *
     * @param runProfile the profile the run was made with
     * @param spec       the run's recorded spec
     * @param include    the run's recorded include, or null
     */
    public static List<String> ignored(SuiteOptions o, Profile runProfile, RunSpec spec, String include) {
        List<String> out = new ArrayList<>();
        if (o.profile() != Profile.QUICK && o.profile() != runProfile) {
            out.add("profile");
        }
        boolean[] differs = {o.jvms() != null, o.variants() != null, o.include() != null && !o.include().equals(include),
                !o.jmhArgs().isEmpty() && !o.jmhArgs().equals(spec.jmhArgs()), o.blocks() != null && o.blocks() != spec.blocks(),
                o.ci() != null && !o.ci().equals(spec.ci()), o.maxBlocks() != null && o.maxBlocks() != spec.maxBlocks(),
                o.seed() != null && o.seed() != spec.seed(), o.selfCheck() != null, !o.placements().isEmpty(),
                o.counters() != null && o.counters() != spec.counters()};
        for (int i = 0; i < differs.length; i++) {
            if (differs[i]) {
                out.add(FROM_RUN.get(i + 1));
            }
        }
        return out;
    }

    /** Reads and checks everything a resume needs; a UsageException names what is wrong. */
    public static Loaded load(Path runDir, String gitCommit) {
        String id = runDir.getFileName().toString();
        Path runJson = runDir.resolve(dev.nettune.results.ResultFiles.RUN);
        RunRecord record;
        try {
            record = RunRecord.read(runJson);
        } catch (IOException e) {
            throw new UsageException("nettune.resume: cannot read " + runJson + ": " + firstLine(e.getMessage()));
        }
        RunDocument doc = record.doc();
        String status = doc.status();
        if ("complete".equals(status) || "complete-with-failures".equals(status)) {
            throw new UsageException("nettune.resume: run " + id + " is " + status + "; nothing to resume");
        }
        if (RunLock.STATUS_RUNNING.equals(status) && RunLock.runnerAlive(runDir, doc)) {
            throw new UsageException("nettune.resume: run " + id + " is still running (" + who(record) + "); wait for it or stop it first");
        }
        String recorded = doc.gitCommit();
        if (!String.valueOf(recorded).equals(gitCommit)) {
            throw new UsageException("nettune.resume: run " + id + " was made by git commit " + recorded + ", this checkout is "
                    + gitCommit + "; resume it from that commit");
        }
        RunSpec spec;
        try {
            spec = RunDocuments.spec(doc, runDir);
        } catch (RunDocuments.BadRecord | RuntimeException e) {
            throw new UsageException("nettune.resume: " + runJson + ": " + e.getMessage());
        }
        RunState state = new RunState(spec);
        MergedResults merged = new MergedResults(runDir);
        ResumeStore store = new ResumeStore(runDir);
        if (!Files.isDirectory(store.dir())) {
            throw new UsageException("nettune.resume: cannot read " + store.dir() + ": missing (it is deleted when a run completes)");
        }
        List<ForkLine> lines;
        Map<Integer, PointLine> points;
        try {
            lines = Journal.readForks(runDir);
            points = Journal.readPoints(runDir);
        } catch (IOException e) {
            throw new UsageException("nettune.resume: " + e.getMessage());
        }
        RunState probe = new RunState(spec);
        for (ForkLine l : lines) {
            String where = runDir.resolve(Journal.FORKS) + " seq " + l.seq();
            if (l.point() < 0 || l.point() >= spec.points().size()
                    || !spec.points().get(l.point()).point().benchmark().equals(l.benchmark())) {
                throw new UsageException("nettune.resume: " + where + ": point " + l.point() + " (" + l.benchmark()
                        + ") is not in the run's plan");
            }
            try {
                probe.add(l);
            } catch (IllegalArgumentException e) {
                throw new UsageException("nettune.resume: " + where + ": " + e.getMessage());
            }
        }
        List<CutBlock> cut = cutBlocks(spec, probe, points.keySet());
        Map<Integer, ForkLine> superseded = new HashMap<>();
        cut.forEach(c -> c.superseded().forEach(l -> superseded.put(l.seq(), supersede(l))));
        List<ForkLine> kept = lines.stream().map(l -> superseded.getOrDefault(l.seq(), l)).toList();
        Map<String, Integer> rows = new HashMap<>();
        int done = 0;
        for (ForkLine l : kept) {
            String where = runDir.resolve(Journal.FORKS) + " seq " + l.seq();
            state.add(l);
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
                RunResult result;
                try {
                    result = store.read(l.seq());
                } catch (IOException e) {
                    throw new UsageException("nettune.resume: cannot read the .resume data " + firstLine(e.getMessage()));
                }
                merged.add(l.jvm(), spec.points().get(l.point()), result);
            }
        }
        points.values().forEach(state::pointDone);
        return new Loaded(spec, record, state, merged, done, kept, cut);
    }

    /**
     * The blocks of unfinished points that an interruption cut: some cell of the block's order (a JVM,
     * or a JVM of another placement of the point) has no settled fork (never started, or interrupted)
     * while another ended ok before the stop.
     */
    static List<CutBlock> cutBlocks(RunSpec spec, RunState state, java.util.Set<Integer> donePoints) {
        List<CutBlock> out = new ArrayList<>();
        dev.nettune.run.plan.PointGroups groups = state.groups();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> open = groups.members(g).stream().filter(i -> !donePoints.contains(i)).toList();
            if (open.isEmpty()) {
                continue;
            }
            for (int b = 1; b <= state.groupBlocks(g); b++) {
                int block = b;
                // A block of a group holds every placement of its point: cut in one, it is cut in all.
                List<RunState.Cell> order = state.blockOrder(g, b).stream().filter(c -> open.contains(c.point())).toList();
                boolean cut = order.stream().anyMatch(c -> !state.settled(c.point(), block, c.slot()));
                for (int point : open) {
                    List<ForkLine> ok = order.stream().filter(c -> c.point() == point).map(c -> state.line(point, block, c.slot()))
                            .filter(l -> l != null && l.status() == ForkLine.Status.OK).toList();
                    if (cut && !ok.isEmpty()) {
                        out.add(new CutBlock(point, block, ok));
                    }
                }
            }
        }
        return out;
    }

    /** The line of an ok fork whose block was cut: interrupted, no row, the reason and its score in words. */
    static ForkLine supersede(ForkLine l) {
        String score = l.score() == null ? "no finite score" : "its score " + l.score() + " " + l.unit();
        return new ForkLine(l.seq(), l.jvm(), l.className(), l.benchmark(), l.mode(), l.params(), l.point(), l.block(),
                l.position(), l.blockSize(), l.startedAt(), l.endedAt(), ForkLine.Status.INTERRUPTED,
                SUPERSEDED + ": block " + l.block() + " was cut by an interruption before all its JVMs ran; the whole block runs"
                        + " again on resume so that its forks stay seconds apart (" + score + " is not used)", null, null, null,
                l.role(), l.counters());
    }

    /** How the reason of a superseded fork begins. */
    static final String SUPERSEDED = "superseded";

    /** Marks run.json as running again, with this resume (and the blocks it runs again) in its "resumes" list. */
    public static void begin(RunRecord record, List<String> blocksRerun) {
        record.update(doc -> doc.resumed(new RunDocument.Resumed(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                doc.status(), doc.interruption(), ProcessHandle.current().pid(), blocksRerun), RunLock.runner()));
    }

    /** "pid 123 on host h", from run.json. */
    static String who(RunRecord record) {
        RunDocument.Runner r = record.doc().runner();
        Long pid = r != null ? r.pid() : record.doc().pid();
        String host = r != null ? r.hostname() : null;
        return "pid " + pid + (host == null ? "" : " on " + host);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
