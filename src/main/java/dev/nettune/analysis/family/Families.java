package dev.nettune.analysis.family;

import java.util.List;

/**
 * Families is the one list of the benchmark families the analysis knows, in the order the report
 * shows them; {@link Other} comes last and owns whatever no other family owns (including other
 * projects' benchmarks).
 *
 * <p>A plain list rather than a {@link java.util.ServiceLoader}: the order is part of the report
 * (sections, questions, tables), a list states it in one line per family and the compiler checks
 * it, while a services file is text the compiler never sees and the shaded jar must merge.
 */
public final class Families {

    /** Every family, in report order; the last is {@link Other}. */
    public static final List<FamilyDescriptor> ALL = List.of(new RoundTrip(), new IoModel(), new SocketBuffers(),
            new Coalescing(), new ConnectionReuse(), new Other());

    private Families() {
    }

    /** The family of a fully qualified benchmark name such as {@code dev.nettune.bench.model.X.m}: the first that owns it. */
    public static FamilyDescriptor of(String benchmark) {
        for (FamilyDescriptor f : ALL) {
            if (f.owns(benchmark)) {
                return f;
            }
        }
        throw new IllegalStateException("no family owns " + benchmark + "; the last family owns every benchmark");
    }

    /** The registered family of type {@code type}. */
    public static <T extends FamilyDescriptor> T get(Class<T> type) {
        return ALL.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getSimpleName() + " is not in Families.ALL"));
    }

    /** Every family's questions, family by family, in report order. */
    public static List<Question> questions() {
        return ALL.stream().flatMap(f -> f.questions().stream()).toList();
    }

    /** The position of {@code f} in report order. */
    public static int rank(FamilyDescriptor f) {
        return ALL.indexOf(f);
    }
}
