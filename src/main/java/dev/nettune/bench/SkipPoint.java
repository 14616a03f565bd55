package dev.nettune.bench;

import dev.nettune.results.JsonLines;
import dev.nettune.results.ResultFiles;
import dev.nettune.results.SkipLine;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.nio.file.Path;
import java.util.List;

/**
 * SkipPoint ends a benchmark point that cannot run on this JVM (virtual threads on JDK 17) with a
 * stated reason, instead of a fake score or a silent gap: it prints the reason, appends it to the
 * file named by {@code -D}{@value ResultFiles#SKIPS_PROPERTY} (one JSON object per line, read by
 * the suite runner and the report), and throws, so JMH records no score for the point and goes on
 * with the next. Line format ({@code params} as JMH prints them):
 * <pre>{"benchmark":"...","params":"k=v,k=v","jvm":"17.0.15+6","reason":"..."}</pre>
 */
public final class SkipPoint {
    /** Prefix of the exception message, for tools reading JMH's output. */
    public static final String PREFIX = "SKIPPED: ";

    private SkipPoint() {
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
        Path file = ResultFiles.fromProperty(ResultFiles.SKIPS_PROPERTY);
        if (file != null) {
            JsonLines.append(file, List.of(SkipLine.of(params.getBenchmark(), p.toString(), Runtime.version().toString(), reason)));
        }
        throw new UnsupportedOperationException(PREFIX + what + ": " + reason);
    }
}
