package dev.nettune.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Fixtures locates the test resources under {@code src/test/resources/analysis}. */
final class Fixtures {

    static final Path ROOT = Path.of("src/test/resources/analysis");
    static final Path SUITE = ROOT.resolve("suite");
    static final Path RUN = SUITE.resolve("2026-11-24T14-05-00Z-quick");
    static final Path FOREIGN = ROOT.resolve("foreign");
    static final Path BAD = ROOT.resolve("bad");

    private Fixtures() {
    }

    /** Reads one file as foreign JMH JSON (no run.json), collecting diagnostics. */
    static JmhJsonReader.Outcome read(Path file, List<Diagnostic> diags) {
        return JmhJsonReader.read(file, new RunContext("test", null, null), diags);
    }

    static JmhJsonReader.Outcome read(Path file) {
        List<Diagnostic> diags = new ArrayList<>();
        JmhJsonReader.Outcome o = read(file, diags);
        if (!diags.isEmpty()) {
            throw new AssertionError("unexpected diagnostics: " + diags);
        }
        return o;
    }
}
