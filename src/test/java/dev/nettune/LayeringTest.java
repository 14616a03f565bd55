package dev.nettune;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layout of docs/architecture.md, checked on the sources. Every package of dev.nettune is placed
 * in {@link #ALLOWED} with the packages it may use, so a new arrow between packages is a decision
 * written here and in the architecture page, never an accident; inside the packages split into rooms
 * ({@link #ROOMS}) a room uses only the rooms listed for it, all below it. Benchmarks and placements open no socket,
 * channel or selector themselves (sockets live in server/ and client/).
 *
 * <p>A reference is an import, or a qualified name in code ({@code dev.nettune.x.Y}); comments and
 * string literals are prose and data (a benchmark's name in a string is not a reference).
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src/main/java/dev/nettune");

    /** Each package and the packages it may use: the graph of docs/architecture.md, bottom first. */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("wire", Set.of());
        ALLOWED.put("socket", Set.of());
        ALLOWED.put("jvm", Set.of());
        ALLOWED.put("stats", Set.of());
        ALLOWED.put("cli", Set.of());
        ALLOWED.put("results", Set.of());
        ALLOWED.put("counters", Set.of());
        ALLOWED.put("host", Set.of("socket", "counters"));
        ALLOWED.put("client", Set.of("wire", "socket", "jvm"));
        ALLOWED.put("server", Set.of("wire", "socket", "jvm", "client", "cli"));
        ALLOWED.put("placement", Set.of("server", "client", "socket", "host"));
        ALLOWED.put("bench", Set.of("client", "server", "placement", "socket", "wire", "host", "results"));
        ALLOWED.put("tools", Set.of("client", "server", "socket", "wire", "host", "cli"));
        ALLOWED.put("explain", Set.of("results", "cli", "host"));
        ALLOWED.put("run", Set.of("placement", "socket", "results", "stats", "cli", "host", "counters", "explain"));
        ALLOWED.put("analysis", Set.of("results", "stats", "cli", "counters"));
    }

    /**
     * Packages split into rooms: each room (bottom first) with the rooms of its package it may use;
     * "" is the package's own top (e.g. run.Suite). The runner's rooms follow a run's life; options
     * and the run folder sit apart below plan and check, so the preflight can compile them alone.
     */
    static final Map<String, Map<String, Set<String>>> ROOMS = Map.of(
            "analysis", rooms(
                    "units", Set.of(),
                    "model", Set.of(),
                    "read", Set.of("model"),
                    "family", Set.of("model", "units"),
                    "compare", Set.of("family", "model"),
                    "render", Set.of("compare", "family", "model", "units"),
                    "calibrate", Set.of(),
                    "", Set.of("read", "family", "compare", "render", "model", "units")),
            "run", rooms(
                    "options", Set.of(),
                    "folder", Set.of("options"),
                    "plan", Set.of("options"),
                    "check", Set.of("plan", "folder", "options"),
                    "record", Set.of("check", "plan", "folder", "options"),
                    "execution", Set.of("record", "check", "plan", "folder", "options"),
                    "", Set.of("execution", "record", "check", "plan", "folder", "options")));

    /** An ordered map of room names to the rooms each may use, from (name, set) pairs. */
    @SuppressWarnings("unchecked")
    private static Map<String, Set<String>> rooms(Object... pairs) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], (Set<String>) pairs[i + 1]);
        }
        return out;
    }

    private static final Pattern SOCKET_TYPES = Pattern.compile(
            "\\b(java\\.net\\.(Socket|ServerSocket)|java\\.nio\\.channels\\.(SocketChannel|ServerSocketChannel|Selector|AsynchronousSocketChannel|AsynchronousServerSocketChannel|AsynchronousChannelGroup))\\b"
                    + "|\\b(new (Socket|ServerSocket)\\(|(SocketChannel|ServerSocketChannel|Selector|AsynchronousSocketChannel|AsynchronousChannelGroup)\\.(open|withFixedThreadPool|withThreadPool|withCachedThreadPool)\\()");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");
    private static final Pattern PACKAGE_LINE = Pattern.compile("^package dev\\.nettune\\.([a-z0-9_.]+);");
    /** A qualified project name: the package part (lower-case segments) before the first type name. */
    private static final Pattern PROJECT_NAME = Pattern.compile("\\bdev\\.nettune\\.((?:[a-z0-9_]+\\.)*[a-z0-9_]+)\\.[A-Z*]");

    /** A Reference is one line of {@code from} naming package {@code to} (both relative to dev.nettune). */
    record Reference(String file, int line, String from, String to, String code) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + from + " -> " + to + ": " + code;
        }
    }

    @Test
    void everyPackageIsPlacedInTheLayout() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(MAIN)) {
            dirs.filter(Files::isDirectory).forEach(d -> packages.add(d.getFileName().toString()));
        }
        assertTrue(!packages.isEmpty(), "run from the project folder: " + MAIN.toAbsolutePath());
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages,
                "every package of dev.nettune is placed in LayeringTest.ALLOWED and docs/architecture.md");
    }

    @Test
    void theLayoutHasNoCircle() {
        // ALLOWED is listed bottom first: a package may use only packages listed before it.
        List<String> order = new ArrayList<>(ALLOWED.keySet());
        List<String> up = new ArrayList<>();
        ALLOWED.forEach((from, tos) -> tos.stream()
                .filter(to -> order.indexOf(to) < 0 || order.indexOf(to) >= order.indexOf(from))
                .forEach(to -> up.add(from + " -> " + to)));
        ROOMS.forEach((pkg, rooms) -> {
            List<String> roomOrder = new ArrayList<>(rooms.keySet());
            rooms.forEach((from, tos) -> tos.stream()
                    .filter(to -> roomOrder.indexOf(to) < 0 || roomOrder.indexOf(to) >= roomOrder.indexOf(from))
                    .forEach(to -> up.add(pkg + "." + from + " -> " + pkg + "." + to)));
        });
        assertEquals(List.of(), up, "an allowed arrow points at a package or room listed later (or at itself)");
    }

    @Test
    void theTableKeepsTheDesignsRules() {
        // Editing ALLOWED is how a new arrow is allowed; these arrows the design rules out for good.
        ALLOWED.forEach((from, tos) -> assertTrue(!tos.contains("bench"), from + " -> bench: nothing imports the benchmarks"));
        assertTrue(!ALLOWED.get("run").contains("analysis"), "run -> analysis: the runner starts the analysis as a process");
        for (String below : List.of("bench", "run", "placement", "server", "client")) {
            assertTrue(!ALLOWED.get("analysis").contains(below), "analysis -> " + below + ": the analysis reads files only");
        }
        // explain runs JMH as a process and reads run files; the runner calls it, so it must not reach the analysis.
        assertTrue(!ALLOWED.get("explain").contains("analysis"), "explain -> analysis: the runner would reach the analysis through it");
    }

    @Test
    void packagesUseOnlyThePackagesBelowThem() throws IOException {
        assertEquals(List.of(), arrowsBreaking(r -> top(r.from()).equals(top(r.to()))
                        || ALLOWED.getOrDefault(top(r.from()), Set.of()).contains(top(r.to()))),
                "arrows not in the layout (LayeringTest.ALLOWED, docs/architecture.md)");
    }

    @Test
    void everyRoomIsPlaced() throws IOException {
        for (String pkg : ROOMS.keySet()) {
            Set<String> found = new TreeSet<>();
            try (Stream<Path> dirs = Files.list(MAIN.resolve(pkg))) {
                dirs.filter(Files::isDirectory).forEach(d -> found.add(d.getFileName().toString()));
            }
            Set<String> listed = new TreeSet<>(ROOMS.get(pkg).keySet());
            listed.remove("");
            assertEquals(listed, found, "every room of " + pkg + "/ is placed in LayeringTest.ROOMS");
        }
    }

    @Test
    void roomsUseOnlyTheRoomsBelowThem() throws IOException {
        assertEquals(List.of(), arrowsBreaking(r -> {
            Map<String, Set<String>> rooms = ROOMS.get(top(r.from()));
            return rooms == null || !top(r.from()).equals(top(r.to())) || room(r.from()).equals(room(r.to()))
                    || rooms.getOrDefault(room(r.from()), Set.of()).contains(room(r.to()));
        }), "an arrow between rooms not in LayeringTest.ROOMS (none may run back up)");
    }

    /** Every reference the rule {@code allowed} refuses, as "file:line: from -> to: code". */
    private static List<String> arrowsBreaking(Predicate<Reference> allowed) throws IOException {
        return references().stream().filter(allowed.negate()).map(Reference::toString).toList();
    }

    @Test
    void benchmarksAndPlacementsOpenNoSocketChannelOrSelector() throws IOException {
        assertEquals(List.of(), matches("bench", SOCKET_TYPES), "sockets, channels and selectors live in server/ and client/");
        assertEquals(List.of(), matches("placement", SOCKET_TYPES), "a placement starts servers; their sockets are in server/");
    }

    /** The first segment of a package relative to dev.nettune: "run" of "run.plan". */
    private static String top(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    /** The room of a package inside its top package: "plan" of "run.plan", "" of "run". */
    private static String room(String pkg) {
        int dot = pkg.indexOf('.');
        if (dot < 0) {
            return "";
        }
        String rest = pkg.substring(dot + 1);
        int next = rest.indexOf('.');
        return next < 0 ? rest : rest.substring(0, next);
    }

    /** Every reference from one project package to another, in code lines of src/main. */
    static List<Reference> references() throws IOException {
        List<Reference> out = new ArrayList<>();
        for (Path f : javaFiles(MAIN)) {
            List<String> lines = Files.readAllLines(f);
            String pkg = null;
            for (int i = 0; i < lines.size(); i++) {
                String code = code(lines.get(i));
                Matcher p = PACKAGE_LINE.matcher(code);
                if (p.find()) {
                    pkg = p.group(1);
                    continue;
                }
                if (pkg == null) {
                    continue;
                }
                Matcher m = PROJECT_NAME.matcher(code);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        out.add(new Reference(MAIN.relativize(f).toString(), i + 1, pkg, m.group(1), code));
                    }
                }
            }
        }
        return out;
    }

    /** "file:line: text" of every code line under {@code dir} matching {@code p}. */
    private static List<String> matches(String dir, Pattern p) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : javaFiles(MAIN.resolve(dir))) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String code = code(lines.get(i));
                if (p.matcher(code).find()) {
                    out.add(MAIN.relativize(f) + ":" + (i + 1) + ": " + code);
                }
            }
        }
        return out;
    }

    /** A line without its comment and with its string literals emptied ("" for a comment line). */
    private static String code(String line) {
        String code = line.strip();
        if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
            return ""; // prose may name the types it avoids
        }
        code = STRING_LITERAL.matcher(code).replaceAll("\"\""); // benchmark names are data, not references
        int comment = code.indexOf("//");
        return comment < 0 ? code : code.substring(0, comment);
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        assertTrue(Files.isDirectory(root), "run from the project folder: " + root.toAbsolutePath());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(x -> x.toString().endsWith(".java")).sorted().toList();
        }
    }
}
