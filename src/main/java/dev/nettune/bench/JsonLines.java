package dev.nettune.bench;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * JsonLines writes the sidecar files benchmarks leave beside the JMH JSON (sockopts.jsonl,
 * skips.jsonl, reuse.jsonl): one JSON object per line, appended from trial or iteration setup,
 * never on the measured path.
 */
public final class JsonLines {
    private JsonLines() {
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Appends the benchmark's parameters as a JSON object, keys sorted. */
    public static StringBuilder appendParams(StringBuilder out, BenchmarkParams params) {
        Map<String, String> p = new TreeMap<>();
        for (String k : params.getParamsKeys()) {
            p.put(k, params.getParam(k));
        }
        out.append('{');
        String sep = "";
        for (Map.Entry<String, String> e : p.entrySet()) {
            out.append(sep).append(quote(e.getKey())).append(':').append(quote(e.getValue()));
            sep = ",";
        }
        return out.append('}');
    }

    /** Appends complete lines to {@code file}, creating it if needed. */
    public static void append(Path file, CharSequence lines) {
        try {
            Files.write(file, lines.toString().getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
