package dev.nettune.run;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * JmhMain is the uber-jar's main class ({@code java -jar target/benchmarks.jar …}): JMH's own
 * {@link org.openjdk.jmh.Main} for everything but {@code -l}. JMH's annotation processor writes one
 * BenchmarkList entry per benchmark method and mode, and JMH's {@code -l} prints one line per entry,
 * so a method with {@code @BenchmarkMode({Throughput, SampleTime})} (RoundTripBenchmark.roundTrip,
 * CoalescingBenchmark.message, ConnectionReuseBenchmark.operation) was listed twice; here each
 * benchmark is listed once, in JMH's format ({@code -lp} still shows every entry with its parameters).
 */
public final class JmhMain {
    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cmd = null;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            // JMH says what is wrong with its options, as it always has
        }
        if (cmd != null && cmd.shouldList() && !cmd.shouldListWithParams() && !cmd.shouldHelp()) {
            OutputFormat out = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL);
            list(out, cmd.getIncludes(), cmd.getExcludes());
            out.flush();
            return;
        }
        org.openjdk.jmh.Main.main(args);
    }

    /** Prints "Benchmarks:" and each matching benchmark's name once, sorted as JMH sorts them. */
    static void list(OutputFormat out, List<String> includes, List<String> excludes) {
        Set<String> names = new LinkedHashSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(out, includes, excludes)) {
            names.add(e.getUsername());
        }
        out.println("Benchmarks:");
        names.forEach(out::println);
    }
}
