package dev.nettune.analysis.family;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;
import dev.nettune.stats.Summary;
import dev.nettune.stats.UnpairedRatio;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An Answer is one family's tuning question as measured in one run: per JVM, the contrasts between
 * benchmark points that answer it (e.g. the Selector pair against the blocking pair at each
 * connection count), each with the ratio of the two points' geometric means over forks and its 95%
 * interval. Points of one JVM are never paired (they ran minutes apart), so the ratio is unpaired:
 * {@link UnpairedRatio}, Welch's t on log fork scores. An Answer without findings means the points
 * were not measured in that run.
 *
 * @param question the question
 * @param runId    the run the points come from; "" when none has them
 * @param findings one per JVM that measured the points, in the set's JVM order
 */
public record Answer(Question question, String runId, List<Finding> findings) {

    /**
     * A Finding is what one JVM measured for the question.
     *
     * @param jvm       the JVM
     * @param fixed     the parameters the contrasts hold fixed, as "k=v" text (e.g. "payload=64 transport=TCP")
     * @param contrasts the contrasts, in the question's order
     */
    public record Finding(JvmId jvm, String fixed, List<Contrast> contrasts) {
    }

    /**
     * A Contrast is one benchmark point (subject) against another (reference) of the same JVM, or,
     * with no reference, one point's level.
     *
     * @param label      what varies, e.g. "connections=16", "strategy=STREAM_PER_PART"
     * @param subject    the point
     * @param reference  the point it is compared with, or null for a level
     * @param subjectCenter   geometric mean of the subject's fork scores (JMH's unit)
     * @param referenceCenter geometric mean of the reference's fork scores; NaN for a level
     * @param ratio      subject / reference with its interval; null for a level
     * @param level      the subject's fork scores summarised (mean and 95% interval over forks)
     */
    public record Contrast(String label, Result subject, Result reference, double subjectCenter,
                           double referenceCenter, UnpairedRatio ratio, Summary level) {

        /** True when the ratio's interval excludes 1. */
        public boolean clear() {
            return ratio != null && Double.isFinite(ratio.low()) && (ratio.low() > 1 || ratio.high() < 1);
        }

        /** The value in the label: "16" of "connections=16". */
        public String value() {
            return label.substring(label.indexOf('=') + 1);
        }

        /** True when the ratio has an interval (both sides have at least two forks). */
        public boolean hasInterval() {
            return ratio != null && Double.isFinite(ratio.low()) && Double.isFinite(ratio.high());
        }
    }

    /** True when the question's points were measured. */
    public boolean measured() {
        return !findings.isEmpty();
    }

    /** The contrast labels of the findings, in first-seen order. */
    public List<String> labels() {
        Set<String> out = new LinkedHashSet<>();
        findings.forEach(f -> f.contrasts().forEach(c -> out.add(c.label())));
        return new ArrayList<>(out);
    }
}
