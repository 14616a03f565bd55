/**
 * Package compare decides what is compared with what (rows, JVMs, baselines) and applies the
 * statistics to them, producing the comparison tables the renderers show.
 *
 * <p>Stance: the JVM invocation (the JMH fork) is the unit of replication; iterations of one fork
 * are never samples of a comparison. JVMs of one run are paired by block of the randomized
 * interleaved schedule; everything else is compared unpaired, and says so; with one fork or one
 * block a side no claim is made. {@link dev.nettune.analysis.compare.Comparisons} builds the
 * {@link dev.nettune.analysis.compare.JvmPair}s; the older
 * {@code CrossJvm} (iterations pooled, Mann–Whitney) remains only until
 * the report stops using it.
 *
 * <p>{@link dev.nettune.analysis.compare.Steadiness} checks each JVM × point on its own: whether its
 * score drifts within forks (Holm over the cells of its run) and whether its fork scores scatter so
 * widely that it is erratic; the renderers mark the comparison rows those cells enter.
 *
 * <p>{@link dev.nettune.analysis.compare.Underneath} compares, for every compared row, the counters per
 * operation of the two JVMs' forks (syscalls, context switches, CPU, allocation), paired by the same
 * blocks as the score, so a flagged row can say what changed underneath it.
 */
package dev.nettune.analysis.compare;
