package dev.nettune.analysis.compare;

import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.family.Families;
import dev.nettune.analysis.family.Question;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.analysis.model.ResultSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers asks every family's {@link Question} ({@link Families#questions()}) of each run and JVM,
 * and keeps for the report the answer of the run that measured each question most completely. Which
 * points answer a question, and how, is the question's own (its family descriptor); only points of
 * one JVM are contrasted, and only within one run. A question whose points are absent gets an Answer
 * without findings.
 */
public final class Answers {

    private Answers() {
    }

    /** One Answer per question for each run of {@code set}, by run id, in the set's run order. */
    public static Map<String, List<Answer>> byRun(ResultSet set) {
        Map<String, List<Result>> runs = new LinkedHashMap<>();
        for (Result r : set.results()) {
            runs.computeIfAbsent(r.key().jvm().runId(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Answer>> out = new LinkedHashMap<>();
        runs.forEach((run, rs) -> {
            List<Answer> answers = new ArrayList<>();
            for (Question q : Families.questions()) {
                answers.add(answer(q, run, rs, set.jvms()));
            }
            out.put(run, answers);
        });
        return out;
    }

    /**
     * For each question the answer of the run that measured it most completely ({@link Coverage}: the
     * most contrasts with an interval, then the most contrasts, then the most forks of its
     * least-measured point), the newest of equally complete runs ({@code runOrder}: later is newer);
     * an answer without findings when no run measured it. A newer run that measured only part of a
     * question (a run of a few points) therefore does not replace a fuller answer; a newer run as
     * complete as the one shown does.
     */
    public static List<Answer> fullest(Map<String, List<Answer>> byRun, List<String> runOrder) {
        List<Answer> out = new ArrayList<>();
        List<Question> questions = Families.questions();
        for (int i = 0; i < questions.size(); i++) {
            Answer best = new Answer(questions.get(i), "", List.of());
            Coverage bestCoverage = null;
            for (String run : runOrder) {
                List<Answer> as = byRun.get(run);
                if (as == null) {
                    continue;
                }
                Answer a = as.get(i);
                if (!a.measured()) {
                    continue;
                }
                Coverage c = Coverage.of(a);
                if (bestCoverage == null || c.compareTo(bestCoverage) >= 0) {
                    best = a;
                    bestCoverage = c;
                }
            }
            out.add(best);
        }
        return out;
    }

    /** The answer to {@code question} from the results of one run. */
    static Answer answer(Question question, String run, List<Result> results, List<JvmId> jvmOrder) {
        List<Finding> findings = new ArrayList<>();
        for (JvmId jvm : jvmOrder) {
            if (!jvm.runId().equals(run)) {
                continue;
            }
            List<Result> mine = results.stream().filter(r -> r.key().jvm().equals(jvm)).toList();
            Finding f = question.find(jvm, mine);
            if (f != null && !f.contrasts().isEmpty()) {
                findings.add(f);
            }
        }
        return new Answer(question, findings.isEmpty() ? "" : run, List.copyOf(findings));
    }
}
