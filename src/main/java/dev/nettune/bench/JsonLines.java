package dev.nettune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JsonLines writes the sidecar files benchmarks leave beside the JMH JSON (sockopts.jsonl,
 * skips.jsonl, reuse.jsonl, named in {@link dev.nettune.layout.ResultFiles}): one JSON object per
 * line, written by Jackson, appended from trial or iteration setup, never on the measured path.
 */
public final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** A new, empty line: its fields are written in the order they are put. */
    public static ObjectNode line() {
        return JSON.createObjectNode();
    }

    /** The benchmark's parameters as a JSON object, keys sorted. */
    public static ObjectNode params(BenchmarkParams params) {
        Map<String, String> sorted = new TreeMap<>();
        for (String k : params.getParamsKeys()) {
            sorted.put(k, params.getParam(k));
        }
        ObjectNode out = JSON.createObjectNode();
        sorted.forEach(out::put);
        return out;
    }

    /** The line as compact JSON, without the newline. */
    public static String text(ObjectNode line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON line", e); // a tree of plain values always serializes
        }
    }

    /** Appends the lines to {@code file} in one write, each followed by a newline, creating the file if needed. */
    public static void append(Path file, List<ObjectNode> lines) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode l : lines) {
            out.append(text(l)).append('\n');
        }
        try {
            Files.write(file, out.toString().getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
