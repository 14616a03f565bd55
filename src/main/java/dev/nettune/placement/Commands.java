package dev.nettune.placement;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Commands runs the system tools a placement needs ({@code ip}, {@code tc}) and finds them: on
 * PATH, or in the sbin folders a non-root PATH often lacks.
 */
final class Commands {
    /** How long one ip or tc command may take. */
    static final long TIMEOUT_SECONDS = 30;
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    /** What a command printed (stdout and stderr together) and its exit status. */
    record Result(int status, String output) {
        boolean ok() {
            return status == 0;
        }

        /** The first line of the output, for messages. */
        String firstLine() {
            String t = output.strip();
            int nl = t.indexOf('\n');
            return nl < 0 ? t : t.substring(0, nl);
        }
    }

    private Commands() {
    }

    /** The tool's path, or null when it is neither on PATH nor in an sbin folder. */
    static Path find(String tool) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(SBIN);
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** Runs {@code command}, waiting up to {@link #TIMEOUT_SECONDS}; never throws for a non-zero status. */
    static Result run(List<String> command) throws IOException {
        // Output to a file, not a pipe: a tool that hangs cannot block the read, only the bounded wait.
        Path out = Files.createTempFile("nettune-cmd-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", command) + ": no exit within " + TIMEOUT_SECONDS + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while running " + String.join(" ", command));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code command}; a non-zero status is an IOException with the command and its first line of output. */
    static String check(List<String> command) throws IOException {
        Result r = run(command);
        if (!r.ok()) {
            throw new IOException(String.join(" ", command) + " failed (exit " + r.status() + "): " + r.firstLine());
        }
        return r.output();
    }
}
