package dev.nettune.run.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * @param profile    smoke, quick or full
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
 * @param help       print HELP and stop
 */
public record SuiteOptions(Profile profile, String jvms, String variants, String include, boolean skip,
                           List<String> jmhArgs, Path results, Path analysis, String baseline, boolean ignoreLock,
                           boolean dryRun, Integer blocks, Double ci, Integer maxBlocks, Long seed, String resume,
                           String selfCheck, String runs, String filter, Double failOnRegression, List<String> placements,
                           boolean help) {

    /** Option names accepted, in help order. */
    public static final List<String> NAMES = List.of("profile", "jvms", "selfCheck", "variants", "placements", "include", "jmh", "blocks",
            "ci", "maxBlocks", "seed", "resume", "skip", "results", "analysis", "baseline", "runs", "filter",
            "failOnRegression", "ignoreLock", "dryRun");

    /** Maven property prefix of every option: {@code -Dnettune.profile=quick}. */
    public static final String PROPERTY_PREFIX = "nettune.";

    /**
     * nettune.* properties that are not suite options but are legitimately set: the pom's runner
     * flag, the runner's launcher marker, and the files and limits the benchmarks themselves read.
     */
    static final Set<String> OTHER_PROPERTIES = Set.of("runnerJvmArg", "launcher",
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

    public static final String HELP = String.join("\n",
            "nettune suite runner: runs every benchmark point in randomized interleaved blocks on every JVM of the",
            "matrix (a block = one fork of the point on each JVM, in a shuffled order), then the analysis.",
            "",
            "  mvn verify [-Dnettune.<option>=VALUE ...]",
            "  java -cp target/benchmarks.jar dev.nettune.run.Suite [--<option>=VALUE ...]",
            "",
            "Options (Maven property nettune.X = --X):",
            "  profile=smoke|quick|full  default quick. smoke: every class, 1-2 points, " + Profile.SMOKE.blocks + " blocks, under target/;",
            "                            quick: a few points per family, " + Profile.QUICK.blocks + " blocks, ~10 min per JVM on 2 cores;",
            "                            full: the whole @Param grid, " + Profile.FULL.blocks + " blocks of longer forks (days).",
            "  jvms=LIST                 comma-separated JAVA_HOMEs, label=JAVA_HOME, or feature numbers (17,25) of",
            "                            discovered JDKs; one JDK twice only with two labels (a=17,b=17: an A/A run).",
            "                            Default: the JDK running Maven plus every JDK 17+ in JAVA_HOME, JAVA<N>_HOME,",
            "                            /usr/lib/jvm/*, ~/.sdkman/candidates/java/*.",
            "  selfCheck=JDK             A/A self-check: this JDK (17 or a JAVA_HOME) twice, as jdk17-a and jdk17-b,",
            "                            through the same schedule; the report's share of flagged rows should be <= 5%.",
            "                            Not together with jvms.",
            "  variants=LIST             extra matrix columns: built-in " + String.join(", ", Variant.BUILT_IN.keySet()),
            "                            or name:jdks:spec (jdks *, 17, 13-17, 22+; spec: JVM flags and/or",
            "                            taskset=CPUS), separated by ';'. E.g. plainsocket;cpu0;par:21+:-XX:+UseParallelGC",
            "  placements=LIST           where the server runs, for the benchmarks that take a placement (RoundTrip,",
            "                            SingleConnectionLatency, SocketBufferStream, ConnectionReuse); comma-separated:",
            "                            inprocess (the default), process (a server JVM of its own, loopback), netns (that JVM",
            "                            in a network namespace over veth, MTU 1500; root), netns:rate=1gbit (tc tbf both ways),",
            "                            netns:delay=5ms (tc netem, where the kernel has it), remote=HOST:PORT (a server you",
            "                            started: java -cp benchmarks.jar dev.nettune.server.Main). A point whose placement",
            "                            cannot be had here is skipped with the reason. Other benchmarks stay in process.",
            "  include=REGEX             run only benchmarks whose Class.method matches (find). Default: all.",
            "  jmh=\"ARGS\"                extra JMH options, e.g. \"-prof gc\", \"-i 5 -r 2s\" (override the profile's fork),",
            "                            \"-p payload=64\" (a @Param of a selected benchmark, with a value it accepts).",
            "                            Not allowed: -f (use blocks), -e and benchmark patterns (use include),",
            "                            -rf/-rff/-o/-jvm (set by the suite).",
            "  blocks=N                  blocks per point (>= 1), overriding the profile's; 1 block cannot test",
            "                            a difference between JVMs.",
            "  ci=FRACTION               adaptive stopping: add blocks to a point until every JVM's paired 95% interval",
            "                            half-width is at most this (0.03 or 3%; in (0, 0.5]), up to maxBlocks.",
            "  maxBlocks=N               with ci only: cap on blocks per point (>= blocks). Default "
                    + DEFAULT_MAX_BLOCKS_FACTOR + " x blocks.",
            "  seed=N                    seed of the block order (a 64-bit integer). Default: a fresh one, printed",
            "                            and recorded in run.json, so any run's order can be repeated.",
            "  resume=RUNID              continue the interrupted run <results>/RUNID (its run.json not complete; a",
            "                            run.json left 'running' by a runner that is gone counts as interrupted).",
            "                            A smoke run is found under target/ without naming the profile. A block the",
            "                            interruption cut runs again whole. The hint printed when a run stops names",
            "                            every option it needs.",
            "  skip=true                 run no benchmark; regenerate the report from existing results.",
            "  results=DIR               raw results root. Default bench-results (smoke: target/bench-results-smoke).",
            "  analysis=DIR              report directory. Default analysis (smoke: target/analysis-smoke).",
            "  baseline=LABEL            JVM label the report compares against: a JVM of this run's matrix.",
            "  runs=ID,ID                report: other runs (folders under results) to compare with this one.",
            "  filter=EXPR               report: rows to keep. Terms separated by spaces, all must hold: param=v1,v2",
            "                            (a parameter's value) or a regular expression found in Class.method,",
            "                            e.g. 'RoundTrip connections=16,256'.",
            "  failOnRegression=PCT      report: fail the run (exit 1, as a failed fork; Analyze run alone exits 4) when",
            "                            a row is significantly worse than its baseline by more than this (5% or 0.05;",
            "                            in (0, 1)).",
            "  ignoreLock=true           run although another JMH run holds /tmp/jmh.lock (results then share",
            "                            CPUs). Default: wait for the other run, then count the point as failed.",
            "  dryRun=true               validate everything, print the plan, run nothing (under Maven: compile and",
            "                            package, but compile and run no test).",
            "",
            "Exit status: 0 done; 1 a benchmark point failed, the run was interrupted, the analysis failed or the",
            "regression gate failed (all results still written);",
            "2 bad input (one line naming the option, before any benchmark runs; under Maven before compilation).");

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
                ci, maxBlocks, seed, resume, selfCheck, runs, filter, failOnRegression, placements, help);
    }

    /** Parses {@code --name=value} arguments and checks each value on its own and in combination. */
    public static SuiteOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return new SuiteOptions(Profile.QUICK, null, null, null, false, List.of(), Path.of(Profile.DEFAULT_RESULTS),
                        Path.of(Profile.DEFAULT_ANALYSIS), null, false, false, null, null, null, null, null, null, null, null, null,
                        List.of(), true);
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new UsageException("unexpected argument '" + arg + "': options are --name=value (see --help)");
            }
            String name = arg.substring(2, eq);
            if (!NAMES.contains(name)) {
                throw new UsageException("unknown option --" + name + suggestion(name) + "; valid: " + String.join(", ", NAMES));
            }
            String value = arg.substring(eq + 1).trim();
            if (!value.isEmpty()) {
                values.put(name, value);
            }
        }
        Profile profile = Profile.parse(values.getOrDefault("profile", Profile.QUICK.id()));
        Integer blocks = atLeast(values, "blocks", 1, "blocks per point");
        Double ci = fraction(values, "ci");
        if (ci != null && !(ci > 0 && ci <= MAX_CI)) {
            throw new UsageException("nettune.ci: '" + values.get("ci") + "' must be in (0, " + MAX_CI
                    + "]: the 95% interval half-width to stop at, e.g. 0.03 or 3%");
        }
        Integer maxBlocks = atLeast(values, "maxBlocks", 1, "blocks per point");
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
        Double failOnRegression = fraction(values, "failOnRegression");
        if (failOnRegression != null && !(failOnRegression > 0 && failOnRegression < 1)) {
            throw new UsageException("nettune.failOnRegression: '" + values.get("failOnRegression")
                    + "' must be a change in (0, 1), e.g. 5% or 0.05");
        }
        String selfCheck = values.get("selfCheck");
        if (selfCheck != null) {
            if (values.containsKey("jvms")) {
                throw new UsageException("nettune.selfCheck: '" + selfCheck + "' names its own JDK; not together with nettune.jvms='"
                        + values.get("jvms") + "' (for labels of your own: -Dnettune.jvms=a=17,b=17)");
            }
            if (selfCheck.contains(",") || selfCheck.contains("=")) {
                throw new UsageException("nettune.selfCheck: '" + selfCheck + "' is not one JDK; give a feature number or a JAVA_HOME, e.g. 17");
            }
        }
        String resume = values.get("resume");
        if (resume != null && !RUN_ID.matcher(resume).matches()) {
            throw new UsageException("nettune.resume: '" + resume + "' is not a run id; give the folder name under the results root,"
                    + " e.g. 2026-11-30T10-00-00Z-quick");
        }
        String runs = values.get("runs");
        if (runs != null) {
            runIds(runs);
        }
        String filter = values.get("filter");
        if (filter != null) {
            checkFilter(filter);
        }
        List<String> placements = placements(values.get("placements"));
        return new SuiteOptions(profile, values.get("jvms"), values.get("variants"), values.get("include"),
                bool(values, "skip"), tokenize(values.getOrDefault("jmh", "")),
                Path.of(values.getOrDefault("results", profile.defaultResults)),
                Path.of(values.getOrDefault("analysis", profile.defaultAnalysis)),
                values.get("baseline"), bool(values, "ignoreLock"), bool(values, "dryRun"),
                blocks, ci, maxBlocks, longValue(values, "seed"), resume, selfCheck, runs, filter, failOnRegression, placements, false);
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
            if (!e.getKey().startsWith(PROPERTY_PREFIX)) {
                continue;
            }
            String name = e.getKey().substring(PROPERTY_PREFIX.length());
            if (NAMES.contains(name)) {
                args.add("--" + name + "=" + e.getValue());
            } else if (!OTHER_PROPERTIES.contains(name)) {
                throw new UsageException(e.getKey() + ": no such option" + suggestion(name) + "; options: " + String.join(", ", NAMES));
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

    /** ", did you mean X?" for a name close to an option, else "". */
    static String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String n : NAMES) {
            int d = distance(name.toLowerCase(Locale.ROOT), n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = n;
                bestDistance = d;
            }
        }
        return bestDistance <= 2 ? " (did you mean " + best + "?)" : "";
    }

    /** Levenshtein distance, for suggestions. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static boolean bool(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new UsageException("nettune." + name + ": '" + v + "' is not true or false");
    }

    private static Integer atLeast(Map<String, String> values, String name, int min, String what) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("nettune." + name + ": '" + v + "' is not a whole number (" + what + ")");
        }
        if (n < min) {
            throw new UsageException("nettune." + name + ": '" + v + "' must be at least " + min + " (" + what + ")");
        }
        return n;
    }

    private static Long longValue(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException("nettune." + name + ": '" + v + "' is not a whole number that fits 64 bits");
        }
    }

    /** "5%" or "0.05" as a fraction; null when unset. */
    private static Double fraction(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            double d = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100 : Double.parseDouble(v);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException(v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("nettune." + name + ": '" + v + "' is not a number or a percentage (e.g. 0.05 or 5%)");
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
