package dev.nettune.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A ProfiledFork runs one point on one JVM as a single JMH fork under async-profiler, in a process of
 * its own ({@code java -cp <this class path> org.openjdk.jmh.Main ...}, the fork on the JVM's own
 * {@code java} with its run.json flags), with a time limit: past it the process and everything it
 * started are killed, so a profiler or a benchmark that hangs cannot hang the run. JMH's async
 * profiler integration starts sampling at the first measurement iteration and writes one JFR file.
 *
 * <p>A point is profiled in two sessions per JVM, each a fork of its own ({@link Session}): CPU with
 * allocations, then wall clock. In one session the wall-clock sampler signals every thread every
 * {@link #WALL_INTERVAL_NS} ns, and its handler then runs on the thread: the CPU profile counted that
 * handler ({@code WallClock::signalHandler}, {@code Profiler::recordSample}) as the benchmark's CPU,
 * most visibly on a JVM whose threads mostly block (JDK 17's blocking socket writes), whose few CPU
 * samples it inflated; and a signal can cut a blocking system call short (a socket write(2)
 * interrupted after a partial transfer returns it, and the JDK writes the rest in another call), so
 * it changes what is profiled. Leaving the profiler's frames out of the graph would hide the first
 * effect but not the second, so the sessions are kept apart: the CPU profile has no wall-clock signal
 * at all, for the price of a second fork.
 */
final class ProfiledFork {
    /** CPU sampling interval, ns: 1 ms gives thousands of samples in a fork of a few seconds. */
    static final long CPU_INTERVAL_NS = 1_000_000;
    /** Wall-clock sampling interval, ns: every thread, running or not. */
    static final long WALL_INTERVAL_NS = 10_000_000;
    /** Allocation sampling: one sample per this many bytes allocated. */
    static final String ALLOC_INTERVAL = "512k";
    /** Seconds a fork takes beyond its iterations: two JVM starts (JMH's host and the fork), profiler dump. */
    static final long OVERHEAD_SECONDS = 6;
    /** The time limit is this many times the expected time, plus {@link #GRACE_SECONDS}. */
    static final int LIMIT_FACTOR = 3;
    static final long GRACE_SECONDS = 60;
    /** How many lines of JMH's output a failure quotes at most. */
    static final int QUOTED_LINES = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Session is one profiled fork of a point on a JVM, and what it samples. */
    enum Session {
        /** CPU samples (perf_events or ctimer) and allocation samples; no wall-clock signal. */
        CPU_ALLOC("cpu", "CPU and allocations"),
        /** Wall-clock samples of every thread, alone. */
        WALL("wall", "wall clock");

        /** Its folder under the JVM's, and its name in the page. */
        final String id;
        final String words;

        Session(String id, String words) {
            this.id = id;
            this.words = words;
        }

        /** The session whose profile holds {@code event}'s samples. */
        static Session of(Flames.Event event) {
            return event == Flames.Event.WALL ? WALL : CPU_ALLOC;
        }
    }

    /**
     * A Request is one point on one JVM in one session.
     *
     * @param point            the point (its JVM pair is not used here)
     * @param label            the JVM's label in run.json
     * @param java             the JVM's java executable
     * @param flags            the JVM's flags in run.json (prepended to the fork's arguments)
     * @param forkJvmArgs      the benchmark class's {@code @Fork(jvmArgs)} from run.json's plan
     * @param warmup           warm-up iterations
     * @param warmupTime       a warm-up iteration's time, JMH's syntax ({@code 1s})
     * @param measurement      measurement iterations
     * @param measurementTime  a measurement iteration's time, JMH's syntax
     * @param dir              where JMH's JSON, its output and the JFR file go
     * @param session          what the fork samples
     */
    record Request(FlaggedPoint point, String label, Path java, List<String> flags, List<String> forkJvmArgs, int warmup,
                   String warmupTime, int measurement, String measurementTime, Path dir, Session session) {
        /** The same fork in session {@code s}, its files in {@code d}. */
        Request in(Session s, Path d) {
            return new Request(point, label, java, flags, forkJvmArgs, warmup, warmupTime, measurement, measurementTime, d, s);
        }

        /** What the fork should take, s: its iterations and {@link #OVERHEAD_SECONDS}. */
        long expectedSeconds() {
            return OVERHEAD_SECONDS + Math.round(warmup * seconds(warmupTime) + measurement * seconds(measurementTime));
        }
    }

    /** How a profiled fork ended. */
    enum Status {
        /** A JFR file was written. */
        OK,
        /** The profiler could not be loaded: no later fork would fare better. */
        PROFILER_FAILED,
        /** The fork failed otherwise (JMH error, benchmark error, time limit). */
        FAILED
    }

    /**
     * An Outcome is what one profiled fork left.
     *
     * @param status  how it ended
     * @param reason  why it failed, one line; null when OK
     * @param jfr     the JFR file, null when none
     * @param score   the fork's JMH score, NaN when none (one profiled fork: not a measurement)
     * @param unit    the score's unit, null when none
     * @param ops     operations in the profiled (measurement) iterations, NaN when the mode does not say
     * @param seconds wall time of the whole fork, s
     */
    record Outcome(Status status, String reason, Path jfr, double score, String unit, double ops, long seconds) {
    }

    private ProfiledFork() {
    }

    /** The command line of {@code r} on the JMH host {@code hostJava} with {@code classPath}. */
    static List<String> command(Path hostJava, String classPath, Request r, ProfilerSetup setup, boolean ignoreJmhLock) {
        List<String> c = new ArrayList<>(List.of(hostJava.toString()));
        if (ignoreJmhLock) {
            c.add("-Djmh.ignoreLock=true");
        }
        c.addAll(List.of("-cp", classPath, "org.openjdk.jmh.Main",
                "^" + Pattern.quote(r.point().benchmark()) + "$",
                "-f", "1", "-wf", "0", "-bm", r.point().mode(),
                "-wi", Integer.toString(r.warmup()), "-w", r.warmupTime(),
                "-i", Integer.toString(r.measurement()), "-r", r.measurementTime(),
                "-jvm", r.java().toString(),
                "-rf", "json", "-rff", r.dir().resolve("jmh.json").toString()));
        r.point().params().forEach((k, v) -> c.addAll(List.of("-p", k + "=" + v)));
        if (!r.flags().isEmpty()) {
            c.addAll(List.of("-jvmArgsPrepend", String.join(" ", r.flags())));
        }
        // Without -jvmArgs JMH gives the fork the host's own flags; the host here has none, but say so.
        c.addAll(List.of("-jvmArgs", r.forkJvmArgs().isEmpty() ? "-Dnettune.explain.fork=true" : String.join(" ", r.forkJvmArgs())));
        // one kind of signal per session (see the class comment): CPU and allocations, or wall clock alone
        String events = r.session() == Session.WALL ? "event=wall;interval=" + WALL_INTERVAL_NS
                : "event=" + setup.cpuEvent() + ";interval=" + CPU_INTERVAL_NS + ";alloc=" + ALLOC_INTERVAL;
        c.addAll(List.of("-prof", "async:libPath=" + setup.library() + ";" + events + ";output=jfr;dir=" + r.dir().resolve("async")));
        return c;
    }

    /**
     * Runs {@code command} for {@code r}, its output into {@code <dir>/jmh.log}, killed with all it
     * started after {@code limit}; never throws for the fork's own failures.
     */
    static Outcome run(List<String> command, Request r, Duration limit) {
        long t0 = System.nanoTime();
        if (r.dir().toAbsolutePath().toString().contains(",")) {
            return new Outcome(Status.FAILED, "async-profiler cannot write under " + r.dir().toAbsolutePath()
                    + ": its options are comma-separated, so a path with a comma is cut short", null, Double.NaN, null, Double.NaN, 0);
        }
        Path log = r.dir().resolve("jmh.log");
        Process p;
        try {
            Files.createDirectories(r.dir());
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            return new Outcome(Status.FAILED, "cannot start " + command.get(0) + ": " + e.getMessage(), null, Double.NaN, null,
                    Double.NaN, 0);
        }
        // A run stopped with Ctrl-C must not leave the fork behind.
        Thread killer = new Thread(() -> killTree(p), "nettune-explain-kill");
        Runtime.getRuntime().addShutdownHook(killer);
        boolean ended;
        try {
            ended = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            return new Outcome(Status.FAILED, "interrupted; the profiled fork was stopped", null, Double.NaN, null, Double.NaN,
                    elapsed(t0));
        } finally {
            removeHook(killer);
        }
        if (!ended) {
            killTree(p);
            return new Outcome(Status.FAILED, "no result within " + limit.toSeconds() + " s (" + LIMIT_FACTOR
                    + "x the expected time plus " + GRACE_SECONDS + " s); the fork and its children were killed (see " + log + ")",
                    null, Double.NaN, null, Double.NaN, elapsed(t0));
        }
        List<String> lines = readLog(log);
        Path jfr = findJfr(r.dir().resolve("async"));
        if (p.exitValue() != 0 || jfr == null) {
            String why = failure(lines);
            Status s = why.contains("async-profiler") && why.contains("load") ? Status.PROFILER_FAILED : Status.FAILED;
            return new Outcome(s, (p.exitValue() != 0 ? "JMH exited with " + p.exitValue() : "no JFR file written") + ": " + why
                    + " (see " + log + ")", null, Double.NaN, null, Double.NaN, elapsed(t0));
        }
        double[] scoreOps = scoreAndOps(r.dir().resolve("jmh.json"), r);
        String unit = unit(r.dir().resolve("jmh.json"));
        return new Outcome(Status.OK, null, jfr, scoreOps[0], unit, scoreOps[1], elapsed(t0));
    }

    /** Kills {@code p} and every process it started, and waits briefly for them to go. */
    static void killTree(Process p) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : all) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping anyway: the kill signals are sent
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // a child that outlives SIGKILL for 10 s is in the kernel's hands; nothing more to do from here
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs and kills the fork, as it should
        }
    }

    /** One line saying why the fork failed, from JMH's output. */
    static String failure(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains("Unable to load async-profiler") || l.contains("UnsatisfiedLinkError")) {
                // JMH prints its own hint first, then the loader's reason ("...: invalid ELF header"): give the reason
                String cause = i + 1 < lines.size() && !lines.get(i + 1).isBlank() ? lines.get(i + 1).strip() : l.strip();
                return "async-profiler could not be loaded: " + clip(cause);
            }
            if (l.contains("jmh.lock")) {
                return "another JMH run holds the JMH lock (/tmp/jmh.lock): " + clip(l.strip());
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("<failure>")) {
                List<String> quote = new ArrayList<>();
                for (int j = i + 1; j < lines.size() && quote.size() < QUOTED_LINES; j++) {
                    if (!lines.get(j).isBlank()) {
                        quote.add(lines.get(j).strip());
                    }
                }
                return clip(String.join(" / ", quote));
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (!l.isEmpty()) {
                return clip(l);
            }
        }
        return "no output";
    }

    private static List<String> readLog(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    private static Path findJfr(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> f.toString().endsWith(".jfr")).filter(f -> f.toFile().length() > 0).findFirst().orElse(null);
        } catch (IOException e) {
            return null; // unreadable output folder: reported as "no JFR file written"
        }
    }

    /** The fork's score and the operations its measurement iterations ran (NaN where the mode does not say). */
    static double[] scoreAndOps(Path jmhJson, Request r) {
        try {
            JsonNode first = JSON.readTree(jmhJson.toFile()).path(0);
            double score = first.path("primaryMetric").path("score").asDouble(Double.NaN);
            String unit = first.path("primaryMetric").path("scoreUnit").asText("");
            double measured = r.measurement() * seconds(r.measurementTime());
            return new double[]{score, ops(r.point().mode(), score, unit, measured)};
        } catch (IOException e) {
            return new double[]{Double.NaN, Double.NaN};
        }
    }

    private static String unit(Path jmhJson) {
        try {
            return JSON.readTree(jmhJson.toFile()).path(0).path("primaryMetric").path("scoreUnit").asText(null);
        } catch (IOException e) {
            return null; // no JSON: the outcome has no score either
        }
    }

    /**
     * Operations run in {@code measuredSeconds} at {@code score} in {@code unit}: throughput times time,
     * or time over the time per operation; NaN for single-shot and unknown units.
     */
    static double ops(String mode, double score, String unit, double measuredSeconds) {
        if (Double.isNaN(score) || score <= 0 || mode.equals("ss")) {
            return Double.NaN;
        }
        Map<String, Double> perSecond = Map.of("s", 1.0, "ms", 1e3, "us", 1e6, "ns", 1e9, "min", 1 / 60.0);
        if (unit.startsWith("ops/")) {
            Double f = perSecond.get(unit.substring(4));
            return f == null ? Double.NaN : score * f * measuredSeconds;
        }
        if (unit.endsWith("/op")) {
            Double f = perSecond.get(unit.substring(0, unit.length() - 3));
            return f == null ? Double.NaN : measuredSeconds / (score / f);
        }
        return Double.NaN;
    }

    /** Seconds of a JMH time ("1 s", "500ms", "2 min"). */
    static double seconds(String time) {
        String t = time.replace(" ", "").toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a time: '" + time + "'");
        }
        double v = Double.parseDouble(t.substring(0, i));
        return switch (t.substring(i)) {
            case "", "s", "sec" -> v;
            case "ms" -> v / 1e3;
            case "us" -> v / 1e6;
            case "ns" -> v / 1e9;
            case "m", "min" -> v * 60;
            case "h", "hr" -> v * 3600;
            default -> throw new IllegalArgumentException("not a time: '" + time + "'");
        };
    }

    private static long elapsed(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e9);
    }

    private static String clip(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
