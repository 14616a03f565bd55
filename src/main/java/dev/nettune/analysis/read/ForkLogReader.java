package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.ForkLog;
import dev.nettune.analysis.model.ForkRecord;
import dev.nettune.results.ForkLine;
import dev.nettune.results.JsonLines;
import dev.nettune.results.PointLine;
import dev.nettune.results.ResultFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ForkLogReader reads a run's schedule files: {@code forks.jsonl} (one line per fork attempted: JVM,
 * point, block, position, status, row and score) and {@code points.jsonl} (one line per finished
 * point: blocks run and why it stopped), each line through its record ({@link ForkLine},
 * {@link PointLine}). Extra fields are ignored; a line that cannot be read, or lacks what a fork
 * record needs, becomes a {@link Diagnostic} naming the file and line.
 */
public final class ForkLogReader {

    /** Name of the run's fork log. */
    public static final String FORKS_FILE = ResultFiles.FORKS;
    /** Name of the run's finished-points log. */
    public static final String POINTS_FILE = ResultFiles.POINTS;

    private ForkLogReader() {
    }

    /** Reads {@code <runDir>/forks.jsonl} and, when present, {@code <runDir>/points.jsonl}. */
    public static ForkLog read(Path runDir, String runId, List<Diagnostic> diags) {
        Path forksFile = runDir.resolve(FORKS_FILE);
        Path pointsFile = runDir.resolve(POINTS_FILE);
        List<PointLine> points = Files.isRegularFile(pointsFile) ? readPoints(pointsFile, diags) : List.of();
        return new ForkLog(runId, forksFile, readForks(forksFile, diags), points);
    }

    /** The fork records of a forks.jsonl, in file order. */
    public static List<ForkRecord> readForks(Path file, List<Diagnostic> diags) {
        List<ForkRecord> out = new ArrayList<>();
        List<String> lines = lines(file, "fork log", diags);
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode n = parse(file, i + 1, lines.get(i), diags);
            if (n == null) {
                continue;
            }
            String missing = firstMissing(n, "jvm", "benchmark", "mode", "block", "status");
            if (missing != null) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "not a fork record (no \"" + missing
                        + "\"); line skipped"));
                continue;
            }
            if (n.hasNonNull("score")) {
                try {
                    n.put("score", JmhJsonReader.number(n.get("score"), "score")); // JMH's spellings of NaN and infinity too
                } catch (JmhJsonReader.BadEntry e) {
                    diags.add(new Diagnostic(file, "line " + (i + 1), e.getMessage() + "; the fork's score is unknown"));
                    n.remove("score");
                }
            }
            ForkLine f = bind(file, i + 1, n, ForkLine.class, "fork", diags);
            if (f == null) {
                continue;
            }
            ForkRecord.Status status = ForkRecord.Status.parse(f.status());
            if (status == null) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "unknown fork status \"" + f.status()
                        + "\" (expected ok, failed, skipped or interrupted); line skipped"));
                continue;
            }
            int row = f.row() == null ? -1 : f.row();
            double score = f.score() == null ? Double.NaN : f.score();
            boolean counting = ForkRecord.COUNTERS_ROLE.equals(n.path("role").asText(""));
            if (status == ForkRecord.Status.OK && (row < 0 || Double.isNaN(score) && !counting)) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "fork ended ok but has no "
                        + (row < 0 ? "\"row\"" : "\"score\"") + ": it cannot be matched to its result row"));
            }
            out.add(new ForkRecord(file, i + 1, or(f.seq(), 0), f.jvm(), or(f.className(), ""), f.benchmark(), f.mode(),
                    Collections.unmodifiableMap(f.params()), or(f.point(), -1), f.block(), or(f.position(), 0),
                    or(f.blockSize(), 0), or(f.startedAt(), ""), or(f.endedAt(), ""), status, or(f.reason(), ""), row,
                    score, or(f.unit(), ""), n.path("role").asText(""))); // role: not (yet) in ForkLine
        }
        return out;
    }

    /** The point records of a points.jsonl, in file order. */
    public static List<PointLine> readPoints(Path file, List<Diagnostic> diags) {
        List<PointLine> out = new ArrayList<>();
        List<String> lines = lines(file, "point log", diags);
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode n = parse(file, i + 1, lines.get(i), diags);
            if (n == null) {
                continue;
            }
            String missing = firstMissing(n, "point", "benchmark", "mode", "blocks");
            if (missing != null) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "not a point record (no \"" + missing
                        + "\"); line skipped"));
                continue;
            }
            PointLine p = bind(file, i + 1, n, PointLine.class, "point", diags);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The line bound to its record, or null with a diagnostic naming the field that does not fit. */
    private static <T> T bind(Path file, int line, ObjectNode n, Class<T> type, String what, List<Diagnostic> diags) {
        try {
            return JsonLines.bind(n, type);
        } catch (IllegalArgumentException e) {
            diags.add(new Diagnostic(file, "line " + line, "not a " + what + " record (" + RunMetadataReader.firstLine(e.getMessage())
                    + "); line skipped"));
            return null;
        }
    }

    private static <T> T or(T value, T absent) {
        return value == null ? absent : value;
    }

    private static List<String> lines(Path file, String what, List<Diagnostic> diags) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read " + what + ": " + RunMetadataReader.firstLine(e.getMessage())));
            return List.of();
        }
    }

    /** The JSON object on a line, or null (blank lines silently, bad ones with a diagnostic). */
    private static ObjectNode parse(Path file, int line, String text, List<Diagnostic> diags) {
        if (text.isBlank()) {
            return null; // a trailing newline, or a line left blank: carries nothing
        }
        try {
            return JsonLines.object(text);
        } catch (IllegalArgumentException e) {
            diags.add(new Diagnostic(file, "line " + line, "not a JSON object; line skipped"));
        } catch (IOException e) {
            // a line cut short by a killed runner ends up here, named
            diags.add(new Diagnostic(file, "line " + line, "malformed JSON line skipped: "
                    + RunMetadataReader.firstLine(e.getMessage())));
        }
        return null;
    }

    private static String firstMissing(JsonNode n, String... fields) {
        for (String f : fields) {
            if (!n.hasNonNull(f)) {
                return f;
            }
        }
        return null;
    }
}
