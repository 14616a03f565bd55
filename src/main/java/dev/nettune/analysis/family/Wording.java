package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Contrast;
import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.ResultKey;
import dev.nettune.analysis.units.Units;

import java.util.List;

/**
 * A Wording is the report's vocabulary for an answer's sentence: how a ratio, a level or a JVM is
 * written and how a figure links to its evidence row. The render layer supplies it, so that a
 * {@link Question} says what to tell and every family tells it the same way.
 */
public interface Wording {

    /** {@code text} as a link to the evidence row of contrast {@code c}. */
    String link(Answer a, Finding f, Contrast c, String text);

    /** The JVM of a finding, as shown. */
    String jvm(Finding f);

    /** One contrast label across the JVMs: "2.43× [2.2, 2.6] fewer (jdk17), 1.81× fewer (jdk25)", each linked. */
    String across(Answer a, String label, String more, String fewer);

    /** How a ratio reads: "2.43× [2.2, 2.6] fewer", "~ 0.98 [0.91, 1.05]", or without interval "2.43× fewer". */
    String figure(Contrast c, String more, String fewer);

    /** A level: "15.3 [15.0, 15.6]" in {@code scale}, or "15.3" without an interval. */
    String level(Contrast c, Units.Scale scale);

    /** A value of a result's primary score with its unit, e.g. "212 µs". */
    String amount(ResultKey k, double v);

    /** One parameter value as tables show it (byte sizes as KiB). */
    String param(String name, String value);

    /** A ratio with three significant digits. */
    String ratio(double r);

    /** A ratio with its interval: "0.956 [0.921, 0.992]". */
    String ratioCi(double r, double low, double high);

    /** "a", "a and b", "a, b and c". */
    String join(List<String> parts);
}
