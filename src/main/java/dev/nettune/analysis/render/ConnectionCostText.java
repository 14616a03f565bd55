package dev.nettune.analysis.render;

import dev.nettune.analysis.compare.ConnectionCosts;
import dev.nettune.analysis.model.JvmId;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * ConnectionCostText renders {@link ConnectionCosts} as the report's "Memory per connection" section:
 * one row per I/O-model point and JVM, each reading's mean over forks with its 95% interval and n.
 * Absent when no point recorded the readings (runs made before them).
 */
final class ConnectionCostText {
    /** The point's parameters shown in their own columns, not repeated in the point column. */
    static final Set<String> OWN_COLUMNS = Set.of("client", "server", "connections");

    private ConnectionCostText() {
    }

    static String section(List<ConnectionCosts.Row> rows, Function<JvmId, String> name) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Memory per connection\n\n");
        out.append("What one connection costs each side as the point's connections were set up (I/O-model points): growth of ")
                .append("resident memory per connection in the benchmark's JVM (client; both sides when the server runs in process) ")
                .append("and in the server's own JVM, growth of the client's heap in use after a full collection (where virtual ")
                .append("threads keep their stacks), and connections set up per second (connect and accept together). Each cell: ")
                .append("mean over forks [95% t interval] (n forks); resident memory moves in pages and allocator arenas, so it ")
                .append("reads from hundreds of connections on.\n\n");
        out.append("| connections | client | server | point | JVM |");
        for (ConnectionCosts.Column c : ConnectionCosts.COLUMNS) {
            out.append(' ').append(c.heading()).append(" (").append(c.unit()).append(") |");
        }
        out.append("\n|---:|---|---|---|---|");
        out.append("---:|".repeat(ConnectionCosts.COLUMNS.size())).append('\n');
        for (ConnectionCosts.Row r : rows) {
            out.append("| ").append(Text.md(r.params().getOrDefault("connections", ""))).append(" | ")
                    .append(Text.md(r.params().getOrDefault("client", ""))).append(" | ")
                    .append(Text.md(r.params().getOrDefault("server", ""))).append(" | ")
                    .append(Text.md(Text.params(r.params(), OWN_COLUMNS))).append(" | ")
                    .append(Text.md(name.apply(r.jvm()))).append(" |");
            for (ConnectionCosts.Cell c : r.cells()) {
                out.append(' ').append(cell(c)).append(" |");
            }
            out.append('\n');
        }
        return out.append('\n').toString();
    }

    /** "1234 [1100, 1368] (8)", "—" without a value, no interval with one fork. */
    static String cell(ConnectionCosts.Cell c) {
        if (c.n() == 0 || !Double.isFinite(c.mean())) {
            return "—";
        }
        String mean = number(c.mean());
        if (c.n() < 2) {
            return mean + " (1)";
        }
        return mean + " [" + number(c.low()) + ", " + number(c.high()) + "] (" + c.n() + ")";
    }

    private static String number(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
