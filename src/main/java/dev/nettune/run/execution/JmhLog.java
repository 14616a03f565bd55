package dev.nettune.run.execution;

import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A JmhLog is where JMH's output goes, its own and the forked VM's: appended to
 * {@code <runDir>/jmh.log} (the console gets one line per fork instead), and read as it passes to find why a fork failed. JMH reports a
 * benchmark's exception after a {@code <failure>} marker (the exception line, its stack, its
 * causes), and a forked VM that died with {@code <forked VM failed with exit code N>} followed by
 * the tails of its stdout and stderr; {@link #failureReason()} turns those into one line.
 */
final class JmhLog implements Closeable {
    /** Longest reason kept: a message longer than this is cut, with an ellipsis. */
    static final int MAX_REASON = 400;
    /** Longest line examined; JMH's lines are short, a runaway one is only logged. */
    private static final int MAX_LINE = 8192;

    private final OutputStream file;
    private final PrintStream stream;
    private final OutputFormat format;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    // What the current fork's output said, line by line (guarded by this).
    private boolean inFailure;
    private String exceptionLine;
    private String lastCause;
    private String vmExit;
    private boolean inStderr;
    private String lastStderr;
    private String placementFault;

    JmhLog(Path file) throws IOException {
        this.file = new BufferedOutputStream(new FileOutputStream(file.toFile(), true));
        this.stream = new PrintStream(new Tee(), true, StandardCharsets.UTF_8);
        this.format = OutputFormatFactory.createFormatInstance(stream, VerboseMode.NORMAL);
    }

    /** The JMH output format to hand to the Runner. */
    OutputFormat format() {
        return format;
    }

    /**
     * The log as a stream: JMH's host writes what the forked VM prints (System.out and System.err of
     * the benchmark) to its own System.out and System.err, so those point here while a fork runs.
     */
    PrintStream stream() {
        return stream;
    }

    /** Starts a fork: writes a header line to the log and forgets what the previous fork said. */
    synchronized void begin(String header) {
        flushLine();
        writeRaw("\n#### nettune: " + header + "\n");
        inFailure = false;
        exceptionLine = null;
        lastCause = null;
        vmExit = null;
        inStderr = false;
        lastStderr = null;
        placementFault = null;
    }

    /** Writes a line of the suite's own to the log (e.g. an exception the Runner threw). */
    synchronized void note(String text) {
        flushLine();
        writeRaw("#### nettune: " + text + "\n");
    }

    private void writeRaw(String text) {
        try {
            file.write(text.getBytes(StandardCharsets.UTF_8));
            file.flush();
        } catch (IOException e) {
            // jmh.log is for reading along; a full disk shows up where results are written
        }
    }

    /** One line saying why the current fork produced no result, or null when its output says nothing. */
    synchronized String failureReason() {
        flushLine();
        String reason = null;
        if (placementFault != null) {
            reason = placementFault; // the fork ended itself for this; JMH only saw a VM exit
        } else if (exceptionLine != null) {
            reason = exceptionLine;
            if (lastCause != null && !exceptionLine.contains(lastCause)) {
                reason += " (caused by " + lastCause + ")";
            }
        } else if (vmExit != null) {
            reason = vmExit + (lastStderr == null ? "" : ": " + lastStderr);
        }
        return reason == null ? null : clip(reason);
    }

    static String clip(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_REASON ? one : one.substring(0, MAX_REASON - 1) + "…";
    }

    private synchronized void accept(int b) {
        try {
            file.write(b);
            if (b == '\n') {
                file.flush();
            }
        } catch (IOException e) {
            // jmh.log is for reading along; a full disk shows up where results are written
        }
        if (b == '\n') {
            parse(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else if (b != '\r' && line.size() < MAX_LINE) {
            line.write(b);
        }
    }

    private void flushLine() {
        if (line.size() > 0) {
            parse(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        try {
            file.flush();
        } catch (IOException e) {
            // as in accept: the log is best effort
        }
    }

    private void parse(String l) {
        String s = l.strip();
        int fault = s.indexOf(dev.nettune.placement.PlacedServer.FAULT_PREFIX);
        if (fault >= 0 && placementFault == null) {
            placementFault = s.substring(fault + dev.nettune.placement.PlacedServer.FAULT_PREFIX.length());
            return;
        }
        if (s.contains("<failure>")) {
            inFailure = true;
            return;
        }
        if (s.startsWith("<forked VM failed with exit code") || s.startsWith("<failed to invoke the VM")
                || s.startsWith("<host VM has been interrupted")) {
            vmExit = s.substring(1, s.length() - (s.endsWith(">") ? 1 : 0));
            return;
        }
        if (s.startsWith("<stderr")) {
            inStderr = true;
            return;
        }
        if (s.startsWith("</stderr>")) {
            inStderr = false;
            return;
        }
        if (inStderr && !s.isEmpty()) {
            lastStderr = s;
        }
        if (inFailure) {
            if (exceptionLine == null && !s.isEmpty() && !s.startsWith("at ")) {
                exceptionLine = s;
            } else if (s.startsWith("Caused by: ")) {
                lastCause = s.substring("Caused by: ".length());
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        flushLine();
        file.close();
    }

    /** Feeds JMH's bytes to the log file and the line parser. */
    private final class Tee extends OutputStream {
        @Override
        public void write(int b) {
            accept(b & 0xff);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (JmhLog.this) {
                for (int i = off; i < off + len; i++) {
                    accept(b[i] & 0xff);
                }
            }
        }
    }
}
