package dev.nettune.analysis.compare;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.stats.PairedRatio;
import dev.nettune.stats.UnpairedRatio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A verdict never contradicts its interval; no claim without two forks or blocks a side; Holm runs
 * over the rows that have a p and only those.
 */
class VerdictTest {

    /** The test and the interval are one t computation: p &lt; 0.05 exactly when the 95% interval excludes 1. */
    @Test
    void pBelowFivePercentIffTheIntervalExcludesOne() {
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            int n = 2 + rnd.nextInt(10);
            double[] x = new double[n];
            double[] y = new double[n + rnd.nextInt(3)];
            double effect = Math.exp(0.1 * (rnd.nextDouble() - 0.5));
            for (int k = 0; k < y.length; k++) {
                double drift = 1 + rnd.nextDouble();
                if (k < n) {
                    x[k] = 100 * drift * (1 + 0.05 * rnd.nextDouble());
                }
                y[k] = 100 * drift * effect * (1 + 0.05 * rnd.nextDouble());
            }
            PairedRatio p = PairedRatio.of(x, java.util.Arrays.copyOf(y, n), 0.95);
            UnpairedRatio u = UnpairedRatio.of(x, y, 0.95);
            for (double[] r : new double[][] {{p.p(), p.low(), p.high()}, {u.p(), u.low(), u.high()}}) {
                if (Math.abs(r[0] - 0.05) < 1e-9) {
                    continue; // on the boundary the two differ only by rounding
                }
                assertEquals(r[0] < 0.05, r[1] > 1 || r[2] < 1, "p " + r[0] + " CI [" + r[1] + ", " + r[2] + "]");
                checked++;
            }
        }
        assertEquals(40_000, checked, 100);
    }

    /** Over random tables, paired and unpaired, at several alphas: flagged rows have the interval on their side. */
    @Test
    void verdictsAgreeWithIntervalsOverRandomTables() {
        SplittableRandom rnd = new SplittableRandom(11);
        int flagged = 0;
        int excludedButNotSignificant = 0;
        for (int t = 0; t < 300; t++) {
            double alpha = new double[] {0.01, 0.05, 0.10}[t % 3];
            boolean paired = t % 2 == 0;
            String run = paired ? "r" : "foreign-" + t;
            Synthetic s = new Synthetic();
            if (paired) {
                s.run(run, Synthetic.jvm("jdk17", "/17", "17", "free"), Synthetic.jvm("jdk25", "/25", "25", "free"));
            }
            JvmId a = Synthetic.id(run, "jdk17", "17");
            JvmId b = Synthetic.id(paired ? run : run + "b", "jdk25", "25");
            String mode = rnd.nextBoolean() ? "thrpt" : "avgt";
            int rows = 1 + rnd.nextInt(12);
            for (int r = 0; r < rows; r++) {
                int n = 2 + rnd.nextInt(7);
                double effect = Math.exp(0.08 * rnd.nextGaussian());
                double[] x = new double[n];
                double[] y = new double[n];
                for (int k = 0; k < n; k++) {
                    double drift = 0.7 + 0.6 * rnd.nextDouble();
                    x[k] = 1000 * drift * Math.exp(0.03 * rnd.nextGaussian());
                    y[k] = 1000 * drift * effect * Math.exp(0.03 * rnd.nextGaussian());
                }
                s.forks(a, mode, Integer.toString(r), x).forks(b, mode, Integer.toString(r), y);
            }
            List<JvmPair> pairs = Comparisons.build(s.set(), new Comparisons.Options(alpha, null, false));
            assertEquals(1, pairs.size());
            ComparisonTable table = pairs.get(0).tables().get(0);
            assertEquals(rows, table.tested());
            for (RowComparison r : table.rows()) {
                assertEquals(paired ? Design.PAIRED : Design.UNPAIRED, r.design());
                boolean above = r.low() > 1;
                boolean below = r.high() < 1;
                if (r.verdict() == Verdict.BETTER || r.verdict() == Verdict.WORSE) {
                    flagged++;
                    assertTrue(r.pAdjusted() < alpha, r.toString());
                    assertTrue(above || below, "a flagged row's interval excludes 1: " + r);
                    boolean good = above == r.higherIsBetter();
                    assertEquals(good ? Verdict.BETTER : Verdict.WORSE, r.verdict(), r.toString());
                } else {
                    assertEquals(Verdict.SAME, r.verdict());
                    if (alpha <= 0.05) {
                        assertTrue(r.pAdjusted() >= alpha, "with alpha <= 0.05 a significant row is flagged: " + r);
                    }
                    if ((above || below) && r.pAdjusted() >= alpha) {
                        excludedButNotSignificant++;
                        assertTrue(r.note().startsWith("95% CI excludes 1; not significant after Holm over " + rows
                                + " row" + (rows == 1 ? "" : "s")), r.note());
                    }
                    if (r.pAdjusted() < alpha) {
                        assertTrue(r.note().startsWith("adjusted p < 0.1 but the 95% CI includes 1: no claim"), r.note());
                    }
                }
            }
        }
        assertTrue(flagged > 100 && excludedButNotSignificant > 20, flagged + " flagged, "
                + excludedButNotSignificant + " excluded 1 without significance");
    }

    @Test
    void oneForkOrOneBlockNeverClaims() {
        Synthetic s = new Synthetic().run("r", Synthetic.jvm("jdk17", "/17", "17", "free"),
                Synthetic.jvm("jdk25", "/25", "25", "free"));
        JvmId a = Synthetic.id("r", "jdk17", "17");
        JvmId b = Synthetic.id("r", "jdk25", "25");
        s.forks(a, "thrpt", "1", 100).forks(b, "thrpt", "1", 200);              // one block, twice as fast
        JvmId f = Synthetic.id("x", "jdk17", "17");
        JvmId g = Synthetic.id("y", "jdk21", "21");
        s.forks(f, "thrpt", "1", 100).forks(g, "thrpt", "1", 200);              // one fork each, no metadata
        for (JvmPair pair : Comparisons.build(s.set())) {
            RowComparison r = pair.tables().get(0).rows().get(0);
            assertEquals(Design.TOO_FEW, r.design());
            assertEquals(Verdict.CANNOT_TELL, r.verdict());
            assertEquals(2.0, r.ratio(), 1e-12, "the ratio is still shown");
            assertTrue(Double.isNaN(r.p()) && Double.isNaN(r.low()) && Double.isNaN(r.detectable()));
            assertEquals(pair.relation() == JvmPair.Relation.JDKS ? "1 block: cannot separate JVM from run-to-run noise"
                    : "1 fork per JVM: cannot separate JVM from run-to-run noise", r.note());
            assertTrue(Double.isNaN(pair.flaggedShare()), "nothing tested, no share");
        }
    }

    @Test
    void holmCountsOnlyTheRowsWithAP() {
        Synthetic s = new Synthetic().run("r", Synthetic.jvm("jdk17", "/17", "17", "free"),
                Synthetic.jvm("jdk25", "/25", "25", "free"));
        JvmId a = Synthetic.id("r", "jdk17", "17");
        JvmId b = Synthetic.id("r", "jdk25", "25");
        double[] x = {100, 130, 95, 120, 110};
        double[] y = {90, 118, 86, 107, 100};
        s.forks(a, "thrpt", "tested1", x).forks(b, "thrpt", "tested1", y);
        s.forks(a, "thrpt", "tested2", x).forks(b, "thrpt", "tested2", x[0] * 1.01, x[1] * 0.99, x[2] * 1.02, x[3], x[4] * 0.98);
        s.forks(a, "thrpt", "one", 100).forks(b, "thrpt", "one", 90);           // one block: no p
        s.forks(a, "thrpt", "two", 100, 110).forks(b, "thrpt", "two", 90);     // paired: one common block
        ComparisonTable t = Comparisons.build(s.set()).get(0).tables().get(0);
        assertEquals(4, t.rows().size());
        assertEquals(2, t.tested(), "m = 2: the two rows without a p do not count");
        RowComparison r1 = ComparisonsTest.row(t, "tested1");
        RowComparison r2 = ComparisonsTest.row(t, "tested2");
        double lo = Math.min(r1.p(), r2.p());
        double hi = Math.max(r1.p(), r2.p());
        assertEquals(Math.min(1, 2 * lo), Math.min(r1.pAdjusted(), r2.pAdjusted()), 1e-15);
        assertEquals(Math.min(1, Math.max(2 * lo, hi)), Math.max(r1.pAdjusted(), r2.pAdjusted()), 1e-15);
        assertTrue(Double.isNaN(ComparisonsTest.row(t, "one").pAdjusted()));
        assertEquals(1, ComparisonsTest.row(t, "two").n());
        // the detectable change is at alpha/m = 0.025 with this row's own spread
        PairedRatio pr = PairedRatio.of(x, y, 0.95);
        assertEquals(dev.nettune.stats.DetectableChange.paired(pr.sdLog(), pr.n(), 0.05 / 2, 0.8),
                r1.detectable(), 1e-9);
        assertEquals(Verdict.WORSE, r1.verdict());
        assertEquals(1, t.flagged());
        assertEquals(0.5, t.flaggedShare(), 0);
    }
}
