package dev.nettune.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nettune.analysis.compare.Answers;
import dev.nettune.analysis.compare.ComparisonTable;
import dev.nettune.analysis.compare.Comparisons;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.PlacementComparisons;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * analysis/INTERPRETATION.md is written by hand; this test holds it to the committed results, so no
 * figure in it contradicts the generated tables (issue #23):
 * <ul>
 *   <li>every interval figure in it, "0.990 [0.975, 1.005]" or "21.6× [12.0, 39.2]", must be a
 *       comparison row's ratio (JVM pairs, placements) or a family answer's contrast, computed now from
 *       bench-results/, each of its three numbers equal to the computed one at the digits printed (a
 *       factor may be the inverse of a ratio below 1, as the answers print it);</li>
 *   <li>every row flagged in a comparison of two JDKs of a run the file names must be named in it, by
 *       its ratio as the report prints it: a flagged row the text leaves out would make "nothing
 *       else is detectably different" false.</li>
 * </ul>
 */
class InterpretationFiguresTest {

    static final Path FILE = Path.of("analysis/INTERPRETATION.md");
    static final Pattern FIGURE = Pattern.compile("(\\d+(?:\\.\\d+)?)(×?) \\[(\\d+(?:\\.\\d+)?), (\\d+(?:\\.\\d+)?)\\]");

    static String text;
    static List<double[]> triples = new ArrayList<>();
    static List<JvmPair> pairs;

    @BeforeAll
    static void load() throws IOException {
        text = Files.readString(FILE);
        ResultSet set = InputFinder.load(List.of(Path.of("bench-results")));
        pairs = Comparisons.build(set);
        List<JvmPair> all = new ArrayList<>(pairs);
        all.addAll(PlacementComparisons.build(set, Comparisons.Options.defaults()));
        for (JvmPair p : all) {
            for (ComparisonTable t : p.tables()) {
                for (RowComparison r : t.rows()) {
                    triples.add(new double[]{r.ratio(), r.low(), r.high()});
                }
            }
        }
        for (List<Answer> answers : Answers.byRun(set).values()) {
            for (Answer a : answers) {
                for (Answer.Finding f : a.findings()) {
                    for (Answer.Contrast c : f.contrasts()) {
                        if (c.hasInterval()) {
                            triples.add(new double[]{c.ratio().ratio(), c.ratio().low(), c.ratio().high()});
                        }
                    }
                }
            }
        }
    }

    /** True when {@code printed} is {@code value} rounded to the printed digits (or rounded with the last digit off by one ulp of print, for half-way cases). */
    static boolean same(String printed, double value) {
        BigDecimal p = new BigDecimal(printed);
        double unit = Math.pow(10, -p.scale());
        return Math.abs(value - p.doubleValue()) <= unit / 2 + 1e-12;
    }

    static boolean matches(String r, String lo, String hi) {
        for (double[] t : triples) {
            if (same(r, t[0]) && same(lo, t[1]) && same(hi, t[2])) {
                return true;
            }
            if (t[0] > 0 && same(r, 1 / t[0]) && same(lo, 1 / t[2]) && same(hi, 1 / t[1])) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyIntervalFigureIsAComputedOne() {
        Matcher m = FIGURE.matcher(text);
        List<String> wrong = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            n++;
            if (!matches(m.group(1), m.group(3), m.group(4))) {
                wrong.add(m.group());
            }
        }
        assertTrue(n > 0, "no interval figure found in " + FILE);
        assertTrue(wrong.isEmpty(), FILE + " has figures no comparison or answer gives: " + wrong);
    }

    @Test
    void everyFlaggedRowOfANamedRunIsNamed() {
        List<String> missing = new ArrayList<>();
        for (JvmPair p : pairs) {
            if (p.relation() != JvmPair.Relation.JDKS || !text.contains(p.candidate().runId())) {
                continue;
            }
            for (ComparisonTable t : p.tables()) {
                for (RowComparison r : t.rows()) {
                    if (r.flagged() && !mentioned(r)) {
                        missing.add(p.candidate().runId() + " " + r.row().shortName() + " " + r.row().paramsText() + " "
                                + r.ratio() + " [" + r.low() + ", " + r.high() + "]");
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), FILE + " leaves out flagged rows of runs it names: " + missing);
    }

    /** The row's ratio appears as a figure with its interval (in either orientation). */
    static boolean mentioned(RowComparison r) {
        Matcher m = FIGURE.matcher(text);
        while (m.find()) {
            String a = m.group(1);
            String lo = m.group(3);
            String hi = m.group(4);
            if (same(a, r.ratio()) && same(lo, r.low()) && same(hi, r.high())
                    || same(a, 1 / r.ratio()) && same(lo, 1 / r.high()) && same(hi, 1 / r.low())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aFigureThatNoTableGivesFails() {
        assertFalse(matches("0.990", "0.975", "1.105"), "a mistyped bound must not pass");
        assertTrue(same("1.000", 0.99961) && !same("0.999", 0.99961));
    }
}
