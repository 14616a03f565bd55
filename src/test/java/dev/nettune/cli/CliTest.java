package dev.nettune.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conventions every entry point shares: help from the options (exit 0), one line naming option and value (exit 2). */
class CliTest {
    @Command(name = "sample", description = "A sample command.", footer = "Exit status: 0 ok; 2 bad input.")
    static final class Sample implements Cli.Checked {
        @Option(names = "--count", paramLabel = "N", description = "how many (default ${DEFAULT-VALUE})")
        int count = 3;
        @Option(names = "--name", paramLabel = "TEXT", description = "a name")
        String name;
        @Option(names = "--quiet", description = "say nothing")
        boolean quiet;
        @Parameters(paramLabel = "FILES", description = "input files")
        List<String> files = new ArrayList<>();

        @Override
        public void check() {
            Cli.range("--count", count, 1, 10);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private OptionalInt parse(Sample s, String... args) {
        out.reset();
        err.reset();
        return Cli.parse(Cli.commandLine(s), args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "sample: ");
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bothValueFormsAndNoArgumentFiles() {
        Sample s = new Sample();
        assertEquals(OptionalInt.empty(), parse(s, "--count", "5", "--name=x y", "@args.txt", "-"));
        assertEquals(5, s.count);
        assertEquals("x y", s.name);
        assertEquals(List.of("@args.txt", "-"), s.files, "'@' starts an argument, not a file of arguments");
    }

    @Test
    void helpIsMadeFromTheOptionsAndExits0() {
        assertEquals(OptionalInt.of(Cli.EXIT_OK), parse(new Sample(), "--count", "5", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("usage: sample [-h] [--count N] [--name TEXT] [--quiet] [FILES...]\n\nA sample command.\n"), help);
        assertTrue(help.contains("--count N") && help.contains("how many (default 3)") && help.contains("-h, --help"), help);
        assertTrue(help.endsWith("Exit status: 0 ok; 2 bad input.\n"), help);
        assertFalse(help.contains("\u00A0") || help.contains("--count="), help);
        assertEquals("", err());
    }

    @Test
    void badInputIsOneLineNamingOptionAndValueThenTheUsageAndExits2() {
        assertEquals(OptionalInt.of(Cli.EXIT_USAGE), parse(new Sample(), "--count", "x"));
        assertEquals(List.of("sample: error: Invalid value for option '--count': 'x' is not an int",
                "usage: sample [-h] [--count N] [--name TEXT] [--quiet] [FILES...]"), err().lines().toList());
        assertEquals(OptionalInt.of(Cli.EXIT_USAGE), parse(new Sample(), "--count=11"));
        assertTrue(err().startsWith("sample: error: Invalid value for option '--count': '11' is above the maximum, 10\n"), err());
        assertEquals(OptionalInt.of(Cli.EXIT_USAGE), parse(new Sample(), "--name"));
        assertTrue(err().startsWith("sample: error: Missing required parameter for option '--name' (TEXT)\n"), err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownOptionGetsTheClosestNamesAndTheList() {
        assertEquals(OptionalInt.of(Cli.EXIT_USAGE), parse(new Sample(), "--cont", "5"));
        assertTrue(err().startsWith("sample: error: unknown option '--cont' (did you mean --count?); options: --count --name --quiet"
                + " --help\n"), err());
        assertEquals(OptionalInt.of(Cli.EXIT_USAGE), parse(new Sample(), "--verbose"));
        assertTrue(err().startsWith("sample: error: unknown option '--verbose'; options: --count --name --quiet --help\n"), err());
        assertEquals(OptionalInt.of(Cli.EXIT_USAGE), parse(new Sample(), "-x"));
        assertTrue(err().startsWith("sample: error: unknown option '-x'; options:"), err());
    }

    /** A command whose options are also properties, as the suite runner's. */
    @Command(name = "props")
    static final class Props implements Cli.PropertyNamed, Cli.Checked {
        @Option(names = "--count", paramLabel = "N", description = "how many, <= 5%% of the rest")
        int count = 3;
        @Option(names = "--fast", paramLabel = "true", arity = "1", description = "go fast")
        boolean fast;

        @Override
        public String propertyPrefix() {
            return "app.";
        }

        @Override
        public void check() {
            if (fast && count > 1) {
                throw new Cli.UsageError("app.fast: 'true' only with app.count=1");
            }
        }
    }

    private static String refusal(Object command, String... args) {
        try {
            Cli.parseOrThrow(Cli.commandLine(command), args);
        } catch (Cli.UsageError e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + List.of(args));
    }

    @Test
    void aPropertyNamedCommandNamesThePropertyAndShowsNameEqualsValue() {
        assertEquals("app.cont: no such option (did you mean count?); options: count, fast", refusal(new Props(), "--cont=4"));
        assertEquals("app.verbose: no such option; options: count, fast", refusal(new Props(), "--verbose=1"));
        assertEquals("app.count: 'x' is not an int", refusal(new Props(), "--count=x"));
        assertEquals("app.fast: 'true' only with app.count=1", refusal(new Props(), "--fast=true"));
        Props p = new Props();
        Cli.parseOrThrow(Cli.commandLine(p), "--count=1", "--fast=true", "--help");
        assertTrue(p.fast, "help skips the checks of the options, not their parsing");
        String help = Cli.help(Cli.commandLine(new Props()));
        assertTrue(help.contains("\n  count=N                   how many, <= 5% of the rest\n"), help);
        assertTrue(help.contains("\n  fast=true                 go fast\n") && help.contains("\n  -h, --help "), help);
        // the other commands keep --name VALUE
        assertTrue(Cli.help(Cli.commandLine(new Sample())).contains("--count N"));
    }
}
