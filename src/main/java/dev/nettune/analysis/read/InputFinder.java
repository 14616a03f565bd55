package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.ForkLog;
import dev.nettune.analysis.model.ForkRecord;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.model.SkippedPoint;
import dev.nettune.analysis.model.SockOpt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * InputFinder turns the files and folders given on the command line into a {@link ResultSet}:
 * folders are searched recursively for {@code *.json} (JMH results), {@code sockopts.jsonl} and
 * {@code skips.jsonl}; {@code run.json} beside a result folder is read as run metadata, and
 * {@code forks.jsonl} (with {@code points.jsonl}) beside it as the run's schedule, which gives each
 * fork its block ({@link ForkBlocks}); a run folder's {@code explain/} (flame graphs) and {@code report/} are not searched.
 * Files named directly are read whatever their extension. Every
 * file is accounted for: used, or named in a diagnostic. When only some result files of a run are
 * named (not its folder), its fork log is read for their benchmark classes only, and a fork is
 * matched to a result only when its file was named: the run's other files are not warned about.
 *
 * <p>Suite layout: {@code <runDir>/run.json}, {@code <runDir>/forks.jsonl} and
 * {@code <runDir>/<jvmLabel>/<Class>.json}. A JSON
 * file whose grandparent folder has no run.json is foreign: its run id is the name of its folder and
 * its JVM comes from the JMH JSON itself.
 */
public final class InputFinder {

    /** Name of the suite's run metadata file. */
    public static final String RUN_FILE = dev.nettune.results.ResultFiles.RUN;
    /** Name of the suite's socket option file. */
    public static final String SOCKOPTS_FILE = dev.nettune.results.ResultFiles.SOCKOPTS;
    /** Name of the suite's skipped-points file. */
    public static final String SKIPS_FILE = dev.nettune.results.ResultFiles.SKIPS;

    private final List<Diagnostic> diags = new ArrayList<>();
    private final Map<Path, RunInfo> runCache = new HashMap<>();
    private final Map<String, RunInfo> runs = new LinkedHashMap<>();
    /**
     * Folders given as input, and the run folders of fork logs named directly, absolute: a run inside
     * one was given whole, with every line of its fork log.
     */
    private final List<Path> folders = new ArrayList<>();
    /** JMH files read, absolute. */
    private final java.util.Set<Path> read = new java.util.HashSet<>();

    /** Reads all inputs. */
    public static ResultSet load(List<Path> inputs) {
        return new InputFinder().loadAll(inputs);
    }

    private ResultSet loadAll(List<Path> inputs) {
        List<Path> jsonFiles = new ArrayList<>();
        List<Path> sockFiles = new ArrayList<>();
        List<Path> forkFiles = new ArrayList<>();
        List<Path> skipFiles = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                folders.add(in.toAbsolutePath().normalize());
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile).filter(p -> !writtenAfterTheRun(p)).sorted().forEach(p -> {
                        String name = p.getFileName().toString();
                        if (name.equals(SOCKOPTS_FILE)) {
                            sockFiles.add(p);
                        } else if (name.equals(ForkLogReader.FORKS_FILE)) {
                            forkFiles.add(p);
                        } else if (name.equals(SKIPS_FILE)) {
                            skipFiles.add(p);
                        } else if (name.endsWith(".json") && !name.equals(RUN_FILE)) {
                            jsonFiles.add(p);
                        }
                    });
                } catch (IOException | java.io.UncheckedIOException e) {
                    diags.add(new Diagnostic(in, "", "cannot list folder: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(in)) {
                String name = in.getFileName().toString();
                if (name.equals(SOCKOPTS_FILE)) {
                    sockFiles.add(in);
                } else if (name.equals(SKIPS_FILE)) {
                    skipFiles.add(in);
                } else if (name.equals(RUN_FILE)) {
                    contextOf(in.resolveSibling("x").resolve("x")); // registers the run for the environment table
                } else if (name.equals(ForkLogReader.FORKS_FILE)) {
                    forkFiles.add(in);
                    folders.add(in.toAbsolutePath().normalize().getParent()); // the fork log named: the whole of it
                } else {
                    jsonFiles.add(in);
                }
            } else {
                diags.add(new Diagnostic(in, "", "no such file or folder"));
            }
        }
        List<Result> results = new ArrayList<>();
        int skippedEntries = 0;
        for (Path f : jsonFiles) {
            read.add(f.toAbsolutePath().normalize());
            JmhJsonReader.Outcome o = JmhJsonReader.read(f, contextOf(f), diags);
            results.addAll(o.results());
            skippedEntries += o.skippedEntries();
        }
        for (Path f : forkFiles) {
            if (Files.isRegularFile(f.resolveSibling(RUN_FILE))) {
                contextOf(f.resolveSibling("x").resolve("x")); // a run whose every fork failed has a fork log and no results
            } else {
                diags.add(new Diagnostic(f, "", "fork log without " + RUN_FILE + " beside it: no run to belong to; not used"));
            }
        }
        Map<String, ForkLog> forkLogs = new LinkedHashMap<>();
        results = withBlocks(results, forkLogs);
        List<SockOpt> sockOpts = new ArrayList<>();
        for (Path f : sockFiles) {
            sockOpts.addAll(RunMetadataReader.readSockOpts(f, folderJvm(f), diags));
        }
        List<SkippedPoint> skips = new ArrayList<>();
        for (Path f : skipFiles) {
            skips.addAll(RunMetadataReader.readSkips(f, folderJvm(f), diags));
        }
        return new ResultSet(results, sockOpts, skips, runs, diags, jsonFiles, skippedEntries, forkLogs);
    }

    /**
     * Reads the fork log of every suite run that has one ({@code <runDir>/forks.jsonl}, with
     * run.json beside it) into {@code forkLogs}, and returns the results with their forks' blocks
     * (results of other runs unchanged, in the same order). A forks.jsonl without run.json has no
     * run to belong to: it is named and not used.
     */
    private List<Result> withBlocks(List<Result> results, Map<String, ForkLog> forkLogs) {
        Map<Path, List<Integer>> byRunDir = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            Path folder = results.get(i).file().toAbsolutePath().getParent();
            Path runDir = folder == null ? null : folder.getParent();
            if (runDir != null && runCache.get(runDir) != null) {
                byRunDir.computeIfAbsent(runDir, d -> new ArrayList<>()).add(i);
            }
        }
        List<Result> out = new ArrayList<>(results);
        List<Map.Entry<Path, RunInfo>> runDirs = new ArrayList<>(runCache.entrySet());
        runDirs.sort(Map.Entry.comparingByKey()); // a stable order for the fork logs and their diagnostics
        for (Map.Entry<Path, RunInfo> run : runDirs) {
            Path runDir = run.getKey();
            if (run.getValue() == null || !Files.isRegularFile(runDir.resolve(ForkLogReader.FORKS_FILE))) {
                continue; // no metadata, or a run from before the interleaved schedule: forks have no block
            }
            ForkLog log = ForkLogReader.read(runDir, run.getValue().runId(), diags);
            ForkLog matched = log;
            Path dir = runDir.toAbsolutePath().normalize();
            if (folders.stream().noneMatch(dir::startsWith)) {
                // only some files of the run were given: the fork log speaks of those benchmark classes,
                // and only the forks of the files given are matched to results
                java.util.function.Predicate<ForkRecord> classGiven = f -> read.stream()
                        .anyMatch(p -> p.getFileName().toString().equals(classFile(f)) && dir.equals(runDirOf(p)));
                log = log.only(classGiven);
                matched = log.only(f -> read.contains(dir.resolve(f.jvm()).resolve(classFile(f))));
            }
            forkLogs.put(log.runId(), log);
            List<Integer> idx = byRunDir.getOrDefault(runDir, List.of());
            List<Result> own = new ArrayList<>();
            idx.forEach(i -> own.add(results.get(i)));
            List<Result> attached = ForkBlocks.attach(own, matched, diags);
            for (int k = 0; k < idx.size(); k++) {
                out.set(idx.get(k), attached.get(k));
            }
        }
        return out;
    }

    /**
     * Whether a file lies in a folder the suite writes from a run's results rather than into them: the
     * run's report and its flame graphs ({@code <runDir>/report/}, {@code <runDir>/explain/}, run.json
     * beside them). Their JSON is not JMH's; reading it would only name it unusable.
     */
    static boolean writtenAfterTheRun(Path file) {
        for (Path dir = file.getParent(); dir != null && dir.getFileName() != null; dir = dir.getParent()) {
            String name = dir.getFileName().toString();
            if ((name.equals(FlameGraphReader.FOLDER) || name.equals("report")) && Files.isRegularFile(dir.resolveSibling(RUN_FILE))) {
                return true;
            }
        }
        return false;
    }

    /** The file name of a fork's results: {@code <Class>.json}, from its class (or its benchmark's). */
    private static String classFile(ForkRecord f) {
        String cls = !f.className().isEmpty() ? f.className()
                : f.benchmark().contains(".") ? f.benchmark().substring(0, f.benchmark().lastIndexOf('.')) : f.benchmark();
        return cls.substring(cls.lastIndexOf('.') + 1) + ".json";
    }

    /** The run folder of a suite result file ({@code <runDir>/<jvm>/<Class>.json}); null when it has none. */
    private static Path runDirOf(Path file) {
        Path folder = file.getParent();
        return folder == null ? null : folder.getParent();
    }

    /** The JVM of a file beside the JMH JSON in a JVM folder (sockopts.jsonl, skips.jsonl). */
    private JvmId folderJvm(Path f) {
        RunContext ctx = contextOf(f);
        String label = ctx.folderLabel() != null ? ctx.folderLabel() : f.getParent().getFileName().toString();
        RunInfo.JvmInfo info = ctx.run() == null ? null : ctx.run().jvm(label);
        return info == null ? new JvmId(ctx.runId(), label, "", "", "", "")
                : new JvmId(ctx.runId(), label, info.vendor(), info.version(), JvmId.variantOf(info.flags()),
                info.placement(), "", info.runtimeVersion());
    }

    /** The run context of a file from its location. */
    private RunContext contextOf(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        Path runDir = folder == null ? null : folder.getParent();
        if (runDir != null && Files.isRegularFile(runDir.resolve(RUN_FILE))) {
            RunInfo info = runCache.computeIfAbsent(runDir, d -> RunMetadataReader.readRun(d.resolve(RUN_FILE), diags));
            if (info != null) {
                runs.putIfAbsent(info.runId(), info);
                return new RunContext(info.runId(), folder.getFileName().toString(), info);
            }
        }
        if (folder != null && Files.isRegularFile(folder.resolve(RUN_FILE))) {
            RunInfo info = runCache.computeIfAbsent(folder, d -> RunMetadataReader.readRun(d.resolve(RUN_FILE), diags));
            if (info != null) {
                runs.putIfAbsent(info.runId(), info);
                return new RunContext(info.runId(), null, info);
            }
        }
        String runId = folder == null || folder.getFileName() == null ? "." : folder.getFileName().toString();
        return new RunContext(runId, null, null);
    }
}
