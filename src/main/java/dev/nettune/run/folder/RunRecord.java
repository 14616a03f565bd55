package dev.nettune.run.folder;


import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A RunRecord is a run's {@code run.json} held in memory: changed under its lock (the shutdown hook
 * writes it too) and rewritten atomically after each change, so a reader never sees half of it.
 */
public final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, Object> doc;

    public RunRecord(Path file, Map<String, Object> doc) {
        this.file = file;
        this.doc = doc;
    }

    /** Reads an existing run.json. */
    public static RunRecord read(Path file) throws IOException {
        return new RunRecord(file, JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { }));
    }

    public Path file() {
        return file;
    }

    /** Applies a change and rewrites the file. */
    public synchronized void update(Consumer<Map<String, Object>> change) {
        change.accept(doc);
        writeJson(file, doc);
    }

    public synchronized Object get(String key) {
        return doc.get(key);
    }

    /** The jvms[] entry of a label (a live map: change it inside {@link #update}). */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Object> jvm(String label) {
        for (Map<String, Object> j : (List<Map<String, Object>>) doc.get("jvms")) {
            if (label.equals(j.get("label"))) {
                return j;
            }
        }
        throw new IllegalArgumentException("run.json has no JVM '" + label + "'");
    }

    /** Writes JSON atomically: a reader never sees half a run.json. */
    static void writeJson(Path file, Object value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            PRETTY.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("nettune: cannot write " + file + ": " + e.getMessage());
        }
    }
}
