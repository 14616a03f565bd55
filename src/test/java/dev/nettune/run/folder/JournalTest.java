package dev.nettune.run.folder;

import dev.nettune.results.PointLine;
import dev.nettune.run.plan.RunSpec;
import dev.nettune.run.plan.Specs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest {

    @Test
    void linesAreWrittenInContractOrderAndReadBack(@TempDir Path tmp) throws Exception {
        RunSpec spec = Specs.spec(1, 2, null, 6, Specs.targets("jdk17", "jdk25"));
        ForkLine ok = Specs.line(spec, 1, "jdk17", 0, 1, ForkLine.Status.OK, 0, 12345.6);
        ForkLine failed = Specs.line(spec, 2, "jdk25", 0, 1, ForkLine.Status.FAILED, null, null);
        Map<String, Double> hw = new LinkedHashMap<>();
        hw.put("jdk25", 0.028);
        PointLine point = new PointLine(0, Specs.CLASS, Specs.BENCH, "thrpt", Map.of("payload", "64"), 2, "ci", 0.03, hw);
        List<String> notes = new ArrayList<>();
        try (Journal j = Journal.open(tmp, notes)) {
            j.append(ok);
            j.append(failed);
            j.append(point);
        }
        assertEquals(List.of(), notes);
        String first = Files.readAllLines(tmp.resolve(Journal.FORKS)).get(0);
        assertEquals("{\"seq\":1,\"jvm\":\"jdk17\",\"class\":\"" + Specs.CLASS + "\",\"benchmark\":\"" + Specs.BENCH + "\",\"mode\":\"thrpt\","
                + "\"params\":{\"payload\":\"64\"},\"point\":0,\"block\":1,\"position\":1,\"blockSize\":2,"
                + "\"startedAt\":\"2026-11-30T11:00:04.000Z\",\"endedAt\":\"2026-11-30T11:00:07.000Z\",\"status\":\"ok\",\"reason\":null,"
                + "\"row\":0,\"score\":12345.6,\"unit\":\"ops/s\"}", first);
        assertEquals("{\"point\":0,\"class\":\"" + Specs.CLASS + "\",\"benchmark\":\"" + Specs.BENCH + "\",\"mode\":\"thrpt\","
                + "\"params\":{\"payload\":\"64\"},\"blocks\":2,\"stop\":\"ci\",\"target\":0.03,\"halfWidths\":{\"jdk25\":0.028}}",
                Files.readString(tmp.resolve(Journal.POINTS)).strip());
        assertEquals(List.of(ok, failed), Journal.readForks(tmp));
        assertEquals(point, Journal.readPoints(tmp).get(0));
    }

    @Test
    void aTornLastLineIsCutOffBeforeAppending(@TempDir Path tmp) throws Exception {
        RunSpec spec = Specs.spec(1, 2, null, 6, Specs.targets("a", "b"));
        List<String> notes = new ArrayList<>();
        try (Journal j = Journal.open(tmp, notes)) {
            j.append(Specs.line(spec, 1, "a", 0, 1, ForkLine.Status.OK, 0, 1.0));
        }
        Files.writeString(tmp.resolve(Journal.FORKS), "{\"seq\":2,\"jvm\":\"b\",\"cla", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, Journal.readForks(tmp).size(), "a reader ignores the torn line");
        try (Journal j = Journal.open(tmp, notes)) {
            j.append(Specs.line(spec, 2, "b", 0, 1, ForkLine.Status.OK, 0, 2.0));
        }
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("forks.jsonl: cut off a torn last line"), notes.get(0));
        assertEquals(List.of(1, 2), Journal.readForks(tmp).stream().map(ForkLine::seq).toList());
    }

    @Test
    void aBadLineIsNamedByFileAndLine(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(Journal.FORKS), "{\"seq\":1}\n");
        IOException e = assertThrows(IOException.class, () -> Journal.readForks(tmp));
        assertTrue(e.getMessage().startsWith(tmp.resolve(Journal.FORKS) + ":1: not a fork record"), e.getMessage());
        Files.writeString(tmp.resolve(Journal.FORKS), "\nnot json\n");
        e = assertThrows(IOException.class, () -> Journal.readForks(tmp));
        assertTrue(e.getMessage().startsWith(tmp.resolve(Journal.FORKS) + ":2: not JSON"), e.getMessage());
    }
}
