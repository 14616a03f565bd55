package dev.nettune.bench.model;

import dev.nettune.client.SelectorClient;
import dev.nettune.host.ProcessProbe;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Kind;
import org.apache.commons.math3.stat.StatUtils;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

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
 * <p>Usage: {@code java -cp target/benchmarks.jar dev.nettune.bench.model.PairedScaling
 * [--few 16] [--many 1024] [--pairs 15] [--slice-ms 2000] [--payload 64] [--transport TCP|UNIX]}
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

    public static void main(String[] args) throws IOException {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PairedScaling: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        List<Pair> pairs = run(o, System.out);
        System.out.println(summary(o, pairs));
    }

    static final String USAGE = "usage: PairedScaling [--few N] [--many N] [--pairs N] [--slice-ms MS] [--payload BYTES] [--transport TCP|UNIX]\n"
            + "  defaults: --few 16 --many 1024 --pairs 15 --slice-ms 2000 --payload 64 --transport TCP";

    static Options parse(String[] args) {
        int few = 16;
        int many = 1024;
        int pairs = 15;
        long slice = 2000;
        int payload = 64;
        Transport transport = Transport.TCP;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--few" -> few = atLeast(name, value, 1);
                case "--many" -> many = atLeast(name, value, 1);
                case "--pairs" -> pairs = atLeast(name, value, 1);
                case "--slice-ms" -> slice = atLeast(name, value, 10);
                case "--payload" -> payload = atLeast(name, value, 0);
                case "--transport" -> transport = ModelPoint.transport(value);
                default -> throw new IllegalArgumentException("unknown option '" + name + "'");
            }
        }
        if (many <= few) {
            throw new IllegalArgumentException("--many (" + many + ") must be larger than --few (" + few + ")");
        }
        return new Options(few, many, pairs, slice, payload, transport);
    }

    private static int atLeast(String name, String value, int min) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number");
        }
        if (v < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** Warms both loads up for 2 slices each, then measures the pairs, printing each as it ends. */
    static List<Pair> run(Options o, PrintStream out) throws IOException {
        String shortage = ProcessProbe.fdShortage(o.few() + o.many());
        if (shortage != null) {
            throw new IOException(shortage);
        }
        SocketTuning tuning = ModelPoint.tuning(o.transport());
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
