package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ConnectionReuse is the connection reuse family ({@code bench.reuse}): requests over one persistent
 * connection, a connection per request, connects alone, pools and the seed's executor. Its question
 * is what a connection per request costs against reusing one; its chart is one dot per workload
 * (with netperf's names), one panel per thread count.
 */
public final class ConnectionReuse extends FamilyDescriptor {

    /** The reference workload: requests over one connection per thread. */
    static final String PERSISTENT = "PERSISTENT";
    /** netperf's names for the reuse workloads. */
    static final Map<String, String> WORKLOAD_ALIAS = Map.of(PERSISTENT, "PERSISTENT (RR)",
            "CONNECT_PER_REQUEST", "CONNECT_PER_REQUEST (CRR)", "CONNECT_ONLY", "CONNECT_ONLY (CC)",
            "SEED_EXECUTOR", "SEED_EXECUTOR (the seed's executor)");
    /** Workloads the sentence names, in order, with their words. */
    static final Map<String, String> SUMMARY_WORKLOADS = new LinkedHashMap<>();

    static {
        SUMMARY_WORKLOADS.put("CONNECT_PER_REQUEST", "connect-per-request");
        SUMMARY_WORKLOADS.put("CONNECT_ONLY", "connect-only");
        SUMMARY_WORKLOADS.put("POOL_FULL", "a pool of one connection per thread");
    }

    ConnectionReuse() {
        super("Connection reuse", "reuse", "dev.nettune.bench.reuse.");
        ask(new Question(this, "REUSE", "Connection reuse", "what does a connection per request cost against reusing one?",
                this::reuse, this::reuseSentence));
    }

    @Override
    protected Map<String, ChartRule> chartRules() {
        return Map.of("ConnectionReuseBenchmark", ChartRule.dots(List.of("threads"), List.of("workload"),
                "per workload (RR, CRR, CC, pools, the seed's executor) × threads"));
    }

    @Override
    public String rowLabel(List<String> params, List<String> values) {
        return params.equals(List.of("workload")) ? WORKLOAD_ALIAS.getOrDefault(values.get(0), values.get(0)) : null;
    }

    /**
     * {@code ConnectionReuseBenchmark.operation} (thrpt) at one thread count (4 when measured), each
     * workload against PERSISTENT.
     */
    private Finding reuse(JvmId jvm, List<Result> results) {
        List<Result> pts = Points.fix(Points.points(results, "ConnectionReuseBenchmark.operation", "thrpt"),
                List.of("workload"));
        Result ref = Points.first(pts, r -> Points.is(r, "workload", PERSISTENT));
        return new Finding(jvm, Points.fixedText(pts, List.of("workload")), Points.against(pts, ref, "workload"));
    }

    private String reuseSentence(Answer a, Wording w) {
        List<String> parts = new ArrayList<>();
        for (String label : a.labels()) {
            String workload = label.substring(label.indexOf('=') + 1);
            if (SUMMARY_WORKLOADS.containsKey(workload)) {
                parts.add(SUMMARY_WORKLOADS.get(workload) + " " + w.across(a, label, "more", "fewer"));
            }
        }
        String threads = a.findings().get(0).contrasts().get(0).subject().key().params().getOrDefault("threads", "?");
        return "at " + threads + " client thread" + ("1".equals(threads) ? "" : "s") + ", "
                + (parts.isEmpty() ? "no other workload measured" : String.join("; ", parts))
                + " requests/s than a persistent connection.";
    }
}
