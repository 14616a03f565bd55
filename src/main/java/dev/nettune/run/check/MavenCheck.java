package dev.nettune.run.check;

import dev.nettune.run.options.JvmMatrix;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.UsageException;

import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MavenCheck is the suite's input check as Maven runs it, inside Maven's own JVM ({@code exec:java}),
 * so that bad {@code -Dnettune.*} input stops {@code mvn} with exit status 2 and one line instead of
 * after compiling and testing:
 * <ul>
 *   <li>{@code options} (phase {@code validate}, before compilation; the pom compiles this class and
 *       the ones it needs on their own first): the options themselves, the folders, the JVM matrix
 *       and the baseline; JVM flags are tried only when variants are set;</li>
 *   <li>{@code benchmarks} (phase {@code process-classes}, after compilation, before the tests): what
 *       needs the compiled benchmark list — include, the profile files, {@code -p} names and values.</li>
 * </ul>
 * The options are Maven's {@code -Dnettune.*} user properties, which Maven also sets as system
 * properties of its JVM; an unknown {@code nettune.*} property is refused. On success it prints
 * nothing and returns (never {@code System.exit(0)}, which would end Maven); on bad input it prints
 * one line to stderr and calls {@code System.exit(2)}, which ends Maven with that status
 * (exec-maven-plugin's {@code blockSystemExit} is off).
 *
 * <p>Usage: {@code MavenCheck options|benchmarks PROJECT_DIR}.
 */
public final class MavenCheck {
    /** Stage before compilation. */
    static final String OPTIONS = "options";
    /** Stage after compilation. */
    static final String BENCHMARKS = "benchmarks";

    private MavenCheck() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals(OPTIONS) || args[0].equals(BENCHMARKS))) {
            fail("MavenCheck: usage: MavenCheck " + OPTIONS + "|" + BENCHMARKS + " PROJECT_DIR");
        }
        try {
            check(args[0], Path.of(args[1]), systemProperties(), JvmMatrix.Sources.ofThisProcess());
        } catch (UsageException e) {
            fail("nettune: error: " + e.getMessage());
        }
    }

    /** Runs one stage; every refusal is a UsageException. */
    static void check(String stage, Path projectDir, Map<String, String> properties, JvmMatrix.Sources sources) {
        SuiteOptions o = SuiteOptions.fromProperties(properties);
        if (stage.equals(OPTIONS)) {
            Preflight.jmhOptions(o);
            Preflight.checkFolders(o, projectDir);
            if (!o.skip()) {
                Preflight.targets(o, sources, projectDir, new ArrayList<>(), false);
            }
        } else if (!o.skip()) {
            Preflight.plan(o, Preflight.jmhOptions(o), BenchmarkList.defaultList()
                    .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of()));
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> out = new TreeMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> out.put(k, System.getProperty(k)));
        return out;
    }

    private static void fail(String line) {
        System.out.flush();
        System.err.println(line);
        System.err.flush();
        System.exit(UsageException.EXIT_STATUS);
    }
}
