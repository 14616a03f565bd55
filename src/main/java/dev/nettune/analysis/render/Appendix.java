package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.model.SkippedPoint;
import dev.nettune.analysis.model.SockOpt;
import dev.nettune.analysis.units.Units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Appendix writes the report's reference material, one Markdown file each under {@code appendix/}:
 * the environment of each run and the full identity of each JVM, the socket options (requested,
 * Java's read-back, the kernel's view), skipped and failed points, the per-benchmark detail tables
 * of each family, and the warnings. The README links to them; the HTML page inlines them.
 */
final class Appendix {

    /** Folder of the appendices, relative to the report. */
    static final String DIR = "appendix";
    static final String ENVIRONMENT = DIR + "/environment.md";
    static final String SOCKET_OPTIONS = DIR + "/socket-options.md";
    static final String SKIPS = DIR + "/skipped-and-failed.md";
    static final String WARNINGS = DIR + "/warnings.md";

    private final ResultSet set;
    private final DetailTables details;
    private final Steadiness steadiness;

    Appendix(ResultSet set) {
        this(set, null);
    }

    /** The appendices of {@code set}; with {@code steadiness} (or null for none) its every-point table. */
    Appendix(ResultSet set, Steadiness steadiness) {
        this.set = set;
        this.details = new DetailTables(set::name);
        this.steadiness = steadiness;
    }

    /** The detail file of a family. */
    static String detailsFile(FamilyDescriptor f) {
        return DIR + "/details-" + f.slug() + ".md";
    }

    /** Every appendix, by path relative to the report, in the order the README lists them. */
    Map<String, String> render() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(ENVIRONMENT, environment());
        for (FamilyDescriptor f : Families.ALL) {
            List<Result> rs = f.results(set);
            if (!rs.isEmpty()) {
                out.put(detailsFile(f), details(f, rs));
            }
        }
        if (!set.sockOpts().isEmpty()) {
            out.put(SOCKET_OPTIONS, socketOptions());
        }
        out.put(SKIPS, skipsAndFailures());
        if (steadiness != null && !steadiness.cells().isEmpty()) {
            out.put(SteadinessText.APPENDIX, new SteadinessText(steadiness, set::name).appendix());
        }
        out.put(WARNINGS, warnings());
        return out;
    }

    /** Titles of the appendices, for the README's list. */
    static String title(String file) {
        if (file.equals(ENVIRONMENT)) {
            return "Environment: runs, hosts, sysctls, JVMs and their flags";
        }
        if (file.equals(SOCKET_OPTIONS)) {
            return "Socket options: requested, Java's read-back, the kernel's view";
        }
        if (file.equals(SKIPS)) {
            return "Skipped and failed points";
        }
        if (file.equals(SteadinessText.APPENDIX)) {
            return "Steady state: every point's drift within forks and spread between them";
        }
        if (file.equals(WARNINGS)) {
            return "Warnings: input files and entries not used, weak data";
        }
        for (FamilyDescriptor f : Families.ALL) {
            if (file.equals(detailsFile(f))) {
                return "Details, " + f.title() + ": every point, mean and 95% interval over forks, secondary metrics"
                        + ", latency percentiles";
            }
        }
        return file;
    }

    private String environment() {
        StringBuilder out = new StringBuilder("# Environment\n\n");
        for (RunInfo run : set.runs().values()) {
            out.append("## Run ").append(Text.md(run.runId())).append("\n\n");
            MarkdownTable t = MarkdownTable.left("", "value");
            addIf(t, "status", run.status());
            addIf(t, "profile", run.profile());
            addIf(t, "started", run.startedAt());
            addIf(t, "git commit", run.gitCommit());
            addIf(t, "JMH", run.jmhVersion());
            if (run.selfCheck()) {
                t.add("self-check", "A/A: one JDK under two labels");
            }
            run.method().forEach((k, v) -> addIf(t, "method: " + k, v));
            run.host().forEach((k, v) -> addIf(t, k, k.equals("memoryBytes") ? memory(v) : v));
            run.sysctls().forEach((k, v) -> addIf(t, k, v));
            out.append(t.render()).append('\n');
        }
        out.append("## JVMs\n\n");
        MarkdownTable jv = MarkdownTable.left("JVM", "run", "build", "vendor", "VM", "flags", "digest", "placement",
                "JAVA_HOME");
        for (JvmId j : set.jvms()) {
            RunInfo run = set.runs().get(j.runId());
            RunInfo.JvmInfo info = run == null ? null : run.jvm(j.label());
            jv.add(Text.md(set.name(j)), Text.md(j.runId()), Text.md(j.build().isEmpty() ? j.version() : j.build()),
                    Text.md(j.vendor()), Text.md(j.vm()), Text.md(info == null ? j.variant() : String.join(" ", info.flags())),
                    j.flagsDigest(), Text.md(j.placement()), Text.md(info == null ? "" : info.javaHome()));
        }
        out.append(jv.render()).append('\n')
                .append("`flags` are the flags every fork got; `digest` is a short hash of the flags that tell JVMs ")
                .append("apart (without the suite's warning switches), shown in the labels of JVMs read from other ")
                .append("projects' files.\n");
        return out.toString();
    }

    private String details(FamilyDescriptor f, List<Result> rs) {
        StringBuilder out = new StringBuilder("# Details: ").append(f.title()).append("\n\n")
                .append("Per point and JVM: the mean of the fork scores with its 95% Student-t interval over forks, ")
                .append("their median and coefficient of variation (a fork's score is the mean of its measurement ")
                .append("iterations; iterations of one fork are not independent samples, so they do not narrow ")
                .append("the interval). Secondary metrics are JMH's scores. Latency percentiles (sampled time) are ")
                .append("JMH's, over every sample of every fork.\n\n");
        Map<String, List<Result>> byBench = new LinkedHashMap<>();
        rs.forEach(r -> byBench.computeIfAbsent(r.key().benchmark() + "\u0000" + r.key().mode(), k -> new ArrayList<>()).add(r));
        for (List<Result> b : byBench.values()) {
            ResultKey k = b.get(0).key();
            out.append("## ").append(Text.md(Text.benchName(k.benchmark()))).append(" (")
                    .append(ComparisonTables.mode(k.mode())).append(")\n\n").append(details.table(b)).append('\n');
            if ("sample".equals(k.mode()) && b.stream().anyMatch(r -> !r.primary().percentiles().isEmpty())) {
                out.append("Latency percentiles:\n\n").append(details.percentiles(b)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Socket options with identical lines merged: per benchmark, endpoint, option and
     * (requested, Java, kernel) values, the JVMs and how many records said so.
     */
    private String socketOptions() {
        StringBuilder out = new StringBuilder("# Socket options\n\n")
                .append("`requested` is what the benchmark asked for (`auto`: not set, left to autotuning); `Java` ")
                .append("is Java's read-back (`getSendBufferSize()`; on Linux half of what the kernel holds); ")
                .append("`kernel` is the kernel's view (blank when not recorded). Identical records of several ")
                .append("points, forks and JVMs are merged; `records` counts them. The kernel limits ")
                .append("(net.core.wmem_max, rmem_max, net.ipv4.tcp_wmem, tcp_rmem) are in [the environment](environment.md).\n\n");
        Map<List<String>, Set<String>> jvms = new LinkedHashMap<>();
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        Map<List<String>, Set<String>> runs = new LinkedHashMap<>();
        for (SockOpt o : set.sockOpts()) {
            List<String> k = List.of(Text.benchName(o.benchmark()), o.endpoint(), o.option(),
                    o.requested() == null ? "auto" : Units.bytesParam(o.requested()),
                    o.effective() == null ? "?" : Units.bytesParam(o.effective()),
                    o.kernel() == null ? "" : Units.bytesParam(o.kernel()));
            jvms.computeIfAbsent(k, x -> new TreeSet<>()).add(o.jvm().label());
            runs.computeIfAbsent(k, x -> new TreeSet<>()).add(o.jvm().runId());
            counts.merge(k, 1, Integer::sum);
        }
        MarkdownTable t = new MarkdownTable(List.of("benchmark", "endpoint", "option", "requested", "Java", "kernel",
                "JVMs", "runs", "records"), new boolean[] {false, false, false, true, true, true, false, true, true});
        for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
            List<String> k = e.getKey();
            List<String> cells = new ArrayList<>();
            k.forEach(c -> cells.add(Text.md(c)));
            cells.add(Text.md(String.join(", ", jvms.get(k))));
            cells.add(Integer.toString(runs.get(k).size()));
            cells.add(Integer.toString(e.getValue()));
            t.add(cells);
        }
        return out.append(t.render()).toString();
    }

    private String skipsAndFailures() {
        StringBuilder out = new StringBuilder("# Skipped and failed points\n\n");
        out.append("## Failed\n\n");
        List<String> failed = new ArrayList<>();
        for (RunInfo run : set.runs().values()) {
            if (run.unfinished()) {
                failed.add("Run " + Text.md(run.runId()) + " did not finish (status " + run.status() + ").");
            }
            for (RunInfo.JvmInfo j : run.jvms()) {
                for (String p : j.summary().failedPoints()) {
                    failed.add(Text.md(run.runId()) + ", " + Text.md(j.label()) + ": " + Text.md(p));
                }
                for (String e : j.summary().errors()) {
                    failed.add(Text.md(run.runId()) + ", " + Text.md(j.label()) + ": " + Text.md(e));
                }
            }
        }
        if (failed.isEmpty()) {
            out.append("None.\n\n");
        } else {
            failed.forEach(l -> out.append("- ").append(l).append('\n'));
            out.append('\n');
        }
        out.append(ForkStatusText.appendix(set));
        out.append("## Skipped by design\n\n");
        if (set.skips().isEmpty()) {
            out.append("None.\n");
            return out.toString();
        }
        Map<String, List<SkippedPoint>> byReason = new LinkedHashMap<>();
        set.skips().forEach(s -> byReason.computeIfAbsent(s.reason(), k -> new ArrayList<>()).add(s));
        for (Map.Entry<String, List<SkippedPoint>> e : byReason.entrySet()) {
            Set<String> jvms = new LinkedHashSet<>();
            e.getValue().forEach(s -> jvms.add(s.jvm().key()));
            out.append("### ").append(Text.md(e.getKey())).append("\n\n").append(Text.count(e.getValue().size(), "point", "points"))
                    .append(" on ").append(Text.md(String.join(", ", jvms))).append(":\n\n");
            MarkdownTable t = MarkdownTable.left("benchmark", "params", "JVM");
            for (SkippedPoint s : e.getValue()) {
                t.add(Text.md(Text.benchName(s.benchmark())), Text.md(Text.params(s.params(), Set.of())),
                        Text.md(s.jvm().key()));
            }
            out.append(t.render()).append('\n');
        }
        return out.toString();
    }

    private String warnings() {
        StringBuilder out = new StringBuilder("# Warnings\n\n").append(set.summaryLine()).append(".\n\n");
        if (!set.unusableFileList().isEmpty()) {
            out.append("Unusable files (no entry used):\n\n");
            set.unusableFileList().forEach(f -> out.append("- ").append(Text.md(f.toString())).append('\n'));
            out.append('\n');
        }
        if (set.diagnostics().isEmpty()) {
            out.append("No problem reading the input.\n");
        } else {
            out.append("While reading:\n\n");
            set.diagnostics().forEach(d -> out.append("- ").append(Text.md(d.toString())).append('\n'));
        }
        return out.toString();
    }

    private static void addIf(MarkdownTable t, String k, String v) {
        if (v != null && !v.isEmpty() && !v.equals("null")) {
            t.add(Text.md(k), Text.md(v));
        }
    }

    private static String memory(String bytes) {
        try {
            return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(bytes) / (double) (1L << 30));
        } catch (NumberFormatException e) {
            return bytes; // not a number: show as written
        }
    }
}
