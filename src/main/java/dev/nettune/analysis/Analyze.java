package dev.nettune.analysis;

import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.compare.Answers;
import dev.nettune.analysis.compare.Comparisons;
import dev.nettune.analysis.compare.Coverage;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.PlacementComparisons;
import dev.nettune.analysis.compare.RegressionGate;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RowFilter;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.analysis.render.Charts;
import dev.nettune.analysis.render.CsvWriter;
import dev.nettune.analysis.render.HtmlPage;
import dev.nettune.analysis.render.MarkdownReport;
import dev.nettune.analysis.render.Report;
import dev.nettune.analysis.render.ReportFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Analyze is the command line of the analysis: it reads JMH JSON files and folders, selects runs
 * and benchmark points, compares JVMs, and writes the report: README.md (the answers first),
 * index.html (the same, one self-contained page), appendix/*.md, charts/*.svg, results.csv and
 * comparisons.csv. With {@code --fail-on-regression} it is also a gate for CI.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.nettune.analysis.Analyze [options] FILES-OR-DIRS...
 * </pre>
 * Exit codes: {@link #EXIT_OK}, {@link #EXIT_USAGE} (bad option, or no usable input at all),
 * {@link #EXIT_IO} (the report could not be written), {@link #EXIT_REGRESSION} (the gate failed).
 */
public final class Analyze {

    /** Success. */
    public static final int EXIT_OK = 0;
    /** Bad command line, or no usable input. */
    public static final int EXIT_USAGE = 2;
    /** Output could not be written. */
    public static final int EXIT_IO = 3;
    /**
     * The regression gate failed: a row is significantly worse than its baseline by more than the
     * threshold. Distinct from 1, which a JVM that dies of an uncaught error also returns.
     */
    public static final int EXIT_REGRESSION = 4;
    /** Default output folder. */
    public static final String DEFAULT_OUT = "analysis";
    /** The run id that stands for the newest run. */
    public static final String LATEST = "latest";

    static final String USAGE = "usage: java -cp target/benchmarks.jar dev.nettune.analysis.Analyze [--out DIR] "
            + "[--runs IDS] [--filter EXPR] [--baseline LABEL] [--alpha A] [--fail-on-regression P] [--no-charts] "
            + "[--no-html] FILES-OR-DIRS...";

    static final String HELP = USAGE + "\n\n"
            + "Reads JMH JSON result files (JMH 1.2x-1.37; folders are searched recursively, e.g. bench-results/)\n"
            + "and writes a report: README.md (the answers first), index.html (the same report as one page),\n"
            + "appendix/*.md, charts/*.svg, results.csv and comparisons.csv. The appendices are replaced; a chart\n"
            + "is named after its run and only ever overwritten by the same chart of the same run, never deleted\n"
            + "(delete DIR/charts to drop charts no report shows); nothing else in DIR is touched. With several runs\n"
            + "each answer comes from the run that measured its question most completely (the most points with an\n"
            + "interval, then the most points, then the most forks of its least-measured point), the newest of equals.\n\n"
            + "  --out DIR               output folder (default: " + DEFAULT_OUT + ")\n"
            + "  --runs IDS              runs to include, comma-separated: run ids, unique prefixes of them, or\n"
            + "                          '" + LATEST + "' (default: all). JVMs are compared within their run; naming two or\n"
            + "                          more runs also compares the runs with each other (unpaired).\n"
            + "  --filter EXPR           benchmark points to include, e.g. 'Coalescing*', 'RoundTrip payload=64',\n"
            + "                          'ConnectionScaling connections=16,1024 @mode=thrpt; Nagle tcpNoDelay!=true'.\n"
            + "                          A term without '=' is a benchmark (Class.method or its prefix; * and ?\n"
            + "                          are wildcards); name=v1,v2 and name!=v keep points by parameter; @mode=\n"
            + "                          by JMH mode; terms separated by spaces must all hold; ';' separates\n"
            + "                          alternatives.\n"
            + "  --baseline LABEL        JVM to compare against, by label or label@runId (default: the oldest JDK\n"
            + "                          of each run; a variant is always compared with its own JDK)\n"
            + "  --alpha A               significance level per table, 0 < A < 1 (default: "
            + Comparisons.DEFAULT_ALPHA + ")\n"
            + "  --fail-on-regression P  exit " + EXIT_REGRESSION + " when a row is significantly worse than its baseline by more\n"
            + "                          than P (e.g. 5% or 0.05): a throughput row below 1 - P, a time row above\n"
            + "                          1 + P; those rows are printed. A/A self-check pairs never fail it.\n"
            + "  --no-charts             skip the SVG charts\n"
            + "  --no-html               skip index.html\n"
            + "  --help                  this text\n\n"
            + "Exit status: 0 ok; 2 usage error or no usable input; 3 output not written; " + EXIT_REGRESSION
            + " regression gate failed.";

    /** Parsed command line. */
    record Options(Path out, String runs, String filter, String baseline, double alpha, Double failOnRegression,
                   boolean charts, boolean html, List<Path> inputs) {
    }

    /** A UsageError is a bad command line, with a message naming the option and value. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    private Analyze() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the analysis; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        RowFilter filter;
        try {
            o = parse(args);
            filter = filter(o.filter());
        } catch (UsageError e) {
            if (e.getMessage().equals("--help")) {
                out.println(HELP);
                return EXIT_OK;
            }
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        long t0 = System.nanoTime();
        ResultSet all = InputFinder.load(o.inputs());
        if (all.results().isEmpty() && all.runs().isEmpty()) {
            all.diagnostics().forEach(d -> err.println("warning: " + d));
            err.println("error: no usable JMH results in the input (" + all.summaryLine() + ")");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        List<String> runIds;
        try {
            runIds = runs(all, o.runs());
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        ResultSet set = runIds == null && filter.all() ? all : all.select(runIds, filter);
        // a run whose every point was skipped or failed has no result to select, yet a report to write
        boolean noneProduced = all.results().stream().noneMatch(r -> runIds == null || runIds.contains(r.key().jvm().runId()));
        if (set.results().isEmpty() && !noneProduced) {
            err.println("error: " + (filter.all() ? "" : "--filter '" + filter + "' ")
                    + (runIds == null ? "" : (filter.all() ? "" : "and ") + "--runs " + String.join(",", runIds) + " ")
                    + "select" + (filter.all() || runIds == null ? "s" : "") + " no result; benchmarks found: "
                    + benchmarks(all));
            return EXIT_USAGE;
        }
        if (o.baseline() != null && set.baseline(o.baseline()) == null) {
            err.println("error: --baseline " + o.baseline() + " matches no JVM; JVMs found: "
                    + set.jvms().stream().map(set::name).toList());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        List<JvmPair> pairs = Comparisons.build(set, new Comparisons.Options(o.alpha(), o.baseline(),
                runIds != null && runIds.size() > 1));
        List<String> order = runOrder(set);
        Map<String, List<Answer>> byRun = Answers.byRun(set);
        List<Answer> answers = Answers.fullest(byRun, order);
        List<Diagnostic> chartDiags = new ArrayList<>();
        Map<FamilyDescriptor, Report.FamilyCharts> familyCharts = new LinkedHashMap<>();
        Map<String, Charts.Link> forests = new LinkedHashMap<>();
        ReportFiles files = new ReportFiles(o.out());
        try {
            files.prepare();
            if (o.charts()) {
                for (JvmPair p : pairs) {
                    // within one run the labels tell the JVMs apart; across runs the names carry the run
                    Function<JvmId, String> names = p.baseline().runId().equals(p.candidate().runId())
                            ? JvmId::label : set::name;
                    Charts.Link l = Charts.forest(p, names, o.out());
                    if (l != null) {
                        forests.put(Report.pairKey(p), l);
                    }
                }
                for (FamilyDescriptor f : Families.ALL) {
                    // one run per family chart: the run of the family's answer, else the one that measured it most fully
                    String run = Coverage.familyRun(f, set, answers, order);
                    if (run != null) {
                        List<Result> ofRun = f.results(set).stream().filter(x -> x.key().jvm().runId().equals(run)).toList();
                        familyCharts.put(f, new Report.FamilyCharts(run, Charts.family(f, ofRun, JvmId::label, o.out(),
                                chartDiags)));
                    }
                }
            }
            String title = order.size() == 1 ? "nettune report — run " + order.get(0)
                    : "nettune report — " + order.size() + " runs";
            String scope = order.size() == 1 ? "this run" : "these runs";
            Map<String, String> appendices = files.appendices(set);
            Report report = new Report(title, scope, set, answers, pairs, familyCharts, forests,
                    List.copyOf(appendices.keySet()), selection(runIds, filter, o.baseline()), o.alpha(),
                    PlacementComparisons.build(set, new Comparisons.Options(o.alpha(), null, false)));
            String readme = new MarkdownReport(report).render();
            files.write("README.md", readme);
            files.writeAll(appendices);
            if (o.html()) {
                files.write("index.html", new HtmlPage(o.out()).render(title, readme, appendices));
            }
            CsvWriter.writeResults(o.out().resolve("results.csv"), set);
            CsvWriter.writeComparisons(o.out().resolve("comparisons.csv"), set, pairs);
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("error: cannot write the report to " + o.out() + ": " + e.getMessage());
            return EXIT_IO;
        }
        set.diagnostics().forEach(d -> err.println("warning: " + d));
        chartDiags.forEach(d -> err.println("warning: " + d));
        out.printf("%s; %d JVM pair%s compared; wrote %s%s in %d ms%n", set.summaryLine(), pairs.size(),
                pairs.size() == 1 ? "" : "s", o.out().resolve("README.md"), o.html() ? " and index.html" : "",
                (System.nanoTime() - t0) / 1_000_000);
        if (o.failOnRegression() != null) {
            List<RegressionGate.Failure> failures = new RegressionGate(o.failOnRegression()).failures(pairs);
            String limit = String.format(Locale.ROOT, "%.3g%%", o.failOnRegression() * 100).replaceAll("\\.?0+%", "%");
            if (!failures.isEmpty()) {
                err.println("regression: " + failures.size() + " row" + (failures.size() == 1 ? " is" : "s are")
                        + " significantly worse than the baseline by more than " + limit + ":");
                for (RegressionGate.Failure f : failures) {
                    err.println("  " + describe(set, f));
                }
                return EXIT_REGRESSION;
            }
            out.println("regression gate: no row significantly worse than its baseline by more than " + limit);
        }
        return EXIT_OK;
    }

    private static String describe(ResultSet set, RegressionGate.Failure f) {
        var r = f.row();
        String params = r.row().paramsText();
        return set.name(f.pair().candidate()) + " vs " + set.name(f.pair().baseline()) + ": "
                + r.row().shortName() + (params.isEmpty() ? "" : " " + params) + " (" + r.row().mode() + ", "
                + r.row().unit() + ") ratio " + String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.ratio(), r.low(), r.high())
                + String.format(Locale.ROOT, ", %.1f%% worse, p (adj.) %.3g, n %d", f.change() * 100, r.pAdjusted(), r.n());
    }

    /** The runs of the set, oldest first: by run.json's start time, else by id. */
    static List<String> runOrder(ResultSet set) {
        List<String> ids = new ArrayList<>(set.runIds());
        ids.sort(Comparator.comparing((String id) -> {
            RunInfo info = set.runs().get(id);
            return info == null || info.startedAt().isEmpty() ? id : info.startedAt();
        }).thenComparing(id -> id));
        return ids;
    }

    /**
     * The run ids {@code spec} names (null when it is null: all runs): exact ids, unique prefixes, or
     * "latest"; an id that matches nothing or several runs is a usage error listing the runs.
     */
    static List<String> runs(ResultSet set, String spec) throws UsageError {
        if (spec == null) {
            return null;
        }
        List<String> known = runOrder(set);
        Set<String> out = new LinkedHashSet<>();
        for (String part : spec.split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (id.equals(LATEST)) {
                out.add(known.get(known.size() - 1));
                continue;
            }
            if (known.contains(id)) {
                out.add(id);
                continue;
            }
            List<String> matches = known.stream().filter(k -> k.startsWith(id)).toList();
            if (matches.size() == 1) {
                out.add(matches.get(0));
            } else {
                throw new UsageError("--runs: '" + id + "' " + (matches.isEmpty() ? "matches no run" : "matches "
                        + matches.size() + " runs " + matches) + "; runs found: " + String.join(", ", known));
            }
        }
        if (out.isEmpty()) {
            throw new UsageError("--runs: no run id in '" + spec + "'");
        }
        return List.copyOf(out);
    }

    static RowFilter filter(String expression) throws UsageError {
        try {
            return RowFilter.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--filter: " + e.getMessage());
        }
    }

    private static String benchmarks(ResultSet set) {
        Set<String> names = new LinkedHashSet<>();
        set.results().forEach(r -> names.add(r.key().row().shortName()));
        List<String> l = new ArrayList<>(names);
        return String.join(", ", l.subList(0, Math.min(12, l.size()))) + (l.size() > 12 ? ", ..." : "");
    }

    private static String selection(List<String> runIds, RowFilter filter, String baseline) {
        List<String> parts = new ArrayList<>();
        if (runIds != null) {
            parts.add("run" + (runIds.size() == 1 ? " " : "s ") + String.join(", ", runIds));
        }
        if (!filter.all()) {
            parts.add("points matching `" + filter + "`");
        }
        if (baseline != null) {
            parts.add("baseline " + baseline);
        }
        return String.join("; ", parts);
    }

    static Options parse(String[] args) throws UsageError {
        Path out = Path.of(DEFAULT_OUT);
        String runs = null;
        String filter = null;
        String baseline = null;
        double alpha = Comparisons.DEFAULT_ALPHA;
        Double gate = null;
        boolean charts = true;
        boolean html = true;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            if (a.startsWith("--") && a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            }
            switch (a) {
                case "--help": case "-h":
                    throw new UsageError("--help");
                case "--out":
                    out = Path.of(value != null ? value : next(args, ++i, a));
                    break;
                case "--runs":
                    runs = value != null ? value : next(args, ++i, a);
                    break;
                case "--filter":
                    filter = value != null ? value : next(args, ++i, a);
                    break;
                case "--baseline":
                    baseline = value != null ? value : next(args, ++i, a);
                    break;
                case "--alpha": {
                    String v = value != null ? value : next(args, ++i, a);
                    try {
                        alpha = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new UsageError("--alpha: \"" + v + "\" is not a number");
                    }
                    if (!(alpha > 0 && alpha < 1)) {
                        throw new UsageError("--alpha: " + v + " is not between 0 and 1");
                    }
                    break;
                }
                case "--fail-on-regression":
                    gate = threshold(value != null ? value : next(args, ++i, a));
                    break;
                case "--test":
                    throw new UsageError("--test is no longer an option: the test follows the design (paired t on "
                            + "blocks of one run, Welch's t on fork scores otherwise)");
                case "--no-charts":
                    charts = false;
                    break;
                case "--no-html":
                    html = false;
                    break;
                default:
                    if (a.startsWith("-") && a.length() > 1) {
                        throw new UsageError("unknown option " + args[i]);
                    }
                    inputs.add(Path.of(a));
            }
        }
        if (inputs.isEmpty()) {
            throw new UsageError("no input files or folders given");
        }
        return new Options(out, runs, filter, baseline, alpha, gate, charts, html, inputs);
    }

    /** "5%" or "0.05" as 0.05; a usage error for anything else or a value outside [0, 1). */
    static double threshold(String v) throws UsageError {
        String t = v.trim();
        double x;
        try {
            x = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new UsageError("--fail-on-regression: \"" + v + "\" is not a percentage (e.g. 5% or 0.05)");
        }
        if (!(x >= 0 && x < 1)) {
            throw new UsageError("--fail-on-regression: " + v + " is not between 0% and 100%");
        }
        return x;
    }

    private static String next(String[] args, int i, String option) throws UsageError {
        if (i >= args.length) {
            throw new UsageError(option + " needs a value");
        }
        return args[i];
    }
}
