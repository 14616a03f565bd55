package dev.nettune.fault;

import dev.nettune.bench.RoundTripBenchmark;
import dev.nettune.placement.Netns;
import dev.nettune.placement.PlacedServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault matrix of a placed server, each fault hitting a real benchmark fork mid-measurement
 * (RoundTripBenchmark, one 60 s iteration that never gets to finish; the stall bound lowered to
 * {@value #STALL_SECONDS} s): the server JVM killed, the server JVM stopped (SIGSTOP), the
 * namespace's link taken down. Each ends the fork within its bound — no 60 s iteration waited out,
 * no hang — with the reason in what JMH prints, the line the runner's log reader takes as the fork's
 * reason, and leaves nothing behind: no server JVM, no namespace or link. A stall's reason is the
 * {@link PlacedServer#FAULT_PREFIX} line, which the runner's log reader prefers to whatever JMH says
 * of the fork (its VM exit, or a reset the server's end caused on the way out).
 */
@Tag("process")
class FaultForkTest {
    static final long TIMEOUT_SECONDS = 120;
    /** The stall bound the forks run with ({@code nettune.placement.stallSeconds}). */
    static final int STALL_SECONDS = 2;
    /** The measurement iteration: far longer than any fault takes to end the fork. */
    static final int ITERATION_SECONDS = 60;
    /** Server reads that show round trips under way (a 64 B round trip is one read; setup makes a handful). */
    static final long MEASURING_READS = 5_000;

    @Test
    void aServerJvmKilledMidForkFailsTheForkWithTheClientsEndOfStream() throws Exception {
        Forked f = fork("process", s -> ProcessHandle.of(s.pid).ifPresent(ProcessHandle::destroyForcibly));
        assertTrue(f.output.contains("<failure>"), f.output);
        assertTrue(f.output.contains("java.io.EOFException: server closed the connection after 0 of ")
                || f.output.contains("java.net.SocketException: Connection reset"), f.output);
        assertFalse(f.output.contains("<forked VM failed"), "the fork failed the point and ended normally:\n" + f.output);
    }

    @Test
    void aServerJvmStoppedLongerThanTheBoundEndsTheForkWithTheReason() throws Exception {
        Forked f = fork("process", s -> run("kill", "-STOP", Long.toString(s.pid)));
        assertTrue(f.output.contains(PlacedServer.FAULT_PREFIX + "placement process: the server JVM (pid " + f.serverPid
                + ") has been stopped (state T: SIGSTOP or a debugger) for more than " + STALL_SECONDS + " s"), f.output);
    }

    @Test
    void aLinkTakenDownLongerThanTheBoundEndsTheForkWithTheReason() throws Exception {
        String why = Netns.unavailableReason(false);
        assumeTrue(why == null, why);
        Forked f = fork("netns", s -> run("ip", "-n", s.namespace, "link", "set", s.hostLink.replaceAll("h$", "n"), "down"));
        assertTrue(f.output.contains("<forked VM failed with exit code 3>"), "nothing reaches the client over a dead link:\n" + f.output);
        assertTrue(f.output.contains(PlacedServer.FAULT_PREFIX + "placement netns: the link " + f.hostLink + " to namespace "
                + f.namespace + " has been down (operstate) with the server behind it for more than " + STALL_SECONDS + " s"), f.output);
    }

    /** The server a fork started: its pid and, in a namespace, the namespace and the link's host end. */
    record Server(long pid, String namespace, String hostLink) {
    }

    /** What a faulted fork printed, and its server. */
    record Forked(String output, long serverPid, String namespace, String hostLink) {
    }

    interface Fault {
        void apply(Server s) throws Exception;
    }

    /** Runs one fork at {@code placement}, applies {@code fault} once it measures, checks it failed and left nothing. */
    static Forked fork(String placement, Fault fault) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Options options = new OptionsBuilder()
                .include(RoundTripBenchmark.class.getName() + "\\.roundTrip$")
                .param("payload", "64").param("placement", placement)
                .mode(org.openjdk.jmh.annotations.Mode.Throughput)
                .forks(1).warmupForks(0).warmupIterations(0).measurementIterations(1)
                .measurementTime(TimeValue.seconds(ITERATION_SECONDS))
                .jvmArgs("-Xmx256m", "-Dnettune.placement.stallSeconds=" + STALL_SECONDS).shouldFailOnError(false)
                .build();
        String lock = System.getProperty("jmh.ignoreLock");
        System.setProperty("jmh.ignoreLock", "true"); // a test's fork measures nothing: it need not wait for others' runs
        CompletableFuture<Collection<RunResult>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return new Runner(options, OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL)).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        try {
            Optional<ProcessHandle> server = Optional.empty();
            while (server.isEmpty() || sockets(server.get().pid()) < 3) { // listener, control, the benchmark's: measuring
                server = ProcessHandle.current().descendants()
                        .filter(p -> p.info().commandLine().orElse("").contains("dev.nettune.server.Main")).findFirst();
                if (run.isDone() || System.nanoTime() > deadline) {
                    fail("the fork never measured against its server:\n" + bytes.toString(StandardCharsets.UTF_8));
                }
                Thread.sleep(50); // polling /proc: the fork announces nothing to this JVM
            }
            long pid = server.get().pid();
            long reads = reads(pid);
            while (reads(pid) - reads < MEASURING_READS) { // round trips under way: past setup, in the iteration
                if (run.isDone() || System.nanoTime() > deadline) {
                    fail("the fork never measured against its server:\n" + bytes.toString(StandardCharsets.UTF_8));
                }
                Thread.sleep(50); // as above
            }
            String ns = null;
            String link = null;
            long forkPid = server.get().parent().map(ProcessHandle::pid).orElse(-1L);
            if (placement.startsWith("netns")) {
                // names carry the creating JVM's pid: the fork's own, whatever other runs on this machine create
                for (String n : Netns.existing()) {
                    if (n.startsWith(Netns.PREFIX + forkPid + "-")) {
                        ns = n;
                    } else if (n.startsWith("nt" + forkPid + "x") && n.endsWith("h")) {
                        link = n;
                    }
                }
                assertTrue(ns != null && link != null, "the fork's namespace and link: " + Netns.existing());
            }
            fault.apply(new Server(pid, ns, link));
            Collection<RunResult> results = run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(0, results.size(), text);
            assertFalse(text.contains("Iteration   1: " + ITERATION_SECONDS), "no iteration completed");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server JVM " + pid + " is gone");
            assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                    .filter(p -> !p.info().command().orElse("").endsWith("/ip")).map(p -> p.info().commandLine().orElse("?")).toList(),
                    "no process of the fork is left");
            if (Netns.unavailableReason(false) == null) {
                assertEquals(List.of(), Netns.existing().stream().filter(n -> n.startsWith(Netns.PREFIX + forkPid + "-")
                        || n.startsWith("nt" + forkPid + "x")).toList(), "the fork removed its namespace and link on its way out");
            }
            return new Forked(text, pid, ns, link);
        } finally {
            if (lock == null) {
                System.clearProperty("jmh.ignoreLock");
            } else {
                System.setProperty("jmh.ignoreLock", lock);
            }
            if (!run.isDone()) {
                run.cancel(true);
            }
        }
    }

    /** The read(2) calls process {@code pid} has made (/proc/pid/io syscr); 0 when it is gone. */
    static long reads(long pid) throws IOException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
                if (line.startsWith("syscr:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return 0; // gone
        }
        return 0;
    }

    /** Sockets process {@code pid} holds open, from /proc/pid/fd; 0 when it is gone. */
    static int sockets(long pid) {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed while listing: not counted
                }
            }
        } catch (IOException e) {
            return 0; // the process is gone
        }
        return n;
    }

    static void run(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, c + ": " + out);
    }
}
