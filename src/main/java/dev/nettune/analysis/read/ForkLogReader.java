package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.ForkLog;
import dev.nettune.analysis.model.ForkRecord;
import dev.nettune.analysis.model.PointRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ForkLogReader reads a run's schedule files: {@code forks.jsonl} (one line per fork attempted: JVM,
 * point, block, position, status, row and score) and {@code points.jsonl} (one line per finished
 * point: blocks run and why it stopped). Extra fields are ignored; a line that cannot be read, or
 * lacks what a fork record needs, becomes a {@link Diagnostic} naming the file and line.
 */
public final class ForkLogReader {

    /** Name of the run's fork log. */
    public static final String FORKS_FILE = dev.nettune.layout.ResultFiles.FORKS;
    /** Name of the run's finished-points log. */
    public static final String POINTS_FILE = dev.nettune.layout.ResultFiles.POINTS;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ForkLogReader() {
    }

    /** Reads {@code <runDir>/forks.jsonl} and, when present, {@code <runDir>/points.jsonl}. */
    public static ForkLog read(Path runDir, String runId, List<Diagnostic> diags) {
        Path forksFile = runDir.resolve(FORKS_FILE);
        Path pointsFile = runDir.resolve(POINTS_FILE);
        List<PointRecord> points = Files.isRegularFile(pointsFile) ? readPoints(pointsFile, diags) : List.of();
        return new ForkLog(runId, forksFile, readForks(forksFile, diags), points);
    }

    /** The fork records of a forks.jsonl, in file order. */
    public static List<ForkRecord> readForks(Path file, List<Diagnostic> diags) {
        List<ForkRecord> out = new ArrayList<>();
        List<String> lines = lines(file, "fork log", diags);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = parse(file, i + 1, lines.get(i), diags);
            if (n == null) {
                continue;
            }
            String missing = firstMissing(n, "jvm", "benchmark", "mode", "block", "status");
            if (missing != null) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "not a fork record (no \"" + missing
                        + "\"); line skipped"));
                continue;
            }
            ForkRecord.Status status = ForkRecord.Status.parse(n.get("status").asText());
            if (status == null) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "unknown fork status \"" + n.get("status").asText()
                        + "\" (expected ok, failed, skipped or interrupted); line skipped"));
                continue;
            }
            int row = n.hasNonNull("row") ? n.get("row").asInt(-1) : -1;
            double score = Double.NaN;
            if (n.hasNonNull("score")) {
                try {
                    score = JmhJsonReader.number(n.get("score"), "score");
                } catch (JmhJsonReader.BadEntry e) {
                    diags.add(new Diagnostic(file, "line " + (i + 1), e.getMessage() + "; the fork's score is unknown"));
                }
            }
            if (status == ForkRecord.Status.OK && (row < 0 || Double.isNaN(score))) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "fork ended ok but has no "
                        + (row < 0 ? "\"row\"" : "\"score\"") + ": it cannot be matched to its result row"));
            }
            out.add(new ForkRecord(file, i + 1, n.path("seq").asInt(0), n.get("jvm").asText(),
                    n.path("class").asText(""), n.get("benchmark").asText(), n.get("mode").asText(), params(n),
                    n.path("point").asInt(-1), n.get("block").asInt(), n.path("position").asInt(0),
                    n.path("blockSize").asInt(0), n.path("startedAt").asText(""), n.path("endedAt").asText(""),
                    status, n.hasNonNull("reason") ? n.get("reason").asText() : "", row, score,
                    n.hasNonNull("unit") ? n.get("unit").asText() : ""));
        }
        return out;
    }

    /** The point records of a points.jsonl, in file order. */
    public static List<PointRecord> readPoints(Path file, List<Diagnostic> diags) {
        List<PointRecord> out = new ArrayList<>();
        List<String> lines = lines(file, "point log", diags);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = parse(file, i + 1, lines.get(i), diags);
            if (n == null) {
                continue;
            }
            String missing = firstMissing(n, "point", "benchmark", "mode", "blocks");
            if (missing != null) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "not a point record (no \"" + missing
                        + "\"); line skipped"));
                continue;
            }
            Map<String, Double> halfWidths = new LinkedHashMap<>();
            n.path("halfWidths").fields().forEachRemaining(e -> halfWidths.put(e.getKey(),
                    e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN));
            out.add(new PointRecord(n.get("point").asInt(), n.path("class").asText(""), n.get("benchmark").asText(),
                    n.get("mode").asText(), params(n), n.get("blocks").asInt(), n.path("stop").asText(""),
                    n.path("target").isNumber() ? n.get("target").asDouble() : Double.NaN,
                    Collections.unmodifiableMap(halfWidths)));
        }
        return out;
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
    private static JsonNode parse(Path file, int line, String text, List<Diagnostic> diags) {
        if (text.isBlank()) {
            return null; // a trailing newline, or a line left blank: carries nothing
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && n.isObject()) {
                return n;
            }
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

    private static Map<String, String> params(JsonNode n) {
        Map<String, String> params = new LinkedHashMap<>();
        n.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
        return Collections.unmodifiableMap(params);
    }
}
