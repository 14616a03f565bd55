package dev.nettune.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Differential is the call tree of two profiles of one point, one per JVM, on one scale: every
 * frame carries the baseline's value {@code a} and the candidate's {@code b}, each its samples times
 * its own {@link Normalization#baseScale}/{@link Normalization#candidateScale} (per operation when
 * the fork's operation count is known, else per sample), so two forks that ran different numbers of
 * operations or took different numbers of samples compare directly. A frame only one JVM has gets 0
 * on the other side. Children are ordered by name, as in a flame graph.
 */
public final class Differential {
    /** How many frames {@link #topSelf} lists by default. */
    public static final int DEFAULT_TOP = 12;

    /**
     * A Normalization puts both profiles on one scale.
     *
     * @param unit           the unit of a normalized value ("ns/op", "B/op", "% of samples")
     * @param baseScale      a baseline sample's value in that unit
     * @param candidateScale a candidate sample's value in that unit
     * @param description    one sentence for the page: how the values were normalized
     */
    public record Normalization(String unit, double baseScale, double candidateScale, String description) {
        /** Each profile as a share of its own samples, in percent. */
        public static Normalization share(long baseTotal, long candidateTotal) {
            return new Normalization("% of samples", 100.0 / Math.max(1, baseTotal), 100.0 / Math.max(1, candidateTotal),
                    "each JVM's samples as a percentage of its own total (the forks' operation counts are not used)");
        }

        /** Per operation: a sample stands for {@code unitsPerSample} (ns of CPU, bytes) over the fork's operations. */
        public static Normalization perOp(String unit, double unitsPerSampleBase, double baseOps, double unitsPerSampleCandidate,
                                          double candidateOps) {
            return new Normalization(unit, unitsPerSampleBase / baseOps, unitsPerSampleCandidate / candidateOps,
                    "each JVM's samples times what a sample stands for, divided by the operations its profiled fork measured");
        }
    }

    /** A Node is one frame of the merged tree: baseline value {@code a}, candidate value {@code b}, both inclusive. */
    public static final class Node {
        private final String name;
        private double a;
        private double b;
        private final Map<String, Node> children = new TreeMap<>();

        Node(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** Baseline value, inclusive of callees. */
        public double a() {
            return a;
        }

        /** Candidate value, inclusive of callees. */
        public double b() {
            return b;
        }

        /** Candidate minus baseline. */
        public double delta() {
            return b - a;
        }

        /** Callees, ordered by name. */
        public List<Node> children() {
            return List.copyOf(children.values());
        }

        /** Baseline value spent in this frame itself. */
        public double selfA() {
            return a - children.values().stream().mapToDouble(Node::a).sum();
        }

        /** Candidate value spent in this frame itself. */
        public double selfB() {
            return b - children.values().stream().mapToDouble(Node::b).sum();
        }

        /** Deepest level below this node (0 for a leaf). */
        public int depth() {
            return children.values().stream().mapToInt(c -> c.depth() + 1).max().orElse(0);
        }
    }

    /** A FrameDelta is one frame name's self values summed over every place it occurs. */
    public record FrameDelta(String frame, double a, double b) {
        public double delta() {
            return b - a;
        }
    }

    private final Node root;
    private final Normalization normalization;

    private Differential(Node root, Normalization normalization) {
        this.root = root;
        this.normalization = normalization;
    }

    /** The merged tree of {@code base} and {@code candidate} (stack → samples), normalized by {@code n}. */
    public static Differential of(Map<String, Long> base, Map<String, Long> candidate, Normalization n) {
        Node root = new Node("all");
        add(root, sameRoots(base), n.baseScale(), true);
        add(root, sameRoots(candidate), n.candidateScale(), false);
        return new Differential(root, n);
    }

    /** The frame JDK 19 and later put between {@code Thread.run} and the thread's task (scoped values' bindings). */
    static final String THREAD_RUN_WITH = "java.lang.Thread.runWith";
    static final String THREAD_RUN = "java.lang.Thread.run";

    /**
     * The stacks with the JDK's own thread plumbing made alike: a thread's stack starts at
     * {@code Thread.run → Thread.runWith → task} on JDK 19 and later and at {@code Thread.run → task}
     * on JDK 17, so without this every thread of one JVM would sit under a frame the other lacks and the
     * differential would show the whole profile moved at its root. {@code Thread.runWith} right after
     * {@code Thread.run} is dropped (whatever its compilation tier); stacks that become equal add up.
     */
    static Map<String, Long> sameRoots(Map<String, Long> stacks) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        stacks.forEach((stack, count) -> {
            String[] frames = stack.split(";");
            StringBuilder s = new StringBuilder();
            String previous = null;
            for (String frame : frames) {
                String plain = withoutTier(frame);
                if (!(plain.equals(THREAD_RUN_WITH) && THREAD_RUN.equals(previous))) {
                    s.append(s.length() == 0 ? "" : ";").append(frame);
                }
                previous = plain;
            }
            out.merge(s.toString(), count, Long::sum);
        });
        return out;
    }

    private static void add(Node root, Map<String, Long> stacks, double scale, boolean baseline) {
        stacks.forEach((stack, count) -> {
            double v = count * scale;
            Node at = root;
            bump(at, v, baseline);
            for (String frame : stack.split(";")) {
                at = at.children.computeIfAbsent(withoutTier(frame), Node::new);
                bump(at, v, baseline);
            }
        });
    }

    /**
     * The frame without jfr-converter's compilation-tier suffix ({@code _[j]} JIT, {@code _[i]} inlined,
     * {@code _[0]} interpreted, {@code _[1]} C1): one method compiled on one JVM and interpreted on the
     * other is one frame. Kernel frames keep {@code _[k]}.
     */
    static String withoutTier(String frame) {
        return frame.replaceFirst("_\\[[ji0-9]\\]$", "");
    }

    private static void bump(Node n, double v, boolean baseline) {
        if (baseline) {
            n.a += v;
        } else {
            n.b += v;
        }
    }

    public Node root() {
        return root;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** The largest absolute change of any frame below the root (inclusive values); 0 when the profiles agree. */
    public double maxAbsDelta() {
        double[] max = {0};
        walk(root, n -> {
            if (n != root) {
                max[0] = Math.max(max[0], Math.abs(n.delta()));
            }
        });
        return max[0];
    }

    /** The {@code n} frame names whose self values changed most (by absolute change), largest first. */
    public List<FrameDelta> topSelf(int n) {
        Map<String, double[]> byName = new TreeMap<>();
        walk(root, node -> {
            if (node != root) {
                double[] ab = byName.computeIfAbsent(node.name(), k -> new double[2]);
                ab[0] += node.selfA();
                ab[1] += node.selfB();
            }
        });
        List<FrameDelta> all = new ArrayList<>();
        byName.forEach((k, ab) -> all.add(new FrameDelta(k, ab[0], ab[1])));
        all.sort(Comparator.comparingDouble((FrameDelta f) -> -Math.abs(f.delta())).thenComparing(FrameDelta::frame));
        return all.subList(0, Math.min(n, all.size()));
    }

    private static void walk(Node n, java.util.function.Consumer<Node> visit) {
        visit.accept(n);
        for (Node c : n.children.values()) {
            walk(c, visit);
        }
    }
}
