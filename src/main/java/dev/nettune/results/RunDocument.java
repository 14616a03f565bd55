package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A RunDocument is a run's {@value ResultFiles#RUN}: its plan, method, environment and status,
 * rewritten by the suite runner (run/) as the run goes, read back by it on resume and by the
 * analysis ({@code analysis.read.RunMetadataReader}). Pretty-printed by Jackson's default printer,
 * keys in this order. Three runner versions wrote it: the first (settings.forks; no pid, method,
 * selfCheck, counts, plan.forksPlanned or plan.points, nor a JVM's variantFlags, cpus or a class's
 * forkJvmArgs), the second (pid, method, settings.blocks...) and the third (runner). A key some
 * version did not write is left out when absent, so each version's files write back as they were;
 * a key every version writes is written, null or not. A key no record here knows (a newer
 * runner's, a hand-edited file's) is ignored when read, as the analysis always did: before
 * rewriting a file the runner asks {@link #writesBack} whether nothing would be lost.
 *
 * <p>Everything is typed but the host facts (read by the analysis key by key) and a JVM's summary
 * (two shapes, see {@link Summary}).
 *
 * @param runId         the run's id (its folder's name)
 * @param profile       suite profile, e.g. "quick"
 * @param status        running, interrupted, complete or complete-with-failures
 * @param startedAt     ISO-8601 start time
 * @param gitCommit     commit of the suite
 * @param gitDirty      true when the work tree had changes, null when unknown
 * @param jmhVersion    JMH version
 * @param suiteJavaHome the runner's JAVA_HOME
 * @param pid           the runner's pid; absent in the first version
 * @param runner        the runner's pid, host name and boot id (what a resume checks); absent before the third version
 * @param method        the run's method (design, order, blocks, seed...); absent in the first version
 * @param selfCheck     true for an A/A self-check; absent in the first version
 * @param counters      which per-operation counters the run's forks record and which are missing and why; absent
 *                      in runs made before counters (and then none were recorded)
 * @param settings      the runner's settings
 * @param host          host facts (os, kernel, cpuModel, cpus, memoryBytes, ..., sysctls), in the order written
 * @param plan          the run's plan
 * @param jvms          the JVMs of the run
 * @param notes         notes the runner made
 * @param counts        the run's fork counts; absent in the first version, and until a point is done
 * @param finishedAt    ISO-8601 end time; absent until the run completes
 * @param wallSeconds   seconds the runner ran, summed over its sessions; absent until the first session ends
 * @param resumes       each resume of the run; absent when it was never resumed
 * @param interruptedAt when the run was stopped (for a run found stale: when its last fork ended); absent unless interrupted
 * @param interruption  why a run found stale is interrupted; absent otherwise
 * @param error         the error that stopped the run; absent unless one did
 */
@JsonPropertyOrder({"runId", "profile", "status", "startedAt", "gitCommit", "gitDirty", "jmhVersion", "suiteJavaHome",
        "pid", "runner", "method", "selfCheck", "counters", "settings", "host", "plan", "jvms", "notes", "counts", "finishedAt",
        "wallSeconds", "resumes", "interruptedAt", "interruption", "error"})
public record RunDocument(String runId, String profile, String status, String startedAt, String gitCommit,
                          Boolean gitDirty, String jmhVersion, String suiteJavaHome,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long pid,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Runner runner,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Method method,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean selfCheck,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Counters counters,
                          Settings settings, Map<String, JsonNode> host, Plan plan, List<Jvm> jvms, List<String> notes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Counts counts,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String finishedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long wallSeconds,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<Resumed> resumes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String interruptedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String interruption,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

    /** Key of the network sysctls inside {@code host}. */
    public static final String SYSCTLS = "sysctls";
    /** The status of a run being run, and of its JVMs. */
    public static final String RUNNING = "running";
    /** The status of a run stopped before its end, and of its JVMs that were running when it was found stale. */
    public static final String INTERRUPTED = "interrupted";

    private static final ObjectMapper JSON = JsonLines.JSON;
    private static final ObjectWriter PRETTY = JSON.writer().with(SerializationFeature.INDENT_OUTPUT);

    /** A new run's document: running, nothing done yet. */
    public static RunDocument started(String runId, String profile, String startedAt, String gitCommit, Boolean gitDirty,
                                      String jmhVersion, String suiteJavaHome, long pid, Runner runner, Method method,
                                      boolean selfCheck, Settings settings, Map<String, JsonNode> host, Plan plan,
                                      List<Jvm> jvms, List<String> notes) {
        return new RunDocument(runId, profile, RUNNING, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid, runner,
                method, selfCheck, null, settings, host, plan, jvms, notes, null, null, null, null, null, null, null);
    }

    /** With {@code newCounters} as the run's counters. */
    public RunDocument withCounters(Counters newCounters) {
        return new RunDocument(runId, profile, status, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid, runner,
                method, selfCheck, newCounters, settings, host, plan, jvms, notes, counts, finishedAt, wallSeconds, resumes,
                interruptedAt, interruption, error);
    }

    /**
     * Counters are the run's per-operation counters ({@code -Dnettune.counters}): which forks count,
     * what they record, and what this host could not count, with the reason and the fix.
     *
     * @param mode     {@code every} (every fork counts), {@code extra} (one extra counting fork per JVM per block,
     *                 its forks.jsonl line marked {@code "role":"counters"}; the score forks run without profilers)
     *                 or {@code off}
     * @param recorded the counters' metric names the counting forks record (JMH secondary metrics), in order;
     *                 empty when off
     * @param missing  each counter this host cannot give (a perf event, or the /proc profiler) with its reason; empty when off
     */
    @JsonPropertyOrder({"mode", "recorded", "missing"})
    public record Counters(String mode, List<String> recorded, Map<String, String> missing) {
    }

    public RunDocument withStatus(String newStatus) {
        return new RunDocument(runId, profile, newStatus, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid, runner,
                method, selfCheck, counters, settings, host, plan, jvms, notes, counts, finishedAt, wallSeconds, resumes, interruptedAt,
                interruption, error);
    }

    /** With every JVM changed by {@code change}. */
    public RunDocument withJvms(UnaryOperator<Jvm> change) {
        return new RunDocument(runId, profile, status, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid, runner,
                method, selfCheck, counters, settings, host, plan, jvms.stream().map(change).toList(), notes, counts, finishedAt,
                wallSeconds, resumes, interruptedAt, interruption, error);
    }

    /** With the JVM labelled {@code label} changed by {@code change}; IllegalArgumentException when there is none. */
    public RunDocument withJvm(String label, UnaryOperator<Jvm> change) {
        if (jvms.stream().noneMatch(j -> label.equals(j.label()))) {
            throw new IllegalArgumentException("run.json has no JVM '" + label + "'");
        }
        return withJvms(j -> label.equals(j.label()) ? change.apply(j) : j);
    }

    public RunDocument withCounts(Counts newCounts) {
        return new RunDocument(runId, profile, status, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid, runner,
                method, selfCheck, counters, settings, host, plan, jvms, notes, newCounts, finishedAt, wallSeconds, resumes, interruptedAt,
                interruption, error);
    }

    /** Complete: the status, the end time. */
    public RunDocument finished(String newStatus, String at) {
        return new RunDocument(runId, profile, newStatus, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid, runner,
                method, selfCheck, counters, settings, host, plan, jvms, notes, counts, at, wallSeconds, resumes, interruptedAt,
                interruption, error);
    }

    /** With {@code seconds} more of the runner's time. */
    public RunDocument plusWallSeconds(long seconds) {
        return new RunDocument(runId, profile, status, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid, runner,
                method, selfCheck, counters, settings, host, plan, jvms, notes, counts, finishedAt,
                (wallSeconds == null ? 0 : wallSeconds) + seconds, resumes, interruptedAt, interruption, error);
    }

    /**
     * Interrupted at {@code at}: stopped by a signal, by {@code why} (an error), or found stale
     * ({@code interruptionWhy}); a null reason is left as it was.
     */
    public RunDocument interrupted(String at, String interruptionWhy, String why) {
        return new RunDocument(runId, profile, INTERRUPTED, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, pid,
                runner, method, selfCheck, counters, settings, host, plan, jvms, notes, counts, finishedAt, wallSeconds, resumes, at,
                interruptionWhy != null ? interruptionWhy : interruption, why != null ? why : error);
    }

    /** Running again under {@code newRunner}, with {@code resume} added to the resumes; the interruption's fields dropped. */
    public RunDocument resumed(Resumed resume, Runner newRunner) {
        List<Resumed> all = new ArrayList<>(resumes == null ? List.of() : resumes);
        all.add(resume);
        return new RunDocument(runId, profile, RUNNING, startedAt, gitCommit, gitDirty, jmhVersion, suiteJavaHome, newRunner.pid(),
                newRunner, method, selfCheck, counters, settings, host, plan, jvms, notes, counts, finishedAt, wallSeconds, List.copyOf(all),
                null, null, null);
    }

    /**
     * A Host is the machine a run ran on, as the runner records it in {@code host}; the document
     * keeps the facts as JSON values by key ({@link #facts}), which is how the analysis lists them.
     *
     * @param os           os.name
     * @param kernel       the kernel's release
     * @param arch         os.arch
     * @param cpuModel     /proc/cpuinfo's model name, "unknown" when not read
     * @param cpus         processors available to the runner
     * @param memoryBytes  MemTotal, -1 when not read
     * @param ulimitNofile the soft open-file limit, -1 when not read, Long.MAX_VALUE when unlimited
     * @param sysctls      the network sysctls that change results, by name
     * @param hostname     the host's name, "unknown" when not read
     */
    @JsonPropertyOrder({"os", "kernel", "arch", "cpuModel", "cpus", "memoryBytes", "ulimitNofile", "sysctls", "hostname"})
    public record Host(String os, String kernel, String arch, String cpuModel, int cpus, long memoryBytes, long ulimitNofile,
                       Map<String, String> sysctls, String hostname) {

        /** The facts by key, in the written order. */
        public Map<String, JsonNode> facts() {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            JSON.<ObjectNode>valueToTree(this).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }
    }

    /**
     * Settings are the runner's settings as given (or defaulted).
     *
     * @param forks                 forks per JVM and point; the first version only
     * @param blocks                blocks per point planned; absent in the first version
     * @param warmupIterations      warm-up iterations per fork
     * @param warmupTime            each warm-up iteration's time, as JMH writes it ("1 s")
     * @param measurementIterations measured iterations per fork
     * @param measurementTime       each measured iteration's time
     * @param include               the benchmark include pattern, null for all
     * @param extraJmhArgs          JMH options given on top
     * @param variants              the JVM variants asked for, null for none
     */
    @JsonPropertyOrder({"forks", "blocks", "warmupIterations", "warmupTime", "measurementIterations", "measurementTime",
            "include", "extraJmhArgs", "variants"})
    public record Settings(@JsonInclude(JsonInclude.Include.NON_NULL) Integer forks,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Integer blocks, Integer warmupIterations,
                           String warmupTime, Integer measurementIterations, String measurementTime, String include,
                           List<String> extraJmhArgs, String variants) {
    }

    /**
     * A Plan is what the run set out to do.
     *
     * @param pointsPerJvm     points each JVM runs
     * @param forksPlanned     forks the schedule gives all JVMs at the planned blocks; absent in the first version
     * @param estimatedSeconds the runner's estimate of the run's time
     * @param classes          the benchmark classes planned
     * @param points           the points, in the order they run; absent in the first version
     */
    @JsonPropertyOrder({"pointsPerJvm", "forksPlanned", "estimatedSeconds", "classes", "points"})
    public record Plan(Integer pointsPerJvm, @JsonInclude(JsonInclude.Include.NON_NULL) Integer forksPlanned,
                       Long estimatedSeconds, List<PlannedClass> classes,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<PlannedPoint> points) {
    }

    /**
     * A PlannedClass is one benchmark class of the plan.
     *
     * @param className     the class's name
     * @param methods       its benchmark methods planned
     * @param points        its points
     * @param profileParams the profile's {@code @Param} values for it, in the profile's order
     * @param profileModes  the profile's modes for it ("thrpt"...), empty for the class's own
     * @param forkJvmArgs   its {@code @Fork(jvmArgs)}; absent in the first version
     * @param warmupIterations the warm-up iterations its forks ran (the profile file's {@code @warmup}, a -wi, or the
     *                      profile's default); absent before per-class warm-ups
     * @param unsteady      the profile file's {@code @unsteady} entries: its points the calibration found without a
     *                      steady state ("slow-down:connections=1;server=SELECTOR"); absent when none
     * @param cpus          the profile file's {@code @cpus} entries: its points pinned to CPUs ("0:connections=1");
     *                      absent when none
     */
    @JsonPropertyOrder({"class", "methods", "points", "profileParams", "profileModes", "forkJvmArgs", "warmupIterations", "unsteady",
        "cpus"})
    public record PlannedClass(@JsonProperty("class") String className, List<String> methods, Integer points,
                               Map<String, List<String>> profileParams, List<String> profileModes,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<String> forkJvmArgs,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Integer warmupIterations,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<String> unsteady,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<String> cpus) {
        public PlannedClass(String className, List<String> methods, Integer points, Map<String, List<String>> profileParams,
                            List<String> profileModes, List<String> forkJvmArgs) {
            this(className, methods, points, profileParams, profileModes, forkJvmArgs, null, null, null);
        }

        public PlannedClass(String className, List<String> methods, Integer points, Map<String, List<String>> profileParams,
                            List<String> profileModes, List<String> forkJvmArgs, Integer warmupIterations, List<String> unsteady) {
            this(className, methods, points, profileParams, profileModes, forkJvmArgs, warmupIterations, unsteady, null);
        }
    }

    /**
     * A PlannedPoint is one point of the plan: a benchmark, a mode and one value per parameter.
     *
     * @param point     0-based index, the order points run in
     * @param className the benchmark's class
     * @param benchmark the benchmark method's full name
     * @param mode      JMH's short label of the mode ("thrpt")
     * @param params    parameter values, keys sorted
     * @param cpus      the CPUs its forks were pinned to by the profile ({@code taskset -c}); absent when free
     */
    @JsonPropertyOrder({"point", "class", "benchmark", "mode", "params", "cpus"})
    public record PlannedPoint(Integer point, @JsonProperty("class") String className, String benchmark, String mode,
                               Map<String, String> params, @JsonInclude(JsonInclude.Include.NON_NULL) String cpus) {
        public PlannedPoint(Integer point, String className, String benchmark, String mode, Map<String, String> params) {
            this(point, className, benchmark, mode, params, null);
        }
    }

    /**
     * A Method is how the run's forks were scheduled and how long each ran.
     *
     * @param design      "randomized interleaved blocks"
     * @param order       "point-major": a point's blocks all run before the next point's; "point-major, a point's
     *                    placements in each block": and the placements of a point share its blocks
     * @param blocks      blocks per point planned
     * @param seed        the seed of the blocks' orders
     * @param ciTarget    the stopping rule's target half-width (a fraction), null for a fixed number of blocks
     * @param maxBlocks   the cap on blocks when a target is set, else null
     * @param warmup      a fork's warm-up, "1 x 1 s"
     * @param measurement a fork's measurement, "2 x 1 s"
     * @param baseline    the label the others are compared with
     * @param pairs       the compared pairs
     */
    @JsonPropertyOrder({"design", "order", "blocks", "seed", "ciTarget", "maxBlocks", "warmup", "measurement", "baseline",
            "pairs"})
    public record Method(String design, String order, Integer blocks, Long seed, Double ciTarget, Integer maxBlocks,
                         String warmup, String measurement, String baseline, List<Pair> pairs) {

        /** The values that are not null, by key in the written order, as JSON values (what a report lists). */
        public Map<String, JsonNode> fields() {
            Map<String, JsonNode> out = new LinkedHashMap<>();
            JSON.<ObjectNode>valueToTree(this).fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue());
                }
            });
            return out;
        }
    }

    /**
     * A Pair is two JVMs the run compares, block by block.
     *
     * @param baseline  the baseline's label
     * @param candidate the candidate's label
     */
    @JsonPropertyOrder({"baseline", "candidate"})
    public record Pair(String baseline, String candidate) {
    }

    /**
     * A Resumed is one resume of the run.
     *
     * @param at             ISO-8601 time the resume began
     * @param previousStatus the run's status before it
     * @param interruption   why the run had been found stale; absent when it was not
     * @param pid            the resuming runner's pid
     * @param blocksRerun    the blocks the interruption cut, which run again whole
     */
    @JsonPropertyOrder({"at", "previousStatus", "interruption", "pid", "blocksRerun"})
    public record Resumed(String at, String previousStatus, @JsonInclude(JsonInclude.Include.NON_NULL) String interruption,
                          Long pid, List<String> blocksRerun) {
    }

    /**
     * A Jvm is one entry of {@code jvms}: who it is, how its forks are launched, how they went.
     *
     * @param label              folder label
     * @param javaHome           JAVA_HOME
     * @param feature            feature release, e.g. 17
     * @param vendor             vendor
     * @param version            version, e.g. "17.0.15"
     * @param runtimeVersion     full runtime version
     * @param variant            the variant's name (e.g. "cpu0"), null for a plain JDK
     * @param variantDescription what the variant does, null for a plain JDK
     * @param variantFlags       the variant's own flags; absent in the first version
     * @param flags              flags every fork of this JVM got
     * @param placement          CPU placement, e.g. "free" or "taskset -c 0"
     * @param cpus               the CPUs it is pinned to, JSON null when free; absent in the first version (kept as a
     *                           JSON tree so that null and absent stay apart; {@link #cpuList} reads it)
     * @param status             pending, running, done or interrupted
     * @param launcher           the java (or taskset script) its forks start with; absent until the run starts
     * @param summary            its point (first version) or fork counts ({@link Summary}); two shapes, read by the
     *                           analysis; absent until a point is done
     */
    @JsonPropertyOrder({"label", "javaHome", "feature", "vendor", "version", "runtimeVersion", "variant",
            "variantDescription", "variantFlags", "flags", "placement", "cpus", "status", "launcher", "summary"})
    public record Jvm(String label, String javaHome, Integer feature, String vendor, String version,
                      String runtimeVersion, String variant, String variantDescription,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> variantFlags, List<String> flags,
                      String placement, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode cpus, String status,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String launcher,
                      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode summary) {

        /** A JVM of a new run: pending, not launched yet, no summary. */
        public static Jvm planned(String label, String javaHome, int feature, String vendor, String version,
                                  String runtimeVersion, String variant, String variantDescription, List<String> variantFlags,
                                  List<String> flags, String placement, String cpus) {
            return new Jvm(label, javaHome, feature, vendor, version, runtimeVersion, variant, variantDescription, variantFlags,
                    flags, placement, cpus == null ? NullNode.getInstance() : TextNode.valueOf(cpus), "pending", null, null);
        }

        /** The CPUs it is pinned to (a taskset list), null when free or not recorded. */
        public String cpuList() {
            return cpus == null || cpus.isNull() ? null : cpus.asText();
        }

        public Jvm withStatus(String newStatus) {
            return new Jvm(label, javaHome, feature, vendor, version, runtimeVersion, variant, variantDescription, variantFlags,
                    flags, placement, cpus, newStatus, launcher, summary);
        }

        public Jvm withLauncher(String newLauncher) {
            return new Jvm(label, javaHome, feature, vendor, version, runtimeVersion, variant, variantDescription, variantFlags,
                    flags, placement, cpus, status, newLauncher, summary);
        }

        public Jvm withSummary(Summary newSummary) {
            return new Jvm(label, javaHome, feature, vendor, version, runtimeVersion, variant, variantDescription, variantFlags,
                    flags, placement, cpus, status, launcher, JSON.valueToTree(newSummary));
        }
    }

    /**
     * A Runner is the process running the run, what a resume and a stale-run check look at.
     *
     * @param pid      its pid
     * @param hostname its host's name
     * @param bootId   the host's boot id, null off Linux
     * @param lock     the lock file it holds in the run folder
     */
    @JsonPropertyOrder({"pid", "hostname", "bootId", "lock"})
    public record Runner(Long pid, String hostname, String bootId, String lock) {
    }

    /**
     * Counts are the run's fork counts, rewritten as forks end.
     *
     * @param points           points per JVM in the plan
     * @param pointsDone       points whose blocks are all done
     * @param forksPlanned     forks the schedule gave all JVMs
     * @param forksOk          forks with a result
     * @param forksFailed      forks without one
     * @param forksSkipped     forks of points a JVM cannot run
     * @param forksInterrupted forks a stop of the suite cut
     * @param incompleteBlocks blocks a failed or interrupted fork left incomplete
     */
    @JsonPropertyOrder({"points", "pointsDone", "forksPlanned", "forksOk", "forksFailed", "forksSkipped",
            "forksInterrupted", "incompleteBlocks"})
    public record Counts(int points, int pointsDone, int forksPlanned, int forksOk, int forksFailed, int forksSkipped,
                         int forksInterrupted, int incompleteBlocks) {
    }

    /**
     * A Summary is a JVM's {@code summary} as the runner of interleaved blocks writes it: its fork
     * counts. (Older runners wrote a per-point shape, which the analysis still reads; so
     * {@link Jvm#summary()} stays a JSON tree.)
     *
     * @param forksPlanned     forks the schedule gave this JVM
     * @param ok               forks with a result
     * @param failed           forks without one
     * @param skipped          forks of points this JVM cannot run
     * @param interrupted      forks a stop of the suite cut
     * @param incompleteBlocks blocks left incomplete: one per failed or interrupted fork
     * @param wallSeconds      seconds its forks ran, summed
     * @param skipReasons      the distinct reasons of its skips, in the order met
     * @param skippedPoints    the points it skipped
     * @param failedForks      "point block n: reason" per failed fork
     */
    @JsonPropertyOrder({"forksPlanned", "ok", "failed", "skipped", "interrupted", "incompleteBlocks", "wallSeconds",
            "skipReasons", "skippedPoints", "failedForks"})
    public record Summary(int forksPlanned, int ok, int failed, int skipped, int interrupted, int incompleteBlocks,
                          long wallSeconds, List<String> skipReasons, List<String> skippedPoints,
                          List<String> failedForks) {
    }

    /** Reads a run.json; IOException when it cannot be read or a value does not fit, IllegalArgumentException when it is no object. */
    public static RunDocument read(Path file) throws IOException {
        return of(JSON.readTree(file.toFile()));
    }

    /** The document of a parsed run.json; IOException when a value does not fit, IllegalArgumentException when it is no object. */
    public static RunDocument of(JsonNode root) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return JSON.treeToValue(root, RunDocument.class);
    }

    /**
     * Whether this document, written, is {@code original} (key order aside): no key a newer runner
     * or a hand wrote would be lost, none added, no value changed. The runner rewrites only such files.
     */
    public boolean writesBack(JsonNode original) {
        try {
            // both through text, so that a number compares by value, not by the node type that holds it
            return JSON.readTree(text()).equals(JSON.readTree(JSON.writeValueAsString(original)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot read back run.json", e); // text() wrote it: it parses
        }
    }

    /** The document as the runner writes it: pretty-printed, no trailing newline. */
    public String text() {
        try {
            return PRETTY.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write run.json", e);
        }
    }
}
