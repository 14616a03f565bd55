package dev.nettune.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SuiteOptions are the suite runner's command-line options, one {@code --name=value} per Maven
 * property {@code -Dnettune.name=value}; an empty value means "not set" (Maven passes every
 * property, set or not). {@link #HELP} documents them.
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
 * @param blocks     blocks per point, overriding the profile's; null for the profile's
 * @param ci         adaptive stopping: add blocks to a point until every comparison's 95% interval
 *                   half-width is at most this (e.g. 0.03); null for a fixed number of blocks
 * @param maxBlocks  cap on blocks per point under adaptive stopping; null for the default
 * @param seed       seed of the block order shuffle; null for a fresh one (always recorded)
 * @param resume     run id of an interrupted run to continue; null to start a new run
 * @param selfCheck  A/A self-check: a JDK (as in jvms) run under two labels; null when not asked
 * @param runs       report: run ids to include in the overview report; null for all
 * @param filter     report: benchmark/parameter filter expression; null for none
 * @param failOnRegression report: fail (exit 1) when a row is significantly worse than its baseline
 *                   by more than this fraction (e.g. 0.05); null to never fail on results
 * @param help       print HELP and stop
 */
public record SuiteOptions(Profile profile, String jvms, String variants, String include, boolean skip,
                           List<String> jmhArgs, Path results, Path analysis, String baseline, boolean ignoreLock,
                           boolean dryRun, Integer blocks, Double ci, Integer maxBlocks, Long seed, String resume,
                           String selfCheck, String runs, String filter, Double failOnRegression, boolean help) {

    /** Option names accepted, in help order. */
    static final List<String> NAMES = List.of("profile", "jvms", "variants", "include", "skip", "jmh", "results",
            "analysis", "baseline", "ignoreLock", "dryRun", "blocks", "ci", "maxBlocks", "seed", "resume", "selfCheck", "runs", "filter", "failOnRegression");

    public static final String HELP = String.join("\n",
            "nettune suite runner: runs every benchmark on every JVM of the matrix, then the analysis.",
            "",
            "  mvn verify [-Dnettune.<option>=VALUE ...]",
            "  java -cp target/benchmarks.jar dev.nettune.run.Suite [--<option>=VALUE ...]",
            "",
            "Options (Maven property nettune.X = --X):",
            "  profile=smoke|quick|full  default quick. smoke: every benchmark once, briefly (CI), results under",
            "                            target/; quick: the documented subset, <= ~10 min per JVM on 2 cores;",
            "                            full: " + Profile.FULL.blocks + " blocks x (" + Profile.FULL.warmupIterations + " warmup + "
                    + Profile.FULL.measurementIterations + " measurement) s, publication grade.",
            "  jvms=LIST                 comma-separated JAVA_HOMEs, label=JAVA_HOME, or feature numbers (17,25) of",
            "                            discovered JDKs. Default: the JDK running Maven plus every JDK 17+ in",
            "                            JAVA_HOME, JAVA<N>_HOME, /usr/lib/jvm/*, ~/.sdkman/candidates/java/*.",
            "  variants=LIST             extra matrix columns: built-in " + String.join(", ", Variant.BUILT_IN.keySet()),
            "                            or name:jdks:spec (jdks *, 17, 13-17, 22+; spec: JVM flags and/or",
            "                            taskset=CPUS), separated by ';'. E.g. plainsocket;cpu0;par:21+:-XX:+UseParallelGC",
            "  include=REGEX             run only benchmarks whose Class.method matches (find). Default: all.",
            "  skip=true                 run no benchmark; regenerate the report from existing results.",
            "  jmh=\"ARGS\"                extra JMH options, e.g. \"-prof gc\" or \"-p payload=64 -i 5\" (override the profile).",
            "  results=DIR               raw results root. Default bench-results (smoke: target/bench-results-smoke).",
            "  analysis=DIR              report directory. Default analysis (smoke: target/analysis-smoke).",
            "  baseline=LABEL            JVM label the report compares against (analysis default when unset).",
            "  ignoreLock=true           run although another JMH run holds /tmp/jmh.lock (results then share",
            "                            CPUs). Default: wait up to " + Suite.duration(Suite.LOCK_WAIT_SECONDS) + " for it, then count the class as failed.",
            "  dryRun=true               validate everything, print the plan, run nothing.",
            "",
            "Exit status: 0 done; 1 a benchmark point failed or the analysis failed (all results still written);",
            "2 bad input (reported before any benchmark runs).");

    /** Parses {@code --name=value} arguments. */
    public static SuiteOptions parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return new SuiteOptions(Profile.QUICK, null, null, null, false, List.of(), Path.of(Suite.DEFAULT_RESULTS),
                        Path.of(Suite.DEFAULT_ANALYSIS), null, false, false, null, null, null, null, null, null, null, null, null, true);
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new UsageException("unexpected argument '" + arg + "': options are --name=value (see --help)");
            }
            String name = arg.substring(2, eq);
            if (!NAMES.contains(name)) {
                throw new UsageException("unknown option --" + name + "; valid: " + String.join(", ", NAMES) + " (see --help)");
            }
            String value = arg.substring(eq + 1).trim();
            if (!value.isEmpty()) {
                values.put(name, value);
            }
        }
        Profile profile = Profile.parse(values.getOrDefault("profile", Profile.QUICK.id()));
        return new SuiteOptions(profile, values.get("jvms"), values.get("variants"), values.get("include"),
                bool(values, "skip"), tokenize(values.getOrDefault("jmh", "")),
                Path.of(values.getOrDefault("results", profile.defaultResults)),
                Path.of(values.getOrDefault("analysis", profile.defaultAnalysis)),
                values.get("baseline"), bool(values, "ignoreLock"), bool(values, "dryRun"),
                integer(values, "blocks"), decimal(values, "ci"), integer(values, "maxBlocks"),
                values.containsKey("seed") ? Long.valueOf(integer(values, "seed")) : null, values.get("resume"),
                values.get("selfCheck"), values.get("runs"), values.get("filter"), percent(values, "failOnRegression"),
                false);
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

    private static Integer integer(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new UsageException("nettune." + name + ": '" + v + "' is not a whole number");
        }
    }

    private static Double decimal(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new UsageException("nettune." + name + ": '" + v + "' is not a number");
        }
    }

    /** "5%" or "0.05" as a fraction; null when unset. */
    private static Double percent(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("nettune." + name + ": '" + v + "' is not a percentage (e.g. 5%)");
        }
    }

    /** Splits a shell-like argument string on whitespace, honouring single and double quotes. */
    static List<String> tokenize(String s) {
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
