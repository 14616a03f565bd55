package dev.nettune.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JsonLines writes and parses the JSONL files of a run: one record of this package per line,
 * compact JSON written by Jackson in the record's component order, appended in one write (from a
 * benchmark's trial or iteration setup, never on the measured path).
 */
public final class JsonLines {
    /**
     * The one mapper of the result files: nulls written, fields in the records' order; a field no
     * record knows (a newer runner's, a hand-edited file's) is ignored when read, as the readers always did.
     */
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonLines() {
    }

    /** The benchmark's parameters, keys sorted, as every line of these files writes them. */
    public static SortedMap<String, String> params(BenchmarkParams params) {
        SortedMap<String, String> sorted = new TreeMap<>();
        for (String k : params.getParamsKeys()) {
            sorted.put(k, params.getParam(k));
        }
        return sorted;
    }

    /** The record as one line of compact JSON, without the newline. */
    public static String text(Object line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a JSON line", e); // records of plain values always serialize
        }
    }

    /** Appends the records to {@code file} in one write, each followed by a newline, creating the file if needed. */
    public static void append(Path file, List<?> lines) {
        StringBuilder out = new StringBuilder();
        for (Object l : lines) {
            out.append(text(l)).append('\n');
        }
        try {
            Files.write(file, out.toString().getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** The JSON object of a line; IOException when it is malformed, IllegalArgumentException when it is no object. */
    public static ObjectNode object(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (ObjectNode) n;
    }

    /** The line's object bound to {@code type}; IllegalArgumentException (naming the field) when a value does not fit. */
    public static <T> T bind(JsonNode object, Class<T> type) {
        try {
            return JSON.treeToValue(object, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
