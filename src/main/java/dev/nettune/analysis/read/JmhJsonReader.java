package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JmhJsonReader reads one JMH JSON result file (JMH 1.2x to 1.37): a top-level array of result
 * objects. It knows the format's traps: NaN and infinities written as strings ("NaN", "+INF",
 * "-INF"), sample mode's {@code rawDataHistogram} in place of {@code rawData}, the "·" prefix of
 * secondary metric names before JMH 1.37, sample mode's percentiles repeated as secondary metrics
 * under each version's name ({@link #PERCENTILE_NAME}; read as percentiles, not as metrics), and
 * parameter values written as strings.
 *
 * <p>The array is read entry by entry, so a truncated file still yields the entries before the cut.
 * A bad entry becomes a {@link Diagnostic} naming the file and entry index, and reading continues.
 */
public final class JmhJsonReader {

    /** The modes JMH writes. */
    public static final Set<String> MODES = Set.of("thrpt", "avgt", "sample", "ss");

    /** Per-file cap on entry diagnostics, so that a large foreign file does not flood the report. */
    static final int MAX_ENTRY_DIAGNOSTICS = 5;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // tolerate bare NaN from other writers
            .build();

    /** An Outcome is what reading one file gave: the results, and how many entries were skipped. */
    public record Outcome(List<Result> results, int skippedEntries) {
    }

    private JmhJsonReader() {
    }

    /** Reads {@code file}; problems are added to {@code diags}. Never throws for bad content. */
    public static Outcome read(Path file, RunContext ctx, List<Diagnostic> diags) {
        List<Result> results = new ArrayList<>();
        int skipped = 0;
        int entryDiags = 0;
        try {
            if (Files.size(file) == 0) {
                diags.add(new Diagnostic(file, "", "empty file; not JMH JSON"));
                return new Outcome(results, 0);
            }
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read: " + e));
            return new Outcome(results, 0);
        }
        int index = 0;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                String what = first == JsonToken.START_OBJECT ? "an object" : first == null ? "nothing" : "a " + first;
                diags.add(new Diagnostic(file, "", "not JMH JSON: top level is " + what
                        + ", expected an array of benchmark results"));
                return new Outcome(results, 0);
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == null) {
                    throw new JsonProcessingException("unexpected end of file (truncated?)", p.currentLocation()) {
                    };
                }
                JsonNode entry = JSON.readTree(p);
                try {
                    Result r = toResult(entry, file, index, ctx);
                    if (CounterRows.has(entry)) {
                        try {
                            r = r.withCounted(CounterRows.read(entry, file + " entry " + index));
                        } catch (IllegalArgumentException e) {
                            diags.add(new Diagnostic(file, "entry " + index + describe(entry), "counters not read ("
                                    + e.getMessage() + "); the score is used"));
                        }
                    }
                    results.add(r);
                } catch (BadEntry e) {
                    skipped++;
                    if (++entryDiags <= MAX_ENTRY_DIAGNOSTICS) {
                        diags.add(new Diagnostic(file, "entry " + index + describe(entry), e.getMessage() + "; skipped"));
                    }
                }
                index++;
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            diags.add(new Diagnostic(file, where, "malformed or truncated JSON after " + index + " entr"
                    + (index == 1 ? "y" : "ies") + " (" + RunMetadataReader.firstLine(e.getOriginalMessage())
                    + "); " + (results.isEmpty() ? "nothing usable" : "the " + results.size() + " complete result(s) before it are used")));
            skipped++;
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read: " + e));
        }
        if (entryDiags > MAX_ENTRY_DIAGNOSTICS) {
            diags.add(new Diagnostic(file, "", (entryDiags - MAX_ENTRY_DIAGNOSTICS) + " more bad entries skipped"));
        }
        return new Outcome(results, skipped);
    }

    private static String describe(JsonNode entry) {
        JsonNode b = entry.get("benchmark");
        return b != null && b.isTextual() ? " (" + b.asText() + ")" : "";
    }

    /** A BadEntry says why one array entry is not a usable JMH result. */
    static final class BadEntry extends Exception {
        private static final long serialVersionUID = 1L;

        BadEntry(String message) {
            super(message, null, false, false);
        }
    }

    static Result toResult(JsonNode e, Path file, int index, RunContext ctx) throws BadEntry {
        if (!e.isObject()) {
            throw new BadEntry("not a JMH result (a " + e.getNodeType().toString().toLowerCase() + ", expected an object)");
        }
        if (!e.path("benchmark").isTextual()) {
            throw new BadEntry("not a JMH result (no \"benchmark\" name)");
        }
        String mode = e.path("mode").asText("");
        if (!MODES.contains(mode)) {
            throw new BadEntry("unknown mode \"" + mode + "\" (expected one of thrpt, avgt, sample, ss)");
        }
        JsonNode pm = e.get("primaryMetric");
        if (pm == null || !pm.isObject()) {
            throw new BadEntry("no \"primaryMetric\" object");
        }
        Metric primary = metric("primary", pm, mode);
        Map<String, Metric> secondary = new LinkedHashMap<>();
        Map<Double, Double> percentiles = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = e.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            if (s.getValue().isObject()) {
                String name = cleanName(s.getKey());
                double percent = percentOf(name);
                if (Double.isNaN(percent)) {
                    secondary.put(name, metric(name, s.getValue(), mode));
                } else {
                    percentiles.put(percent, number(s.getValue().get("score"), name + ".score"));
                }
            }
        }
        if (primary.percentiles().isEmpty() && !percentiles.isEmpty()) {
            // JMH writes each percentile of sample mode twice: in scorePercentiles and as a secondary
            // metric; a file with only the latter still gets its percentile table.
            primary = new Metric(primary.name(), primary.unit(), primary.score(), primary.scoreError(),
                    primary.samples(), primary.histogram(), Collections.unmodifiableMap(percentiles));
        }
        Map<String, String> params = new LinkedHashMap<>();
        e.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
        List<String> jvmArgs = new ArrayList<>();
        e.path("jvmArgs").forEach(a -> jvmArgs.add(a.asText()));
        JvmId jvm = ctx.jvmFor(e.path("jdkVersion").asText(""), e.path("vmName").asText(""),
                e.path("vmVersion").asText(""), jvmArgs);
        ResultKey key = new ResultKey(e.get("benchmark").asText(), Collections.unmodifiableMap(params), mode,
                primary.unit(), jvm);
        return new Result(key, primary, Collections.unmodifiableMap(secondary), file, index,
                e.path("jmhVersion").asText(""), e.path("threads").asInt(0));
    }

    /**
     * JMH's sample-mode percentile metrics, as each JMH version names them: {@code p0.50} (1.37),
     * {@code ·p0.50} (≤ 1.36; the prefix is removed by {@link #cleanName}), {@code :p0.50}, and with the
     * method name before the separator ({@code roundTrip·p0.50}, {@code roundTrip:p0.50}).
     */
    static final Pattern PERCENTILE_NAME = Pattern.compile("(?:.*[\u00b7:])?p(0(?:\\.\\d+)?|1(?:\\.0+)?)");

    /** The percent (0..100) a percentile metric's name stands for, e.g. 99.9 for "p0.999"; NaN for other metrics. */
    static double percentOf(String name) {
        Matcher m = PERCENTILE_NAME.matcher(name);
        return m.matches() ? new BigDecimal(m.group(1)).movePointRight(2).doubleValue() : Double.NaN;
    }

    /** Removes JMH ≤ 1.36's "·" prefix (U+00B7, or its mis-decoded form "Â·") from a metric name. */
    static String cleanName(String name) {
        String n = name;
        if (n.startsWith("Â·")) {
            n = n.substring(2);
        }
        while (n.startsWith("\u00b7")) {
            n = n.substring(1);
        }
        return n;
    }

    static Metric metric(String name, JsonNode m, String mode) throws BadEntry {
        String unit = m.path("scoreUnit").asText("");
        double score = number(m.get("score"), name + ".score");
        double error = m.has("scoreError") ? number(m.get("scoreError"), name + ".scoreError") : Double.NaN;
        Map<Double, Double> pct = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.path("scorePercentiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            try {
                pct.put(Double.parseDouble(p.getKey()), number(p.getValue(), name + ".scorePercentiles"));
            } catch (NumberFormatException ex) {
                throw new BadEntry(name + ".scorePercentiles has a non-numeric key \"" + p.getKey() + "\"");
            }
        }
        double[][] samples;
        Metric.Histogram hist = null;
        long[][] sampleCounts = null;
        if (m.has("rawDataHistogram")) {
            TreeMap<Double, Long> merged = new TreeMap<>();
            JsonNode forks = m.get("rawDataHistogram");
            samples = new double[forks.size()][];
            sampleCounts = new long[forks.size()][];
            for (int f = 0; f < forks.size(); f++) {
                JsonNode iters = forks.get(f);
                samples[f] = new double[iters.size()];
                sampleCounts[f] = new long[iters.size()];
                for (int i = 0; i < iters.size(); i++) {
                    double sum = 0;
                    long count = 0;
                    for (JsonNode pair : iters.get(i)) {
                        if (!pair.isArray() || pair.size() != 2) {
                            throw new BadEntry(name + ".rawDataHistogram: expected [value, count] pairs");
                        }
                        double v = number(pair.get(0), name + ".rawDataHistogram");
                        long c = pair.get(1).asLong();
                        sum += v * c;
                        count += c;
                        merged.merge(v, c, Long::sum);
                    }
                    samples[f][i] = count == 0 ? Double.NaN : sum / count;
                    sampleCounts[f][i] = count;
                }
            }
            double[] vs = new double[merged.size()];
            long[] cs = new long[merged.size()];
            int k = 0;
            for (Map.Entry<Double, Long> x : merged.entrySet()) {
                vs[k] = x.getKey();
                cs[k++] = x.getValue();
            }
            hist = new Metric.Histogram(vs, cs);
        } else if (m.has("rawData")) {
            JsonNode forks = m.get("rawData");
            if (!forks.isArray()) {
                throw new BadEntry(name + ".rawData is not an array");
            }
            samples = new double[forks.size()][];
            for (int f = 0; f < forks.size(); f++) {
                JsonNode iters = forks.get(f);
                samples[f] = new double[iters.size()];
                for (int i = 0; i < iters.size(); i++) {
                    samples[f][i] = number(iters.get(i), name + ".rawData");
                }
            }
        } else {
            // Very old or hand-made files: only the score. Statistics then see one sample.
            samples = Double.isNaN(score) ? new double[0][] : new double[][] {{score}};
        }
        return new Metric(name, unit, score, error, samples, hist, Collections.unmodifiableMap(pct), sampleCounts);
    }

    /** A JSON number, or one of JMH's strings for non-finite values. */
    static double number(JsonNode n, String what) throws BadEntry {
        if (n == null || n.isNull()) {
            throw new BadEntry(what + " is missing");
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            switch (n.asText().trim()) {
                case "NaN": return Double.NaN;
                case "+INF": case "INF": case "Infinity": case "+Infinity": return Double.POSITIVE_INFINITY;
                case "-INF": case "-Infinity": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(n.asText());
                    } catch (NumberFormatException e) {
                        throw new BadEntry(what + " is not a number: \"" + n.asText() + "\"");
                    }
            }
        }
        throw new BadEntry(what + " is not a number: " + n);
    }
}
