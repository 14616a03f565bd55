package dev.nettune.analysis.family;

/**
 * Other is every benchmark no family owns, this suite's or another project's: no question, and one
 * shared dot plot per mode and unit.
 */
public final class Other extends FamilyDescriptor {

    Other() {
        super("Other benchmarks", "other", "");
    }

    @Override
    public boolean chartsEachBenchmark() {
        return false;
    }
}
