package dev.nettune.bench;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;

/**
 * Skip ends a benchmark point that cannot run on this JVM (virtual threads on JDK 17) with a
 * stated reason, instead of a fake score or a silent gap: it prints the reason, appends it to the
 * file named by {@code -Dnettune.skips.file} (one JSON object per line, read by the suite runner and
 * the report), and throws, so JMH records no score for the point and goes on with the next.
 */
public final class Skip {
    /** System property naming the file to append skipped points to. */
    public static final String FILE_PROPERTY = "nettune.skips.file";
    /** Prefix of the exception message, for tools reading JMH's output. */
    public static final String PREFIX = "SKIPPED: ";

    private Skip() {
    }

    /** Call from a @Setup when {@code reason} is not null; returns normally when it is null. */
    public static void ifUnavailable(BenchmarkParams params, String reason) {
        if (reason == null) {
            return;
        }
        StringBuilder p = new StringBuilder();
        for (String k : params.getParamsKeys()) {
            p.append(p.length() == 0 ? "" : ",").append(k).append('=').append(params.getParam(k));
        }
        String what = params.getBenchmark() + " {" + p + "}";
        System.err.println("nettune: " + PREFIX + what + ": " + reason);
        String file = System.getProperty(FILE_PROPERTY);
        if (file != null) {
            String line = "{\"benchmark\":\"" + params.getBenchmark() + "\",\"params\":\"" + p + "\",\"jvm\":\""
                    + Runtime.version() + "\",\"reason\":\"" + reason.replace("\"", "'") + "\"}\n";
            JsonLines.append(Path.of(file), line);
        }
        throw new UnsupportedOperationException(PREFIX + what + ": " + reason);
    }
}
