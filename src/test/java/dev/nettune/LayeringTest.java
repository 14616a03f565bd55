package dev.nettune;

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
 * The package rules the design states, checked on the sources: benchmarks connect pieces and open
 * no socket, channel or selector themselves; nothing under bench/ reaches the analysis; the
 * analysis reads files and never imports the benchmarks or the suite runner.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/dev/nettune");
    /** The JDK types that open sockets, channels or selectors. */
    private static final Pattern SOCKET_TYPES = Pattern.compile(
            "\\b(java\\.net\\.(Socket|ServerSocket)|java\\.nio\\.channels\\.(SocketChannel|ServerSocketChannel|Selector|AsynchronousSocketChannel|AsynchronousServerSocketChannel|AsynchronousChannelGroup))\\b"
                    + "|\\b(new (Socket|ServerSocket)\\(|(SocketChannel|ServerSocketChannel|Selector|AsynchronousSocketChannel|AsynchronousChannelGroup)\\.(open|withFixedThreadPool|withThreadPool|withCachedThreadPool)\\()");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");
    private static final Pattern PROJECT_IMPORT = Pattern.compile("\\bdev\\.nettune\\.([a-z]+)\\.");

    @Test
    void benchmarksOpenNoSocketChannelOrSelector() throws IOException {
        List<String> found = matches("bench", SOCKET_TYPES);
        assertEquals(List.of(), found, "sockets, channels and selectors live in server/ and client/");
        assertEquals(List.of(), matches("placement", SOCKET_TYPES), "a placement starts servers; their sockets are in server/");
    }

    @Test
    void benchmarksDoNotReachTheAnalysis() throws IOException {
        assertEquals(List.of(), references("bench", "analysis"));
        assertEquals(List.of(), references("bench", "run"));
    }

    @Test
    void theAnalysisImportsNeitherBenchmarksNorTheRunner() throws IOException {
        assertEquals(List.of(), references("analysis", "bench"));
        assertEquals(List.of(), references("analysis", "run"));
        assertEquals(List.of(), references("analysis", "placement"), "a placement reaches the analysis as a parameter in the files");
    }

    /** "file:line: text" of every non-comment line under {@code dir} matching {@code p}. */
    private static List<String> matches(String dir, Pattern p) throws IOException {
        Path root = MAIN.resolve(dir);
        assertTrue(Files.isDirectory(root), "run from the project folder: " + root.toAbsolutePath());
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(x -> x.toString().endsWith(".java"))::iterator) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue; // prose may name the types it avoids
                    }
                    code = STRING_LITERAL.matcher(code).replaceAll("\"\""); // benchmark names are data, not references
                    if (p.matcher(code).find()) {
                        out.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + code);
                    }
                }
            }
        }
        return out;
    }

    /** Lines under {@code from} that name a class of package {@code dev.nettune.<to>}. */
    private static List<String> references(String from, String to) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : matches(from, PROJECT_IMPORT)) {
            Matcher m = PROJECT_IMPORT.matcher(line.substring(line.indexOf(": ") + 2));
            while (m.find()) {
                if (m.group(1).equals(to)) {
                    out.add(line);
                    break;
                }
            }
        }
        return out;
    }
}
