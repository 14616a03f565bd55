package dev.nettune.run.options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jdk is one installed Java runtime: its home (canonical, so two symlinks to one JDK are one Jdk),
 * feature version (17, 21, 25), full version and vendor. {@link #inspect} reads the {@code release}
 * file a JDK ships and falls back to asking {@code bin/java -XshowSettings:properties -version}.
 *
 * @param home           canonical JAVA_HOME
 * @param feature        the feature release, e.g. 17
 * @param version        java.version, e.g. "17.0.15"
 * @param vendor         IMPLEMENTOR / java.vendor, e.g. "Eclipse Adoptium"
 * @param runtimeVersion java.runtime.version when known, else the version
 */
public record Jdk(Path home, int feature, String version, String vendor, String runtimeVersion) {

    /** The oldest feature release nettune runs on (the suite is compiled with --release 17). */
    public static final int MIN_FEATURE = 17;
    /** How long a probing {@code java -version} may take before the directory is not a usable JDK. */
    static final long PROBE_TIMEOUT_SECONDS = 30;

    private static final Pattern SETTING = Pattern.compile("^\\s*([\\w.]+) = (.*)$");
    private static final Pattern RELEASE_LINE = Pattern.compile("^(\\w+)=\"?(.*?)\"?$");
    private static final Pattern FEATURE = Pattern.compile("^(?:1\\.)?(\\d+)");

    /** The {@code bin/java} launcher. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /**
     * The JDK installed in {@code dir}.
     *
     * @throws NotAJdkException when dir has no runnable bin/java or its version cannot be read
     */
    public static Jdk inspect(Path dir) throws NotAJdkException {
        Path java = dir.resolve("bin").resolve("java");
        if (!Files.isRegularFile(java) || !Files.isExecutable(java)) {
            throw new NotAJdkException(dir + " is not a JDK (no bin/java)");
        }
        Path home;
        try {
            home = dir.toRealPath();
        } catch (IOException e) {
            throw new NotAJdkException(dir + " is not readable: " + e.getMessage());
        }
        Map<String, String> props = readRelease(home.resolve("release"));
        String version = props.get("JAVA_VERSION");
        String vendor = props.get("IMPLEMENTOR");
        String runtime = props.get("JAVA_RUNTIME_VERSION");
        if (version == null) {
            Map<String, String> settings = probe(home.resolve("bin").resolve("java"));
            version = settings.get("java.version");
            vendor = settings.get("java.vendor");
            runtime = settings.get("java.runtime.version");
            if (version == null) {
                throw new NotAJdkException(dir + " is not a JDK (bin/java did not report java.version)");
            }
        }
        Matcher m = FEATURE.matcher(version);
        if (!m.find()) {
            throw new NotAJdkException(dir + ": cannot read a feature release from version '" + version + "'");
        }
        return new Jdk(home, Integer.parseInt(m.group(1)), version,
                vendor == null ? "unknown" : vendor, runtime == null ? version : runtime);
    }

    static Map<String, String> readRelease(Path release) {
        Map<String, String> props = new HashMap<>();
        if (!Files.isRegularFile(release)) {
            return props;
        }
        try {
            for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                Matcher m = RELEASE_LINE.matcher(line.trim());
                if (m.matches()) {
                    props.put(m.group(1), m.group(2));
                }
            }
        } catch (IOException e) {
            return Map.of(); // unreadable release file: fall back to asking the launcher
        }
        return props;
    }

    static Map<String, String> probe(Path java) throws NotAJdkException {
        Map<String, String> settings = new HashMap<>();
        try {
            Process p = new ProcessBuilder(List.of(java.toString(), "-XshowSettings:properties", "-version"))
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new NotAJdkException(java + " did not answer -version within " + PROBE_TIMEOUT_SECONDS + " s");
            }
            for (String line : out.split("\\R")) {
                Matcher m = SETTING.matcher(line);
                if (m.matches()) {
                    settings.putIfAbsent(m.group(1), m.group(2).trim());
                }
            }
        } catch (IOException e) {
            throw new NotAJdkException(java + " cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAJdkException(java + ": interrupted while probing");
        }
        return settings;
    }

    /** A directory that is not a usable JDK, with the reason. */
    public static final class NotAJdkException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotAJdkException(String message) {
            super(message);
        }
    }
}
