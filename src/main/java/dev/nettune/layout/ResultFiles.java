package dev.nettune.layout;

import java.nio.file.Path;

/**
 * ResultFiles forwards to {@link dev.nettune.results.ResultFiles}, where the names of a run
 * folder's files now live beside the records of their lines. Kept only for run/, which switches in
 * the second step of issue #20; then this class and package go.
 */
public final class ResultFiles {
    public static final String RUN = dev.nettune.results.ResultFiles.RUN;
    public static final String FORKS = dev.nettune.results.ResultFiles.FORKS;
    public static final String POINTS = dev.nettune.results.ResultFiles.POINTS;
    public static final String SOCKOPTS = dev.nettune.results.ResultFiles.SOCKOPTS;
    public static final String SKIPS = dev.nettune.results.ResultFiles.SKIPS;
    public static final String REUSE = dev.nettune.results.ResultFiles.REUSE;
    public static final String PLACEMENTS = dev.nettune.results.ResultFiles.PLACEMENTS;
    public static final String PROPERTY_PREFIX = dev.nettune.results.ResultFiles.PROPERTY_PREFIX;
    public static final String SOCKOPTS_PROPERTY = dev.nettune.results.ResultFiles.SOCKOPTS_PROPERTY;
    public static final String SKIPS_PROPERTY = dev.nettune.results.ResultFiles.SKIPS_PROPERTY;
    public static final String REUSE_PROPERTY = dev.nettune.results.ResultFiles.REUSE_PROPERTY;

    private ResultFiles() {
    }

    /** See {@link dev.nettune.results.ResultFiles#fromProperty}. */
    public static Path fromProperty(String property) {
        return dev.nettune.results.ResultFiles.fromProperty(property);
    }

    /** See {@link dev.nettune.results.ResultFiles#besideSockopts}. */
    public static Path besideSockopts(String name) {
        return dev.nettune.results.ResultFiles.besideSockopts(name);
    }
}
