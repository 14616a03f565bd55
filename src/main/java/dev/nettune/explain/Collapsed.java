package dev.nettune.explain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapsed stacks, the format of Brendan Gregg's FlameGraph scripts and of jfr-converter's
 * {@code -o collapsed}: one line per distinct stack, frames root first joined by {@code ;}, then a
 * space and the stack's value (samples, or bytes for allocations). The value is the text after the
 * last space, since frame names (thread names) may hold spaces.
 */
public final class Collapsed {
    private Collapsed() {
    }

    /** Stack → value of {@code file}; a line without a trailing number fails with the file and line. */
    public static Map<String, Long> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Stack → value of {@code lines}; values of a stack listed twice add up. */
    static Map<String, Long> parse(List<String> lines, String source) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            try {
                if (sp <= 0) {
                    throw new NumberFormatException("no value");
                }
                long v = Long.parseLong(line.substring(sp + 1));
                out.merge(line.substring(0, sp), v, Long::sum);
            } catch (NumberFormatException e) {
                throw new IOException(source + ":" + (i + 1) + ": not 'frame;frame;... value': " + clip(line));
            }
        }
        return out;
    }

    /** Sum of all values. */
    static long total(Map<String, Long> stacks) {
        return stacks.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
