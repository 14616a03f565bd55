package dev.nettune.run.folder;

import dev.nettune.run.options.Profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunIdTest {
    static final Instant START = Instant.parse("2026-11-24T14:05:00.734Z");

    @Test
    void idIsSortableUtcSecondsPlusProfile() {
        assertEquals("2026-11-24T14-05-00Z-quick", RunId.of(START, Profile.QUICK));
        assertEquals("2026-11-24T14-05-00Z-full", RunId.of(START, Profile.FULL));
    }

    @Test
    void anExistingRunIsNeverReusedOrOverwritten(@TempDir Path results) throws Exception {
        Path first = RunId.create(results, START, Profile.QUICK);
        Files.writeString(first.resolve("run.json"), "earlier");
        Path second = RunId.create(results, START, Profile.QUICK);
        Path third = RunId.create(results, START, Profile.QUICK);
        assertEquals("2026-11-24T14-05-00Z-quick", first.getFileName().toString());
        assertEquals("2026-11-24T14-05-00Z-quick-2", second.getFileName().toString());
        assertEquals("2026-11-24T14-05-00Z-quick-3", third.getFileName().toString());
        assertEquals("earlier", Files.readString(first.resolve("run.json")));
        assertTrue(Files.isDirectory(second) && Files.isDirectory(third));
    }

    @Test
    void resultsRootIsCreatedWhenMissing(@TempDir Path tmp) {
        Path dir = RunId.create(tmp.resolve("a/b"), START, Profile.SMOKE);
        assertEquals(tmp.resolve("a/b/2026-11-24T14-05-00Z-smoke"), dir);
    }
}
