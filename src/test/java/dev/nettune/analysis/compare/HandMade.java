package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HandMade builds comparison records by hand, the way the statistics builder fills them, so the
 * renderers and the gate are tested independently of the builder.
 */
public final class HandMade {

    public static final String RUN = "2026-11-30T11-00-00Z-quick";
    public static final JvmId JDK17 = new JvmId(RUN, "jdk17", "Debian", "17.0.15", "", "free", "HotSpot",
            "17.0.15+6-Debian-1deb12u1");
    public static final JvmId JDK25 = new JvmId(RUN, "jdk25", "Eclipse Adoptium", "25.0.3", "", "free", "HotSpot",
            "25.0.3+9-LTS");
    public static final JvmId A = new JvmId(RUN, "a", "Debian", "17.0.15", "", "free", "HotSpot", "17.0.15+6-Debian-1deb12u1");
    public static final JvmId B = new JvmId(RUN, "b", "Debian", "17.0.15", "", "free", "HotSpot", "17.0.15+6-Debian-1deb12u1");

    private HandMade() {
    }

    /** "k=v k=v" as an ordered map. */
    public static Map<String, String> params(String kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : kv.split(" ")) {
            if (!s.isEmpty()) {
                out.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            }
        }
        return out;
    }

    /** A paired row: n blocks, both sides with n forks. */
    public static RowComparison paired(JvmId base, JvmId cand, String bench, String params, String mode, String unit,
                                       double baseCenter, double ratio, double low, double high, double p, double pAdj,
                                       double detectable, Verdict v, String note) {
        ResultKey.Row row = new ResultKey.Row(bench, params(params), mode, unit);
        return new RowComparison(row, base, cand, Design.PAIRED, 8, 8, 8, baseCenter, baseCenter * ratio, ratio, low,
                high, p, pAdj, detectable, v, note, row.higherIsBetter());
    }

    /** A single-fork row: ratio only, no claim. */
    public static RowComparison single(JvmId base, JvmId cand, String bench, String params, String mode, String unit,
                                       double baseCenter, double ratio) {
        ResultKey.Row row = new ResultKey.Row(bench, params(params), mode, unit);
        return new RowComparison(row, base, cand, Design.TOO_FEW, 1, 1, 1, baseCenter, baseCenter * ratio, ratio,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Verdict.CANNOT_TELL,
                "1 fork per JVM: cannot separate the JVM from run-to-run noise", row.higherIsBetter());
    }

    /** One table of the rows' family, mode and unit (taken from the first row). */
    public static ComparisonTable table(List<RowComparison> rows) {
        RowComparison r0 = rows.get(0);
        double log = 0;
        int n = 0;
        for (RowComparison r : rows) {
            if (r.design() != Design.TOO_FEW) {
                log += Math.log(r.ratio());
                n++;
            }
        }
        return new ComparisonTable(Families.of(r0.row().benchmark()), r0.row().mode(), r0.row().unit(), rows,
                n == 0 ? Double.NaN : Math.exp(log / n), n);
    }

    /** JDK 25 against JDK 17, paired: two tables, every verdict, notes. */
    public static JvmPair jdks() {
        String cs = "dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips";
        String fixed = " payload=64 transport=TCP";
        List<RowComparison> model = new ArrayList<>();
        model.add(paired(JDK17, JDK25, cs, "client=SELECTOR connections=16 server=SELECTOR" + fixed, "thrpt", "ops/s",
                150_000, 1.112, 1.071, 1.155, 0.0004, 0.0016, 0.031, Verdict.BETTER, ""));
        model.add(paired(JDK17, JDK25, cs, "client=SELECTOR connections=1024 server=SELECTOR" + fixed, "thrpt", "ops/s",
                140_000, 0.902, 0.861, 0.945, 0.0011, 0.0033, 0.034, Verdict.WORSE, ""));
        model.add(paired(JDK17, JDK25, cs, "client=STREAM connections=16 server=BLOCKING" + fixed, "thrpt", "ops/s",
                110_000, 0.985, 0.951, 1.020, 0.35, 0.70, 0.029, Verdict.SAME, ""));
        model.add(paired(JDK17, JDK25, cs, "client=STREAM connections=1024 server=BLOCKING" + fixed, "thrpt", "ops/s",
                50_000, 1.043, 1.002, 1.086, 0.041, 0.123, 0.037, Verdict.SAME,
                "the interval excludes 1 but the adjusted p does not pass"));
        List<RowComparison> nagle = new ArrayList<>();
        String ng = "dev.nettune.bench.coalescing.NagleBenchmark.message";
        nagle.add(paired(JDK17, JDK25, ng, "partBytes=64 parts=16 strategy=STREAM_PER_PART tcpNoDelay=false", "sample",
                "ms/op", 44.0, 0.998, 0.990, 1.006, 0.52, 0.52, 0.009, Verdict.SAME, ""));
        nagle.add(single(JDK17, JDK25, ng, "partBytes=64 parts=16 strategy=COPY_HEAP tcpNoDelay=false", "sample",
                "ms/op", 0.0547, 0.98));
        return new JvmPair(JDK17, JDK25, JvmPair.Relation.JDKS, List.of(table(model), table(nagle)));
    }

    /** The A/A self-check: 20 rows, one flagged. */
    public static JvmPair selfCheck() {
        List<RowComparison> rows = new ArrayList<>();
        String cs = "dev.nettune.bench.model.ConnectionScalingBenchmark.roundTrips";
        for (int i = 0; i < 20; i++) {
            boolean flagged = i == 7;
            double ratio = flagged ? 1.061 : 1 + (i - 10) * 0.002;
            rows.add(paired(A, B, cs, "connections=" + (1 << i), "thrpt", "ops/s", 100_000 + i * 1000, ratio,
                    flagged ? 1.03 : ratio - 0.03, flagged ? 1.09 : ratio + 0.03, flagged ? 0.0001 : 0.4,
                    flagged ? 0.002 : 1.0, 0.04, flagged ? Verdict.BETTER : Verdict.SAME, ""));
        }
        return new JvmPair(A, B, JvmPair.Relation.SELF_CHECK, List.of(table(rows)));
    }

    /** An older single-fork run: every row cannot tell. */
    public static JvmPair singleFork() {
        String run = "2026-11-24T14-46-07Z-quick";
        JvmId j17 = new JvmId(run, "jdk17", "Debian", "17.0.15", "", "free", "HotSpot", "17.0.15+6-Debian-1deb12u1");
        JvmId j25 = new JvmId(run, "jdk25", "Eclipse Adoptium", "25.0.3", "", "free", "HotSpot", "25.0.3+9-LTS");
        String rt = "dev.nettune.bench.RoundTripBenchmark.roundTrip";
        return new JvmPair(j17, j25, JvmPair.Relation.JDKS, List.of(table(List.of(
                single(j17, j25, rt, "payload=64", "thrpt", "ops/s", 15400, 1.16)))));
    }
}
