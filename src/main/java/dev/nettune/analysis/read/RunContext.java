package dev.nettune.analysis.read;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.RunInfo;

/**
 * A RunContext is what the location of a JMH JSON file says about it: the run it belongs to, the
 * JVM label of its folder (suite layout only), and the run's metadata when {@code run.json} exists.
 *
 * @param runId       run id: from run.json, else the name of the folder holding the file
 * @param folderLabel the {@code <jvmLabel>} folder name in the suite layout, or null
 * @param run         the run's metadata, or null for foreign JMH JSON
 */
public record RunContext(String runId, String folderLabel, RunInfo run) {

    /**
     * The JVM of a result, from the folder label and run.json when present, otherwise from what the
     * JMH JSON says ({@code jdkVersion}, {@code vmName}, {@code vmVersion}, {@code jvmArgs}).
     */
    public JvmId jvmFor(String jdkVersion, String vmName, String vmVersion, java.util.List<String> jvmArgs) {
        String variant = JvmId.variantOf(jvmArgs);
        if (folderLabel != null && run != null) {
            RunInfo.JvmInfo info = run.jvm(folderLabel);
            if (info != null) {
                return new JvmId(runId, folderLabel, info.vendor(),
                        info.version().isEmpty() ? jdkVersion : info.version(),
                        String.join(" ", info.flags()), info.placement());
            }
            return new JvmId(runId, folderLabel, vendorOf(vmName, vmVersion), jdkVersion, variant, "");
        }
        return new JvmId(runId, JvmId.labelFor(jdkVersion, variant), vendorOf(vmName, vmVersion), jdkVersion,
                variant, "");
    }

    private static String vendorOf(String vmName, String vmVersion) {
        return (vmName + " " + vmVersion).trim();
    }
}
