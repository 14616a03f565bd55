/**
 * Package family holds one descriptor per benchmark family: what the family's benchmarks are (the
 * package or class they live in), the questions they answer, which points answer each question and
 * how the answer reads, and how each of its benchmark classes is charted. Adding a family to the
 * analysis means one {@link dev.nettune.analysis.family.FamilyDescriptor} subclass here and its line
 * in {@link dev.nettune.analysis.family.Families}; the compare and render layers find it there, by
 * type, and keep the machinery every family shares (statistics, tables, charts).
 *
 * <p>Layer: above {@code model} and {@code stats}, below {@code compare} and {@code render}. A
 * descriptor never imports a benchmark class: it names its benchmarks by their package as text,
 * the way the result files name them.
 */
package dev.nettune.analysis.family;
