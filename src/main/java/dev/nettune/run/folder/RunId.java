package dev.nettune.run.folder;

import dev.nettune.run.options.Profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * RunId names a run's result directory: UTC start time to the second plus the profile, e.g.
 * {@code 2026-11-24T14-05-00Z-quick}, so names sort by time. {@link #create} makes the directory
 * atomically and adds {@code -2}, {@code -3}… when one of that name exists: an earlier run is never
 * overwritten, even by two runs started in the same second.
 */
public final class RunId {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_SUFFIX = 1000;

    private RunId() {
    }

    /** The base id for a run started at {@code start}. */
    public static String of(Instant start, Profile profile) {
        return FORMAT.format(start.truncatedTo(ChronoUnit.SECONDS)) + "-" + profile.id();
    }

    /** Creates {@code results/<id>} (with a suffix if taken) and returns it. */
    public static Path create(Path results, Instant start, Profile profile) {
        String base = of(start, profile);
        try {
            Files.createDirectories(results);
            for (int n = 1; n < MAX_SUFFIX; n++) {
                Path dir = results.resolve(n == 1 ? base : base + "-" + n);
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException e) {
                    // taken by an earlier run: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + results, e);
        }
        throw new IllegalStateException(MAX_SUFFIX + " runs named " + base + " exist under " + results);
    }
}
