package dev.nettune.analysis.model;

import java.nio.file.Path;

/**
 * A Diagnostic is a problem found while reading or analysing: which file, where in it (an entry
 * index, a line, or a JSON location; may be empty), and what is wrong. Diagnostics are data: they
 * are collected, counted and printed, and reading continues.
 *
 * @param file     the file concerned, or null when the problem is not about one file
 * @param position where in the file, e.g. "entry 3" or "line 12, column 5"; empty when unknown
 * @param message  what is wrong, in words a reader can act on
 */
public record Diagnostic(Path file, String position, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (position != null && !position.isEmpty()) {
                sb.append(" (").append(position).append(')');
            }
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
