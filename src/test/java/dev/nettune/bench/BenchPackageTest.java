package dev.nettune.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bench/ holds benchmarks and their state: probes of the host live in {@code host}, and the closing
 * of a server with its clients is written once ({@code server.Teardown}), not once per benchmark.
 */
class BenchPackageTest {
    private static final Path BENCH = Path.of("src/main/java/dev/nettune/bench");
    /** Reading the machine or the JVM's beans: host's ProcessProbe and TimeWait do that. */
    private static final Pattern PROBE = Pattern.compile("\"/proc/|ManagementFactory");
    /** A hand-written close chain: "finally {" followed within two lines by a null check and a close. */
    private static final Pattern CLOSE_CHAIN = Pattern.compile("finally \\{\\s*\\n\\s*if \\(\\w+ != null\\) \\{\\s*\\n\\s*\\w+\\.close\\(\\);");

    @Test
    void benchReadsNoProcAndNoManagementBeans() throws IOException {
        assertEquals(List.of(), filesMatching(PROBE), "probes live in dev.nettune.host");
    }

    @Test
    void benchmarksTearDownThroughServerTeardown() throws IOException {
        assertEquals(List.of(), filesMatching(CLOSE_CHAIN), "close clients and server with dev.nettune.server.Teardown");
    }

    @Test
    void thePatternsFindWhatTheyLookFor() {
        assertTrue(CLOSE_CHAIN.matcher("} finally {\n            if (server != null) {\n                server.close();").find());
        assertTrue(PROBE.matcher("Files.list(Path.of(\"/proc/self/fd\"))").find());
    }

    private static List<String> filesMatching(Pattern p) throws IOException {
        assertTrue(Files.isDirectory(BENCH), "run from the project folder: " + BENCH.toAbsolutePath());
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(BENCH)) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                if (p.matcher(Files.readString(f)).find()) {
                    out.add(BENCH.relativize(f).toString());
                }
            }
        }
        return out;
    }
}
