package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.model.ResultSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * ReportFiles is the report's folder: it creates it, removes what an earlier report wrote in its
 * appendix folder (appendix/*.md: one set per report, so no stale appendix survives), and writes the
 * files. Charts are never deleted, only written: every chart's file name carries its run (see
 * {@link Charts}), so one run's chart never replaces another's, and a chart of a run the report no
 * longer shows (the overview now answers from a fuller run, or the run was given to another report)
 * stays. Nothing else in the folder is touched (an INTERPRETATION.md beside the report stays).
 */
public final class ReportFiles {

    private final Path dir;

    public ReportFiles(Path dir) {
        this.dir = dir;
    }

    /** Creates the folder and clears the report's appendices; charts are left for the report to overwrite. */
    public void prepare() throws IOException {
        Files.createDirectories(dir);
        clear(dir.resolve(Appendix.DIR), "*.md");
    }

    private static void clear(Path folder, String glob) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            for (Path f : files) {
                Files.delete(f);
            }
        }
    }

    /** The appendices of {@code set}, by path relative to the folder. */
    public Map<String, String> appendices(ResultSet set) {
        return new Appendix(set).render();
    }

    /** The appendices of {@code set}, with the steady-state check's, by path relative to the folder. */
    public Map<String, String> appendices(ResultSet set, Steadiness steadiness) {
        return new Appendix(set, steadiness).render();
    }

    /** Writes one file, relative to the folder, creating its parent. */
    public void write(String relative, String text) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    /** Writes every file of {@code files} (relative path to text). */
    public void writeAll(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            write(e.getKey(), e.getValue());
        }
    }
}
