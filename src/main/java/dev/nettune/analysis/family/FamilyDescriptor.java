package dev.nettune.analysis.family;

import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;

import java.util.List;
import java.util.Map;

/**
 * A FamilyDescriptor is everything the analysis knows about one benchmark family: its title, the
 * benchmarks it owns (by package or class name, as the result files spell them), the questions it
 * answers ({@link Question}) and how its benchmark classes are charted ({@link ChartRule}, plus a
 * few words and labels). Subclasses override what their family has; the defaults describe a family
 * with no question and no chart rule, which the shared machinery charts generically.
 */
public abstract class FamilyDescriptor {

    private final String title;
    private final String slug;
    private final List<String> prefixes;
    private List<Question> questions = List.of();
    private List<String> scoreClasses = List.of();
    private String rateWords;
    private String timeWords;

    /**
     * @param title    heading shown in the report
     * @param slug     short name for files ("model", "buffers", ...); committed reports use it in file names
     * @param prefixes benchmark name prefixes the family owns, each ending in '.': a package
     *                 ({@code "dev.nettune.bench.model."}) or a class ({@code "dev.nettune.bench.RoundTripBenchmark."})
     */
    protected FamilyDescriptor(String title, String slug, String... prefixes) {
        this.title = title;
        this.slug = slug;
        this.prefixes = List.of(prefixes);
    }

    /** Heading shown in the report. */
    public final String title() {
        return title;
    }

    /** A short name for files: "model", "buffers", ... */
    public final String slug() {
        return slug;
    }

    /** True when the fully qualified benchmark name (e.g. {@code dev.nettune.bench.model.X.m}) is under one of this family's prefixes. */
    public boolean owns(String benchmark) {
        return prefixes.stream().anyMatch(benchmark::startsWith);
    }

    /** The benchmark name prefixes the family owns. */
    final List<String> prefixes() {
        return prefixes;
    }

    /** The results of {@code set} that belong to this family, in reading order. */
    public final List<Result> results(ResultSet set) {
        return set.results().stream().filter(r -> Families.of(r.key().benchmark()) == this).toList();
    }

    /** The questions this family answers, in the order the report shows them. */
    public final List<Question> questions() {
        return questions;
    }

    /** Sets the questions this family answers, in report order; a subclass's constructor calls it once. */
    protected final void ask(Question... asked) {
        questions = List.of(asked);
    }

    /**
     * True when each benchmark gets charts of its own; false to draw all of the family's results of
     * one mode and unit in one dot plot (for benchmarks nothing is known about).
     */
    public boolean chartsEachBenchmark() {
        return true;
    }

    /** Chart rules by benchmark class simple name; a class without one gets the generic chart. */
    protected Map<String, ChartRule> chartRules() {
        return Map.of();
    }

    /** The chart rule of a benchmark class of this family (simple name), or null for the generic chart. */
    public final ChartRule chartRule(String benchmarkClass) {
        return chartRules().get(benchmarkClass);
    }

    /**
     * What a benchmark class's primary score counts, in words, e.g. "messages/s" or, for a time
     * ({@code time} true), "time per message"; null for the shared "operations/s".
     */
    public final String scoreWords(String benchmarkClass, boolean time) {
        if (scoreClasses.stream().noneMatch(benchmarkClass::startsWith)) {
            return null;
        }
        return time ? timeWords : rateWords;
    }

    /**
     * Says what the scores of the benchmark classes whose simple names start with one of
     * {@code classPrefixes} count: {@code rate} ("messages/s") for a throughput, {@code time}
     * ("time per message") for a time; a subclass's constructor calls it once.
     */
    protected final void scoresCount(String rate, String time, String... classPrefixes) {
        rateWords = rate;
        timeWords = time;
        scoreClasses = List.of(classPrefixes);
    }

    /** A chart line's label for values of {@code params} (e.g. "SELECTOR client × BLOCKING server"), or null for "k=v k=v". */
    public String seriesLabel(List<String> params, List<String> values) {
        return null;
    }

    /** A chart panel's title for values of {@code params} (e.g. "K = 16 × S = 64 B"), or null for "k = v, k = v". */
    public String panelTitle(List<String> params, List<String> values) {
        return null;
    }

    /** A dot plot row's label for values of {@code params}, or null for "k=v k=v". */
    public String rowLabel(List<String> params, List<String> values) {
        return null;
    }

    /**
     * Why a point of this family is known to scatter widely from fork to fork on {@code result}'s JVM,
     * in one sentence, or null when no cause is known (the default). Called only for results whose
     * fork scores are erratic ({@link dev.nettune.analysis.compare.Steadiness}).
     */
    public String erraticCause(Result result) {
        return null;
    }

    @Override
    public String toString() {
        return title;
    }
}
