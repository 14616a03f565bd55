package dev.nettune.cli;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Cli parses a command line the way every nettune entry point does. A command is an object whose
 * fields carry picocli's {@code @Option} and {@code @Parameters} (name, value label, description
 * with its default) under a {@code @Command} (the command as typed, what it does, its exit statuses);
 * {@link #commandLine} adds {@code -h/--help} and the shared layout, {@link #parse} fills the fields,
 * runs the command's {@link Checked#check} and prints the help or the error.
 *
 * <p>Shared conventions: {@code --name value} and {@code --name=value}; option names are
 * case-sensitive and never abbreviated; an argument starting with {@code @} is an argument, not a
 * file of arguments; the help shows {@code --name VALUE}, one option per row, in the order of the
 * fields, {@value #WIDTH} columns wide, without colours. A {@link PropertyNamed} command (the suite
 * runner, whose options are Maven properties) shows {@code name=VALUE} instead and names
 * {@code prefix.name} in its messages.
 */
public final class Cli {
    /** Exit status of a run that went well, and of {@code --help}. */
    public static final int EXIT_OK = 0;
    /** Exit status of bad input: an unknown option, a value out of range, a missing argument. */
    public static final int EXIT_USAGE = 2;
    /** Width of the help, in columns. */
    public static final int WIDTH = 100;
    /** Width of the column of option names and value labels in the help. */
    static final int OPTION_COLUMN = 26;
    /** Width of the column of {@code name=VALUE} in the help of a {@link PropertyNamed} command. */
    static final int PROPERTY_COLUMN = 28;
    /** Between an option and its value label while picocli wraps the help: never a line break there. */
    private static final char NO_BREAK = '\u00A0';
    /**
     * Punctuation that joins the parts of a word (dev.nettune.server.Main, name:jdks:spec, cpu0;par:21+:-XX:+UseParallelGC):
     * in a {@link PropertyNamed} command's help it stands in as a private-use character while picocli
     * wraps the text, which breaks lines after punctuation otherwise; {@link #help} puts it back.
     */
    private static final String JOINING = ".:-+/;,";
    /** The private-use character that stands for {@code JOINING.charAt(0)}; the others follow. */
    private static final char JOINED = '\uE000';

    /** A command whose options need checks one option alone cannot make: ranges, combinations. */
    public interface Checked {
        /** Throws a {@link UsageError} naming the option and the value when the options do not hold. */
        void check();
    }

    /**
     * A command whose options are also properties ({@code --blocks=3} is {@code -Dnettune.blocks=3}):
     * messages name the property ({@code nettune.blocks: '0' must be at least 1}, an unknown option
     * {@code nettune.profle: no such option (did you mean profile?); options: profile, jvms, ...}) and
     * the help shows {@code name=VALUE}, as the property is typed. Its options have one long name each.
     */
    public interface PropertyNamed {
        /** What comes before an option's name in a property, e.g. {@code "nettune."}. */
        String propertyPrefix();
    }

    /** A UsageError is a bad command line, with a message that names the option and the value. */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }

    private Cli() {
    }

    /** The command line of {@code command}, with {@code -h/--help} and the shared settings. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        CommandSpec spec = cl.getCommandSpec();
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("print this help and exit").build());
        spec.usageMessage().width(WIDTH).longOptionsMaxWidth(OPTION_COLUMN - 4).synopsisHeading("usage: ")
                .sortOptions(false).sortSynopsis(false).descriptionHeading("%n").parameterListHeading("%n")
                .optionListHeading("%n").footerHeading("%n");
        cl.setExpandAtFiles(false);
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cl.setHelpFactory(command instanceof PropertyNamed ? PropertyHelp::new : SpaceSeparatedHelp::new);
        return cl;
    }

    /**
     * Parses {@code args} into the command's fields and runs its {@link Checked#check}. Empty when the
     * command should go on; otherwise the exit status, after printing the help to {@code out}
     * ({@code --help}: {@link #EXIT_OK}) or {@code <prefix>error: <message>} and the usage line to
     * {@code err} ({@link #EXIT_USAGE}).
     */
    public static OptionalInt parse(CommandLine cl, String[] args, PrintStream out, PrintStream err, String prefix) {
        try {
            cl.parseArgs(args);
            if (cl.isUsageHelpRequested()) {
                out.print(help(cl));
                out.flush();
                return OptionalInt.of(EXIT_OK);
            }
            if (cl.getCommand() instanceof Checked c) {
                c.check();
            }
            return OptionalInt.empty();
        } catch (ParameterException e) {
            return OptionalInt.of(fail(err, prefix, message(e), usage(cl)));
        } catch (UsageError e) {
            return OptionalInt.of(fail(err, prefix, e.getMessage(), usage(cl)));
        }
    }

    /**
     * Parses {@code args} into the command's fields and runs its {@link Checked#check}, as {@link #parse}
     * does but printing nothing: a {@link UsageError} carries the message {@link #parse} would print.
     * With {@code --help}, the command's own checks are not run (the help is asked for, not a run).
     * For callers (and tests) that want the options themselves.
     */
    public static void parseOrThrow(CommandLine cl, String... args) {
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageError(message(e));
        }
        if (!cl.isUsageHelpRequested() && cl.getCommand() instanceof Checked c) {
            c.check();
        }
    }

    /** Prints {@code <prefix>error: <message>} and {@code usage} (when not null) to {@code err}; returns {@link #EXIT_USAGE}. */
    public static int fail(PrintStream err, String prefix, String message, String usage) {
        err.println(prefix + "error: " + message);
        if (usage != null) {
            err.println(usage);
        }
        err.flush();
        return EXIT_USAGE;
    }

    /** The whole help: the usage line, the description, the arguments and options, the footer. */
    public static String help(CommandLine cl) {
        StringBuilder help = new StringBuilder(cl.getUsageMessage().replace(NO_BREAK, ' '));
        for (int i = 0; i < help.length(); i++) {
            int j = help.charAt(i) - JOINED;
            if (j >= 0 && j < JOINING.length()) {
                help.setCharAt(i, JOINING.charAt(j));
            }
        }
        return help.toString();
    }

    /** The usage line ("usage: COMMAND [--name VALUE] ..."), wrapped at {@link #WIDTH} columns, without a final line break. */
    public static String usage(CommandLine cl) {
        Help h = cl.getHelpFactory().create(cl.getCommandSpec(), cl.getColorScheme());
        return (h.synopsisHeading() + h.synopsis(h.synopsisHeadingLength())).replace(NO_BREAK, ' ').stripTrailing();
    }

    /**
     * The message of a parse error, on one line: picocli's, except for an unknown option, which names
     * the options picocli suggests (those that share its first two letters) and all options.
     */
    static String message(ParameterException e) {
        if (e.getCommandLine().getCommand() instanceof PropertyNamed p) {
            return propertyMessage(e, p.propertyPrefix());
        }
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            CommandSpec spec = e.getCommandLine().getCommandSpec();
            if (arg.startsWith("-") && arg.length() > 1) {
                List<String> close = u.getSuggestions();
                return "unknown option '" + arg + "'" + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)")
                        + "; options: " + optionNames(spec);
            }
            return "unexpected argument '" + arg + "'" + (spec.positionalParameters().isEmpty()
                    ? " (this command takes options only: " + optionNames(spec) + ")" : "");
        }
        return e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@link #message} for a {@link PropertyNamed} command: the property's name first, then what is wrong with it. */
    private static String propertyMessage(ParameterException e, String prefix) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String options = spec.options().stream().filter(o -> !o.hidden() && !o.usageHelp())
                .map(o -> bare(o.longestName())).collect(Collectors.joining(", "));
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (!arg.startsWith("--")) {
                return "unexpected argument '" + arg + "': options are --name=value (see --help); options: " + options;
            }
            List<String> close = u.getSuggestions().stream().map(Cli::bare).toList();
            return prefix + bare(arg.split("=", 2)[0]) + ": no such option"
                    + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)") + "; options: " + options;
        }
        if (e.getCause() instanceof TypeConversionException t && e.getArgSpec() instanceof OptionSpec o) {
            return prefix + bare(o.longestName()) + ": " + t.getMessage();
        }
        return e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ").replaceAll("option '--([^']*)'", prefix + "$1");
    }

    /** An option's name without its leading dashes. */
    private static String bare(String name) {
        return name.replaceFirst("^-+", "");
    }

    /** The long names of the visible options, in help order. */
    static String optionNames(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName).collect(Collectors.joining(" "));
    }

    /**
     * "Invalid value for option '--port': '70000' is above the maximum, 65535": the message picocli gives a
     * value it cannot convert, for a check a command makes itself.
     */
    public static UsageError invalid(String option, Object value, String why) {
        return invalid(option, "'" + value + "' " + why);
    }

    /** "Invalid value for option '--filter': {@code message}", where the message names the value. */
    public static UsageError invalid(String option, String message) {
        return new UsageError("Invalid value for option '" + option + "': " + message);
    }

    /** {@code value} when it is in {@code [min, max]}, else a {@link UsageError} naming the option. */
    public static long range(String option, long value, long min, long max) {
        if (value < min) {
            throw invalid(option, value, "is below the minimum, " + min);
        }
        if (value > max) {
            throw invalid(option, value, "is above the maximum, " + max);
        }
        return value;
    }

    /** {@link #range} for an int. */
    public static int range(String option, int value, int min, int max) {
        return (int) range(option, (long) value, min, (long) max);
    }

    /**
     * The help of a {@link PropertyNamed} command: {@code name=VALUE} in a column of
     * {@value #PROPERTY_COLUMN}, then the description, wrapped at spaces only.
     */
    private static final class PropertyHelp extends Help {
        PropertyHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<CommandLine.Model.PositionalParamSpec> positionals,
                                          ColorScheme scheme) {
            TextTable table = TextTable.forColumns(scheme, new Column(PROPERTY_COLUMN, 2, Column.Overflow.SPAN),
                    new Column(WIDTH - PROPERTY_COLUMN, 0, Column.Overflow.WRAP));
            IOptionRenderer rows = (option, labels, s) -> {
                String name = option.names().length == 1 && option.longestName().startsWith("--")
                        ? bare(option.longestName()) + labels.renderParameterLabel(option, s.ansi(), List.of()).plainString()
                        : String.join(", ", option.names());
                String[] description = option.description();
                Ansi.Text[][] out = new Ansi.Text[Math.max(1, description.length)][];
                for (int i = 0; i < out.length; i++) {
                    String line = i < description.length ? joined(description[i]) : "";
                    out[i] = new Ansi.Text[] {s.text(i == 0 ? name : ""), s.text(line)};
                }
                return out;
            };
            return new Layout(scheme, table, rows, createDefaultParameterRenderer());
        }
    }

    /** {@code text} with the {@link #JOINING} punctuation inside words as its stand-ins. */
    private static String joined(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 1; i < out.length() - 1; i++) {
            int j = JOINING.indexOf(out.charAt(i));
            if (j >= 0 && !Character.isWhitespace(out.charAt(i - 1)) && !Character.isWhitespace(out.charAt(i + 1))) {
                out.setCharAt(i, (char) (JOINED + j));
            }
        }
        return out.toString();
    }

    /**
     * The help with {@code --name VALUE} where picocli would write {@code --name=VALUE}: both are
     * accepted, and the space is how the README and the scripts write them. The space is a no-break
     * one until {@link #help} and {@link #usage} have the wrapped text.
     */
    private static final class SpaceSeparatedHelp extends Help {
        private final IParamLabelRenderer labels;

        SpaceSeparatedHelp(CommandSpec spec, ColorScheme scheme) {
            super(spec, scheme);
            IParamLabelRenderer equals = super.parameterLabelRenderer();
            labels = new IParamLabelRenderer() {
                @Override
                public Ansi.Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<Ansi.IStyle> styles) {
                    Ansi.Text t = equals.renderParameterLabel(arg, ansi, styles);
                    String plain = t.plainString();
                    return arg.isOption() && plain.startsWith("=") ? ansi.new Text(NO_BREAK + plain.substring(1), colorScheme()) : t;
                }

                @Override
                public String separator() {
                    return " ";
                }
            };
        }

        @Override
        public IParamLabelRenderer parameterLabelRenderer() {
            return labels;
        }

        @Override
        public IParamLabelRenderer createDefaultParamLabelRenderer() {
            return labels;
        }
    }
}
