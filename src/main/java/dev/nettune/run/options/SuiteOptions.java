package dev.nettune.run.options;

import dev.nettune.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SuiteOptions are the suite runner's command-line options, one {@code --name=value} per Maven
 * property {@code -Dnettune.name=value}; an empty value means "not set" (Maven passes every
 * property, set or not). {@link #HELP} documents them.
 *
 * <p>{@link #parse} checks everything that needs nothing but the values themselves (numbers and
 * their ranges, combinations, the syntax of lists and expressions) and throws a
 * {@link UsageException} naming the property and the value. What needs the file system, the JDKs or
 * the benchmark list is checked by {@link Preflight}.
 *
 * @param profile    smoke, quick, full or scale
 * @param jvms       -Dnettune.jvms value, or null to discover
 * @param variants   -Dnettune.variants value, or null for none
 * @param include    benchmark regex, or null for all
 * @param skip       skip the benchmarks; only regenerate the report from existing results
 * @param jmhArgs    extra JMH command-line options
 * @param results    raw results root
 * @param analysis   report directory
 * @param baseline   label the report compares against, or null for the analysis default
 * @param ignoreLock run even when another JMH holds /tmp/jmh.lock
 * @param dryRun     print the plan and stop
 * @param blocks     blocks per point (at least 1), overriding the profile's; null for the profile's
 * @param ci         adaptive stopping: add blocks to a point until every comparison's 95% interval
 *                   half-width is at most this fraction, in (0, 0.5]; null for a fixed number of blocks
 * @param maxBlocks  cap on blocks per point under adaptive stopping (at least the starting blocks);
 *                   null for {@link #DEFAULT_MAX_BLOCKS_FACTOR} × the starting blocks; only with ci
 * @param seed       seed of the block order shuffle; null for a fresh one (always recorded)
 * @param resume     run id (a folder under results) of an interrupted run to continue; null to start a new run
 * @param selfCheck  A/A self-check: a JDK (a feature number or a JAVA_HOME, as in jvms) run under
 *                   two labels; null when not asked; never together with jvms
 * @param runs       report: comma-separated run ids to include besides this run; null for none
 * @param filter     report: filter expression ({@link #FILTER_SYNTAX}); null for none
 * @param failOnRegression report: fail (exit 1) when a row is significantly worse than its baseline
 *                   by more than this fraction, in (0, 1); null to never fail on results
 * @param placements server placements ({@link dev.nettune.placement.Placement}) for the benchmarks
 *                   that take one, replacing their profile's; empty when not set
 * @param counters   which forks record per-operation counters; null when not given ({@link #countersMode()})
 * @param explain    flame graphs after the run: {@code flagged}, {@code all} or {@code none}; null when not given
 *                   ({@link #explainMode()})
 * @param help       print HELP and stop
 */
public record SuiteOptions(Profile profile, String jvms, String variants, String include, boolean skip,
                           List<String> jmhArgs, Path results, Path analysis, String baseline, boolean ignoreLock,
                           boolean dryRun, Integer blocks, Double ci, Integer maxBlocks, Long seed, String resume,
                           String selfCheck, String runs, String filter, Double failOnRegression, List<String> placements,
                           CountersMode counters, String explain, boolean help) {

    /** Maven property prefix of every option: {@code -Dnettune.profile=quick}. */
    public static final String PROPERTY_PREFIX = "nettune.";

    /**
     * nettune.* properties that are not suite options but are legitimately set: the pom's runner
     * flag, the runner's launcher marker, the pom's calibration switch (it sets profile, blocks, jmh,
     * results and analysis, which are checked as such), and the files and limits the benchmarks read.
     */
    static final Set<String> OTHER_PROPERTIES = Set.of("runnerJvmArg", "launcher", "calibrate",
            dev.nettune.results.ResultFiles.SOCKOPTS_PROPERTY.substring(PROPERTY_PREFIX.length()),
            dev.nettune.results.ResultFiles.SKIPS_PROPERTY.substring(PROPERTY_PREFIX.length()),
            dev.nettune.results.ResultFiles.REUSE_PROPERTY.substring(PROPERTY_PREFIX.length()), "buffers.stallSeconds");

    /** Without -Dnettune.maxBlocks, adaptive stopping may grow a point to this many times its starting blocks. */
    public static final int DEFAULT_MAX_BLOCKS_FACTOR = 4;
    /** Largest adaptive-stopping target: a half-width above 50% would stop at once and mean nothing. */
    public static final double MAX_CI = 0.5;

    /** The filter grammar, for messages and help. */
    static final String FILTER_SYNTAX = "terms separated by spaces, all must hold: param=v1,v2 (a parameter value)"
            + " or a regular expression found in Class.method";

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern PARAM_TERM = Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)=(.*)");

    /** Option names accepted, in help order (the order of {@link Options}' fields). */
    public static final List<String> NAMES = commandLine(new Options()).getCommandSpec().options().stream()
            .filter(o -> !o.usageHelp()).map(o -> o.longestName().substring(2)).toList();

    /** The help, made from {@link Options}. */
    public static final String HELP = Cli.help(commandLine(new Options())).stripTrailing();

    /**
     * These options for continuing a run made with {@code runProfile} found in {@code runResults}: the
     * profile becomes the run's, and the results and report folders that were left at their default
     * follow the run's profile (a smoke run resumed without naming its profile still reports under
     * target/, never into the committed overview).
     */
    public SuiteOptions forRun(Profile runProfile, Path runResults) {
        Path res = results.equals(Path.of(profile.defaultResults))
                && runResults.toAbsolutePath().normalize().equals(Path.of(runProfile.defaultResults).toAbsolutePath().normalize())
                ? Path.of(runProfile.defaultResults) : results;
        Path ana = analysis.equals(Path.of(profile.defaultAnalysis)) ? Path.of(runProfile.defaultAnalysis) : analysis;
        return new SuiteOptions(runProfile, jvms, variants, include, skip, jmhArgs, res, ana, baseline, ignoreLock, dryRun, blocks,
                ci, maxBlocks, seed, resume, selfCheck, runs, filter, failOnRegression, placements, counters, explain, help);
    }

    /** Which points get flame graphs after the run ({@link #EXPLAIN_MODES}): as given, else flagged. */
    public String explainMode() {
        return explain != null ? explain : EXPLAIN_DEFAULT;
    }

    /** The values of {@code -Dnettune.explain}. */
    public static final List<String> EXPLAIN_MODES = List.of("flagged", "all", "none");
    /**
     * The default: a flagged row is what a user asks "why" about, and profiling it costs a fork per JVM
     * after the score is made, never inside it; {@code all} profiles every point.
     */
    public static final String EXPLAIN_DEFAULT = "flagged";

    /** The counters mode given, else {@link CountersMode#DEFAULT}. */
    public CountersMode countersMode() {
        return counters != null ? counters : CountersMode.DEFAULT;
    }

    /**
     * Parses {@code --name=value} arguments and checks each value on its own and in combination. A
     * blank value means "not set" and values are trimmed, as Maven passes {@code --name=${nettune.name}}
     * for every option, set or not; given twice, the last value counts.
     */
    public static SuiteOptions parse(String... args) {
        Options o = new Options();
        CommandLine cl = commandLine(o);
        try {
            Cli.parseOrThrow(cl, given(args));
        } catch (Cli.UsageError e) {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                return parse("--help"); // the help wins over bad values, as it always did
            }
            throw new UsageException(e.getMessage());
        }
        return o.options(cl.isUsageHelpRequested());
    }

    /** The suite's command line: {@link Options} under {@link Cli}'s conventions. */
    static CommandLine commandLine(Options o) {
        CommandLine cl = Cli.commandLine(o);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setResourceBundle(new HelpValues());
        cl.getCommandSpec().usageMessage().synopsisHeading("").optionListHeading("Options (Maven property nettune.X = --X):%n");
        return cl;
    }

    /** {@code args} without the options whose value is blank, each value trimmed. */
    private static String[] given(String... args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                String value = arg.substring(eq + 1).trim();
                if (!value.isEmpty()) {
                    out.add(arg.substring(0, eq + 1) + value);
                }
            } else {
                out.add(arg);
            }
        }
        return out.toArray(new String[0]);
    }

    /**
     * The values of the help that come from the code (the profiles' blocks, the built-in variants),
     * for {@code ${bundle:key}} in {@link Options}' descriptions.
     */
    static final class HelpValues extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {
                {"smoke.blocks", String.valueOf(Profile.SMOKE.blocks)},
                {"quick.blocks", String.valueOf(Profile.QUICK.blocks)},
                {"full.blocks", String.valueOf(Profile.FULL.blocks)},
                {"scale.blocks", String.valueOf(Profile.SCALE.blocks)},
                {"variants.builtIn", String.join(", ", Variant.BUILT_IN.keySet())},
                {"counters.why", COUNTERS_WHY},
            };
        }
    }

    /**
     * Options is the suite's command line as picocli fills it: one field per option, with its value
     * label, its help and its conversion; {@link #check} makes the checks that need more than one
     * value or a grammar of their own.
     */
    @Command(name = "dev.nettune.run.Suite", header = {
        "nettune suite runner: runs every benchmark point in randomized interleaved blocks on every JVM of the"
            + " matrix (a block = one fork of the point on each JVM, in a shuffled order), then the analysis.", ""},
            customSynopsis = {
                "  mvn verify [-Dnettune.<option>=VALUE ...]",
                "  java -cp target/benchmarks.jar dev.nettune.run.Suite [--<option>=VALUE ...]"},
            footer = {
                "Exit status: 0 done; 1 a benchmark point failed, the run was interrupted, the analysis failed or the",
                "regression gate failed (all results still written);",
                "2 bad input (one line naming the option, before any benchmark runs; under Maven before compilation)."})
    static final class Options implements Cli.Checked, Cli.PropertyNamed {
        @Option(names = "--profile", paramLabel = "smoke|quick|full|scale", defaultValue = "quick", converter = ProfileValue.class,
                description = {"default ${DEFAULT-VALUE}. smoke: every class, 1-2 points, ${bundle:smoke.blocks} blocks, under target/;",
                    "quick: a few points per family, ${bundle:quick.blocks} blocks, ~18 min per JVM on 2 cores (the plan prints its estimate);",
                    "full: the whole @Param grid, ${bundle:full.blocks} blocks of longer forks (days);",
                    "scale: the I/O models at 1,000-10,000 connections, the server in a JVM of its own, ${bundle:scale.blocks} blocks."})
        Profile profile;
        @Option(names = "--jvms", paramLabel = "LIST", description = {
            "comma-separated JAVA_HOMEs, label=JAVA_HOME, or feature numbers (17,25) of discovered JDKs; one JDK"
                + " twice only with two labels (a=17,b=17: an A/A run).",
            "Default: the JDK running Maven plus every JDK 17+ in JAVA_HOME, JAVA<N>_HOME, /usr/lib/jvm/*,"
                + " ~/.sdkman/candidates/java/*."})
        String jvms;
        @Option(names = "--selfCheck", paramLabel = "JDK", description = {
            "A/A self-check: this JDK (17 or a JAVA_HOME) twice, as jdk17-a and jdk17-b, through the same schedule;"
                + " the report's share of flagged rows should be <= 5%%. Not together with jvms."})
        String selfCheck;
        @Option(names = "--variants", paramLabel = "LIST", description = {
            "extra matrix columns: built-in ${bundle:variants.builtIn} or name:jdks:spec (jdks *, 17, 13-17, 22+;"
                + " spec: JVM flags and/or taskset=CPUS), separated by ';'. E.g. plainsocket;cpu0;par:21+:-XX:+UseParallelGC"})
        String variants;
        @Option(names = "--placements", paramLabel = "LIST", description = {
            "where the server runs, for the benchmarks that take a placement (RoundTrip, SingleConnectionLatency,"
                + " SocketBufferStream, ConnectionReuse, ConnectionScaling, OpenLoopLatency); comma-separated: inprocess (the default), process (a server JVM"
                + " of its own, loopback), netns (that JVM in a network namespace over veth, MTU 1500; root),"
                + " netns:rate=1gbit (tc tbf both ways), netns:delay=5ms (tc netem, where the kernel has it),"
                + " remote=HOST:PORT (a server you started: java -cp benchmarks.jar dev.nettune.server.Main).",
            "A point whose placement cannot be had here is skipped with the reason. Other benchmarks stay in process."})
        String placements;
        @Option(names = "--counters", paramLabel = "extra|every|off", converter = CountersValue.class, description = {
            "per-operation counters (syscalls by name, context switches, user/system CPU, allocation; perf's perfnorm with"
                + " syscall tracepoints where perf and tracefs are there, else /proc, and JMH's gc): extra runs"
                + " one more fork per JVM per block that counts, recorded as role \"counters\" in forks.jsonl, and keeps"
                + " the profilers out of the forks that make the score; every counts in every fork; off (the default) counts nothing.",
            "Default off because ${bundle:counters.why}. The run prints and records in run.json what is counted and"
                + " what is missing, and why."})
        CountersMode counters;
        @Option(names = "--explain", paramLabel = "flagged|all|none", description = {
            "flame graphs after the run and its analysis (async-profiler, CPU, wall clock and allocation; one JMH fork per"
                + " JVM and point, outside the score): flagged (the default: the rows the report flags better or worse),"
                + " all (every point), none. Written to <run>/explain/index.html with a differential graph per pair of"
                + " JVMs; a point the profiler cannot serve is recorded with its reason and never fails the run."})
        String explain;
        @Option(names = "--include", paramLabel = "REGEX",
                description = "run only benchmarks whose Class.method matches (find). Default: all.")
        String include;
        @Option(names = "--jmh", paramLabel = "\"ARGS\"", description = {
            "extra JMH options, e.g. \"-prof gc\", \"-i 5 -r 2s\" (override the profile's fork), \"-p payload=64\""
                + " (a @Param of a selected benchmark, with a value it accepts).",
            "A -wi overrides every class's warm-up, its profile file's <profile>.@warmup included.",
            "Not allowed: -f (use blocks), -e and benchmark patterns (use include), -rf/-rff/-o/-jvm (set by the suite)."})
        String jmh;
        @Option(names = "--blocks", paramLabel = "N", converter = BlocksValue.class, description =
                "blocks per point (>= 1), overriding the profile's; 1 block cannot test a difference between JVMs.")
        Integer blocks;
        @Option(names = "--ci", paramLabel = "FRACTION", converter = CiValue.class, description =
                "adaptive stopping: add blocks to a point until every JVM's paired 95%% interval half-width is at most"
                + " this (0.03 or 3%%; in (0, 0.5]), up to maxBlocks.")
        Double ci;
        @Option(names = "--maxBlocks", paramLabel = "N", converter = BlocksValue.class, description =
                "with ci only: cap on blocks per point (>= blocks). Default " + DEFAULT_MAX_BLOCKS_FACTOR + " x blocks.")
        Integer maxBlocks;
        @Option(names = "--seed", paramLabel = "N", converter = SeedValue.class, description =
                "seed of the block order (a 64-bit integer). Default: a fresh one, printed and recorded in run.json,"
                + " so any run's order can be repeated.")
        Long seed;
        @Option(names = "--resume", paramLabel = "RUNID", description = {
            "continue the interrupted run <results>/RUNID (its run.json not complete; a run.json left 'running' by a"
                + " runner that is gone counts as interrupted). A smoke run is found under target/ without naming the"
                + " profile. A block the interruption cut runs again whole. The hint printed when a run stops names"
                + " every option it needs."})
        String resume;
        @Option(names = "--skip", paramLabel = "true", arity = "1", converter = BooleanValue.class,
                description = "run no benchmark; regenerate the report from existing results.")
        boolean skip;
        @Option(names = "--results", paramLabel = "DIR", description =
                "raw results root. Default " + Profile.DEFAULT_RESULTS + " (smoke: target/bench-results-smoke).")
        Path results;
        @Option(names = "--analysis", paramLabel = "DIR", description =
                "report directory. Default " + Profile.DEFAULT_ANALYSIS + " (smoke: target/analysis-smoke).")
        Path analysis;
        @Option(names = "--baseline", paramLabel = "LABEL",
                description = "JVM label the report compares against: a JVM of this run's matrix.")
        String baseline;
        @Option(names = "--runs", paramLabel = "ID,ID",
                description = "report: other runs (folders under results) to compare with this one.")
        String runs;
        @Option(names = "--filter", paramLabel = "EXPR", description = {
            "report: rows to keep. Terms separated by spaces, all must hold: param=v1,v2 (a parameter's value) or a"
                + " regular expression found in Class.method, e.g. 'RoundTrip connections=16,256'."})
        String filter;
        @Option(names = "--failOnRegression", paramLabel = "PCT", converter = FailOnRegressionValue.class, description = {
            "report: fail the run (exit 1, as a failed fork; Analyze run alone exits 4) when a row is significantly"
                + " worse than its baseline by more than this (5%% or 0.05; in (0, 1))."})
        Double failOnRegression;
        @Option(names = "--ignoreLock", paramLabel = "true", arity = "1", converter = BooleanValue.class, description =
                "run although another JMH run holds /tmp/jmh.lock (results then share CPUs). Default: wait for the"
                + " other run, then count the point as failed.")
        boolean ignoreLock;
        @Option(names = "--dryRun", paramLabel = "true", arity = "1", converter = BooleanValue.class, description =
                "validate everything, print the plan, run nothing (under Maven: compile and package, but compile and"
                + " run no test).")
        boolean dryRun;

        private List<String> placementList = List.of();
        private List<String> jmhArgs = List.of();

        @Override
        public String propertyPrefix() {
            return PROPERTY_PREFIX;
        }

        @Override
        public void check() {
            if (maxBlocks != null) {
                int start = blocks != null ? blocks : profile.blocks;
                if (ci == null) {
                    throw new UsageException("nettune.maxBlocks: '" + maxBlocks + "' caps adaptive stopping, which only -Dnettune.ci turns on"
                            + "; for a fixed number of blocks use -Dnettune.blocks");
                }
                if (maxBlocks < start) {
                    throw new UsageException("nettune.maxBlocks: '" + maxBlocks + "' is below the " + start + " blocks every point starts with ("
                            + (blocks != null ? "nettune.blocks" : "profile " + profile.id()) + ")");
                }
            }
            if (selfCheck != null) {
                if (jvms != null) {
                    throw new UsageException("nettune.selfCheck: '" + selfCheck + "' names its own JDK; not together with nettune.jvms='"
                            + jvms + "' (for labels of your own: -Dnettune.jvms=a=17,b=17)");
                }
                if (selfCheck.contains(",") || selfCheck.contains("=")) {
                    throw new UsageException("nettune.selfCheck: '" + selfCheck + "' is not one JDK; give a feature number or a JAVA_HOME, e.g. 17");
                }
            }
            if (resume != null && !RUN_ID.matcher(resume).matches()) {
                throw new UsageException("nettune.resume: '" + resume + "' is not a run id; give the folder name under the results root,"
                        + " e.g. 2026-11-30T10-00-00Z-quick");
            }
            if (runs != null) {
                runIds(runs);
            }
            if (filter != null) {
                checkFilter(filter);
            }
            placementList = placements(placements);
            jmhArgs = tokenize(jmh == null ? "" : jmh);
            if (explain != null && !EXPLAIN_MODES.contains(explain)) {
                throw new UsageException("nettune.explain: '" + explain + "' is not one of " + String.join(", ", EXPLAIN_MODES));
            }
        }

        /** The options as given (after {@link #check}); the folders left unset are the profile's. */
        SuiteOptions options(boolean help) {
            return new SuiteOptions(profile, jvms, variants, include, skip, jmhArgs,
                    results != null ? results : Path.of(profile.defaultResults),
                    analysis != null ? analysis : Path.of(profile.defaultAnalysis),
                    baseline, ignoreLock, dryRun, blocks, ci, maxBlocks, seed, resume, selfCheck, runs, filter, failOnRegression,
                    placementList, counters, explain, help);
        }
    }

    /** Why the counters' default is what it is: the measured cost, with the run that measured it (README, "Counters"). */
    static final String COUNTERS_WHY = "counting in the forks that make the score would bias them, far more than 1 in 100: on"
            + " RoundTrip 64 B a counting fork scored 0.640 [0.587, 0.699] x its block's clean fork (n=40 blocks, JDK 17, run"
            + " 2026-12-04T15-46-32Z-quick in docs/evidence/counters-overhead), on the Selector pair at 1,024 connections 0.951"
            + " [0.870, 1.041] (n=28, 2026-12-04T15-56-30Z-quick); and extra more than doubles a run's time (twice the forks,"
            + " each counting fork also starting perf). Ask for counters on the points you want explained: extra with --include"
            + " or --jmh=-p";

    /** extra, every or off; the message of {@link CountersMode#parse} without the property, which {@link Cli} adds. */
    static final class CountersValue implements ITypeConverter<CountersMode> {
        @Override
        public CountersMode convert(String value) {
            try {
                return CountersMode.parse(value);
            } catch (UsageException e) {
                throw new TypeConversionException(e.getMessage().replaceFirst("^nettune\\.counters: ", ""));
            }
        }
    }

    /** A profile's name; the message of {@link Profile#parse} without the property, which {@link Cli} adds. */
    static final class ProfileValue implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return Profile.parse(value);
            } catch (UsageException e) {
                throw new TypeConversionException(e.getMessage().replaceFirst("^nettune\\.profile: ", ""));
            }
        }
    }

    /** true or false, in any case (Maven users write TRUE). */
    static final class BooleanValue implements ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw new TypeConversionException("'" + value + "' is not true or false");
        }
    }

    /** A number of blocks per point: a whole number, at least 1. */
    static final class BlocksValue implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number (blocks per point)");
            }
            if (n < 1) {
                throw new TypeConversionException("'" + value + "' must be at least 1 (blocks per point)");
            }
            return n;
        }
    }

    /** A 64-bit seed, in decimal. */
    static final class SeedValue implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number that fits 64 bits");
            }
        }
    }

    /** "5%" or "0.05" as a fraction. */
    static double fraction(String value) {
        try {
            double d = value.endsWith("%") ? Double.parseDouble(value.substring(0, value.length() - 1).trim()) / 100
                    : Double.parseDouble(value);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException(value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number or a percentage (e.g. 0.05 or 5%)");
        }
    }

    /** The adaptive-stopping target: a fraction in (0, {@link #MAX_CI}]. */
    static final class CiValue implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = fraction(value);
            if (!(d > 0 && d <= MAX_CI)) {
                throw new TypeConversionException("'" + value + "' must be in (0, " + MAX_CI
                        + "]: the 95% interval half-width to stop at, e.g. 0.03 or 3%");
            }
            return d;
        }
    }

    /** The regression gate: a change in (0, 1). */
    static final class FailOnRegressionValue implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = fraction(value);
            if (!(d > 0 && d < 1)) {
                throw new TypeConversionException("'" + value + "' must be a change in (0, 1), e.g. 5% or 0.05");
            }
            return d;
        }
    }

    /** The placements of a comma-separated list, each checked, in the text form they parse to; empty for null. */
    static List<String> placements(String list) {
        if (list == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : list.split(",")) {
            if (p.isBlank()) {
                throw new UsageException("nettune.placements: '" + list + "' has an empty entry; valid: "
                        + dev.nettune.placement.Placement.FORMS);
            }
            String text;
            try {
                text = dev.nettune.placement.Placement.parse(p.trim()).toString();
            } catch (IllegalArgumentException e) {
                throw new UsageException("nettune.placements: " + e.getMessage());
            }
            if (out.contains(text)) {
                throw new UsageException("nettune.placements: '" + text + "' is listed twice");
            }
            out.add(text);
        }
        return List.copyOf(out);
    }

    /**
     * The options given as {@code nettune.*} properties (Maven's {@code -D} user properties are
     * system properties of Maven's JVM). A {@code nettune.*} property that is no option and none of
     * {@link #OTHER_PROPERTIES} is refused: a typo would otherwise silently run the default.
     */
    public static SuiteOptions fromProperties(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String name = e.getKey().startsWith(PROPERTY_PREFIX) ? e.getKey().substring(PROPERTY_PREFIX.length()) : null;
            if (name != null && !OTHER_PROPERTIES.contains(name)) {
                args.add("--" + name + "=" + e.getValue()); // not an option: picocli refuses it with the closest names
            }
        }
        return parse(args.toArray(new String[0]));
    }

    /** The blocks every point starts with: the option, else the profile's. */
    public int startBlocks() {
        return blocks != null ? blocks : profile.blocks;
    }

    /** The cap on blocks per point under adaptive stopping, or null without it. */
    public Integer blockCap() {
        if (ci == null) {
            return null;
        }
        return maxBlocks != null ? maxBlocks : DEFAULT_MAX_BLOCKS_FACTOR * startBlocks();
    }

    /** The run ids of {@link #runs}, in order; empty when none. */
    public List<String> runIdList() {
        return runs == null ? List.of() : runIds(runs);
    }

    private static List<String> runIds(String runs) {
        List<String> ids = new ArrayList<>();
        for (String id : runs.split(",")) {
            id = id.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (!RUN_ID.matcher(id).matches()) {
                throw new UsageException("nettune.runs: '" + id + "' is not a run id (a folder name under the results root)");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new UsageException("nettune.runs: '" + runs + "' names no run");
        }
        return ids;
    }

    /** Checks {@link #FILTER_SYNTAX}: parameter terms need a name and values, other terms must be regular expressions. */
    static void checkFilter(String filter) {
        for (String term : filter.trim().split("\\s+")) {
            java.util.regex.Matcher m = PARAM_TERM.matcher(term);
            if (m.matches()) {
                if (m.group(2).isBlank() || List.of(m.group(2).split(",", -1)).stream().anyMatch(String::isBlank)) {
                    throw new UsageException("nettune.filter: '" + term + "' has an empty value; " + FILTER_SYNTAX);
                }
                continue;
            }
            try {
                Pattern.compile(term);
            } catch (PatternSyntaxException e) {
                throw new UsageException("nettune.filter: '" + term + "' is neither param=values nor a regular expression ("
                        + e.getDescription() + "); " + FILTER_SYNTAX);
            }
        }
    }

    /** Splits a shell-like argument string on whitespace, honouring single and double quotes. */
    public static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (quote != 0) {
            throw new UsageException("nettune.jmh: unbalanced quote in '" + s + "'");
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }
}
