package dev.nettune.run;

/**
 * A UsageException is bad input to the suite (an unknown profile, a path that is not a JDK, an
 * include matching nothing): the message says what was wrong and what is valid. The suite prints it
 * and exits with {@link Suite#EXIT_USAGE} before any benchmark runs.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
