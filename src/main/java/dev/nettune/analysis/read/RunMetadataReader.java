package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.model.Skip;
import dev.nettune.analysis.model.SockOpt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RunMetadataReader reads this suite's files beside the JMH JSON: {@code run.json} (the run's
 * environment), {@code sockopts.jsonl} (socket options, requested and read back) and
 * {@code skips.jsonl} (points a JVM could not run, with the reason). Missing fields
 * are tolerated, extra fields ignored; a bad file or line becomes a {@link Diagnostic}.
 */
public final class RunMetadataReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunMetadataReader() {
    }

    /** Reads a run.json; returns null (and adds a diagnostic) when it cannot be used. */
    public static RunInfo readRun(Path file, List<Diagnostic> diags) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read run metadata: " + firstLine(e.getMessage())));
            return null;
        }
        if (root == null || !root.isObject()) {
            diags.add(new Diagnostic(file, "", "run metadata is not a JSON object; ignored"));
            return null;
        }
        String fallbackId = file.getParent() == null ? "" : file.getParent().getFileName().toString();
        Map<String, String> host = new LinkedHashMap<>();
        Map<String, String> sysctls = new LinkedHashMap<>();
        JsonNode h = root.path("host");
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("sysctls")) {
                e.getValue().fields().forEachRemaining(s -> sysctls.put(s.getKey(), text(s.getValue())));
            } else {
                host.put(e.getKey(), text(e.getValue()));
            }
        }
        List<RunInfo.JvmInfo> jvms = new ArrayList<>();
        for (JsonNode j : root.path("jvms")) {
            List<String> flags = new ArrayList<>();
            j.path("flags").forEach(f -> flags.add(f.asText()));
            JsonNode s = j.path("summary");
            // a runner of the block method counts forks ("forksPlanned", "failed" forks): a failed fork
            // leaves its point the other blocks' forks, so it is no failed point; forks.jsonl tells of it
            boolean forkCounts = s.has("forksPlanned");
            RunInfo.Summary summary = s.isObject() ? new RunInfo.Summary(s.path("points").asInt(0), s.path("ok").asInt(0),
                    s.path("skipped").asInt(0), forkCounts ? 0 : s.path("failed").asInt(0), texts(s.path("failedPoints")),
                    texts(s.path("errors"))) : RunInfo.Summary.NONE;
            jvms.add(new RunInfo.JvmInfo(j.path("label").asText(""), j.path("javaHome").asText(""),
                    j.path("vendor").asText(""), j.path("version").asText(""), flags,
                    j.path("placement").asText(""), j.path("runtimeVersion").asText(""),
                    j.path("variant").isTextual() ? j.path("variant").asText() : "", summary));
        }
        Map<String, String> method = new LinkedHashMap<>();
        root.path("method").fields().forEachRemaining(e -> method.put(e.getKey(), text(e.getValue())));
        return new RunInfo(root.path("runId").asText(fallbackId), root.path("profile").asText(""),
                root.path("startedAt").asText(""), root.path("gitCommit").asText(""),
                root.path("jmhVersion").asText(""), host, sysctls, jvms, root.path("status").asText(""),
                root.path("selfCheck").asBoolean(false), method);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(text(n)));
        return out;
    }

    /** Reads a sockopts.jsonl; bad lines become diagnostics, blank lines are ignored. */
    public static List<SockOpt> readSockOpts(Path file, JvmId jvm, List<Diagnostic> diags) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read socket options: " + e.getMessage()));
            return List.of();
        }
        List<SockOpt> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue; // blank lines (e.g. a trailing newline) carry nothing
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.isObject() || !n.hasNonNull("option")) {
                    diags.add(new Diagnostic(file, "line " + (i + 1), "not a socket option record; line skipped"));
                    continue;
                }
                if ("kernel".equals(n.path("endpoint").asText()) && !n.has("effective")) {
                    continue; // a kernel limit repeated per point (net.core.wmem_max...): run.json's sysctls, shown under Environment
                }
                Map<String, String> params = new LinkedHashMap<>();
                n.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                out.add(new SockOpt(jvm, n.path("benchmark").asText(""), Collections.unmodifiableMap(params),
                        n.path("endpoint").asText(""), n.path("option").asText(), longOrNull(n.get("requested")),
                        longOrNull(n.get("effective")), longOrNull(n.get("kernel"))));
            } catch (IOException e) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "malformed JSON line skipped: "
                        + firstLine(e.getMessage())));
            }
        }
        return out;
    }

    /**
     * Reads a skips.jsonl ({@code {"benchmark", "params", "reason"}} per line; params as an object or
     * as JMH's "k=v,k=v" text); bad lines become diagnostics, blank lines are ignored.
     */
    public static List<Skip> readSkips(Path file, JvmId jvm, List<Diagnostic> diags) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read skipped points: " + e.getMessage()));
            return List.of();
        }
        List<Skip> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue; // blank lines (e.g. a trailing newline) carry nothing
            }
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.isObject() || !n.path("benchmark").isTextual()) {
                    diags.add(new Diagnostic(file, "line " + (i + 1), "not a skipped-point record; line skipped"));
                    continue;
                }
                Map<String, String> params = new LinkedHashMap<>();
                JsonNode p = n.path("params");
                if (p.isObject()) {
                    p.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                } else if (p.isTextual()) {
                    for (String kv : p.asText().split(",")) {
                        int eq = kv.indexOf('=');
                        if (eq > 0) {
                            params.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
                        }
                    }
                }
                out.add(new Skip(jvm, n.path("benchmark").asText(), Collections.unmodifiableMap(params),
                        n.path("reason").asText("")));
            } catch (IOException e) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "malformed JSON line skipped: "
                        + firstLine(e.getMessage())));
            }
        }
        return out;
    }

    private static Long longOrNull(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? 1L : 0L;
        }
        return n.isNumber() || n.isTextual() && n.asText().matches("-?\\d+") ? n.asLong() : null;
    }

    private static String text(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
