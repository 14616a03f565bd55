package dev.nettune.run.folder;

import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Specs;

import dev.nettune.placement.Netns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A results folder on a full file system (a 64 KiB tmpfs this test mounts; root only, skipped with
 * the reason otherwise): the fork line that does not fit is an IOException saying so, the lines
 * before it stay readable, and once there is room again the journal reopens — cutting what the
 * failed write left — and takes the next line: a stopped run, not a lost one.
 */
@Tag("process")
class JournalFullDiskTest {
    static final String SIZE = "64k";

    @Test
    void aFullDiskStopsTheJournalWithoutLosingAFinishedFork(@TempDir Path tmp) throws Exception {
        String why = Netns.unavailableReason(false); // the same rights: CAP_SYS_ADMIN mounts
        assumeTrue(why == null, why);
        Path mnt = Files.createDirectory(tmp.resolve("full"));
        run("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "nettune-test-full", mnt.toString());
        try {
            RunSpec spec = Specs.spec(1, 2, null, 6, Specs.targets("a", "b"));
            int written = 0;
            Path filler = mnt.resolve("filler");
            IOException full;
            try (Journal j = Journal.open(mnt, new ArrayList<>())) {
                j.append(Specs.line(spec, ++written, "a", 0, 1, ForkLine.Status.OK, 0, 1.0));
                fill(filler);
                full = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 1000; i++) {
                        j.append(Specs.line(spec, 2 + i, "b", 0, 1, ForkLine.Status.OK, 0, 2.0));
                    }
                });
            }
            assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
            List<ForkLine> kept = Journal.readForks(mnt);
            assertTrue(!kept.isEmpty() && kept.get(0).seq() == 1, "the finished fork is kept: " + kept);
            Files.delete(filler); // room again: what a user does before resuming
            List<String> notes = new ArrayList<>();
            try (Journal j = Journal.open(mnt, notes)) {
                j.append(Specs.line(spec, kept.size() + 1, "b", 0, 1, ForkLine.Status.OK, 0, 3.0));
            }
            List<ForkLine> after = Journal.readForks(mnt);
            assertEquals(kept.size() + 1, after.size(), "every whole line, then the new one: " + notes);
            assertEquals(kept, after.subList(0, kept.size()));
        } finally {
            run("umount", mnt.toString());
        }
    }

    /** Writes to {@code file} until the file system is full. */
    static void fill(Path file) throws IOException {
        byte[] block = new byte[1024];
        try (var out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }
}
