package dev.nettune.analysis.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettune.analysis.compare.Comparisons;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Metric;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.analysis.render.svg.ForestChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steady-state check in the report: the section and appendix of the reference run against a
 * saved expected file, the marks and their legend in the comparison tables and the forest plot, the
 * warnings at the top, the console lines, and "drift not checked (1 iteration)".
 */
class SteadinessTextTest {

    static final Path REFERENCE = Path.of("bench-results/2026-11-30T14-41-49Z-quick");

    private final ResultSet set = InputFinder.load(List.of(REFERENCE));
    private final Steadiness steadiness = Steadiness.of(set, 0.05);
    private final JvmPair pair = Comparisons.build(set).get(0);
    private final SteadinessText text = new SteadinessText(steadiness, JvmId::label);

    @Test
    void sectionAndAppendixOfTheReferenceRun() throws IOException {
        Path file = GoldenTableTest.GOLDEN.resolve("steady-state.md");
        String actual = text.section() + "\n" + text.appendix();
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
        assertTrue(actual.contains("-21.6% [-29.5%, -12.9%] | <0.001 (0.032) |     8 |"), "size, CI, p and n of the warning");
        assertTrue(actual.contains("3.58 – 32.9 ops/s |          94% |     8 | JDK 17's java.net.Socket blocks"));
        assertTrue(actual.contains("cannot see warm-up that ended before measurement"));
    }

    @Test
    void comparisonRowsCarryTheMarksAndTheTableSaysWhatTheyMean() {
        String marked = new ComparisonTables(JvmId::label, false, steadiness).section(pair, "###");
        String selectorRow = marked.lines().filter(l -> l.contains("client=SELECTOR connections=1 ")).findFirst().orElseThrow();
        assertTrue(selectorRow.contains("ConnectionScaling.roundTrips " + Steadiness.DRIFT_MARK + " |"), selectorRow);
        String sndBufRow = marked.lines().filter(l -> l.contains("sndBuf=4\u00a0KiB")).findFirst().orElseThrow();
        assertTrue(sndBufRow.contains("SocketBufferStream.stream " + Steadiness.ERRATIC_MARK + " |"), sndBufRow);
        assertTrue(marked.contains(Steadiness.DRIFT_MARK + " the score of this point drifted within forks"));
        assertTrue(marked.contains(Steadiness.ERRATIC_MARK + " this point is erratic"));
        assertEquals(2, marked.lines().filter(l -> l.contains("(see [Steady state](#steady-state))")).count(),
                "one legend under each table with a mark");
        String plain = new ComparisonTables(JvmId::label, false).section(pair, "###");
        assertFalse(plain.contains(Steadiness.DRIFT_MARK) || plain.contains(Steadiness.ERRATIC_MARK));
    }

    @Test
    void forestRowsCarryTheMarksAndTheCaptionSaysWhatTheyMean() {
        List<ForestRows.Plotted> rows = ForestRows.rows(pair, steadiness);
        assertEquals(1, rows.stream().filter(r -> r.label().endsWith(" " + Steadiness.DRIFT_MARK)).count());
        assertEquals(1, rows.stream().filter(r -> r.label().endsWith(" " + Steadiness.ERRATIC_MARK)).count());
        ForestChart chart = ForestRows.chart(pair, JvmId::label, steadiness);
        String svg = chart.render();
        dev.nettune.analysis.render.svg.SvgCheck.check(svg); // well-formed, every text inside the canvas
        assertTrue(svg.contains(Steadiness.DRIFT_MARK + " the score of this point drifted"), "legend in the chart");
        assertFalse(ForestRows.chart(pair, JvmId::label).render().contains(Steadiness.DRIFT_MARK));
    }

    @Test
    void warningsAtTheTopAndOnTheConsole() {
        List<String> status = text.status();
        assertEquals(2, status.size());
        assertTrue(status.get(0).startsWith("⚠ **Scores drift within forks** at 1 JVM × point of 34 checked"));
        assertTrue(status.get(1).startsWith("⚠ **Erratic point**"));
        List<String> console = text.console();
        assertEquals("steady state: 1 of 34 JVM × points drift within forks (Holm over each run's JVM × points, α 0.05, |change| ≥ 5%);"
                + " 1 erratic", console.get(0));
        assertTrue(console.get(1).contains("jdk25 ConnectionScaling.roundTrips") && console.get(1).contains(
                "-21.6% [-29.5%, -12.9%] first → last iteration, p (Holm) 0.032, n 8 forks"), console.get(1));
        List<String> brief = text.console(false);
        assertEquals(1, brief.size(), "several runs: the count only");
        assertTrue(brief.get(0).endsWith("1 erratic: see the report's Steady state"), brief.get(0));
        assertTrue(console.get(2).startsWith("  erratic: jdk17 SocketBufferStream.stream")
                && console.get(2).contains("geometric CV 94%, n 8 forks; known cause: JDK 17's"), console.get(2));
    }

    @Test
    void oneIterationSaysDriftNotChecked() {
        JvmId j = new JvmId("2026-11-30T11-00-00Z-quick", "jdk17", "Debian", "17.0.15", "", "free", "HotSpot", "17.0.15");
        Metric m = new Metric("primary", "ops/s", Double.NaN, Double.NaN, new double[][] {{100}, {110}, {95}}, null, Map.of());
        Result r = new Result(new ResultKey("dev.nettune.bench.RoundTripBenchmark.roundTrip", Map.of("payload", "64"),
                "thrpt", "ops/s", j), m, Map.of(), Path.of("x.json"), 0, "1.37", 1);
        SteadinessText t = new SteadinessText(Steadiness.of(ResultSet.of(List.of(r), List.of(), Map.of()), 0.05),
                JvmId::label);
        assertTrue(t.section().contains("Drift not checked (1 iteration): RoundTrip.roundTrip payload=64 on jdk17."));
        assertTrue(t.status().get(0).startsWith("ℹ Drift not checked (1 iteration) at 1 JVM × point"));
        assertTrue(t.appendix().contains("| drift not checked (1 iteration) |"));
        assertTrue(t.console().contains("  drift not checked (1 iteration): jdk17 RoundTrip.roundTrip payload=64"));
        assertFalse(t.section().contains("Drift not tested"));

        Metric oneFork = new Metric("primary", "ops/s", Double.NaN, Double.NaN, new double[][] {{100, 90}}, null, Map.of());
        Result single = new Result(new ResultKey("dev.nettune.bench.RoundTripBenchmark.roundTrip", Map.of("payload", "64"),
                "thrpt", "ops/s", j), oneFork, Map.of(), Path.of("x.json"), 0, "1.37", 1);
        SteadinessText f = new SteadinessText(Steadiness.of(ResultSet.of(List.of(single), List.of(), Map.of()), 0.05),
                JvmId::label);
        assertTrue(f.section().contains("Drift not tested (fewer than 2 forks with 2 or more iterations, so no interval)"
                + " at 1 JVM × point"), f.section());
        assertTrue(f.appendix().contains(" -10.0% (no interval) |    — (—) |     1 |"), f.appendix());
    }
}
