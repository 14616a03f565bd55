package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;

import java.util.List;

/**
 * A Question is one tuning question a family answers: its words, which benchmark points of one JVM
 * answer it ({@link #find}, built with {@link Points}), and how the answer reads ({@link #sentence},
 * written with the report's {@link Wording}); the two are methods of the family's descriptor. The
 * compare layer asks it of every run and JVM; the render layer shows its sentence and its evidence
 * table.
 *
 * @param family the family whose benchmarks answer it
 * @param id     a stable name, part of the evidence anchors ("IO_MODEL")
 * @param title  short title, shown as is
 * @param text   the question in words, shown as is
 * @param finder which points answer it
 * @param writer how the answer reads
 * @param always whether a report says "not measured" when no run measured it; false for a question only some
 *               profiles ask (the I/O model's server side at scale), which is left out where it is not measured
 */
public record Question(FamilyDescriptor family, String id, String title, String text, Finder finder, Writer writer, boolean always) {

    /** A question every report names, measured or not. */
    public Question(FamilyDescriptor family, String id, String title, String text, Finder finder, Writer writer) {
        this(family, id, title, text, finder, writer, true);
    }

    /** How a question finds its points: one JVM's results of one run to a finding. */
    @FunctionalInterface
    public interface Finder {
        /** What {@code jvm} measured for the question; null or a finding without contrasts when the points are absent. */
        Finding find(JvmId jvm, List<Result> results);
    }

    /** How a question's answer reads. */
    @FunctionalInterface
    public interface Writer {
        /** The measured answer in words, every figure linked through {@code w}. */
        String sentence(Answer a, Wording w);
    }

    /** What {@code jvm} measured for the question, from that JVM's results of one run; null or a finding without contrasts when the points are absent. */
    public Finding find(JvmId jvm, List<Result> results) {
        return finder.find(jvm, results);
    }

    /** The measured answer in words, every figure linked through {@code w}. */
    public String sentence(Answer a, Wording w) {
        return writer.sentence(a, w);
    }

    @Override
    public String toString() {
        return id;
    }
}
