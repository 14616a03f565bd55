package dev.nettune.analysis.family;

import dev.nettune.analysis.family.Answer.Finding;
import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.Result;

import java.util.List;

/**
 * A Question is one tuning question a family answers: its words, which benchmark points of one JVM
 * answer it ({@link #find}, built with {@link Points}), and how the answer reads ({@link #sentence},
 * written with the report's {@link Wording}). The compare layer asks it of every run and JVM; the
 * render layer shows its sentence and its evidence table.
 */
public abstract class Question {

    private final FamilyDescriptor family;
    private final String id;
    private final String title;
    private final String text;

    /**
     * @param family the family whose benchmarks answer it
     * @param id     a stable name, part of the evidence anchors ("IO_MODEL")
     * @param title  short title, shown as is
     * @param text   the question in words, shown as is
     */
    protected Question(FamilyDescriptor family, String id, String title, String text) {
        this.family = family;
        this.id = id;
        this.title = title;
        this.text = text;
    }

    /** The family whose benchmarks answer it. */
    public final FamilyDescriptor family() {
        return family;
    }

    /** A stable name, part of the evidence anchors. */
    public final String id() {
        return id;
    }

    /** Short title. */
    public final String title() {
        return title;
    }

    /** The question, in words. */
    public final String text() {
        return text;
    }

    /**
     * What one JVM measured for the question, from that JVM's results of one run; null or a finding
     * without contrasts when the points are absent.
     */
    public abstract Finding find(JvmId jvm, List<Result> results);

    /** The measured answer in words, every figure linked through {@code w}. */
    public abstract String sentence(Answer a, Wording w);

    @Override
    public String toString() {
        return id;
    }
}
