package dev.nettune.analysis.calibrate;

import dev.nettune.cli.Cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Calibrate is the command that classifies a calibration run and writes what it finds: the run's
 * warm-up per class into {@code calibration.md} and {@code calibration.json}, and with
 * {@code --write-profiles} into the profile files. The run comes from
 * {@code mvn verify -DskipTests -Dnettune.calibrate=<profile>} (README: "Calibrating warm-up").
 */
public final class Calibrate {

    @Command(name = "java -cp target/benchmarks.jar dev.nettune.analysis.calibrate.Calibrate",
            description = "Classifies every fork of a calibration run (flat, warm-up, slow-down, no-steady-state) and chooses each"
                    + " benchmark class's warm-up; writes calibration.md and calibration.json, and with --write-profiles the"
                    + " <profile>.@warmup and <profile>.@unsteady lines of the profile files.",
            footer = {"Exit status: 0 done, 2 bad input (no such run, a run without enough measured iterations, a missing profile file)."})
    static final class Arguments implements Cli.Checked {
        @Option(names = "--run", paramLabel = "DIR", required = true, description = "the calibration run's folder (with run.json),"
                + " or a results folder: then its newest run (run ids sort by start time)")
        Path run;
        @Option(names = "--dry-run", description = "say which run would be classified, write nothing")
        boolean dryRun;
        @Option(names = "--out", paramLabel = "DIR", description = "where calibration.md and calibration.json go (default: the run folder's parent)")
        Path out;
        @Option(names = "--write-profiles", paramLabel = "DIR", description = "rewrite the calibration lines of the profile files in this folder"
                + " (e.g. src/main/resources/nettune/profiles)")
        Path profiles;
        @Option(names = "--cap", paramLabel = "N", description = "largest warm-up chosen, iterations (default ${DEFAULT-VALUE}); a budget: where it binds the files say so")
        int cap = Calibration.DEFAULT_CAP;
        @Option(names = "--evidence", paramLabel = "TEXT", description = "where the profile files' comment says the evidence is"
                + " (default: the output folder)")
        String evidence;

        @Override
        public void check() {
            Cli.range("--cap", cap, 0, 1000);
            if (profiles != null && !Files.isDirectory(profiles)) {
                throw Cli.invalid("--write-profiles", profiles, "is not a directory");
            }
        }
    }

    private Calibrate() {
    }

    /** {@code given} when it holds a run.json, else its newest subfolder that does. */
    static Path runFolder(Path given) throws CalibrationRun.BadRun, IOException {
        if (!Files.isDirectory(given) || Files.isRegularFile(given.resolve("run.json"))) {
            return given; // CalibrationRun.read says what is wrong with it
        }
        try (java.util.stream.Stream<Path> dirs = Files.list(given)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("run.json"))).max(java.util.Comparator.comparing(d -> d.getFileName().toString()))
                    .orElseThrow(() -> new CalibrationRun.BadRun(given + ": no run.json, nor a run folder with one inside"));
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a = new Arguments();
        OptionalInt done = Cli.parse(Cli.commandLine(a), args, out, err, "Calibrate: ");
        if (done.isPresent()) {
            return done.getAsInt();
        }
        try {
            Path dir = runFolder(a.run);
            if (a.dryRun) {
                out.println("Calibrate: would classify " + dir);
                return Cli.EXIT_OK;
            }
            CalibrationRun run = CalibrationRun.read(dir);
            Calibration c = Calibration.of(run, a.cap);
            Path outDir = a.out != null ? a.out : dir.toAbsolutePath().getParent();
            CalibrationFiles.write(c, outDir);
            out.println("Calibrate: " + run.points().size() + " points, " + run.jvms().size() + " JVMs; wrote "
                    + outDir.resolve(CalibrationFiles.MD) + " and " + CalibrationFiles.JSON);
            c.classWarmups().forEach((cls, n) -> out.println("  " + cls.substring(cls.lastIndexOf('.') + 1) + ": warm-up "
                    + (n < 0 ? "unchanged (no point reaches a steady state)" : n) + (c.unsteady(cls).isEmpty() ? "" : "; unsteady "
                    + String.join(", ", c.unsteady(cls)))));
            if (a.profiles != null) {
                for (Path f : CalibrationFiles.rewriteProfiles(c, a.profiles, a.evidence != null ? a.evidence : outDir.toString())) {
                    out.println("  wrote " + f);
                }
            }
            return Cli.EXIT_OK;
        } catch (CalibrationRun.BadRun e) {
            return Cli.fail(err, "Calibrate: ", e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            return Cli.fail(err, "Calibrate: ", e.getMessage(), null);
        }
    }
}
