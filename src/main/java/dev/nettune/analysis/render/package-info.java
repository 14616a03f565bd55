/**
 * Package render writes the report: README.md that answers first (status, family answers, JVM
 * verdicts, then the evidence and the benchstat-style tables), the appendices, one self-contained
 * index.html, tidy CSV, and the charts. It applies no formula of its own: every number comes from
 * the compare and stats layers; it chooses units, words and layout. What the steady-state check
 * found ({@link dev.nettune.analysis.render.SteadinessText}) is said at the top, in its own section
 * and appendix, as marks on the rows of the comparison tables and forest plots, and on the console.
 */
package dev.nettune.analysis.render;
