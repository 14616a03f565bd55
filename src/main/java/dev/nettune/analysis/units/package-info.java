/** Package units scales values for people (ns/µs/ms/s, ops/s, B/KiB/MiB, Gbit/s); it depends on nothing. */
package dev.nettune.analysis.units;
