package dev.nettune.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An Outcome tallies one JVM's points: each planned point either has a JMH result (ok), was
 * skipped by {@code dev.nettune.bench.Skip} with a reason (a line in skips.jsonl naming its benchmark
 * and parameters), or is failed — no result and no skip reason. Failed points make the suite exit
 * non-zero; skipped ones do not.
 */
public final class Outcome {
    private static final ObjectMapper JSON = new ObjectMapper();

    private int planned;
    private int ok;
    private final List<String> skipped = new ArrayList<>();
    private final Set<String> skipReasons = new LinkedHashSet<>();
    private final List<String> failed = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private long nanos;

    /** The points JMH produced a result for. */
    public static Set<Plan.Point> done(Collection<RunResult> results) {
        Set<Plan.Point> done = new HashSet<>();
        for (RunResult r : results) {
            done.add(pointOf(r.getParams()));
        }
        return done;
    }

    /** Accounts one class's run: its planned points, those with a result, and the skip file's lines. */
    public void add(Collection<Plan.Point> points, Set<Plan.Point> done, List<SkipLine> skips) {
        planned += points.size();
        for (Plan.Point p : points) {
            if (done.contains(p)) {
                ok++;
                continue;
            }
            SkipLine s = skips.stream().filter(l -> l.benchmark().equals(p.benchmark()) && l.params().equals(p.params()))
                    .findFirst().orElse(null);
            if (s != null) {
                skipped.add(p.toString());
                skipReasons.add(s.reason());
            } else {
                failed.add(p.toString());
            }
        }
    }

    /** Records a class whose runner could not run at all: all its points failed. */
    public void addError(Collection<Plan.Point> points, String error) {
        planned += points.size();
        points.forEach(p -> failed.add(p.toString()));
        errors.add(error);
    }

    public void addNanos(long n) {
        nanos += n;
    }

    public int failedCount() {
        return failed.size();
    }

    /** One line: "jdk17: 12 points, 10 ok, 2 skipped (reason), 0 failed, 1m02s". */
    public String summary(String label) {
        StringBuilder s = new StringBuilder(label).append(": ").append(planned).append(" points, ").append(ok).append(" ok, ")
                .append(skipped.size()).append(" skipped");
        if (!skipReasons.isEmpty()) {
            s.append(" (").append(String.join("; ", skipReasons)).append(')');
        }
        s.append(", ").append(failed.size()).append(" failed, ").append(Suite.duration(nanos / 1_000_000_000L));
        return s.toString();
    }

    /** The per-JVM "summary" object of run.json. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", planned);
        m.put("ok", ok);
        m.put("skipped", skipped.size());
        m.put("failed", failed.size());
        m.put("wallSeconds", nanos / 1_000_000_000L);
        m.put("skipReasons", List.copyOf(skipReasons));
        m.put("skippedPoints", List.copyOf(skipped));
        m.put("failedPoints", List.copyOf(failed));
        m.put("errors", List.copyOf(errors));
        return m;
    }

    static Plan.Point pointOf(BenchmarkParams params) {
        Map<String, String> p = new TreeMap<>();
        for (String k : params.getParamsKeys()) {
            p.put(k, params.getParam(k));
        }
        return new Plan.Point(params.getBenchmark(), params.getMode(), p);
    }

    /** One line of skips.jsonl, as written by dev.nettune.bench.Skip. */
    public record SkipLine(String benchmark, Map<String, String> params, String reason) {
    }

    /** Reads skips.jsonl; a missing file is no skips, an unreadable line is ignored with a warning. */
    public static List<SkipLine> readSkips(Path file) throws IOException {
        List<SkipLine> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                Map<String, String> params = new TreeMap<>();
                String ps = node.path("params").asText("");
                for (String kv : ps.isEmpty() ? new String[0] : ps.split(",")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        params.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                out.add(new SkipLine(node.path("benchmark").asText(), params, node.path("reason").asText("no reason given")));
            } catch (IOException e) {
                System.out.println("nettune: warning: " + file + ":" + n + " is not a JSON skip record; ignored");
            }
        }
        return out;
    }
}
