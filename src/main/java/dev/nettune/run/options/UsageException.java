package dev.nettune.run.options;

/**
 * A UsageException is bad input to the suite (an unknown profile, a path that is not a JDK, an
 * include matching nothing): the message says what was wrong and what is valid, on one line (line
 * breaks in a message, e.g. from JMH's option parser, are folded into spaces). The suite prints it
 * and exits with {@link #EXIT_STATUS} before any benchmark runs.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The exit status of bad input, for the suite and for Maven. */
    public static final int EXIT_STATUS = 2;

    public UsageException(String message) {
        super(message == null ? null : message.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
