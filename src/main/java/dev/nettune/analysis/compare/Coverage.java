package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.family.FamilyDescriptor;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Coverage is how completely one run measured a question (an {@link Answer}) or a family's
 * benchmarks, so that a report of several runs can take each answer and each family chart from the
 * run that measured it most completely rather than from whichever run is newest: a run of three
 * points must not replace the overview's answers measured over every point.
 *
 * <p>Coverages are ordered by, in turn: the points (or contrasts) measured in at least
 * {@link #MIN_FORKS} forks on every side, so that they have an interval; the points measured at all;
 * the forks of the least-measured point. Equal coverages are broken by the caller, newest run first.
 *
 * @param withInterval points (contrasts) measured in at least {@link #MIN_FORKS} forks on every side
 * @param points       points (contrasts) measured, at least one fork each
 * @param fewestForks  forks of the least-measured point (0 when nothing was measured)
 */
public record Coverage(int withInterval, int points, int fewestForks) implements Comparable<Coverage> {

    /** Forks a point needs for an interval. */
    public static final int MIN_FORKS = 2;

    private static final Comparator<Coverage> ORDER = Comparator.comparingInt(Coverage::withInterval)
            .thenComparingInt(Coverage::points).thenComparingInt(Coverage::fewestForks);

    @Override
    public int compareTo(Coverage o) {
        return ORDER.compare(this, o);
    }

    /** The coverage of an answer: its contrasts (by label, over all JVMs) and the forks behind them. */
    public static Coverage of(Answer a) {
        Map<String, Integer> forksByLabel = new HashMap<>();
        for (Answer.Finding f : a.findings()) {
            for (Answer.Contrast c : f.contrasts()) {
                int n = c.reference() == null ? forks(c.subject()) : Math.min(forks(c.subject()), forks(c.reference()));
                forksByLabel.merge(c.label(), n, Math::min);
            }
        }
        return of(forksByLabel);
    }

    /** The coverage of a set of results: their points (benchmark, mode, params; over all JVMs) and forks. */
    public static Coverage of(List<Result> results) {
        Map<String, Integer> forksByPoint = new HashMap<>();
        for (Result r : results) {
            forksByPoint.merge(r.key().benchmark() + ' ' + r.key().mode() + ' ' + new java.util.TreeMap<>(r.key().params()),
                    forks(r), Math::min);
        }
        return of(forksByPoint);
    }

    private static Coverage of(Map<String, Integer> forks) {
        int withInterval = (int) forks.values().stream().filter(n -> n >= MIN_FORKS).count();
        int fewest = forks.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        return new Coverage(withInterval, forks.size(), fewest);
    }

    /** Forks of a result with a finite score. */
    static int forks(Result r) {
        int n = 0;
        for (double s : r.primary().forkScores()) {
            if (Double.isFinite(s)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The run a family's charts come from in a report of several runs: the run of the family's
     * first answer that was measured, else the run that measured the family's benchmarks most
     * completely (the newest of equals, {@code runOrder} oldest first); null when no run did.
     */
    public static String familyRun(FamilyDescriptor family, ResultSet set, List<Answer> answers, List<String> runOrder) {
        String answered = answers.stream().filter(a -> a.question().family() == family && a.measured())
                .map(Answer::runId).findFirst().orElse(null);
        if (answered != null) {
            return answered;
        }
        List<Result> rs = family.results(set);
        String best = null;
        Coverage bestCoverage = null;
        for (String run : runOrder) {
            List<Result> ofRun = rs.stream().filter(x -> x.key().jvm().runId().equals(run)).toList();
            if (ofRun.isEmpty()) {
                continue;
            }
            Coverage c = of(ofRun);
            if (bestCoverage == null || c.compareTo(bestCoverage) >= 0) {
                best = run;
                bestCoverage = c;
            }
        }
        return best;
    }
}
