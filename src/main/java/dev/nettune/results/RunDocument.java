package dev.nettune.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A RunDocument is a run's {@value ResultFiles#RUN}: its plan, method, environment and status,
 * rewritten by the suite runner (run/) as the run goes, read back by it on resume and by the
 * analysis ({@code analysis.read.RunMetadataReader}). Pretty-printed by Jackson's default printer,
 * keys in this order; a key an older runner did not write (pid, runner, method, selfCheck, counts,
 * a JVM's variantFlags and cpus) is left out when absent.
 *
 * <p>What is typed: the fields the analysis reads (ids, times, versions, status, self-check flag,
 * method, host facts, the JVMs' identity and flags). The run's {@link Runner} and {@link Counts} are typed too. The runner's own parts (settings, plan,
 * notes, a JVM's summary and launcher...) pass through as JSON trees: they are
 * written by run/ and read by no one else.
 *
 * @param runId         the run's id (its folder's name)
 * @param profile       suite profile, e.g. "quick"
 * @param status        running, interrupted, complete or complete-with-failures
 * @param startedAt     ISO-8601 start time
 * @param gitCommit     commit of the suite
 * @param gitDirty      true when the work tree had changes
 * @param jmhVersion    JMH version
 * @param suiteJavaHome the runner's JAVA_HOME
 * @param pid           the runner's pid; absent in older runs
 * @param runner        the runner's pid, host name and boot id (what a resume checks); absent in older runs
 * @param method        the run's method (design, order, blocks, seed...), in the order written; absent in older runs
 * @param selfCheck     true for an A/A self-check; absent in older runs
 * @param settings      the runner's settings
 * @param host          host facts (os, kernel, cpuModel, cpus, memoryBytes, ..., sysctls), in the order written
 * @param plan          the run's plan
 * @param jvms          the JVMs of the run
 * @param notes         notes the runner made
 * @param counts        the run's fork counts; absent in older runs
 * @param finishedAt    ISO-8601 end time, null while running
 * @param wallSeconds   seconds from start to end
 */
@JsonPropertyOrder({"runId", "profile", "status", "startedAt", "gitCommit", "gitDirty", "jmhVersion", "suiteJavaHome",
        "pid", "runner", "method", "selfCheck", "settings", "host", "plan", "jvms", "notes", "counts", "finishedAt",
        "wallSeconds"})
public record RunDocument(String runId, String profile, String status, String startedAt, String gitCommit,
                          JsonNode gitDirty, String jmhVersion, String suiteJavaHome,
                          @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode pid,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Runner runner,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, JsonNode> method,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Boolean selfCheck,
                          JsonNode settings, Map<String, JsonNode> host, JsonNode plan, List<Jvm> jvms, JsonNode notes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Counts counts,
                          String finishedAt, JsonNode wallSeconds) {

    /** Key of the network sysctls inside {@code host}. */
    public static final String SYSCTLS = "sysctls";

    private static final ObjectMapper JSON = JsonLines.JSON;
    private static final ObjectWriter PRETTY = JSON.writer().with(SerializationFeature.INDENT_OUTPUT);

    /**
     * A Jvm is one entry of {@code jvms}.
     *
     * @param label              folder label
     * @param javaHome           JAVA_HOME
     * @param feature            feature release, e.g. 17
     * @param vendor             vendor
     * @param version            version, e.g. "17.0.15"
     * @param runtimeVersion     full runtime version
     * @param variant            the variant's name (e.g. "cpu0"), null for a plain JDK
     * @param variantDescription what the variant does, null for a plain JDK
     * @param variantFlags       the variant's own flags; absent in older runs
     * @param flags              flags every fork of this JVM got
     * @param placement          CPU placement, e.g. "free" or "taskset -c 0"
     * @param cpus               the CPUs it was pinned to; absent in older runs
     * @param status             the JVM's status in the run
     * @param launcher           how its forks were launched
     * @param summary            its point (older runners) or fork counts; two shapes, read by the analysis
     */
    @JsonPropertyOrder({"label", "javaHome", "feature", "vendor", "version", "runtimeVersion", "variant",
            "variantDescription", "variantFlags", "flags", "placement", "cpus", "status", "launcher", "summary"})
    public record Jvm(String label, String javaHome, JsonNode feature, String vendor, String version,
                      String runtimeVersion, JsonNode variant, JsonNode variantDescription,
                      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode variantFlags, List<String> flags,
                      String placement, @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode cpus, JsonNode status,
                      JsonNode launcher, JsonNode summary) {
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

    /** Reads a run.json; IOException when it cannot be read or is not such a document. */
    public static RunDocument read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return JSON.treeToValue(root, RunDocument.class);
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
