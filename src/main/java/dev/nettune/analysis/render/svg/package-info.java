/**
 * Package svg provides small, dependency-free SVG charts with real {@code <text>}: a writer, a
 * conservative text-width estimate, linear and logarithmic axes, and three chart kinds (a forest
 * plot of ratios, line panels and dot panels).
 *
 * <p>Stance: a chart knows only labels and numbers (no JMH or comparison types); it sizes itself
 * from its content so that no title, label or legend is clipped, never writes NaN or Infinity into
 * a coordinate, and keeps every attribute local (no ids, no global CSS) so that several charts can
 * be inlined into one HTML page.
 */
package dev.nettune.analysis.render.svg;
