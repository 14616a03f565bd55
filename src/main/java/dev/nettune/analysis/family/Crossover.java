package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Contrast;

import java.util.List;

/**
 * A Crossover is where a ratio passes 1 as a parameter grows.
 *
 * @param kind       what the ratios do across the parameter
 * @param below      the value before the crossing ("" without one)
 * @param above      the value from which the ratio is on the other side ("" without one)
 * @param clear      the ratios either side of the crossing (or, without one, all ratios) exclude 1
 * @param indicative some ratio has no interval at all (a single fork)
 */
public record Crossover(Kind kind, String below, String above, boolean clear, boolean indicative) {

    /** What the ratios do across the parameter. */
    public enum Kind {
        /** Below 1, then above 1 from {@code above} on. */
        CROSSES_UP,
        /** Above 1, then below 1 from {@code above} on. */
        CROSSES_DOWN,
        /** Above 1 everywhere. */
        ALWAYS_ABOVE,
        /** Below 1 everywhere. */
        ALWAYS_BELOW,
        /** Passes 1 more than once. */
        MIXED,
        /** No ratio to read. */
        NONE
    }

    /** Where the contrasts' ratios (in parameter order) pass 1. */
    public static Crossover of(List<Contrast> contrasts) {
        List<Contrast> cs = contrasts.stream().filter(c -> c.ratio() != null && Double.isFinite(c.ratio().ratio()))
                .toList();
        if (cs.isEmpty()) {
            return new Crossover(Kind.NONE, "", "", false, false);
        }
        boolean indicative = cs.stream().anyMatch(c -> !c.hasInterval());
        int changes = 0;
        int at = -1;
        for (int i = 1; i < cs.size(); i++) {
            if ((cs.get(i).ratio().ratio() > 1) != (cs.get(i - 1).ratio().ratio() > 1)) {
                changes++;
                at = i;
            }
        }
        if (changes == 0) {
            boolean up = cs.get(0).ratio().ratio() > 1;
            boolean clear = cs.stream().allMatch(Contrast::clear);
            return new Crossover(up ? Kind.ALWAYS_ABOVE : Kind.ALWAYS_BELOW, "", "", clear, indicative);
        }
        if (changes > 1) {
            return new Crossover(Kind.MIXED, "", "", false, indicative);
        }
        Contrast lo = cs.get(at - 1);
        Contrast hi = cs.get(at);
        boolean up = hi.ratio().ratio() > 1;
        return new Crossover(up ? Kind.CROSSES_UP : Kind.CROSSES_DOWN, lo.value(), hi.value(), lo.clear() && hi.clear(),
                indicative);
    }
}
