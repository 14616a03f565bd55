/**
 * Package render writes the report: README.md that answers first (status, family answers, JVM
 * verdicts, then the evidence and the benchstat-style tables), the appendices, one self-contained
 * index.html, tidy CSV, and the charts. It applies no formula of its own: every number comes from
 * the compare and stats layers; it chooses units, words and layout.
 */
package dev.nettune.analysis.render;
