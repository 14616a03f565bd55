package dev.nettune.analysis.read;

import dev.nettune.analysis.model.FlameGraphs;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FlameGraphReader finds what the explain step wrote in the folder of each run the report covers
 * ({@code <run>/explain/index.json}, beside run.json) and makes its links relative to the report's
 * folder {@code out}. The explain step runs after a run's first report; the runner writes the report
 * again when it has written flame graphs, and a report written later (the overview, a regeneration)
 * finds them the same way. An index.json that cannot be read is kept as the run's problem, which the
 * report says instead of the links.
 */
public final class FlameGraphReader {
    /** The explain step's folder in a run folder and its index (explain.Explain's names; analysis does not import it). */
    public static final String FOLDER = "explain";
    public static final String INDEX_JSON = "index.json";
    public static final String INDEX_HTML = "index.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A differential graph's file name: {@code diff-<event>-<baseline>-vs-<candidate>.svg}. */
    private static final Pattern DIFF = Pattern.compile("diff-(cpu|wall|alloc)-(.+)\\.svg");

    private FlameGraphReader() {
    }

    /** The explain output of every suite run of {@code set}, its links relative to {@code out}. */
    public static FlameGraphs read(ResultSet set, Path out) {
        Map<String, Path> runDirs = new TreeMap<>();
        for (Result r : set.results()) {
            Path runDir = r.file() == null ? null : r.file().toAbsolutePath().normalize().getParent();
            runDir = runDir == null ? null : runDir.getParent();
            if (runDir != null && Files.isRegularFile(runDir.resolve(InputFinder.RUN_FILE))) {
                runDirs.putIfAbsent(r.key().jvm().runId(), runDir);
            }
        }
        Path from = out.toAbsolutePath().normalize();
        Map<String, FlameGraphs.Run> runs = new LinkedHashMap<>();
        runDirs.forEach((id, dir) -> {
            Path root = dir.resolve(FOLDER);
            if (Files.isRegularFile(root.resolve(INDEX_JSON))) {
                runs.put(id, run(root, from));
            }
        });
        return runs.isEmpty() ? FlameGraphs.NONE : new FlameGraphs(runs);
    }

    /** One run's explain folder {@code root}, its links relative to {@code from}. */
    static FlameGraphs.Run run(Path root, Path from) {
        String index = link(from, root.resolve(INDEX_HTML));
        JsonNode doc;
        try {
            doc = JSON.readTree(root.resolve(INDEX_JSON).toFile());
        } catch (IOException e) {
            return new FlameGraphs.Run(index, root.resolve(INDEX_JSON) + " is not JSON: " + e.getMessage(), List.of());
        }
        JsonNode points = doc.path("points");
        if (!points.isArray()) {
            return new FlameGraphs.Run(index, root.resolve(INDEX_JSON) + " has no 'points' array", List.of());
        }
        List<FlameGraphs.Point> out = new ArrayList<>();
        for (JsonNode p : points) {
            Map<String, String> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = p.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            Map<String, Map<String, String>> diffs = new LinkedHashMap<>();
            for (JsonNode d : p.path("diffs")) {
                String rel = d.asText();
                Matcher m = DIFF.matcher(rel.substring(rel.lastIndexOf('/') + 1));
                if (m.matches()) {
                    diffs.computeIfAbsent(m.group(2), k -> new LinkedHashMap<>()).put(m.group(1), link(from, root.resolve(rel)));
                }
            }
            String page = p.hasNonNull("page") ? link(from, root.resolve(p.get("page").asText())) : null;
            out.add(new FlameGraphs.Point(p.path("benchmark").asText(""), p.path("mode").asText(""), params,
                    p.path("status").asText(""), p.hasNonNull("reason") ? p.get("reason").asText() : null, page, diffs));
        }
        return new FlameGraphs.Run(index, null, out);
    }

    /** {@code target} relative to the folder {@code from}, with forward slashes (a Markdown link). */
    private static String link(Path from, Path target) {
        return from.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
