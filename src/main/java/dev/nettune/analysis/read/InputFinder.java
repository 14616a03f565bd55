package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.model.Skip;
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
 * {@code skips.jsonl};
 * {@code run.json} beside a result folder is read as run metadata. Files named directly are read
 * whatever their extension. Every file is accounted for: used, or named in a diagnostic.
 *
 * <p>Suite layout: {@code <runDir>/run.json} and {@code <runDir>/<jvmLabel>/<Class>.json}. A JSON
 * file whose grandparent folder has no run.json is foreign: its run id is the name of its folder and
 * its JVM comes from the JMH JSON itself.
 */
public final class InputFinder {

    /** Name of the suite's run metadata file. */
    public static final String RUN_FILE = "run.json";
    /** Name of the suite's socket option file. */
    public static final String SOCKOPTS_FILE = "sockopts.jsonl";
    /** Name of the suite's skipped-points file. */
    public static final String SKIPS_FILE = "skips.jsonl";

    private final List<Diagnostic> diags = new ArrayList<>();
    private final Map<Path, RunInfo> runCache = new HashMap<>();
    private final Map<String, RunInfo> runs = new LinkedHashMap<>();

    /** Reads all inputs. */
    public static ResultSet load(List<Path> inputs) {
        return new InputFinder().loadAll(inputs);
    }

    private ResultSet loadAll(List<Path> inputs) {
        List<Path> jsonFiles = new ArrayList<>();
        List<Path> sockFiles = new ArrayList<>();
        List<Path> skipFiles = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (Stream<Path> walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(p -> {
                        String name = p.getFileName().toString();
                        if (name.equals(SOCKOPTS_FILE)) {
                            sockFiles.add(p);
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
            JmhJsonReader.Outcome o = JmhJsonReader.read(f, contextOf(f), diags);
            results.addAll(o.results());
            skippedEntries += o.skippedEntries();
        }
        List<SockOpt> sockOpts = new ArrayList<>();
        for (Path f : sockFiles) {
            sockOpts.addAll(RunMetadataReader.readSockOpts(f, folderJvm(f), diags));
        }
        List<Skip> skips = new ArrayList<>();
        for (Path f : skipFiles) {
            skips.addAll(RunMetadataReader.readSkips(f, folderJvm(f), diags));
        }
        return new ResultSet(results, sockOpts, skips, runs, diags, jsonFiles, skippedEntries);
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
