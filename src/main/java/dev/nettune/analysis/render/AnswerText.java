package dev.nettune.analysis.render;

import dev.nettune.analysis.family.Answer;
import dev.nettune.analysis.family.Answer.Contrast;
import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.family.Wording;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.units.Units;
import dev.nettune.stats.Summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * AnswerText writes the family answers: one sentence per question for the report's first screen
 * (the question's own, {@link dev.nettune.analysis.family.Question#sentence}, written in this
 * class's {@link Wording}), every figure linked to its row in the evidence tables, and those tables (the two points of each
 * contrast with their geometric means over forks, fork counts, and the ratio with its 95% interval).
 *
 * <p>How a ratio reads: a ratio whose interval includes 1 is "no detectable difference", shown with
 * its interval; one whose interval excludes 1 is a factor ("2.4× [2.2, 2.6] fewer messages/s");
 * a ratio without interval (a single fork on a side) is a factor marked "no interval".
 */
final class AnswerText implements Wording {

    private final Function<JvmId, String> names;

    AnswerText(Function<JvmId, String> names) {
        this.names = names;
    }

    /** The anchor of an evidence row. */
    static String anchor(Answer a, JvmId jvm, Contrast c) {
        return Text.anchor("e", a.question().id(), jvm.label(), jvm.runId(), c.label());
    }

    /** One bullet per question: "**Title** — question: answer." */
    String bullets(List<Answer> answers, String scope, boolean nameRun) {
        return bullets(answers, scope, nameRun, java.util.Set.of(), "");
    }

    /**
     * The bullets; a question in {@code filteredOut} was measured but its points were removed by the
     * selection, which is said instead of "not measured".
     */
    String bullets(List<Answer> answers, String scope, boolean nameRun, java.util.Set<String> filteredOut,
                   String selection) {
        StringBuilder out = new StringBuilder();
        for (Answer a : answers) {
            if (!a.measured() && !a.question().always() && !filteredOut.contains(a.question().id())) {
                continue;
            }
            out.append("- **").append(a.question().title()).append("** — ").append(a.question().text()).append(' ');
            if (!a.measured()) {
                out.append(filteredOut.contains(a.question().id())
                        ? "*Filtered out: measured in " + scope + ", but no point of it matches the selection ("
                                + Text.md(selection) + ").*\n"
                        : "*Not measured in " + scope + ".*\n");
                continue;
            }
            out.append(sentence(a));
            boolean none = a.findings().stream().flatMap(f -> f.contrasts().stream())
                    .noneMatch(c -> c.reference() == null ? c.level().n() >= 2 : c.hasInterval());
            int[] forks = a.findings().stream().flatMap(f -> f.contrasts().stream())
                    .flatMapToInt(c -> c.reference() == null ? java.util.stream.IntStream.of(c.level().n())
                            : java.util.stream.IntStream.of(c.ratio().nCandidate(), c.ratio().nBaseline()))
                    .sorted().toArray();
            if (none) {
                out.append(" *One fork per point: no intervals, indicative only.*");
            } else if (forks.length > 0) {
                out.append(" *n = ").append(forks[0] == forks[forks.length - 1] ? Integer.toString(forks[0])
                        : forks[0] + "–" + forks[forks.length - 1]).append(" forks per point.*");
            }
            if (nameRun) {
                out.append(" (Run ").append(Text.md(a.runId())).append(".)");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The answer in words; every figure links to its evidence row. */
    String sentence(Answer a) {
        return a.question().sentence(a, this);
    }

    /** One contrast across the JVMs: "2.43× [2.2, 2.6] fewer (jdk17), 1.81× fewer (jdk25)", each linked. */
    @Override
    public String across(Answer a, String label, String more, String fewer) {
        List<String> figs = new ArrayList<>();
        for (Finding f : a.findings()) {
            for (Contrast c : f.contrasts()) {
                if (c.label().equals(label)) {
                    figs.add(link(a, f, c, figure(c, more, fewer)) + " (" + jvm(f) + ")");
                }
            }
        }
        return String.join(", ", figs);
    }

    @Override
    public String jvm(Finding f) {
        return Text.md(f.jvm().label());
    }

    /**
     * How a ratio reads: "2.43× [2.2, 2.6] fewer", "~ 0.98 [0.91, 1.05]" (no detectable difference),
     * or without interval "2.43× fewer".
     */
    @Override
    public String figure(Contrast c, String more, String fewer) {
        if (c.ratio() == null || !Double.isFinite(c.ratio().ratio())) {
            return "(no ratio)";
        }
        double r = c.ratio().ratio();
        if (c.hasInterval() && !c.clear()) {
            return "~ " + Text.ratioCi(r, c.ratio().low(), c.ratio().high());
        }
        return Text.factor(r, c.ratio().low(), c.ratio().high()) + " " + (r >= 1 ? more : fewer);
    }

    /** A level: "15.3 [15.0, 15.6]" in {@code scale}, or "15.3" without an interval. */
    @Override
    public String level(Contrast c, Units.Scale scale) {
        Summary s = c.level();
        if (s.n() < 2 || !Double.isFinite(s.ci95())) {
            return scale.format(s.mean());
        }
        return scale.format(s.mean()) + " [" + scale.format(s.mean() - s.ci95()) + ", " + scale.format(s.mean() + s.ci95()) + "]";
    }

    @Override
    public String amount(ResultKey k, double v) {
        Units.Scale scale = Units.scaleFor(k.unit(), "primary", v);
        return scale.format(v) + " " + scale.label().replace("/op", "");
    }

    @Override
    public String param(String name, String value) {
        return Text.param(name, value);
    }

    @Override
    public String ratio(double r) {
        return Text.ratio(r);
    }

    @Override
    public String ratioCi(double r, double low, double high) {
        return Text.ratioCi(r, low, high);
    }

    @Override
    public String link(Answer a, Finding f, Contrast c, String text) {
        return "[" + text + "](#" + anchor(a, f.jvm(), c) + ")";
    }

    @Override
    public String join(List<String> parts) {
        if (parts.size() <= 1) {
            return String.join("", parts);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** The evidence: per measured question, its run and fixed parameters, and a table of its contrasts. */
    String evidence(List<Answer> answers, String headingLevel) {
        StringBuilder out = new StringBuilder();
        for (Answer a : answers) {
            if (!a.measured()) {
                continue;
            }
            out.append(headingLevel).append(' ').append(a.question().title()).append("\n\n");
            Finding f0 = a.findings().get(0);
            Contrast c0 = f0.contrasts().get(0);
            out.append("Run ").append(a.runId()).append(", ").append(Text.benchName(c0.subject().key().benchmark()))
                    .append(" (").append(ComparisonTables.mode(c0.subject().key().mode())).append(")")
                    .append(f0.fixed().isEmpty() ? "" : ", every point: " + Text.md(Text.params(params(f0.fixed()), Set.of())))
                    .append(".\n\n");
            Units.Scale scale = Units.scaleFor(c0.subject().key().unit(), "primary",
                    Double.isFinite(c0.referenceCenter()) ? c0.referenceCenter() : c0.subjectCenter());
            String unit = scale.label().isEmpty() ? "" : " " + scale.label();
            if (c0.reference() == null) {
                MarkdownTable t = new MarkdownTable(List.of("JVM", "point", "mean" + unit + " [95% CI]", "forks"),
                        new boolean[] {false, false, true, true});
                for (Finding f : a.findings()) {
                    for (Contrast c : f.contrasts()) {
                        Summary s = c.level();
                        t.add(Text.anchorTag(anchor(a, f.jvm(), c)) + Text.md(names.apply(f.jvm())), Text.md(c.label()),
                                scale.format(s.mean()) + (Double.isFinite(s.ci95()) ? " [" + scale.format(s.mean() - s.ci95())
                                        + ", " + scale.format(s.mean() + s.ci95()) + "]" : " (no interval)"),
                                Integer.toString(s.n()));
                    }
                }
                out.append(t.render()).append('\n');
                continue;
            }
            MarkdownTable t = new MarkdownTable(List.of("JVM", "point", "against", "point" + unit + " (forks)",
                    "against" + unit + " (forks)", "ratio [95% CI]"), new boolean[] {false, false, false, true, true, true});
            for (Finding f : a.findings()) {
                for (Contrast c : f.contrasts()) {
                    String point = differing(c.subject().key().params(), c.reference().key().params(), "");
                    String key = c.label().substring(0, Math.max(0, c.label().indexOf('=')));
                    if (!point.contains(key + "=")) {
                        point = (Text.params(params(c.label()), Set.of()) + " " + point).trim();
                    }
                    t.add(Text.anchorTag(anchor(a, f.jvm(), c)) + Text.md(names.apply(f.jvm())), Text.md(point),
                            Text.md(differing(c.reference().key().params(), c.subject().key().params(), "")),
                            scale.format(c.subjectCenter()) + " (" + c.ratio().nCandidate() + ")",
                            scale.format(c.referenceCenter()) + " (" + c.ratio().nBaseline() + ")",
                            Text.ratioCi(c.ratio().ratio(), c.ratio().low(), c.ratio().high()));
                }
            }
            out.append(t.render()).append('\n');
        }
        if (out.length() > 0) {
            out.append("A level (mean [95% CI]) is the mean of the fork scores with its Student-t interval over forks. "
                    + "In a contrast, centers are geometric means of fork scores and the ratio is point / against with "
                    + "Welch's 95% interval on log fork scores (points of one JVM ran minutes apart, so they are not "
                    + "paired); a ratio whose interval includes 1 is read as no detectable difference.\n\n");
        }
        return out.toString();
    }

    /** The parameters of {@code a} that differ from {@code b}, as "k=v"; {@code fallback} when none. */
    private static String differing(Map<String, String> a, Map<String, String> b, String fallback) {
        List<String> out = new ArrayList<>();
        a.forEach((k, v) -> {
            if (!v.equals(b.get(k))) {
                out.add(k + "=" + Text.param(k, v));
            }
        });
        return out.isEmpty() ? fallback : String.join(" ", out);
    }

    private static Map<String, String> params(String fixed) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : fixed.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return out;
    }
}
