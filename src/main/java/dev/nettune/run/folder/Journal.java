package dev.nettune.run.folder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nettune.results.JsonLines;
import dev.nettune.results.PointLine;
import dev.nettune.results.ResultFiles;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Journal is a run's two append-only logs: {@code forks.jsonl} (one {@link ForkLine} per fork
 * attempted) and {@code points.jsonl} (one {@link PointLine} per point whose blocks are all done), both written
 * through {@link JsonLines} in the form the records of dev.nettune.results define. Each line is
 * written with one call, then forced to disk: a killed runner leaves every finished fork on record
 * and at most a torn last line, which {@link #open} cuts off before appending again.
 */
public final class Journal implements Closeable {
    public static final String FORKS = ResultFiles.FORKS;
    static final String POINTS = ResultFiles.POINTS;

    private final FileChannel forks;
    private final FileChannel points;

    private Journal(FileChannel forks, FileChannel points) {
        this.forks = forks;
        this.points = points;
    }

    /**
     * Opens (creating) both files in {@code runDir} for appending. A last line without its newline
     * (the runner was killed while writing it) is cut off, and a note saying so is added to {@code notes}.
     */
    public static Journal open(Path runDir, List<String> notes) throws IOException {
        FileChannel f = openAppend(runDir.resolve(FORKS), notes);
        try {
            return new Journal(f, openAppend(runDir.resolve(POINTS), notes));
        } catch (IOException e) {
            f.close();
            throw e;
        }
    }

    private static FileChannel openAppend(Path file, List<String> notes) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = ch.size();
        if (size > 0) {
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
                notes.add(file.getFileName() + ": cut off a torn last line (" + (size - keep) + " bytes) left by a killed runner");
            }
        }
        ch.position(ch.size());
        return ch;
    }

    /** Appends a fork line and forces it to disk. */
    public void append(ForkLine line) throws IOException {
        write(forks, line.line());
    }

    /** Appends a point line and forces it to disk. */
    public void append(PointLine line) throws IOException {
        write(points, line);
    }

    private static void write(FileChannel ch, Object line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((JsonLines.text(line) + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        ch.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            forks.close();
        } finally {
            points.close();
        }
    }

    /**
     * Replaces {@code runDir/forks.jsonl} with {@code lines}, atomically (a reader sees the old file or
     * the new one): a resume rewrites the lines of forks whose block an interruption cut
     * ({@link Resume.CutBlock}). Only while no runner has the journal open.
     */
    public static void rewriteForks(Path runDir, List<ForkLine> lines) throws IOException {
        Path file = runDir.resolve(FORKS);
        Path tmp = file.resolveSibling(FORKS + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            for (ForkLine l : lines) {
                write(ch, l.line());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The fork lines of {@code runDir/forks.jsonl}; a bad line is an IOException naming it. */
    public static List<ForkLine> readForks(Path runDir) throws IOException {
        List<ForkLine> out = new ArrayList<>();
        for (Map.Entry<Integer, JsonNode> e : lines(runDir.resolve(FORKS)).entrySet()) {
            try {
                out.add(ForkLine.of(JsonLines.bind(e.getValue(), dev.nettune.results.ForkLine.class)));
            } catch (RuntimeException ex) {
                throw new IOException(runDir.resolve(FORKS) + ":" + e.getKey() + ": not a fork record (" + ex.getMessage() + ")");
            }
        }
        return out;
    }

    /** The point lines of {@code runDir/points.jsonl}, by point index. */
    public static Map<Integer, PointLine> readPoints(Path runDir) throws IOException {
        Map<Integer, PointLine> out = new TreeMap<>();
        for (Map.Entry<Integer, JsonNode> e : lines(runDir.resolve(POINTS)).entrySet()) {
            try {
                JsonNode n = e.getValue();
                if (!n.path("point").isIntegralNumber() || !n.path("blocks").isIntegralNumber()) {
                    throw new IllegalArgumentException("no \"point\" or \"blocks\"");
                }
                PointLine p = JsonLines.bind(n, PointLine.class);
                out.put(p.point(), p);
            } catch (RuntimeException ex) {
                throw new IOException(runDir.resolve(POINTS) + ":" + e.getKey() + ": not a point record (" + ex.getMessage() + ")");
            }
        }
        return out;
    }

    /** Line number → JSON of every complete line; a torn last line (no newline) is left out. */
    private static Map<Integer, JsonNode> lines(Path file) throws IOException {
        Map<Integer, JsonNode> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        String[] lines = end < 0 ? new String[0] : text.substring(0, end).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                out.put(i + 1, JsonLines.object(lines[i]));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": not a JSON object");
            } catch (IOException e) {
                throw new IOException(file + ":" + (i + 1) + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        return out;
    }
}
