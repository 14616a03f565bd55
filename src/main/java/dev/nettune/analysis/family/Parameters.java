package dev.nettune.analysis.family;

import dev.nettune.analysis.units.Units;

import java.util.Set;

/**
 * Parameters is how benchmark parameters read in charts: their names for axis titles and notes
 * ("SO_SNDBUF") and their values for people ("64 KiB", "auto"). Shared by every family, so that one
 * parameter reads the same in every chart.
 */
public final class Parameters {

    /** Parameters whose values are byte counts, shown as "64 KiB". */
    public static final Set<String> BYTE_PARAMS = Set.of("sndBuf", "rcvBuf", "writeSize", "messageBytes", "payload",
            "partBytes", "streamBytes");
    /** Socket buffer parameters where 0 means "not set: kernel autotuning". */
    public static final Set<String> AUTO_ZERO = Set.of("sndBuf", "rcvBuf");

    private Parameters() {
    }

    /** A parameter's name for axis titles and notes. */
    public static String label(String param) {
        return switch (param) {
            case "sndBuf" -> "SO_SNDBUF";
            case "rcvBuf" -> "SO_RCVBUF";
            case "writeSize" -> "write size";
            case "messageBytes" -> "message size";
            case "partBytes" -> "part size";
            case "streamBytes" -> "bytes per stream";
            default -> param;
        };
    }

    /** A parameter's value for people: byte counts as "64 KiB", a socket buffer of 0 as "auto". */
    public static String value(String param, String v) {
        if (AUTO_ZERO.contains(param) && "0".equals(v)) {
            return "auto";
        }
        if (BYTE_PARAMS.contains(param) && v.matches("[0-9]{1,18}")) {
            long b = Long.parseLong(v);
            return b < 1024 ? b + " B" : Units.bytesParam(b);
        }
        return v;
    }
}
