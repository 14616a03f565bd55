package dev.nettune.analysis.read;

import dev.nettune.analysis.model.JvmId;
import dev.nettune.analysis.model.RunInfo;
import java.util.List;

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
     * The JVM of a result. In the suite layout the label is the folder's and run.json tells vendor,
     * flags and placement; otherwise everything comes from what the JMH JSON says
     * ({@code jdkVersion}, {@code vmName}, {@code vmVersion}, {@code jvmArgs}) and the label is
     * derived from it ({@link JvmId#labelFor}). The build is always the one the JSON reports (the JVM
     * that actually ran), so a folder holding files of two builds can be told apart.
     */
    public JvmId jvmFor(String jdkVersion, String vmName, String vmVersion, List<String> jvmArgs) {
        String vm = JvmId.vmOf(vmName);
        if (folderLabel != null && run != null) {
            RunInfo.JvmInfo info = run.jvm(folderLabel);
            if (info != null) {
                String build = vmVersion.isEmpty() ? info.runtimeVersion() : vmVersion;
                return new JvmId(runId, folderLabel, info.vendor(), jdkVersion.isEmpty() ? info.version() : jdkVersion,
                        JvmId.variantOf(info.flags()), info.placement(), vm, build);
            }
            return new JvmId(runId, folderLabel, "", jdkVersion, JvmId.variantOf(jvmArgs), "", vm, vmVersion);
        }
        String variant = JvmId.variantOf(jvmArgs);
        return new JvmId(runId, JvmId.labelFor(jdkVersion, vm, variant), "", jdkVersion, variant, "", vm, vmVersion);
    }
}
