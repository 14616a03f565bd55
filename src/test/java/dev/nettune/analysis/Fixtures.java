package dev.nettune.analysis;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.read.JmhJsonReader;
import dev.nettune.analysis.read.RunContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Fixtures locates the test resources under {@code src/test/resources/analysis}. */
public final class Fixtures {

    public static final Path ROOT = Path.of("src/test/resources/analysis");
    public static final Path SUITE = ROOT.resolve("suite");
    public static final Path RUN = SUITE.resolve("2026-11-24T14-05-00Z-quick");
    public static final Path FOREIGN = ROOT.resolve("foreign");
    public static final Path BAD = ROOT.resolve("bad");
    /** A run of the suite's new layout holding the points every family answer needs (make_fixtures.py). */
    public static final Path QUICK_RUN = ROOT.resolve("quick-run");

    private Fixtures() {
    }

    /** Copies the folder {@code src} with everything in it to {@code dst} (a scratch copy a test may change). */
    public static Path copyTree(Path src, Path dst) throws IOException {
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : walk.toList()) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    /** Reads one file as foreign JMH JSON (no run.json), collecting diagnostics. */
    public static JmhJsonReader.Outcome read(Path file, List<Diagnostic> diags) {
        return JmhJsonReader.read(file, new RunContext("test", null, null), diags);
    }

    public static JmhJsonReader.Outcome read(Path file) {
        List<Diagnostic> diags = new ArrayList<>();
        JmhJsonReader.Outcome o = read(file, diags);
        if (!diags.isEmpty()) {
            throw new AssertionError("unexpected diagnostics: " + diags);
        }
        return o;
    }
}
