package dev.nettune.analysis.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A RowFilter selects benchmark points by benchmark name, parameters and mode, from a small
 * expression such as {@code Coalescing*}, {@code RoundTrip payload=64} or
 * {@code ConnectionScaling connections=16,1024 @mode=thrpt; Nagle tcpNoDelay!=true}.
 *
 * <pre>
 * FILTER := ALTERNATIVE (';' ALTERNATIVE)*      a point is kept when any alternative matches
 * ALTERNATIVE := TERM+                          separated by spaces; every term must match
 * TERM := NAME                                  the benchmark, see below
 *       | PARAM '=' VALUES | PARAM '!=' VALUES   the parameter is (is not) one of the values
 *       | '@mode=' VALUES | '@mode!=' VALUES    JMH mode: thrpt, avgt, sample, ss
 * VALUES := VALUE (',' VALUE)*
 * </pre>
 * NAME and VALUE may hold the wildcards {@code *} (any text) and {@code ?} (one character); a NAME
 * matches the short name {@code Class.method} or the fully qualified name, whole when it has a
 * wildcard, as a prefix when it has none (so {@code RoundTrip} matches
 * {@code RoundTripBenchmark.roundTrip}). Matching is case-sensitive, as JMH's names are. A point
 * without the parameter does not match {@code PARAM=...} and does match {@code PARAM!=...}. A
 * {@code @mode} term is ignored where the mode is not known (socket options, skips).
 */
public final class RowFilter {

    /** The filter that keeps everything. */
    public static final RowFilter ALL = new RowFilter("", List.of());

    private final String text;
    private final List<List<Term>> alternatives;

    private RowFilter(String text, List<List<Term>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /** A Term is one condition: on the name (param null), on a parameter, or on the mode ("@mode"). */
    private record Term(String param, boolean negated, List<Pattern> values, List<String> prefixes) {
        boolean matches(String benchmark, Map<String, String> params, String mode) {
            if (param == null) {
                String shortName = ResultKey.shortName(benchmark);
                for (int i = 0; i < values.size(); i++) {
                    String prefix = prefixes.get(i);
                    boolean hit = prefix != null ? shortName.startsWith(prefix) || benchmark.startsWith(prefix)
                            : values.get(i).matcher(shortName).matches() || values.get(i).matcher(benchmark).matches();
                    if (hit) {
                        return true;
                    }
                }
                return false;
            }
            String value;
            if (param.equals(MODE)) {
                if (mode == null) {
                    return true;
                }
                value = mode;
            } else {
                value = params.get(param);
            }
            boolean any = value != null && values.stream().anyMatch(p -> p.matcher(value).matches());
            return negated != any;
        }
    }

    private static final String MODE = "@mode";

    /**
     * Parses a filter expression; blank or null gives {@link #ALL}.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static RowFilter parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return ALL;
        }
        List<List<Term>> alts = new ArrayList<>();
        for (String alt : expression.split(";")) {
            List<Term> terms = new ArrayList<>();
            for (String t : alt.trim().split("\\s+")) {
                if (!t.isEmpty()) {
                    terms.add(term(t));
                }
            }
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("empty alternative between ';' in \"" + expression + "\"");
            }
            alts.add(List.copyOf(terms));
        }
        return new RowFilter(expression.trim(), List.copyOf(alts));
    }

    private static Term term(String t) {
        int eq = t.indexOf('=');
        if (eq < 0) {
            if (t.indexOf(',') >= 0) {
                throw new IllegalArgumentException("\"" + t + "\": names are separated by ';', not ','");
            }
            boolean wild = t.indexOf('*') >= 0 || t.indexOf('?') >= 0;
            return new Term(null, false, List.of(glob(t)), java.util.Collections.singletonList(wild ? null : t));
        }
        boolean negated = eq > 0 && t.charAt(eq - 1) == '!';
        String name = t.substring(0, negated ? eq - 1 : eq);
        String values = t.substring(eq + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("\"" + t + "\": no parameter name before '" + (negated ? "!=" : "=") + "'");
        }
        if (name.startsWith("@") && !name.equals(MODE)) {
            throw new IllegalArgumentException("\"" + t + "\": unknown pseudo-parameter " + name + " (only @mode)");
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("\"" + t + "\": no value after '" + (negated ? "!=" : "=") + "'");
        }
        List<Pattern> ps = new ArrayList<>();
        for (String v : values.split(",")) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("\"" + t + "\": empty value in the list");
            }
            ps.add(glob(v));
        }
        return new Term(name, negated, List.copyOf(ps), List.of());
    }

    /** A glob ({@code *}, {@code ?}) as a regular expression that matches the whole text. */
    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (char c : g.toCharArray()) {
            if (c == '*' || c == '?') {
                if (lit.length() > 0) {
                    re.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            re.append(Pattern.quote(lit.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** True when a point of {@code benchmark} with {@code params} (and {@code mode}, null when unknown) is kept. */
    public boolean matches(String benchmark, Map<String, String> params, String mode) {
        if (alternatives.isEmpty()) {
            return true;
        }
        for (List<Term> alt : alternatives) {
            if (alt.stream().allMatch(t -> t.matches(benchmark, params, mode))) {
                return true;
            }
        }
        return false;
    }

    /** True for the filter that keeps everything. */
    public boolean all() {
        return alternatives.isEmpty();
    }

    /** The expression as given (trimmed); "" for {@link #ALL}. */
    @Override
    public String toString() {
        return text;
    }
}
