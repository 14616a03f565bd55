package dev.nettune.analysis.render;

import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.compare.ComparisonTable;
import dev.nettune.analysis.compare.Design;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.RowComparison;
import dev.nettune.analysis.compare.Verdict;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.analysis.render.svg.SvgCheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every committed reference run (bench-results/) charted the way a per-run report would: each
 * family's charts and a forest plot of every JVM against the run's oldest JDK. All charts together
 * must stay under {@link #BUDGET} bytes, and each passes {@link SvgCheck}.
 *
 * <p>The committed runs have one fork per JVM and point, so their comparison rows are built here as
 * the statistics must build them: a ratio of the fork scores, no interval, no claim (TOO_FEW).
 */
class ReferenceChartsTest {

    /** The limit for the charts folder of the reference results. */
    static final long BUDGET = 3_000_000;

    @TempDir
    Path tmp;

    @Test
    void allReferenceRunsChartUnderTheBudget() throws IOException {
        List<Path> runs;
        try (Stream<Path> s = Files.list(Path.of("bench-results"))) {
            runs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(runs.size() >= 14, "committed runs: " + runs);
        int charts = 0;
        int forests = 0;
        for (Path run : runs) {
            ResultSet set = InputFinder.load(List.of(run));
            List<Diagnostic> diags = new ArrayList<>();
            for (FamilyDescriptor f : Families.ALL) {
                List<Result> rs = f.results(set);
                if (!rs.isEmpty()) {
                    charts += Charts.family(f, rs, set::name, tmp, diags).size();
                }
            }
            assertEquals(List.of(), diags, run.toString());
            JvmId base = set.jvms().get(0);
            for (JvmId cand : set.jvms().subList(1, set.jvms().size())) {
                Charts.forest(singleForkPair(set, base, cand), set::name, tmp);
                forests++;
            }
        }
        long total = 0;
        long largest = 0;
        try (Stream<Path> s = Files.list(tmp.resolve(Charts.FOLDER))) {
            for (Path p : s.toList()) {
                String svg = Files.readString(p);
                SvgCheck.check(svg);
                total += svg.length();
                largest = Math.max(largest, svg.length());
            }
        }
        System.out.printf("reference runs: %d runs, %d family charts + %d forest plots, %,d bytes (largest %,d)%n",
                runs.size(), charts, forests, total, largest);
        assertTrue(total < BUDGET, "charts of the reference runs: " + total + " bytes");
    }

    /** The comparison of two single-fork JVMs of one run: every shared point, ratio of scores, no claim. */
    static JvmPair singleForkPair(ResultSet set, JvmId base, JvmId cand) {
        Map<ResultKey.Row, Result> b = new LinkedHashMap<>();
        Map<ResultKey.Row, Result> c = new LinkedHashMap<>();
        for (Result r : set.results()) {
            if (r.key().jvm().equals(base)) {
                b.put(r.key().row(), r);
            } else if (r.key().jvm().equals(cand)) {
                c.put(r.key().row(), r);
            }
        }
        Map<String, List<RowComparison>> tables = new LinkedHashMap<>();
        Map<String, Result> firstOf = new LinkedHashMap<>();
        for (Map.Entry<ResultKey.Row, Result> e : b.entrySet()) {
            Result rc = c.get(e.getKey());
            if (rc == null) {
                continue;
            }
            Result rb = e.getValue();
            double xb = ForkEstimate.of(rb.primary(), true).center();
            double xc = ForkEstimate.of(rc.primary(), true).center();
            String key = Families.of(rb.key().benchmark()) + " " + rb.key().mode() + " " + rb.key().unit();
            firstOf.putIfAbsent(key, rb);
            tables.computeIfAbsent(key, k -> new ArrayList<>()).add(new RowComparison(e.getKey(), base, cand,
                    Design.TOO_FEW, 1, rb.primary().forks(), rc.primary().forks(), xb, xc, xc / xb, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, Verdict.CANNOT_TELL,
                    "1 fork: cannot separate JVM from run-to-run noise", e.getKey().higherIsBetter()));
        }
        List<ComparisonTable> out = new ArrayList<>();
        tables.forEach((k, rows) -> {
            Result r = firstOf.get(k);
            out.add(new ComparisonTable(Families.of(r.key().benchmark()), r.key().mode(), r.key().unit(), rows, Double.NaN, 0));
        });
        return new JvmPair(base, cand, JvmPair.Relation.JDKS, out);
    }
}
