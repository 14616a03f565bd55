package dev.nettune.stats;

/**
 * ReferenceVectors holds the data sets of the cross-JVM part of
 * {@code src/test/resources/analysis/reference/reference_stats.py}, under the same names, so that a
 * test and the script line that gave its expected value can be read side by side.
 */
final class ReferenceVectors {

    /** Synthetic blocks: baseline fork scores, 8 blocks with common drift. */
    static final double[] PX = {101.2, 131.9, 96.4, 140.8, 118.3, 99.7, 135.2, 104.6};
    /** Synthetic blocks: candidate fork scores of the same blocks. */
    static final double[] PY = {97.8, 128.4, 95.1, 133.9, 115.0, 97.2, 129.6, 102.3};
    /** Unpaired synthetic fork scores, baseline (6). */
    static final double[] UX = {4.12, 3.87, 4.55, 4.02, 3.66, 4.31};
    /** Unpaired synthetic fork scores, candidate (5). */
    static final double[] UY = {4.61, 4.98, 4.40, 5.12, 4.77};
    /** 2 against 3 forks: Welch df between 1 and 2. */
    static final double[] VX = {250.0, 262.5};
    static final double[] VY = {240.1, 301.7, 266.0};
    /**
     * Real fork scores (mean of each rawData row): ConnectionScalingBenchmark.roundTrips,
     * SELECTOR/SELECTOR, 16 connections, JDK 17, one fork in each of the runs 2026-11-24T16-32-27Z ..
     * 16-37-34Z. The script reads them from bench-results/; ForkScoresTest checks the reader agrees.
     */
    static final double[] RX = {151802.97060783923, 148576.5759795969, 154966.67466873414, 131640.11469461577,
        165108.92862252804, 139485.68596722928};
    /** The same point on JDK 25, run by run (each run: jdk17's fork, then jdk25's). */
    static final double[] RY = {151190.89673071372, 137248.56597494427, 165444.92023226185, 153644.85987817543,
        132620.56304665134, 126412.02742382586};

    /**
     * Real rawData (iteration scores, 8 forks × 2 iterations) of the reference run
     * 2026-11-30T14-41-49Z-quick: ConnectionScalingBenchmark.roundTrips SELECTOR × SELECTOR, 1
     * connection, on jdk25 (a slow-down within forks).
     */
    static final double[][] SEL1 = {{22180.52032350037, 14936.425264641268}, {17156.68626887391, 13716.081729343408},
        {21632.419664639594, 14987.788304293254}, {18713.396528820955, 18543.90451917412},
        {27193.524630074626, 19331.08110407439}, {23426.653931142377, 18625.125157902166},
        {24565.09597150488, 19527.15890512078}, {20479.940179069974, 17552.95399674163}};
    /** The same run's SocketBufferStreamBenchmark.stream, sndBuf 4096, on jdk17 (erratic fork to fork). */
    static final double[][] SND4 = {{10.784029219690746, 39.985105068540705}, {0.9663770356253295, 22.775446091293848},
        {16.98857003471049, 9.910372363002203}, {11.519056405896979, 54.3545428257974},
        {4.245598949506357, 2.91858735130414}, {4.630818215493071, 26.344786586036154},
        {6.3600394438545145, 20.05229511784481}, {8.39988919034178, 12.11468063093473}};

    private ReferenceVectors() {
    }
}
