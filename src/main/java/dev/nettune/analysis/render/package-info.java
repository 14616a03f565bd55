/** Package render writes the report: Markdown, CSV and SVG; it computes no statistics of its own. */
package dev.nettune.analysis.render;
