package dev.nettune.analysis;

import dev.nettune.analysis.compare.Comparison;
import dev.nettune.analysis.compare.CrossJvm;
import dev.nettune.analysis.model.Diagnostic;
import dev.nettune.analysis.model.Family;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;
import dev.nettune.analysis.read.InputFinder;
import dev.nettune.analysis.render.Charts;
import dev.nettune.analysis.render.CsvWriter;
import dev.nettune.analysis.render.MarkdownReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Analyze is the command line of the analysis: it reads JMH JSON files and folders, and writes
 * README.md, results.csv, comparisons.csv and charts/*.svg into the output folder.
 *
 * <pre>
 * java -cp target/benchmarks.jar dev.nettune.analysis.Analyze [options] FILES-OR-DIRS...
 * </pre>
 * Exit codes: {@link #EXIT_OK}, {@link #EXIT_USAGE} (bad option, or no usable input at all),
 * {@link #EXIT_IO} (the report could not be written).
 */
public final class Analyze {

    static {
        System.setProperty("java.awt.headless", "true"); // before any AWT class loads (charts)
    }

    /** Success. */
    public static final int EXIT_OK = 0;
    /** Bad command line, or no usable input. */
    public static final int EXIT_USAGE = 2;
    /** Output could not be written. */
    public static final int EXIT_IO = 3;
    /** Default output folder. */
    public static final String DEFAULT_OUT = "analysis";

    static final String USAGE = "usage: java -cp target/benchmarks.jar dev.nettune.analysis.Analyze "
            + "[--out DIR] [--baseline LABEL] [--alpha A] [--test utest|welch] [--no-charts] FILES-OR-DIRS...";

    static final String HELP = USAGE + "\n\n"
            + "Reads JMH JSON result files (JMH 1.2x-1.37; folders are searched recursively, e.g. bench-results/)\n"
            + "and writes a report: README.md, results.csv, comparisons.csv and charts/*.svg.\n\n"
            + "  --out DIR          output folder (default: " + DEFAULT_OUT + ")\n"
            + "  --baseline LABEL   JVM to compare against, by label or label@runId (default: oldest version)\n"
            + "  --alpha A          significance level, 0 < A < 1 (default: " + Comparison.DEFAULT_ALPHA + ")\n"
            + "  --test T           utest (Mann-Whitney U, default) or welch (Welch's t-test)\n"
            + "  --no-charts        skip SVG charts\n"
            + "  --help             this text\n\n"
            + "Exit status: 0 ok, 2 usage error or no usable input, 3 output not written.";

    /** Parsed command line. */
    record Options(Path out, String baseline, double alpha, Comparison.Test test, boolean charts, List<Path> inputs) {
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
        try {
            o = parse(args);
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
        ResultSet set = InputFinder.load(o.inputs());
        List<Diagnostic> diags = new ArrayList<>(set.diagnostics());
        if (set.results().isEmpty()) {
            diags.forEach(d -> err.println("warning: " + d));
            err.println("error: no usable JMH results in the input (" + set.summaryLine() + ")");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        JvmId baseline = set.baseline(o.baseline());
        if (baseline == null) {
            err.println("error: --baseline " + o.baseline() + " matches no JVM; JVMs found: "
                    + set.jvms().stream().map(set::name).toList());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        Map<Family, List<CrossJvm>> tables = new LinkedHashMap<>();
        Map<Family, List<Charts.Link>> charts = new LinkedHashMap<>();
        List<CrossJvm> allTables = new ArrayList<>();
        try {
            Files.createDirectories(o.out());
            for (Family f : Family.values()) {
                List<Result> rs = set.family(f);
                if (rs.isEmpty()) {
                    continue;
                }
                List<CrossJvm> t = CrossJvm.build(f, rs, set.jvms(), baseline, o.test(), o.alpha());
                tables.put(f, t);
                allTables.addAll(t);
                if (o.charts()) {
                    List<Diagnostic> chartDiags = new ArrayList<>();
                    charts.put(f, Charts.draw(f, rs, set, o.out(), chartDiags));
                    chartDiags.forEach(d -> err.println("warning: " + d));
                }
            }
            String readme = new MarkdownReport(set, baseline, o.test(), o.alpha()).render(tables, charts);
            Files.writeString(o.out().resolve("README.md"), readme, StandardCharsets.UTF_8);
            CsvWriter.writeResults(o.out().resolve("results.csv"), set);
            CsvWriter.writeComparisons(o.out().resolve("comparisons.csv"), set, allTables);
        } catch (IOException e) {
            err.println("error: cannot write the report to " + o.out() + ": " + e);
            return EXIT_IO;
        }
        diags.forEach(d -> err.println("warning: " + d));
        out.printf("%s; baseline %s; wrote %s in %d ms%n", set.summaryLine(), set.name(baseline),
                o.out().resolve("README.md"), (System.nanoTime() - t0) / 1_000_000);
        return EXIT_OK;
    }

    static Options parse(String[] args) throws UsageError {
        Path out = Path.of(DEFAULT_OUT);
        String baseline = null;
        double alpha = Comparison.DEFAULT_ALPHA;
        Comparison.Test test = Comparison.Test.UTEST;
        boolean charts = true;
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
                case "--test": {
                    String v = value != null ? value : next(args, ++i, a);
                    test = Comparison.Test.parse(v);
                    if (test == null) {
                        throw new UsageError("--test: unknown test \"" + v + "\" (use utest or welch)");
                    }
                    break;
                }
                case "--no-charts":
                    charts = false;
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
        return new Options(out, baseline, alpha, test, charts, inputs);
    }

    private static String next(String[] args, int i, String option) throws UsageError {
        if (i >= args.length) {
            throw new UsageError(option + " needs a value");
        }
        return args[i];
    }
}
