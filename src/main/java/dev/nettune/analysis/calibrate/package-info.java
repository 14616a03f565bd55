/**
 * Package calibrate provides the warm-up calibration: it classifies every fork of a calibration run
 * (long forks, no warm-up) by where its iterations stop changing ({@link dev.nettune.stats.Warmup}),
 * chooses each benchmark class's warm-up from the latest steady-state start, writes
 * {@code calibration.md} and {@code calibration.json}, and can write the warm-ups and the points
 * without a steady state into the profile files. Steps: read the run folder ({@link CalibrationRun}),
 * classify ({@link Calibration}), write ({@link CalibrationFiles}); {@link Calibrate} is the command.
 * It reads run.json and JMH's JSON itself and uses no other room of the analysis.
 */
package dev.nettune.analysis.calibrate;
