package dev.nettune.analysis.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A ResultSet is everything read from the inputs, grouped: results (one per key), socket options,
 * skipped points, run metadata by run id, diagnostics, and the accounting of files. It also names
 * JVMs for display, chooses the default baseline and selects runs and rows.
 *
 * <p>Grouping steps, each leaving a diagnostic when it changes anything:
 * <ol>
 *   <li>one JvmId (run and label) with results of two builds (e.g. a folder holding files of
 *       17.0.15+6-LTS and 17.0.15+6-Debian) is split: each build gets the label with its build
 *       appended, so distinct builds never merge;</li>
 *   <li>an entry whose key (benchmark, params, mode, unit, JVM) was already read is skipped; the
 *       diagnostic names both files, how many entries, and whether the measurements are identical
 *       (a copy) or differ (a second run of the same JVM, to be put in its own folder);</li>
 *   <li>a file of which no entry is used is unusable and is named, whatever the reason.</li>
 * </ol>
 */
public final class ResultSet {

    private final List<Result> results = new ArrayList<>();
    private final List<SockOpt> sockOpts;
    private final List<SkippedPoint> skips;
    private final Map<String, RunInfo> runs;
    private final List<Diagnostic> diagnostics;
    private final List<Path> files;
    private final List<Path> unusable;
    /** Files and unusable files counted by a caller that could not name them (see the counting constructor). */
    private final int unnamedFiles;
    private final int unnamedUnusable;
    private final int skippedEntries;
    private final List<JvmId> jvms;
    private final Map<JvmId, String> names = new HashMap<>();
    /** Results of the set this one was selected from; -1 when not a selection. */
    private final int selectedFrom;
    private final Map<String, ForkLog> forkLogs;

    /**
     * Groups what was read.
     *
     * @param read           results in reading order
     * @param sockOpts       socket option records
     * @param skips          skipped points
     * @param runs           run metadata by run id
     * @param diags          diagnostics so far; grouping adds to it
     * @param files          every JMH JSON file looked at, in reading order
     * @param skippedEntries entries already skipped by the reader (bad or truncated)
     */
    public ResultSet(List<Result> read, List<SockOpt> sockOpts, List<SkippedPoint> skips, Map<String, RunInfo> runs,
                     List<Diagnostic> diags, List<Path> files, int skippedEntries) {
        this(read, sockOpts, skips, runs, diags, files, skippedEntries, Map.of());
    }

    /** As above, with the fork logs (forks.jsonl, points.jsonl) of the runs that have them, by run id. */
    public ResultSet(List<Result> read, List<SockOpt> sockOpts, List<SkippedPoint> skips, Map<String, RunInfo> runs,
                     List<Diagnostic> diags, List<Path> files, int skippedEntries, Map<String, ForkLog> forkLogs) {
        this(read, sockOpts, skips, runs, diags, files, skippedEntries, forkLogs, 0, 0);
    }

    /**
     * A set whose caller counted the files rather than listing them (older callers and tests): the
     * files named are those the results came from; {@code files} and {@code unusableFiles} beyond
     * them are counted without names.
     */
    public ResultSet(List<Result> read, List<SockOpt> sockOpts, Map<String, RunInfo> runs, List<Diagnostic> diags,
                     int files, int unusableFiles, int skippedEntries) {
        this(read, sockOpts, runs, diags, files, unusableFiles, skippedEntries, Map.of());
    }

    /** As above, with the fork logs of the runs that have them, by run id. */
    public ResultSet(List<Result> read, List<SockOpt> sockOpts, Map<String, RunInfo> runs, List<Diagnostic> diags,
                     int files, int unusableFiles, int skippedEntries, Map<String, ForkLog> forkLogs) {
        this(read, sockOpts, List.of(), runs, diags, read.stream().map(Result::file).distinct().toList(), skippedEntries,
                forkLogs, Math.max(0, files - (int) read.stream().map(Result::file).distinct().count()), unusableFiles);
    }

    private ResultSet(List<Result> read, List<SockOpt> sockOpts, List<SkippedPoint> skips, Map<String, RunInfo> runs,
                      List<Diagnostic> diags, List<Path> files, int skippedEntries, Map<String, ForkLog> forkLogs,
                      int unnamedFiles, int unnamedUnusable) {
        this.unnamedFiles = unnamedFiles;
        this.unnamedUnusable = unnamedUnusable;
        this.forkLogs = Collections.unmodifiableMap(new LinkedHashMap<>(forkLogs));
        this.sockOpts = List.copyOf(sockOpts);
        this.skips = List.copyOf(skips);
        this.runs = Collections.unmodifiableMap(new LinkedHashMap<>(runs));
        this.diagnostics = diags;
        this.files = List.copyOf(files);
        List<Result> split = splitBuilds(read, diags);
        Map<ResultKey, Result> seen = new HashMap<>();
        // duplicates, grouped by (file, file of the first occurrence) so one line says it all
        Map<List<Path>, int[]> dups = new LinkedHashMap<>(); // {entries, identical entries}
        for (Result r : split) {
            Result first = seen.putIfAbsent(r.key(), r);
            if (first == null) {
                results.add(r);
            } else {
                int[] c = dups.computeIfAbsent(List.of(r.file(), first.file()), k -> new int[2]);
                c[0]++;
                if (sameMeasurement(r, first)) {
                    c[1]++;
                }
            }
        }
        Set<Path> used = results.stream().map(Result::file).collect(Collectors.toSet());
        Map<Path, Long> entriesPerFile = split.stream().collect(Collectors.groupingBy(Result::file, Collectors.counting()));
        int dupTotal = 0;
        for (Map.Entry<List<Path>, int[]> d : dups.entrySet()) {
            Path file = d.getKey().get(0);
            Path other = d.getKey().get(1);
            int n = d.getValue()[0];
            int identical = d.getValue()[1];
            dupTotal += n;
            String what = identical == n ? "identical measurements: a copy"
                    : identical == 0 ? "different measurements: a second run of the same JVM; put it in a folder of its own to compare the two"
                    : identical + " identical, " + (n - identical) + " different measurements";
            String whole = used.contains(file) ? "" : "; no entry of this file is used";
            diags.add(new Diagnostic(file, "", n + " of " + entriesPerFile.get(file) + " entr" + (n == 1 ? "y has" : "ies have")
                    + " the benchmark, params, mode, unit and JVM of entries already read from "
                    + (other.equals(file) ? "this file" : other.toString()) + " (" + what + "); skipped" + whole));
        }
        this.skippedEntries = skippedEntries + dupTotal;
        this.unusable = files.stream().filter(f -> !used.contains(f)).toList();
        this.selectedFrom = -1;
        this.jvms = results.stream().map(r -> r.key().jvm()).distinct().sorted(JvmId::compareAge)
                .collect(Collectors.toUnmodifiableList());
        nameJvms();
    }

    private void nameJvms() {
        for (JvmId j : jvms) {
            long same = jvms.stream().filter(o -> o.label().equals(j.label())).count();
            names.put(j, same > 1 ? j.key() : j.label());
        }
    }

    /** A set grouped from results already read (files: those the results came from). */
    public static ResultSet of(List<Result> read, List<SockOpt> sockOpts, Map<String, RunInfo> runs) {
        List<Path> files = read.stream().map(Result::file).distinct().toList();
        return new ResultSet(read, sockOpts, List.of(), runs, new ArrayList<>(), files, 0);
    }

    /** Splits JvmIds whose results come from two or more builds; see the class comment. */
    private static List<Result> splitBuilds(List<Result> read, List<Diagnostic> diags) {
        Map<JvmId, Map<String, Path>> builds = new LinkedHashMap<>();
        for (Result r : read) {
            builds.computeIfAbsent(r.key().jvm(), k -> new LinkedHashMap<>()).putIfAbsent(r.key().jvm().build(), r.file());
        }
        Set<JvmId> mixed = builds.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        if (mixed.isEmpty()) {
            return read;
        }
        for (JvmId j : mixed) {
            String list = builds.get(j).entrySet().stream()
                    .map(e -> (e.getKey().isEmpty() ? "unknown build" : e.getKey()) + " (first in " + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
            diags.add(new Diagnostic(null, "", "JVM " + j.key() + " has results of " + builds.get(j).size()
                    + " builds: " + list + "; kept apart as one JVM per build"));
        }
        List<Result> out = new ArrayList<>(read.size());
        for (Result r : read) {
            JvmId j = r.key().jvm();
            if (!mixed.contains(j)) {
                out.add(r);
                continue;
            }
            JvmId split = j.withLabel(j.label() + " (" + (j.build().isEmpty() ? "unknown build" : j.build()) + ")");
            ResultKey k = r.key();
            out.add(new Result(new ResultKey(k.benchmark(), k.params(), k.mode(), k.unit(), split), r.primary(),
                    r.secondary(), r.file(), r.index(), r.jmhVersion(), r.threads(), r.forkBlocks(), r.forkSeqs(),
                    r.counted()));
        }
        return out;
    }

    private static boolean sameMeasurement(Result a, Result b) {
        return Double.compare(a.primary().score(), b.primary().score()) == 0
                && Arrays.deepEquals(a.primary().samples(), b.primary().samples());
    }

    public List<Result> results() {
        return Collections.unmodifiableList(results);
    }

    public List<SockOpt> sockOpts() {
        return sockOpts;
    }

    /** Points a JVM skipped, with the reason. */
    public List<SkippedPoint> skips() {
        return skips;
    }

    /** Fork logs by run id: only runs that have a forks.jsonl (the randomized interleaved schedule). */
    public Map<String, ForkLog> forkLogs() {
        return forkLogs;
    }

    public Map<String, RunInfo> runs() {
        return runs;
    }

    public List<Diagnostic> diagnostics() {
        return Collections.unmodifiableList(diagnostics);
    }

    /** JMH JSON files looked at. */
    public int files() {
        return files.size() + unnamedFiles;
    }

    /** Files that gave no usable result (bad, empty, every entry skipped or a duplicate). */
    public int unusableFiles() {
        return unusable.size() + unnamedUnusable;
    }

    /** The files that gave no usable result, in reading order. */
    public List<Path> unusableFileList() {
        return unusable;
    }

    /** Entries skipped (bad, truncated or duplicate). */
    public int skippedEntries() {
        return skippedEntries;
    }

    /**
     * The summary line: "read N files, M results, skipped K entries and U unusable files (see
     * warnings)", and for a selection "; S of M results selected".
     */
    public String summaryLine() {
        int read = selectedFrom < 0 ? results.size() : selectedFrom;
        int fileCount = files();
        int unusableCount = unusableFiles();
        return "read " + fileCount + " file" + (fileCount == 1 ? "" : "s") + ", " + read + " result"
                + (read == 1 ? "" : "s") + ", skipped " + skippedEntries + " entr"
                + (skippedEntries == 1 ? "y" : "ies") + " and " + unusableCount + " unusable file"
                + (unusableCount == 1 ? "" : "s") + (diagnostics.isEmpty() ? "" : " (see warnings)")
                + (selectedFrom < 0 ? "" : "; " + results.size() + " of " + selectedFrom + " results selected");
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

    /** Run ids of the results, sockets options and skips, in reading order. */
    public List<String> runIds() {
        Set<String> ids = new LinkedHashSet<>();
        results.forEach(r -> ids.add(r.key().jvm().runId()));
        ids.addAll(runs.keySet());
        return List.copyOf(ids);
    }

    /**
     * The results of these runs (null: all runs) whose benchmark, params and mode {@code rows}
     * accepts, with the socket options, skips and run metadata that go with them. The file
     * accounting and the diagnostics stay those of this set: a selection reads no file.
     */
    public ResultSet select(Collection<String> runIds, RowFilter rows) {
        Predicate<JvmId> run = j -> runIds == null || runIds.contains(j.runId());
        List<Result> rs = results.stream().filter(r -> run.test(r.key().jvm())
                && rows.matches(r.key().benchmark(), r.key().params(), r.key().mode())).toList();
        List<SockOpt> so = sockOpts.stream().filter(o -> run.test(o.jvm())
                && rows.matches(o.benchmark(), o.params(), null)).toList();
        List<SkippedPoint> sk = skips.stream().filter(s -> run.test(s.jvm()) && rows.matches(s.benchmark(), s.params(), null))
                .toList();
        Map<String, RunInfo> rn = new LinkedHashMap<>();
        runs.forEach((id, info) -> {
            if (runIds == null || runIds.contains(id)) {
                rn.put(id, info);
            }
        });
        return new ResultSet(this, rs, so, sk, rn);
    }

    /** A selection of {@code parent}: its results as given, its accounting as the parent's. */
    private ResultSet(ResultSet parent, List<Result> rs, List<SockOpt> so, List<SkippedPoint> sk, Map<String, RunInfo> rn) {
        this.results.addAll(rs);
        this.sockOpts = so;
        this.skips = sk;
        this.runs = Collections.unmodifiableMap(rn);
        this.diagnostics = parent.diagnostics;
        this.files = parent.files;
        this.unusable = parent.unusable;
        this.unnamedFiles = parent.unnamedFiles;
        this.unnamedUnusable = parent.unnamedUnusable;
        this.skippedEntries = parent.skippedEntries;
        this.selectedFrom = parent.results.size();
        Map<String, ForkLog> logs = new LinkedHashMap<>();
        parent.forkLogs.forEach((id, log) -> {
            if (rn.containsKey(id)) {
                logs.put(id, log);
            }
        });
        this.forkLogs = Collections.unmodifiableMap(logs);
        this.jvms = results.stream().map(r -> r.key().jvm()).distinct().sorted(JvmId::compareAge)
                .collect(Collectors.toUnmodifiableList());
        nameJvms();
    }
}
