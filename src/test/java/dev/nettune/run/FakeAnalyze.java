package dev.nettune.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FakeAnalyze stands in for dev.nettune.analysis.Analyze in tests: it writes its arguments to
 * {@code <out>/args.txt} and, like the real one, exits 2 when the results root does not exist.
 */
public final class FakeAnalyze {
    private FakeAnalyze() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Files.writeString(out.resolve("args.txt"), String.join(" ", args));
        System.exit(Files.isDirectory(Path.of(args[args.length - 1])) ? 0 : 2);
    }
}
