package dev.nettune.run.folder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nettune.results.RunDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;

/**
 * A RunRecord is a run's {@code run.json} held in memory: a {@link RunDocument}, replaced by a
 * changed copy under the record's lock (the shutdown hook changes it too) and rewritten atomically
 * after each change, so a reader never sees half of it.
 */
public final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    // guarded by this
    private RunDocument doc;

    public RunRecord(Path file, RunDocument doc) {
        this.file = file;
        this.doc = doc;
    }

    /**
     * Reads an existing run.json. IOException when it cannot be read, or when rewriting it through
     * the record would lose or change something (a key a newer runner wrote, an edit by hand).
     */
    public static RunRecord read(Path file) throws IOException {
        JsonNode tree = JSON.readTree(file.toFile());
        RunDocument doc;
        try {
            doc = RunDocument.of(tree);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a JSON object", e);
        }
        if (!doc.writesBack(tree)) {
            throw new IOException("it holds keys or values this runner does not write (a newer runner's, or an edit);"
                    + " rewriting it would lose them");
        }
        return new RunRecord(file, doc);
    }

    public Path file() {
        return file;
    }

    /** Replaces the document by {@code change} of it and rewrites the file. */
    public synchronized void update(UnaryOperator<RunDocument> change) {
        doc = change.apply(doc);
        write(file, doc);
    }

    /** The document as it stands. */
    public synchronized RunDocument doc() {
        return doc;
    }

    /** Writes run.json atomically: a reader never sees half of it. */
    private static void write(Path file, RunDocument doc) {
        try {
            writeAtomically(file, doc.text());
        } catch (IOException e) {
            System.err.println("nettune: cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Writes {@code text} to {@code file} through a temporary file beside it, moved into place. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
