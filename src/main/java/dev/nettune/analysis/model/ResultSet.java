package dev.nettune.analysis.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A ResultSet is everything read from the inputs, grouped: results (one per key; a duplicate key is
 * skipped with a diagnostic), socket options, run metadata by run id, diagnostics, and the counts
 * for the summary line. It also names JVMs for display and chooses the baseline.
 */
public final class ResultSet {

    private final List<Result> results = new ArrayList<>();
    private final List<SockOpt> sockOpts;
    private final Map<String, RunInfo> runs;
    private final List<Diagnostic> diagnostics;
    private final int files;
    private final int unusableFiles;
    private final int skippedEntries;
    private final List<JvmId> jvms;
    private final Map<JvmId, String> names = new HashMap<>();
    private final Map<String, ForkLog> forkLogs;

    /** Groups what was read; entries with a key already seen are skipped and named. */
    public ResultSet(List<Result> read, List<SockOpt> sockOpts, Map<String, RunInfo> runs, List<Diagnostic> diags,
                     int files, int unusableFiles, int skippedEntries) {
        this(read, sockOpts, runs, diags, files, unusableFiles, skippedEntries, Map.of());
    }

    /** As above, with the fork logs (forks.jsonl, points.jsonl) of the runs that have them, by run id. */
    public ResultSet(List<Result> read, List<SockOpt> sockOpts, Map<String, RunInfo> runs, List<Diagnostic> diags,
                     int files, int unusableFiles, int skippedEntries, Map<String, ForkLog> forkLogs) {
        this.forkLogs = Collections.unmodifiableMap(new LinkedHashMap<>(forkLogs));
        this.sockOpts = List.copyOf(sockOpts);
        this.runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        this.diagnostics = diags;
        this.files = files;
        this.unusableFiles = unusableFiles;
        Map<ResultKey, Result> seen = new HashMap<>();
        int dup = 0;
        for (Result r : read) {
            Result first = seen.putIfAbsent(r.key(), r);
            if (first == null) {
                results.add(r);
            } else {
                dup++;
                diags.add(new Diagnostic(r.file(), "entry " + r.index(), "duplicate of " + first.file() + " entry "
                        + first.index() + " (same benchmark, params, mode, unit and JVM " + r.key().jvm().key()
                        + "); skipped"));
            }
        }
        this.skippedEntries = skippedEntries + dup;
        this.jvms = results.stream().map(r -> r.key().jvm()).distinct().sorted(JvmId::compareAge)
                .collect(Collectors.toUnmodifiableList());
        for (JvmId j : jvms) {
            long same = jvms.stream().filter(o -> o.label().equals(j.label())).count();
            names.put(j, same > 1 ? j.key() : j.label());
        }
    }

    public List<Result> results() {
        return Collections.unmodifiableList(results);
    }

    public List<SockOpt> sockOpts() {
        return sockOpts;
    }

    public Map<String, RunInfo> runs() {
        return runs;
    }

    /** Fork logs by run id: only runs that have a forks.jsonl (the randomized interleaved schedule). */
    public Map<String, ForkLog> forkLogs() {
        return forkLogs;
    }

    public List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(diagnostics);
    }

    /** JMH JSON files looked at. */
    public int files() {
        return files;
    }

    /** Files that gave no usable result. */
    public int unusableFiles() {
        return unusableFiles;
    }

    /** Entries skipped (bad, truncated or duplicate). */
    public int skippedEntries() {
        return skippedEntries;
    }

    /** The summary line: "read N files, M results, skipped K (see warnings)". */
    public String summaryLine() {
        return "read " + files + " file" + (files == 1 ? "" : "s") + ", " + results.size() + " result"
                + (results.size() == 1 ? "" : "s") + ", skipped " + skippedEntries + " entr"
                + (skippedEntries == 1 ? "y" : "ies") + " and " + unusableFiles + " unusable file"
                + (unusableFiles == 1 ? "" : "s") + (diagnostics.isEmpty() ? "" : " (see warnings)");
    }

    /** All JVMs, oldest first. */
    public List<JvmId> jvms() {
        return jvms;
    }

    /**
     * The baseline JVM: the one whose label (or {@code label@runId}) is {@code wanted}, or the oldest
     * when {@code wanted} is null. Returns null when {@code wanted} matches nothing.
     */
    public JvmId baseline(String wanted) {
        List<JvmId> all = jvms();
        if (all.isEmpty()) {
            return null;
        }
        if (wanted == null) {
            return all.get(0);
        }
        for (JvmId j : all) {
            if (j.key().equals(wanted) || j.label().equals(wanted) || name(j).equals(wanted)) {
                return j;
            }
        }
        return null;
    }

    /** The display name of a JVM: its label, with "@runId" when the label occurs in several runs. */
    public String name(JvmId j) {
        return names.getOrDefault(j, j.label());
    }

    /** Results of one family, in reading order. */
    public List<Result> family(Family f) {
        return results.stream().filter(r -> r.family() == f).collect(Collectors.toList());
    }
}
