package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nettune.cli.Cli;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line: options, exit codes, messages naming files and values, run selection, the
 * filter, the regression gate, and the files written.
 */
class AnalyzeTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Analyze.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("--help"));
        String words = out().replaceAll("\\s+", " "); // the help wraps its lines
        assertTrue(out().startsWith("usage: java -cp target/benchmarks.jar dev.nettune.analysis.Analyze [-h] [--out DIR]"), out());
        assertTrue(words.contains("--fail-on-regression P exit 4 when a row is significantly worse than its baseline by more than P"
                + " (e.g. 5% or 0.05)"), out());
        assertTrue(words.contains("--runs IDS") && words.contains("--filter EXPR") && words.contains("(default: 0.05)")
                && words.contains("Exit status: 0 ok; 2 usage error or no usable input; 3 output not written; 4 regression gate"
                + " failed."), out());
        assertEquals("", err());
    }

    @Test
    void usageErrorsNameTheOptionAndValue() {
        assertEquals(2, run());
        assertTrue(err().contains("error: Missing required parameter: 'FILES-OR-DIRS'") && err().contains("usage:"), err());
        assertEquals(2, run("--alpha", "two", "x"));
        assertTrue(err().contains("error: Invalid value for option '--alpha': 'two' is not a double"), err());
        assertEquals(2, run("--alpha=1.5", "x"));
        assertTrue(err().contains("error: Invalid value for option '--alpha': '1.5' is not between 0 and 1"), err());
        assertEquals(2, run("--frobnicate", "x"));
        assertTrue(err().contains("error: unknown option '--frobnicate'; options: --out --runs --filter"), err());
        assertEquals(2, run("--fail-on-regresion", "5%", "x"));
        assertTrue(err().contains("error: unknown option '--fail-on-regresion' (did you mean --fail-on-regression?)"), err());
        assertEquals(2, run("--out"));
        assertTrue(err().contains("error: Missing required parameter for option '--out' (DIR)"), err());
        assertEquals(2, run("--fail-on-regression", "five", "x"));
        assertTrue(err().contains("error: Invalid value for option '--fail-on-regression': 'five' is not a percentage (e.g. 5% or 0.05)"),
                err());
        assertEquals(2, run("--fail-on-regression=150%", "x"));
        assertTrue(err().contains("'150%' is not between 0% and 100%"), err());
        assertEquals(2, run("--filter", "payload=", "x"));
        assertTrue(err().contains("error: Invalid value for option '--filter': \"payload=\": no value after '='"), err());
        assertEquals(2, run("--test", "welch", "x"));
        assertTrue(err().contains("error: --test is no longer an option"), err());
        assertEquals(2, run("x", "--test"));
        assertTrue(err().contains("error: --test is no longer an option"), err());
        assertEquals("", out());
    }

    @Test
    void optionsKeepTheirMeaning() {
        Analyze.Arguments a = new Analyze.Arguments();
        Cli.commandLine(a).setOverwrittenOptionsAllowed(true).parseArgs("--out", "first", "--out=second", "--runs", "latest",
                "--alpha=0.01", "--fail-on-regression", "5%", "--no-charts", "a.json", "-", "dir");
        a.check();
        Analyze.Options o = a.options();
        assertEquals(Path.of("second"), o.out(), "the last --out counts");
        assertEquals("latest", o.runs());
        assertEquals(0.01, o.alpha());
        assertEquals(0.05, o.failOnRegression(), 1e-12);
        assertFalse(o.charts());
        assertTrue(o.html() && o.filter().all() && o.baseline() == null);
        assertEquals(List.of(Path.of("a.json"), Path.of("-"), Path.of("dir")), o.inputs());
    }

    @Test
    void thresholds() {
        assertEquals(0.05, Analyze.threshold("5%"), 1e-12);
        assertEquals(0.05, Analyze.threshold("0.05"), 1e-12);
        assertEquals(0.125, Analyze.threshold(" 12.5 % "), 1e-12);
        assertEquals(0.0, Analyze.threshold("0"));
    }

    @Test
    void noUsableInputExitsTwoNamingEachFile() {
        assertEquals(2, run("--out", tmp.toString(), "--allow-missing", Fixtures.BAD.resolve("empty.json").toString(),
                Fixtures.BAD.resolve("object.json").toString(), "no/such/dir"));
        String e = err();
        assertTrue(e.contains("empty.json: empty file"), e);
        assertTrue(e.contains("object.json: not JMH JSON"), e);
        assertTrue(e.contains("no/such/dir: no such file or folder"), e);
        assertTrue(e.contains("error: no usable JMH results") && e.contains("usage:"), e);
    }

    @Test
    void aMissingInputBesideGoodOnesExitsTwoUnlessAllowed() throws IOException {
        Path dir = tmp.resolve("m");
        assertEquals(2, run("--out", dir.toString(), "--no-charts", Fixtures.QUICK_RUN.toString(), "no/such/run"));
        assertTrue(err().contains("input not found: no/such/run (--allow-missing analyses the others)"), err());
        assertFalse(Files.exists(dir.resolve("README.md")), "nothing written");
        assertEquals(0, run("--out", dir.toString(), "--no-charts", "--allow-missing", Fixtures.QUICK_RUN.toString(),
                "no/such/run"));
        assertTrue(out().contains("; missing input no/such/run;"), out());
    }

    @Test
    void unknownBaselineIsAUsageError() {
        assertEquals(2, run("--out", tmp.toString(), "--baseline", "jdk8", Fixtures.SUITE.toString()));
        assertTrue(err().contains("--baseline jdk8 matches no JVM; JVMs found: [jdk17, jdk25]"), err());
    }

    @Test
    void reportFromGoodAndBadInputNamesWhatWasNotUsed() throws IOException {
        Path dir = tmp.resolve("analysis");
        assertEquals(0, run("--out", dir.toString(), "--no-charts", Fixtures.ROOT.toString()));
        // 4 suite + 4 foreign + 5 bad + 4 identity + 3 dup + 12 quick-run files; 24 + 6 + 1 (mixed) + 8 + 2 +
        // 44 results; the complete entry of truncated.json is the same as mixed.json's first and is skipped
        // as a duplicate, as are dup/b.json (a copy of a.json) and dup/c.json (the same JVM again).
        // skipped: 3 (array-of-other) + 3 (mixed) + 1 (truncated tail) + 1 (duplicate) + 2 + 2 = 12;
        // unusable: empty, object, array-of-other, truncated (all it had was a duplicate), b, c = 6
        assertTrue(out().startsWith("read 32 files, 85 results, skipped 12 entries and 6 unusable files (see warnings)"),
                out());
        assertTrue(err().contains("entries already read from"), err());
        assertTrue(err().contains("truncated.json (line "), err());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("ℹ Input: read 32 files, 85 results, skipped 12 entries and 6 unusable files"), readme);
        String warnings = Files.readString(dir.resolve("appendix/warnings.md"));
        assertTrue(warnings.contains("Unusable files (no entry used):"), warnings);
        assertTrue(warnings.contains("dup/b.json") && warnings.contains("bad/truncated.json"), warnings);
        assertTrue(warnings.contains("mixed.json (entry 1 (dev.nettune.bench.model.PingBenchmark.roundTrip)): unknown mode"));
        for (String f : List.of("index.html", "results.csv", "comparisons.csv", "appendix/environment.md",
                "appendix/socket-options.md", "appendix/skipped-and-failed.md", "appendix/details-model.md")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertTrue(Files.readAllLines(dir.resolve("results.csv")).get(0).startsWith("run_id,jvm,jvm_build,"));
        assertTrue(Files.readAllLines(dir.resolve("comparisons.csv")).size() > 10);
    }

    @Test
    void twoFilesOfTwoJdksAreComparedWithoutAnyFlag() throws IOException {
        Path dir = tmp.resolve("pair");
        assertEquals(0, run("--out", dir.toString(), "--no-charts",
                Fixtures.ROOT.resolve("identity/hs-11.0.7.json").toString(),
                Fixtures.ROOT.resolve("identity/j9-11.0.15.json").toString()));
        assertTrue(out().contains("1 JVM pair compared"), out());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("jdk11.0.15 OpenJ9 vs jdk11.0.7"), readme);
        assertTrue(readme.contains("**jdk11.0.7** 11.0.7+10 (HotSpot)"), readme);
    }

    @Test
    void filesNamedFromARunAreMatchedToTheirOwnForksWithoutWarningsAboutTheOthers() throws IOException {
        Path run = Path.of("src/test/resources/analysis-blocks/2026-11-30T10-00-00Z-quick");
        // one JVM's file: the other JVM's fork lines are not its concern
        assertEquals(0, run("--out", tmp.resolve("one").toString(), "--no-charts", "--no-html",
                run.resolve("jdk17/RoundTripBenchmark.json").toString()));
        assertFalse(err().contains("warning"), err());
        // both JVMs' files: paired by block as from the run's folder, still without warnings
        assertEquals(0, run("--out", tmp.resolve("two").toString(), "--no-charts", "--no-html",
                run.resolve("jdk17/RoundTripBenchmark.json").toString(), run.resolve("jdk25/RoundTripBenchmark.json").toString()));
        assertFalse(err().contains("warning"), err());
        assertTrue(Files.readString(tmp.resolve("two/README.md")).contains("3 paired blocks per row"));
        // the folder given whole: a fork whose result file is missing is still named
        Path copy = tmp.resolve("in").resolve(run.getFileName().toString());
        Files.createDirectories(copy.resolve("jdk17"));
        for (String f : List.of("run.json", "forks.jsonl", "points.jsonl", "jdk17/RoundTripBenchmark.json")) {
            Files.copy(run.resolve(f), copy.resolve(f));
        }
        assertEquals(0, run("--out", tmp.resolve("whole").toString(), "--no-charts", "--no-html", copy.toString()));
        assertTrue(err().contains("no result entry for this fork"), err());
    }

    @Test
    void aRunWithoutASingleGoodForkGetsAReportSayingWhatHappenedToEachPoint() throws IOException {
        Path noForks = Path.of("src/test/resources/analysis-no-forks");
        String id = "2026-12-03T12-00-00Z-quick";
        // alone (the overview of a results folder holding only that run), and as the run's own report
        assertEquals(0, run("--out", tmp.resolve("alone").toString(), "--no-charts", noForks.toString()), err());
        assertEquals(0, run("--out", tmp.resolve("run").toString(), "--runs", id, noForks.toString(),
                Fixtures.QUICK_RUN.toString()), err());
        for (String dir : List.of("alone", "run")) {
            String readme = Files.readString(tmp.resolve(dir).resolve("README.md"));
            assertTrue(readme.startsWith("# nettune report — run " + id + "\n\n> ⚠ **No result in run " + id
                    + "**: no fork ended well. `RoundTrip.roundTrip thrpt payload=64 placement=remote=192.0.2.7:7000`: "
                    + "2 forks skipped (the server at 192.0.2.7:7000 runs SELECTOR; this point needs BLOCKING"), readme);
            assertTrue(readme.contains("`ConnectionReuse.operation thrpt close=FIN io=STREAM payload=64 "
                    + "placement=remote=192.0.2.7:7000 server=SELECTOR threads=4 workload=CONNECT_PER_REQUEST`: 4 forks "
                    + "failed (java.io.IOException: load of 4 connections failed"), readme);
            assertTrue(readme.contains("JVMs: **jdk17** 17.0.15+6-Debian-1deb12u1; **jdk25** 25.0.3+9-LTS"), readme);
            assertTrue(readme.contains("No fork ended well in this run: nothing to compare"), readme);
            assertTrue(Files.readString(tmp.resolve(dir).resolve("appendix/skipped-and-failed.md"))
                    .contains("## Skipped by design"));
        }
        // a filter that excludes every result of a run that has results is still an error
        assertEquals(2, run("--out", tmp.resolve("f").toString(), "--filter", "Nope*", noForks.toString(),
                Fixtures.QUICK_RUN.toString()));
        assertTrue(err().contains("--filter 'Nope*' selects no result"), err());
    }

    @Test
    void theRunReportOfTheQuickRunAnswersFirst() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, run("--out", dir.toString(), "--runs", "latest", "--no-charts", Fixtures.QUICK_RUN.toString()));
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.startsWith("# nettune report — run 2026-11-30T11-00-00Z-quick\n\n<a id=\"verdict\"></a>\n"
                + "## Verdict: jdk25 against jdk17\n\n**jdk25 vs jdk17**, run 2026-11-30T11-00-00Z-quick (the newest "
                + "comparison of two JDKs): of 22 rows, **6 better, 0 worse**, 16 no detectable difference."),
                readme.substring(0, 300));
        assertTrue(readme.contains("- I/O model: **±5.2%** over 7 rows (set by [ConnectionScaling.roundTrips"), readme);
        assertTrue(readme.contains("\n> ⚠ **1 point failed** on jdk25"), readme);
        assertTrue(readme.contains("> ℹ 1 point was skipped by design (client model VIRTUAL"), readme);
        int answers = readme.indexOf("## Answers");
        assertTrue(answers > 0 && answers < readme.indexOf("## JVM against JVM")
                && readme.indexOf("## JVM against JVM") < readme.indexOf("## Comparison tables"), "answers first");
        assertTrue(readme.contains("crossover between 16 and 256 connections on jdk17"), readme);
        // the verdict fits a screen, and the verdict with the answers two
        assertTrue(readme.substring(0, readme.indexOf("## Answers")).lines().count() < 40, "the verdict fits a screen");
        assertTrue(readme.substring(0, readme.indexOf("## Evidence")).lines().count() < 60, "the summary fits two");
        assertTrue(readme.contains("Method: randomized interleaved blocks, 4 blocks per point"), readme);
        // every link to an anchor in the README has its anchor
        List<String> targets = readme.lines().flatMap(l -> java.util.regex.Pattern.compile("\\]\\(#([a-z0-9-]+)\\)")
                .matcher(l).results().map(m -> m.group(1))).toList();
        assertFalse(targets.isEmpty());
        for (String t : targets) {
            assertTrue(readme.contains("<a id=\"" + t + "\"></a>") || t.equals("method") || t.equals("appendices"),
                    "anchor " + t);
        }
    }

    @Test
    void theReferenceRunWarnsOfDriftAndErraticPointsOnTheConsoleInTheReportTablesAndForestPlot() throws IOException {
        Path dir = tmp.resolve("reference");
        assertEquals(0, run("--out", dir.toString(), "--no-html", "bench-results/2026-11-30T14-41-49Z-quick"), err());
        List<String> lines = out().lines().toList();
        assertTrue(lines.contains("steady state: 1 of 34 JVM × points drift within forks (Holm over each run's JVM × points, α 0.05,"
                + " |change| ≥ 5%); 1 erratic"), out());
        assertTrue(out().contains("  drift: jdk25 ConnectionScaling.roundTrips client=SELECTOR connections=1"), out());
        assertTrue(out().contains("  erratic: jdk17 SocketBufferStream.stream path=STREAM rcvBuf=0 sndBuf=4"), out());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("> ⚠ **Scores drift within forks** at 1 JVM × point of 34 checked"), readme);
        assertTrue(readme.contains("## <a id=\"steady-state\"></a>Steady state"), readme);
        assertTrue(readme.contains("ConnectionScaling.roundTrips ‡ |"), "the drifting row is marked");
        assertTrue(readme.contains("SocketBufferStream.stream § |"), "the erratic row is marked");
        assertTrue(readme.contains("- **Steady state** ([section](#steady-state))"), "the method says how");
        assertTrue(readme.contains("[Steady state: every point's drift within forks and spread between them]"
                + "(appendix/steady-state.md)"), "the appendix is listed");
        assertTrue(Files.readString(dir.resolve("appendix/steady-state.md")).contains("| jdk25 | ConnectionScaling"));
        try (Stream<Path> charts = Files.list(dir.resolve("charts"))) {
            Path forest = charts.filter(f -> f.getFileName().toString().startsWith("forest-")).findFirst().orElseThrow();
            String svg = Files.readString(forest);
            assertTrue(svg.contains("‡ the score of this point drifted") && svg.contains("§ this point is erratic"), forest.toString());
        }
    }

    @Test
    void runsAreSelectedByIdPrefixOrLatestAndBadIdsAreNamed() throws IOException {
        Path dir = tmp.resolve("sel");
        assertEquals(0, run("--out", dir.toString(), "--no-charts", "--no-html", "--runs", "2026-11-24T14",
                Fixtures.ROOT.resolve("suite").toString(), Fixtures.QUICK_RUN.toString()));
        assertTrue(out().contains("24 of 68 results selected"), out());
        assertTrue(Files.readString(dir.resolve("README.md")).startsWith("# nettune report — run 2026-11-24T14-05-00Z-quick"));
        assertEquals(2, run("--out", dir.toString(), "--runs", "2027", Fixtures.SUITE.toString()));
        assertTrue(err().contains("--runs: '2027' matches no run; runs found: 2026-11-24T14-05-00Z-quick"), err());
        assertEquals(2, run("--out", dir.toString(), "--runs", "2026", Fixtures.ROOT.resolve("suite").toString(),
                Fixtures.QUICK_RUN.toString()));
        assertTrue(err().contains("'2026' matches 2 runs"), err());
        assertEquals(0, run("--out", dir.toString(), "--no-charts", "--no-html", "--runs", "latest",
                Fixtures.ROOT.resolve("suite").toString(), Fixtures.QUICK_RUN.toString()));
        assertTrue(out().contains("44 of 68 results selected"), out());
    }

    @Test
    void theFilterSelectsPointsAndAFilterThatMatchesNothingIsAnError() throws IOException {
        Path dir = tmp.resolve("f");
        assertEquals(0, run("--out", dir.toString(), "--no-charts", "--filter", "Coalescing*; RoundTrip payload=64",
                Fixtures.QUICK_RUN.toString()));
        assertTrue(out().contains("8 of 44 results selected"), out());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("ℹ Selected: points matching `Coalescing*; RoundTrip payload=64`."), readme);
        assertTrue(readme.contains("**I/O model** — where does a Selector loop overtake a thread per connection? "
                + "*Filtered out: measured in this run, but no point of it matches the selection (points matching "
                + "`Coalescing*; RoundTrip payload=64`).*"), readme);
        assertEquals(2, run("--out", dir.toString(), "--filter", "Nope*", Fixtures.QUICK_RUN.toString()));
        assertTrue(err().contains("--filter 'Nope*' selects no result; benchmarks found: "), err());
    }

    @Test
    void theRegressionGateFailsWithItsOwnStatusAndPrintsTheRows() throws IOException {
        Path run = copyQuickRun(tmp.resolve("in"));
        // jdk25's round trips 20% slower: significantly worse by more than 5%, not by more than 25%
        scale(run.resolve("jdk25/RoundTripBenchmark.json"), 0.8);
        Path dir = tmp.resolve("gate");
        assertEquals(Analyze.EXIT_REGRESSION, run("--out", dir.toString(), "--no-charts", "--no-html",
                "--fail-on-regression", "5%", tmp.resolve("in").toString()));
        assertTrue(err().contains("regression: 1 row is significantly worse than the baseline by more than 5%:"), err());
        assertTrue(err().contains("jdk25 vs jdk17: RoundTripBenchmark.roundTrip payload=64 (thrpt, ops/s) ratio 0.8"), err());
        assertTrue(Files.isRegularFile(dir.resolve("README.md")), "the report is written before the gate decides");
        assertEquals(0, run("--out", dir.toString(), "--no-charts", "--no-html", "--fail-on-regression=0.25",
                tmp.resolve("in").toString()));
        assertTrue(out().contains("regression gate: no row significantly worse than its baseline by more than 25%"), out());
        assertEquals(0, run("--out", dir.toString(), "--no-charts", "--no-html", Fixtures.QUICK_RUN.toString()));
        assertFalse(out().contains("regression gate"), "no gate unless asked");
    }

    @Test
    void aRunWithAWarmupPerClassOrPinnedPointsSaysSoInItsMethodLine() throws IOException {
        Path run = copyQuickRun(tmp.resolve("in"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(run.resolve("run.json").toFile());
        ArrayNode classes = doc.putObject("plan").putArray("classes");
        classes.addObject().put("class", "dev.nettune.bench.RoundTripBenchmark").put("warmupIterations", 1);
        ObjectNode scaling = classes.addObject().put("class", "dev.nettune.bench.model.ConnectionScalingBenchmark").put("warmupIterations", 6);
        scaling.putArray("cpus").add("0:connections=1;client=STREAM");
        ((ObjectNode) classes.get(0)).putArray("cpus").add("0");
        json.writeValue(run.resolve("run.json").toFile(), doc);
        Path dir = tmp.resolve("warmups");
        assertEquals(0, run("--out", dir.toString(), "--no-charts", "--no-html", tmp.resolve("in").toString()), err());
        String readme = Files.readString(dir.resolve("README.md"));
        assertTrue(readme.contains("warm-up by class (its profile file's @warmup, from the calibration) RoundTrip 1, "
                + "ConnectionScaling 6"), readme.substring(0, Math.min(readme.length(), 4000)));
        assertTrue(readme.contains(", pinned by profile (taskset, client and server alike) RoundTrip to CPU 0, "
                + "ConnectionScaling connections=1 client=STREAM to CPU 0."), readme.substring(0, Math.min(readme.length(), 4000)));
        // without per-class warm-ups the run-wide one is the method's
        assertEquals(0, run("--out", tmp.resolve("plain").toString(), "--no-charts", "--no-html", Fixtures.QUICK_RUN.toString()));
        assertFalse(Files.readString(tmp.resolve("plain/README.md")).contains("warm-up by class"));
        assertFalse(Files.readString(tmp.resolve("plain/README.md")).contains("pinned by profile"));
    }

    @Test
    void staleAppendicesAreRemovedChartsAndOtherFilesKept() throws IOException {
        Path dir = tmp.resolve("stale");
        Files.createDirectories(dir.resolve("charts"));
        Files.createDirectories(dir.resolve("appendix"));
        Files.writeString(dir.resolve("charts/old.svg"), "<svg/>");
        Files.writeString(dir.resolve("appendix/old.md"), "old");
        Files.writeString(dir.resolve("INTERPRETATION.md"), "kept");
        assertEquals(0, run("--out", dir.toString(), Fixtures.SUITE.toString()));
        // a chart may be another run's (charts are named after their run): never deleted
        assertEquals("<svg/>", Files.readString(dir.resolve("charts/old.svg")));
        assertFalse(Files.exists(dir.resolve("appendix/old.md")));
        assertEquals("kept", Files.readString(dir.resolve("INTERPRETATION.md")));
    }

    /** A copy of the quick-run fixture under {@code root}; returns the run folder. */
    private static Path copyQuickRun(Path root) throws IOException {
        Path src = Fixtures.QUICK_RUN;
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : walk.toList()) {
                Path t = root.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return root.resolve("2026-11-30T11-00-00Z-quick");
    }

    /** Multiplies every primary rawData value of a JMH file by {@code factor}. */
    private static void scale(Path file, double factor) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root = json.readTree(file.toFile());
        for (JsonNode e : root) {
            ObjectNode pm = (ObjectNode) e.get("primaryMetric");
            pm.put("score", pm.get("score").asDouble() * factor);
            for (JsonNode fork : pm.get("rawData")) {
                ArrayNode it = (ArrayNode) fork;
                for (int i = 0; i < it.size(); i++) {
                    it.set(i, it.get(i).asDouble() * factor);
                }
            }
        }
        json.writeValue(file.toFile(), root);
    }
}
