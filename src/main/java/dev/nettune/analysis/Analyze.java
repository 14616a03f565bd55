package dev.nettune.analysis;

import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.compare.Answers;
import dev.nettune.analysis.compare.Comparisons;
import dev.nettune.analysis.compare.Coverage;
import dev.nettune.analysis.compare.JvmPair;
import dev.nettune.analysis.compare.PlacementComparisons;
import dev.nettune.analysis.compare.RegressionGate;
import dev.nettune.analysis.compare.Steadiness;
import dev.nettune.analysis.compare.Underneath;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.model.RowFilter;
import dev.nettune.analysis.model.RunInfo;
import dev.nettune.analysis.read.FlameGraphReader;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.analysis.render.Charts;
import dev.nettune.analysis.render.CsvWriter;
import dev.nettune.analysis.render.HtmlPage;
import dev.nettune.analysis.render.MarkdownReport;
import dev.nettune.analysis.render.Report;
import dev.nettune.analysis.render.ReportFiles;
import dev.nettune.analysis.render.SteadinessText;
import dev.nettune.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Analyze is the command line of the analysis: it reads JMH JSON files and folders, selects runs
 * and benchmark points, compares JVMs, and writes the report: README.md (the answers first),
 * index.html (the same, one self-contained page), appendix/*.md, charts/*.svg, results.csv and
 * comparisons.csv (and counters.csv when the runs counted syscalls and the like per operation). With
 * {@code --fail-on-regression} it is also a gate for CI.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.nettune.analysis.Analyze [options] FILES-OR-DIRS...
 * </pre>
 * Exit codes: {@link #EXIT_OK}, {@link #EXIT_USAGE} (bad option, or no usable input at all),
 * {@link #EXIT_IO} (the report could not be written), {@link #EXIT_REGRESSION} (the gate failed).
 */
public final class Analyze {

    /** Success. */
    public static final int EXIT_OK = Cli.EXIT_OK;
    /** Bad command line, or no usable input. */
    public static final int EXIT_USAGE = Cli.EXIT_USAGE;
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

    /** The command line: one field per option; {@code --help} is made from them. */
    @Command(name = "java -cp target/benchmarks.jar dev.nettune.analysis.Analyze",
            description = "Reads JMH JSON result files (JMH 1.2x-1.37; folders are searched recursively, e.g. bench-results/)"
                    + " and writes a report: README.md (the answers first), index.html (the same report as one page),"
                    + " appendix/*.md, charts/*.svg, results.csv and comparisons.csv. The appendices are replaced; a chart"
                    + " is named after its run and only ever overwritten by the same chart of the same run, never deleted"
                    + " (delete DIR/charts to drop charts no report shows); nothing else in DIR is touched. With several runs"
                    + " each answer comes from the run that measured its question most completely (the most points with an"
                    + " interval, then the most points, then the most forks of its least-measured point), the newest of equals.",
            footer = "Exit status: 0 ok; 2 usage error or no usable input; 3 output not written; " + EXIT_REGRESSION
                    + " regression gate failed.")
    static final class Arguments implements Cli.Checked {
        @Parameters(paramLabel = "FILES-OR-DIRS", arity = "1..*",
                description = "JMH JSON result files, and folders to search for them")
        List<Path> inputs = new ArrayList<>();
        @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
        Path out = Path.of(DEFAULT_OUT);
        @Option(names = "--runs", paramLabel = "IDS", description = "runs to include, comma-separated: run ids, unique prefixes"
                + " of them, or '" + LATEST + "' (default: all). JVMs are compared within their run; naming two or more runs"
                + " also compares the runs with each other (unpaired).")
        String runs;
        @Option(names = "--filter", paramLabel = "EXPR", description = "benchmark points to include, e.g. 'Coalescing*',"
                + " 'RoundTrip payload=64', 'ConnectionScaling connections=16,1024 @mode=thrpt; Nagle tcpNoDelay!=true'."
                + " A term without '=' is a benchmark: its Class.method or a prefix of it (* and ? are wildcards);"
                + " name=v1,v2 and name!=v keep points by parameter, @mode= by JMH mode; terms separated by spaces must"
                + " all hold; ';' separates alternatives.")
        String filter;
        @Option(names = "--baseline", paramLabel = "LABEL", description = "JVM to compare against, by label or label@runId"
                + " (default: the oldest JDK of each run; a variant is always compared with its own JDK)")
        String baseline;
        @Option(names = "--alpha", paramLabel = "A", description = "significance level per table, 0 < A < 1 (default: ${DEFAULT-VALUE})")
        double alpha = Comparisons.DEFAULT_ALPHA;
        @Option(names = "--fail-on-regression", paramLabel = "P", converter = Threshold.class, description = "exit "
                + EXIT_REGRESSION + " when a row is significantly worse than its baseline by more than P (e.g. 5%% or 0.05):"
                + " a throughput row below 1 - P, a time row above 1 + P; those rows are printed. A/A self-check pairs never"
                + " fail it.")
        Double failOnRegression;
        @Option(names = "--no-charts", description = "skip the SVG charts")
        boolean noCharts;
        @Option(names = "--no-html", description = "skip index.html")
        boolean noHtml;
        @Option(names = "--allow-missing", description = "analyse the inputs that exist when some named file or folder does"
                + " not (they are named in the summary); without it a missing input is an error (exit 2)")
        boolean allowMissing;
        /** A former option, refused with the reason. */
        @Option(names = "--test", hidden = true, arity = "0..1", fallbackValue = "")
        String test;

        /** The parsed {@code --filter}. */
        private RowFilter rowFilter;

        @Override
        public void check() {
            if (test != null) {
                throw new Cli.UsageError("--test is no longer an option: the test follows the design (paired t on blocks of one"
                        + " run, Welch's t on fork scores otherwise)");
            }
            if (!(alpha > 0 && alpha < 1)) {
                throw Cli.invalid("--alpha", alpha, "is not between 0 and 1");
            }
            rowFilter = filter(filter);
        }

        Options options() {
            return new Options(out, runs, rowFilter, baseline, alpha, failOnRegression, !noCharts, !noHtml, List.copyOf(inputs),
                    allowMissing);
        }
    }

    /** {@code --fail-on-regression}'s value: {@link #threshold}. */
    static final class Threshold implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return threshold(value);
        }
    }

    /** Parsed command line. */
    record Options(Path out, String runs, RowFilter filter, String baseline, double alpha, Double failOnRegression,
                   boolean charts, boolean html, List<Path> inputs, boolean allowMissing) {
    }

    private Analyze() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the analysis; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments = new Arguments();
        CommandLine cl = Cli.commandLine(arguments).setOverwrittenOptionsAllowed(true); // the last --out counts
        OptionalInt done = Cli.parse(cl, args, out, err, "");
        if (done.isPresent()) {
            return done.getAsInt();
        }
        Options o = arguments.options();
        RowFilter filter = o.filter();
        long t0 = System.nanoTime();
        List<Path> missing = o.inputs().stream().filter(p -> !java.nio.file.Files.exists(p)).toList();
        if (!missing.isEmpty() && !o.allowMissing()) {
            return Cli.fail(err, "", (missing.size() == 1 ? "input not found: " : "inputs not found: ")
                    + String.join(", ", missing.stream().map(Path::toString).toList())
                    + " (--allow-missing analyses the others)", null);
        }
        ResultSet all = InputFinder.load(o.inputs());
        if (all.results().isEmpty() && all.runs().isEmpty()) {
            all.diagnostics().forEach(d -> err.println("warning: " + d));
            return Cli.fail(err, "", "no usable JMH results in the input (" + all.summaryLine() + ")", Cli.usage(cl));
        }
        List<String> runIds;
        try {
            runIds = runs(all, o.runs());
        } catch (Cli.UsageError e) {
            return Cli.fail(err, "", e.getMessage(), null);
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
            return Cli.fail(err, "", "--baseline " + o.baseline() + " matches no JVM; JVMs found: "
                    + set.jvms().stream().map(set::name).toList(), Cli.usage(cl));
        }
        List<JvmPair> pairs = Comparisons.build(set, new Comparisons.Options(o.alpha(), o.baseline(),
                runIds != null && runIds.size() > 1));
        Steadiness steadiness = Steadiness.of(set, o.alpha());
        Underneath underneath = Underneath.build(set, pairs, o.alpha()).withFlameGraphs(FlameGraphReader.read(set, o.out()));
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
                    Charts.Link l = Charts.forest(p, names, o.out(), steadiness);
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
            Map<String, String> appendices = files.appendices(set, steadiness);
            List<JvmPair> placements = PlacementComparisons.build(set, new Comparisons.Options(o.alpha(), null, false));
            if (o.charts()) {
                for (JvmPair p : placements) {
                    // the same forest plot as a JVM pair's; its two sides are one JVM at two placements ("jdk17 netns")
                    Charts.Link l = Charts.forest(p, JvmId::label, o.out(), steadiness);
                    if (l != null) {
                        forests.put(Report.pairKey(p), l);
                    }
                }
            }
            Report report = new Report(title, scope, set, answers, pairs, familyCharts, forests,
                    List.copyOf(appendices.keySet()), selection(runIds, filter, o.baseline()), o.alpha(),
                    placements, steadiness, order,
                    filteredOut(all, runIds, filter, answers), underneath);
            String readme = new MarkdownReport(report).render();
            files.write("README.md", readme);
            files.writeAll(appendices);
            if (o.html()) {
                files.write("index.html", new HtmlPage(o.out()).render(title, readme, appendices));
            }
            CsvWriter.writeResults(o.out().resolve("results.csv"), set);
            // placement rows too (relation "placement"): a tool reading the CSV sees every comparison the report shows
            List<JvmPair> compared = new ArrayList<>(pairs);
            compared.addAll(placements);
            CsvWriter.writeComparisons(o.out().resolve("comparisons.csv"), set, compared);
            if (underneath.any()) {
                CsvWriter.writeCounters(o.out().resolve("counters.csv"), set, underneath);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("error: cannot write the report to " + o.out() + ": " + e.getMessage());
            return EXIT_IO;
        }
        set.diagnostics().forEach(d -> err.println("warning: " + d));
        chartDiags.forEach(d -> err.println("warning: " + d));
        out.printf("%s%s; %d JVM pair%s compared; wrote %s%s in %d ms%n", set.summaryLine(), missing.isEmpty() ? ""
                : "; missing input" + (missing.size() == 1 ? " " : "s ") + String.join(", ",
                missing.stream().map(Path::toString).toList()), pairs.size(),
                pairs.size() == 1 ? "" : "s", o.out().resolve("README.md"), o.html() ? " and index.html" : "",
                (System.nanoTime() - t0) / 1_000_000);
        // one run: every warning; several (the overview): the count only, the run's own report follows it
        new SteadinessText(steadiness, set::name).console(set.runIds().size() <= 1).forEach(out::println);
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

    /**
     * The family questions that the selected runs measured but whose every point {@code --filter}
     * removed: their answers say "filtered out", not "not measured". Empty without a filter.
     */
    private static Set<String> filteredOut(ResultSet all, List<String> runIds, RowFilter filter, List<Answer> answers) {
        if (filter.all()) {
            return Set.of();
        }
        ResultSet unfiltered = runIds == null ? all : all.select(runIds, RowFilter.ALL);
        Set<String> measured = new LinkedHashSet<>();
        for (Answer a : Answers.fullest(Answers.byRun(unfiltered), runOrder(unfiltered))) {
            if (a.measured()) {
                measured.add(a.question().id());
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (Answer a : answers) {
            if (!a.measured() && measured.contains(a.question().id())) {
                out.add(a.question().id());
            }
        }
        return out;
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
    static List<String> runs(ResultSet set, String spec) {
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
                throw new Cli.UsageError("--runs: '" + id + "' " + (matches.isEmpty() ? "matches no run" : "matches "
                        + matches.size() + " runs " + matches) + "; runs found: " + String.join(", ", known));
            }
        }
        if (out.isEmpty()) {
            throw new Cli.UsageError("--runs: no run id in '" + spec + "'");
        }
        return List.copyOf(out);
    }

    static RowFilter filter(String expression) {
        try {
            return RowFilter.parse(expression);
        } catch (IllegalArgumentException e) {
            throw Cli.invalid("--filter", e.getMessage());
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

    /** "5%" or "0.05" as 0.05; picocli's conversion error for anything else or a value outside [0, 1). */
    static double threshold(String v) {
        String t = v.trim();
        double x;
        try {
            x = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + v + "' is not a percentage (e.g. 5% or 0.05)");
        }
        if (!(x >= 0 && x < 1)) {
            throw new CommandLine.TypeConversionException("'" + v + "' is not between 0% and 100%");
        }
        return x;
    }
}
