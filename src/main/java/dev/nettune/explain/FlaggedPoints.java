package dev.nettune.explain;

import dev.nettune.results.JsonLines;
import dev.nettune.results.PointLine;
import dev.nettune.results.ResultFiles;
import dev.nettune.results.RunDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * FlaggedPoints picks the points to explain from a run folder, from one of two sources the caller
 * names ({@link Source}): the flagged rows of the run's report ({@value #COMPARISONS}, the rows whose
 * verdict is one of {@link #DEFAULT_VERDICTS}), or every point of the run ({@code points.jsonl}) with
 * each pair of run.json's method. A row this run cannot re-run (another run's JVM, a JVM compared with
 * itself) is left out with a warning; so is a malformed line, with its file and line number.
 */
public final class FlaggedPoints {
    /** The report's comparison table, relative to the run folder. */
    public static final String COMPARISONS = "report/comparisons.csv";
    /** Verdicts that flag a row: a significant difference after the table's correction. */
    public static final Set<String> DEFAULT_VERDICTS = Set.of("better", "worse");
    /** Columns {@link #fromComparisons} needs. */
    static final List<String> NEEDED = List.of("benchmark", "params", "mode", "baseline_jvm", "jvm", "verdict");

    /** Where the points come from. */
    public enum Source {
        /** The flagged rows of {@value #COMPARISONS}. */
        COMPARISONS,
        /** Every point of points.jsonl, for each pair of run.json's method. */
        POINTS
    }

    /** Picked points (in file order, no duplicates) and what was left out, one line each. */
    public record Picked(List<FlaggedPoint> points, List<String> warnings) {
    }

    private FlaggedPoints() {
    }

    /**
     * The flagged rows of a comparisons.csv: rows whose verdict is in {@code verdicts}, within one run
     * (baseline_run equals run, where those columns exist), between two different JVMs.
     *
     * @throws IOException when the file cannot be read, or lacks a needed column (the message names
     *                     the file and the column)
     */
    public static Picked fromComparisons(Path csv, Set<String> verdicts) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(csv + ": no such file (the run's report is written by the analysis; was it run?)");
        }
        if (lines.isEmpty()) {
            throw new IOException(csv + ": empty, no header line");
        }
        List<String> header = Csv.fields(lines.get(0));
        Map<String, Integer> col = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).strip(), i);
        }
        for (String need : NEEDED) {
            if (!col.containsKey(need)) {
                throw new IOException(csv + ": no column '" + need + "' (columns: " + String.join(",", header) + ")");
            }
        }
        Set<FlaggedPoint> out = new LinkedHashSet<>();
        List<String> warnings = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            List<String> f;
            try {
                f = Csv.fields(line);
            } catch (IllegalArgumentException e) {
                warnings.add(csv + ":" + (n + 1) + ": " + e.getMessage() + "; row left out");
                continue;
            }
            if (f.size() != header.size()) {
                warnings.add(csv + ":" + (n + 1) + ": " + f.size() + " fields, the header has " + header.size() + "; row left out");
                continue;
            }
            String verdict = f.get(col.get("verdict")).strip().toLowerCase(Locale.ROOT);
            if (!verdicts.contains(verdict)) {
                continue;
            }
            String baseline = f.get(col.get("baseline_jvm"));
            String candidate = f.get(col.get("jvm"));
            if (col.containsKey("baseline_run") && col.containsKey("run")
                    && !f.get(col.get("baseline_run")).equals(f.get(col.get("run")))) {
                warnings.add(csv + ":" + (n + 1) + ": compares two runs (" + f.get(col.get("baseline_run")) + ", "
                        + f.get(col.get("run")) + "); only a row within one run can be re-run; row left out");
                continue;
            }
            if (baseline.equals(candidate)) {
                warnings.add(csv + ":" + (n + 1) + ": compares " + baseline + " with itself (another relation than JVMs);"
                        + " row left out");
                continue;
            }
            Map<String, String> params;
            try {
                params = params(f.get(col.get("params")));
            } catch (IllegalArgumentException e) {
                warnings.add(csv + ":" + (n + 1) + ": " + e.getMessage() + "; row left out");
                continue;
            }
            out.add(new FlaggedPoint(f.get(col.get("benchmark")), f.get(col.get("mode")), new TreeMap<>(params), baseline,
                    candidate, verdict, number(f, col, "ratio"), number(f, col, "ratio_ci95_low"), number(f, col, "ratio_ci95_high")));
        }
        return new Picked(List.copyOf(out), List.copyOf(warnings));
    }

    /** Every point of the run (points.jsonl), once for each pair of run.json's method. */
    public static Picked allPoints(Path runDir) throws IOException {
        RunDocument run = RunDocument.read(runDir.resolve(ResultFiles.RUN));
        List<RunDocument.Pair> pairs = run.method() == null || run.method().pairs() == null ? List.of() : run.method().pairs();
        List<String> warnings = new ArrayList<>();
        if (pairs.isEmpty()) {
            warnings.add(runDir.resolve(ResultFiles.RUN) + ": no JVM pairs in method.pairs; nothing to compare");
        }
        Set<FlaggedPoint> out = new LinkedHashSet<>();
        Path file = runDir.resolve(ResultFiles.POINTS);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            PointLine p;
            try {
                p = JsonLines.bind(JsonLines.object(lines.get(n)), PointLine.class);
            } catch (IOException | RuntimeException e) {
                warnings.add(file + ":" + (n + 1) + ": not a point line (" + e.getMessage() + "); left out");
                continue;
            }
            for (RunDocument.Pair pair : pairs) {
                out.add(FlaggedPoint.of(p.benchmark(), p.mode(), p.params(), pair.baseline(), pair.candidate()));
            }
        }
        return new Picked(List.copyOf(out), List.copyOf(warnings));
    }

    /** {@code k=v k=v} (the report's params column) as a map; empty for an empty text. */
    static Map<String, String> params(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String kv : text.strip().split("\\s+")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter '" + kv + "' is not name=value");
            }
            out.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return out;
    }

    private static double number(List<String> f, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null || f.get(i).isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(f.get(i));
        } catch (NumberFormatException e) {
            return Double.NaN; // a number the index shows as unknown; the point is still explained
        }
    }

    /** The fields of one CSV line (RFC 4180: quotes around a field, "" inside quotes). */
    static final class Csv {
        private Csv() {
        }

        static List<String> fields(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cur.append(c);
                    }
                } else if (c == '"' && cur.length() == 0) {
                    quoted = true;
                } else if (c == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("a quoted field is not closed");
            }
            out.add(cur.toString());
            return out;
        }
    }
}
