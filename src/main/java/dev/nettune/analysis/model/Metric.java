package dev.nettune.analysis.model;

import java.util.Arrays;
import java.util.Map;

/**
 * A Metric is one measured quantity of a result (the primary score, or a secondary metric such as
 * {@code gc.alloc.rate.norm} or an auxiliary counter), with its samples per fork and iteration.
 *
 * <p>For thrpt, avgt and ss modes each sample is one iteration's score as JMH wrote it in
 * {@code rawData}. For sample mode JMH writes a histogram per iteration ({@code rawDataHistogram},
 * [value, count] pairs); each sample here is that iteration's mean, and the merged histogram is kept
 * in {@code histogram} for medians and counts, and {@code sampleCounts} keeps how many raw samples
 * each iteration had.
 *
 * @param name        metric name, with JMH ≤ 1.36's "·" prefix removed
 * @param unit        JMH's unit string, e.g. "ops/s", "us/op", "B/op"
 * @param score       JMH's score (NaN when JMH wrote "NaN")
 * @param scoreError  JMH's 99.9% half-width (NaN for one-iteration runs)
 * @param samples     samples[fork][iteration]; never null, may be empty
 * @param histogram   merged sample-mode histogram, or null for other modes
 * @param percentiles JMH's scorePercentiles, percent (0..100) to value; may be empty
 * @param sampleCounts sample mode: sampleCounts[fork][iteration] raw samples behind samples[fork][iteration];
 *                    null for other modes
 */
public record Metric(String name, String unit, double score, double scoreError, double[][] samples,
                     Histogram histogram, Map<Double, Double> percentiles, long[][] sampleCounts) {

    /** A Metric without per-iteration sample counts (every mode but sample, or a hand-made one). */
    public Metric(String name, String unit, double score, double scoreError, double[][] samples, Histogram histogram,
                  Map<Double, Double> percentiles) {
        this(name, unit, score, scoreError, samples, histogram, percentiles, null);
    }

    /** A Histogram is a sorted list of distinct values, each with how many raw samples had it. */
    public record Histogram(double[] values, long[] counts) {
        /** Total number of raw samples. */
        public long total() {
            long t = 0;
            for (long c : counts) {
                t += c;
            }
            return t;
        }

        /** The value at quantile {@code q} (0..1), nearest rank. */
        public double quantile(double q) {
            long total = total();
            if (total == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < values.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        }
    }

    /** All samples of all forks in one array, fork by fork. */
    public double[] flatSamples() {
        return Arrays.stream(samples).flatMapToDouble(Arrays::stream).toArray();
    }

    /**
     * One score per fork: JMH's primary score of that fork alone (NaN for a fork with no finite
     * sample). The fork, not the iteration, is the unit of replication: iterations of one JVM
     * invocation share its JIT decisions, memory layout and CPU placement, so they are not
     * independent samples of the JVM.
     *
     * <p>For thrpt, avgt and ss the score is the mean of the fork's finite iteration scores. For
     * sample mode it is the mean over all raw samples of the fork, i.e. the iteration means weighted
     * by their sample counts, because that is what JMH reports for one fork (it merges the
     * iterations' histograms) and what the runner records as the fork's score in forks.jsonl; the
     * unweighted mean of iteration means differs from it whenever iterations took different numbers
     * of samples.
     */
    public double[] forkScores() {
        double[] out = new double[samples.length];
        for (int f = 0; f < samples.length; f++) {
            double sum = 0;
            double weight = 0;
            for (int i = 0; i < samples[f].length; i++) {
                double v = samples[f][i];
                double w = sampleCounts == null ? 1 : sampleCounts[f][i];
                if (Double.isFinite(v) && w > 0) {
                    sum += v * w;
                    weight += w;
                }
            }
            out[f] = weight == 0 ? Double.NaN : sum / weight;
        }
        return out;
    }

    /**
     * One whole-trial reading per fork, for a metric the load benchmarks write once into the fork's last
     * measured iteration (0 before it: memory per connection, connect rate): the sum of the fork's row,
     * only the forks where it is finite.
     */
    public double[] wholeTrialReadings() {
        return Arrays.stream(samples).mapToDouble(fork -> Arrays.stream(fork).sum()).filter(Double::isFinite).toArray();
    }

    /** This metric without the fork rows marked in {@code drop} (rows beyond it are kept); the histogram stays whole. */
    public Metric withoutRows(boolean[] drop) {
        int keep = 0;
        for (int f = 0; f < samples.length; f++) {
            keep += f < drop.length && drop[f] ? 0 : 1;
        }
        double[][] s = new double[keep][];
        long[][] c = sampleCounts == null ? null : new long[keep][];
        int k = 0;
        for (int f = 0; f < samples.length; f++) {
            if (!(f < drop.length && drop[f])) {
                s[k] = samples[f];
                if (c != null) {
                    c[k] = sampleCounts[f];
                }
                k++;
            }
        }
        return new Metric(name, unit, score, scoreError, s, histogram, percentiles, c);
    }

    /** Number of forks that produced samples. */
    public int forks() {
        return (int) Arrays.stream(samples).filter(s -> s.length > 0).count();
    }
}
