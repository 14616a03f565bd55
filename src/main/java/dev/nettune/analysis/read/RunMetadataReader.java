package dev.nettune.analysis.read;

import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.model.SkippedPoint;
import dev.nettune.analysis.model.SockOpt;

import dev.nettune.results.JsonLines;
import dev.nettune.results.RunDocument;
import dev.nettune.results.SkipLine;
import dev.nettune.results.SockoptLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * RunMetadataReader reads this suite's files beside the JMH JSON: {@code run.json} (the run's
 * environment), {@code sockopts.jsonl} (socket options, requested and read back) and
 * {@code skips.jsonl} (points a JVM could not run, with the reason), each through its record of
 * {@link dev.nettune.results}. Missing fields are tolerated, extra fields ignored; a bad file or
 * line becomes a {@link Diagnostic}.
 */
public final class RunMetadataReader {

    private RunMetadataReader() {
    }

    /** Reads a run.json; returns null (and adds a diagnostic) when it cannot be used. */
    public static RunInfo readRun(Path file, List<Diagnostic> diags) {
        RunDocument doc;
        try {
            doc = RunDocument.read(file);
        } catch (IllegalArgumentException e) {
            diags.add(new Diagnostic(file, "", "run metadata is not a JSON object; ignored"));
            return null;
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read run metadata: " + firstLine(e.getMessage())));
            return null;
        }
        String fallbackId = file.getParent() == null ? "" : file.getParent().getFileName().toString();
        Map<String, String> host = new LinkedHashMap<>();
        Map<String, String> sysctls = new LinkedHashMap<>();
        or(doc.host(), Map.<String, JsonNode>of()).forEach((k, v) -> {
            if (k.equals(RunDocument.SYSCTLS)) {
                v.fields().forEachRemaining(s -> sysctls.put(s.getKey(), text(s.getValue())));
            } else {
                host.put(k, text(v));
            }
        });
        List<RunInfo.JvmInfo> jvms = new ArrayList<>();
        for (RunDocument.Jvm j : or(doc.jvms(), List.<RunDocument.Jvm>of())) {
            jvms.add(new RunInfo.JvmInfo(or(j.label(), ""), or(j.javaHome(), ""), or(j.vendor(), ""), or(j.version(), ""),
                    or(j.flags(), List.of()), or(j.placement(), ""), or(j.runtimeVersion(), ""),
                    or(j.variant(), ""), summary(j.summary())));
        }
        Map<String, String> method = new LinkedHashMap<>();
        if (doc.method() != null) {
            doc.method().fields().forEach((k, v) -> method.put(k, text(v)));
        }
        // per-class warm-up, the calibration's unsteady points and pinned points (profile files' @warmup, @unsteady, @cpus): part of the method
        if (doc.plan() != null && doc.plan().classes() != null) {
            for (RunDocument.PlannedClass c : doc.plan().classes()) {
                String cls = c.className() == null ? "" : c.className().substring(c.className().lastIndexOf('.') + 1);
                if (c.warmupIterations() != null) {
                    method.put(RunInfo.WARMUP_PREFIX + cls, String.valueOf(c.warmupIterations()));
                }
                if (c.unsteady() != null && !c.unsteady().isEmpty()) {
                    method.put(RunInfo.UNSTEADY_PREFIX + cls, String.join(",", c.unsteady()));
                }
                if (c.cpus() != null && !c.cpus().isEmpty()) {
                    method.put(RunInfo.PINNED_PREFIX + cls, String.join(",", c.cpus()));
                }
            }
        }
        return new RunInfo(or(doc.runId(), fallbackId), or(doc.profile(), ""), or(doc.startedAt(), ""),
                or(doc.gitCommit(), ""), or(doc.jmhVersion(), ""), host, sysctls, jvms, or(doc.status(), ""),
                or(doc.selfCheck(), false), method, counting(file, diags));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper TREE = new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * run.json's {@code counters} (not a field of {@link RunDocument} yet, so read from the tree): its
     * {@code missing}, as an object of name to reason or a list of "name: reason" lines. Only a file that
     * mentions the word is parsed twice.
     */
    static RunInfo.Counting counting(Path file, List<Diagnostic> diags) {
        JsonNode c;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!text.contains("\"counters\"")) {
                return RunInfo.Counting.NOT_RECORDED;
            }
            c = TREE.readTree(text).get("counters");
        } catch (IOException e) {
            return RunInfo.Counting.NOT_RECORDED; // readRun has already read this file: named there if unreadable
        }
        if (c == null || c.isNull()) {
            return RunInfo.Counting.NOT_RECORDED;
        }
        Map<String, String> missing = new LinkedHashMap<>();
        if ("off".equals(c.path("mode").asText(""))) {
            missing.put("counters", "not asked for (-Dnettune.counters=off, the default; run the point again with"
                    + " -Dnettune.counters=extra and -Dnettune.include to see them)");
        }
        JsonNode m = c.path("missing");
        if (m.isObject()) {
            m.fields().forEachRemaining(e -> missing.put(e.getKey(), text(e.getValue())));
        } else if (m.isArray()) {
            for (JsonNode line : m) {
                String t = text(line);
                int colon = t.indexOf(": ");
                missing.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 2));
            }
        } else if (!m.isMissingNode() && !m.isNull()) {
            diags.add(new Diagnostic(file, "counters.missing", "neither an object nor a list; ignored"));
        }
        return new RunInfo.Counting(true, missing);
    }

    /**
     * A JVM's summary. Two shapes: an older runner counts points ("points", "failed" points); a runner
     * of the block method counts forks ("forksPlanned", "failed" forks): a failed fork leaves its point
     * the other blocks' forks, so it is no failed point; forks.jsonl tells of it.
     */
    private static RunInfo.Summary summary(JsonNode s) {
        if (s == null || !s.isObject()) {
            return RunInfo.Summary.NONE;
        }
        boolean forkCounts = s.has("forksPlanned");
        return new RunInfo.Summary(s.path("points").asInt(0), s.path("ok").asInt(0), s.path("skipped").asInt(0),
                forkCounts ? 0 : s.path("failed").asInt(0), texts(s.path("failedPoints")), texts(s.path("errors")));
    }

    private static <T> T or(T value, T absent) {
        return value == null ? absent : value;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(text(n)));
        return out;
    }

    /** Reads a sockopts.jsonl; bad lines become diagnostics, blank lines are ignored. */
    public static List<SockOpt> readSockOpts(Path file, JvmId jvm, List<Diagnostic> diags) {
        List<SockOpt> out = new ArrayList<>();
        List<String> lines = lines(file, "socket options", diags);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue; // blank lines (e.g. a trailing newline) carry nothing
            }
            try {
                ObjectNode n = JsonLines.object(line);
                if (!n.hasNonNull("option")) {
                    throw new IllegalArgumentException("no option");
                }
                if (!(SockoptLine.of(n) instanceof SockoptLine.Option o)) {
                    continue; // a kernel limit repeated per point (net.core.wmem_max...): run.json's sysctls, shown under Environment
                }
                out.add(new SockOpt(jvm, or(o.benchmark(), ""), Collections.unmodifiableMap(o.params()),
                        or(o.endpoint(), ""), o.option(), o.requested(), o.effective(), o.kernel()));
            } catch (IllegalArgumentException e) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "not a socket option record; line skipped"));
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
    public static List<SkippedPoint> readSkips(Path file, JvmId jvm, List<Diagnostic> diags) {
        List<SkippedPoint> out = new ArrayList<>();
        List<String> lines = lines(file, "skipped points", diags);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue; // blank lines (e.g. a trailing newline) carry nothing
            }
            try {
                ObjectNode n = JsonLines.object(line);
                if (!n.path("benchmark").isTextual()) {
                    throw new IllegalArgumentException("no benchmark");
                }
                SkipLine s = JsonLines.bind(n, SkipLine.class);
                out.add(new SkippedPoint(jvm, s.benchmark(), Collections.unmodifiableMap(s.paramMap()), or(s.reason(), "")));
            } catch (IllegalArgumentException e) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "not a skipped-point record; line skipped"));
            } catch (IOException e) {
                diags.add(new Diagnostic(file, "line " + (i + 1), "malformed JSON line skipped: "
                        + firstLine(e.getMessage())));
            }
        }
        return out;
    }

    private static List<String> lines(Path file, String what, List<Diagnostic> diags) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            diags.add(new Diagnostic(file, "", "cannot read " + what + ": " + e.getMessage()));
            return List.of();
        }
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
