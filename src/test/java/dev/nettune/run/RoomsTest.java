package dev.nettune.run;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runner's rooms follow a run's life and each imports only rooms below it: options and the
 * run folder at the bottom, then plan, check, record, execution, and Suite on top. So MavenCheck's
 * rooms compile before the rest, and no arrow runs back up.
 */
class RoomsTest {
    private static final Path RUN = Path.of("src/main/java/dev/nettune/run");
    /** Each room with the rooms it may import. */
    private static final List<List<String>> MAY_IMPORT = List.of(
            List.of("options"),
            List.of("folder", "options"),
            List.of("plan", "options"),
            List.of("check", "plan", "folder", "options"),
            List.of("record", "check", "plan", "folder", "options"),
            List.of("execution", "record", "check", "plan", "folder", "options"));
    private static final Pattern RUN_TYPE = Pattern.compile("\\bdev\\.nettune\\.run\\.(?:([a-z]+)\\.)?[A-Z*]");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(\\\\.|[^\"\\\\\\n])*\"");

    @Test
    void everyRoomImportsOnlyRoomsBelowIt() throws IOException {
        List<String> rooms = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(RUN)) {
            dirs.filter(Files::isDirectory).forEach(d -> rooms.add(d.getFileName().toString()));
        }
        assertEquals(MAY_IMPORT.stream().map(r -> r.get(0)).sorted().toList(), rooms.stream().sorted().toList(),
                "every room of run/ has its place in MAY_IMPORT");
        List<String> upward = new ArrayList<>();
        for (List<String> room : MAY_IMPORT) {
            try (Stream<Path> files = Files.walk(RUN.resolve(room.get(0)))) {
                for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                    String code = STRING_LITERAL.matcher(COMMENT.matcher(Files.readString(f)).replaceAll("")).replaceAll("\"\"");
                    Matcher m = RUN_TYPE.matcher(code);
                    while (m.find()) {
                        String to = m.group(1) == null ? "the top (Suite)" : m.group(1);
                        if (!room.contains(to)) {
                            upward.add(RUN.relativize(f) + " -> " + to);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), upward);
    }

    @Test
    void theRulesSeeAnUpwardImport() {
        String code = "package dev.nettune.run.plan;\nimport dev.nettune.run.check.Preflight;\n";
        Matcher m = RUN_TYPE.matcher(code);
        assertTrue(m.find() && "check".equals(m.group(1)));
        assertTrue(!MAY_IMPORT.get(2).contains(m.group(1)), "plan may not import check");
    }
}
