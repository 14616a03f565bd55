/**
 * Package compare decides what is compared with what (rows, JVMs, baselines) and applies the
 * statistics to them, producing the comparison tables the renderers show.
 */
package dev.nettune.analysis.compare;
