package dev.nettune.tools;

import dev.nettune.cli.Cli;
import dev.nettune.client.SelectorClient;
import dev.nettune.host.ProcessProbe;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Kind;
import org.apache.commons.math3.stat.StatUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Does the Selector server keep its throughput from few to many connections, measured so that a
 * noisy machine cannot decide the answer? On a shared VM the same point swings from one minute to
 * the next (the host moves the VM's CPUs), so two points measured minutes apart compare machine
 * moods as much as connection counts. PairedScaling keeps a SELECTOR client of each size
 * connected to a SELECTOR server of its own and measures them in short alternating slices (few,
 * many, many, few, ...), so each ratio compares two slices seconds apart; it prints every pair and
 * the median ratio. Every reply is verified; only one load runs at a time, the other's threads wait
 * in epoll. Complements ConnectionScalingBenchmark (JMH, one point at a time); not run by the suite.
 *
 * <p>Usage: {@code java -cp target/benchmarks.jar dev.nettune.tools.PairedScaling
 * [--few 16] [--many 1024] [--pairs 15] [--slice-ms 2000] [--payload 64] [--transport TCP|UNIX]}
 * ({@code --help} lists the options with their defaults).
 */
public final class PairedScaling {
    /** Parsed command line. */
    record Options(int few, int many, int pairs, long sliceMillis, int payload, Transport transport) {
    }

    /** One pair of slices: round trips/s with few and with many connections. */
    record Pair(double few, double many) {
        double ratio() {
            return many / few;
        }
    }

    private PairedScaling() {
    }

    /** The command line: one field per option; {@code --help} is made from them. */
    @Command(name = "java -cp target/benchmarks.jar dev.nettune.tools.PairedScaling",
            description = "A SELECTOR client of each size against a SELECTOR server of its own, measured in short alternating"
                    + " slices (few, many, many, few, ...); prints every pair's ratio of round trips/s and the median.",
            footer = "Exit status: 0 done; 1 the measurement failed; 2 bad options.")
    static final class Arguments implements Cli.Checked {
        @Option(names = "--few", paramLabel = "N", description = "connections of the smaller load (default ${DEFAULT-VALUE})")
        int few = 16;
        @Option(names = "--many", paramLabel = "N", description = "connections of the larger load, more than --few (default ${DEFAULT-VALUE})")
        int many = 1024;
        @Option(names = "--pairs", paramLabel = "N", description = "pairs of slices measured, after 2 warm-up slices of each (default ${DEFAULT-VALUE})")
        int pairs = 15;
        @Option(names = "--slice-ms", paramLabel = "MS", description = "length of one slice, at least 10 (default ${DEFAULT-VALUE})")
        long sliceMillis = 2000;
        @Option(names = "--payload", paramLabel = "BYTES", description = "echo payload per round trip (default ${DEFAULT-VALUE})")
        int payload = 64;
        @Option(names = "--transport", paramLabel = "TCP|UNIX", description = "TCP loopback or Unix-domain sockets (default ${DEFAULT-VALUE})")
        Transport transport = Transport.TCP;

        @Override
        public void check() {
            Cli.range("--few", few, 1, Integer.MAX_VALUE);
            Cli.range("--many", many, 1, Integer.MAX_VALUE);
            Cli.range("--pairs", pairs, 1, Integer.MAX_VALUE);
            Cli.range("--slice-ms", sliceMillis, 10, Integer.MAX_VALUE);
            Cli.range("--payload", payload, 0, Integer.MAX_VALUE);
            if (many <= few) {
                throw Cli.invalid("--many", many, "must be larger than --few (" + few + ")");
            }
        }

        Options options() {
            return new Options(few, many, pairs, sliceMillis, payload, transport);
        }
    }

    public static void main(String[] args) throws IOException {
        Arguments a = new Arguments();
        OptionalInt done = Cli.parse(Cli.commandLine(a).setOverwrittenOptionsAllowed(true), args, System.out, System.err,
                "PairedScaling: ");
        if (done.isPresent()) {
            System.exit(done.getAsInt());
            return;
        }
        Options o = a.options();
        List<Pair> pairs = run(o, System.out);
        System.out.println(summary(o, pairs));
    }

    /** The options of {@code args}; a {@link Cli.UsageError} names a bad one. */
    static Options parse(String... args) {
        Arguments a = new Arguments();
        Cli.parseOrThrow(Cli.commandLine(a).setOverwrittenOptionsAllowed(true), args);
        return a.options();
    }

    /** Warms both loads up for 2 slices each, then measures the pairs, printing each as it ends. */
    static List<Pair> run(Options o, PrintStream out) throws IOException {
        String shortage = ProcessProbe.fdShortage(o.few() + o.many());
        if (shortage != null) {
            throw new IOException(shortage);
        }
        // TCP_NODELAY on TCP, as the benchmarks set it; Unix-domain sockets have no such option
        SocketTuning tuning = o.transport() == Transport.TCP ? SocketTuning.NO_DELAY : SocketTuning.DEFAULTS;
        ServerConfig config = ServerConfig.DEFAULT.withTransport(o.transport()).withTuning(tuning);
        try (Server fewServer = ServerModel.SELECTOR.start(config);
             Server manyServer = ServerModel.SELECTOR.start(config);
             SelectorClient few = new SelectorClient(fewServer.address(), tuning, o.few(), Kind.ECHO, o.payload());
             SelectorClient many = new SelectorClient(manyServer.address(), tuning, o.many(), Kind.ECHO, o.payload())) {
            out.printf("PairedScaling: %d vs %d connections, %d B echo over %s, %d pairs of %d ms slices; options read back: client %s, server %s%n",
                    o.few(), o.many(), o.payload(), o.transport(), o.pairs(), o.sliceMillis(), few.options(), fewServer.acceptedOptions());
            for (int i = 0; i < 2; i++) {
                rate(few, o.sliceMillis());
                rate(many, o.sliceMillis());
            }
            List<Pair> pairs = new ArrayList<>();
            for (int i = 0; i < o.pairs(); i++) {
                // Alternate which size goes first, so a drift within a pair favours neither.
                double f;
                double m;
                if (i % 2 == 0) {
                    f = rate(few, o.sliceMillis());
                    m = rate(many, o.sliceMillis());
                } else {
                    m = rate(many, o.sliceMillis());
                    f = rate(few, o.sliceMillis());
                }
                Pair p = new Pair(f, m);
                pairs.add(p);
                out.printf("pair %2d: %d connections %.0f rt/s, %d connections %.0f rt/s, ratio %.3f%n", i + 1, o.few(), f, o.many(), m, p.ratio());
            }
            return pairs;
        }
    }

    /** Verified round trips per second over one slice. */
    private static double rate(SelectorClient client, long millis) throws IOException {
        long start = System.nanoTime();
        long n = client.runUntil(start + millis * 1_000_000L, null);
        return n * 1e9 / (System.nanoTime() - start);
    }

    static String summary(Options o, List<Pair> pairs) {
        double[] ratios = pairs.stream().mapToDouble(Pair::ratio).sorted().toArray();
        double[] few = pairs.stream().mapToDouble(Pair::few).toArray();
        double[] many = pairs.stream().mapToDouble(Pair::many).toArray();
        return String.format("median over %d pairs: %d connections %.0f rt/s, %d connections %.0f rt/s, ratio %.3f (pairs ranged %.3f-%.3f)",
                pairs.size(), o.few(), median(few), o.many(), median(many), median(ratios), ratios[0], ratios[ratios.length - 1]);
    }

    /** The median (the mean of the middle two for an even count): Commons Math's 50th percentile. */
    static double median(double[] values) {
        return StatUtils.percentile(values, 50);
    }
}
