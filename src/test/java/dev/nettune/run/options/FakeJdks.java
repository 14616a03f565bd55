package dev.nettune.run.options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** FakeJdks builds directory trees that look like JDK installs: bin/java plus a release file. */
final class FakeJdks {
    private FakeJdks() {
    }

    /** A JDK with a release file; bin/java exits 1, so nothing may need to run it. */
    static Path withRelease(Path root, String name, String version, String vendor) throws IOException {
        Path home = root.resolve(name);
        script(home.resolve("bin/java"), "exit 1");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"" + vendor + "\"\nJAVA_VERSION=\"" + version + "\"\n"
                + "JAVA_RUNTIME_VERSION=\"" + version + "+7\"\n", StandardCharsets.UTF_8);
        return home;
    }

    /** A JDK without a release file whose bin/java answers -XshowSettings:properties like a real one. */
    static Path withoutRelease(Path root, String name, String version, String vendor) throws IOException {
        Path home = root.resolve(name);
        script(home.resolve("bin/java"), "cat >&2 <<'X'\nProperty settings:\n    java.runtime.version = " + version
                + "+1\n    java.vendor = " + vendor + "\n    java.version = " + version + "\n\nopenjdk version \"" + version + "\"\nX");
        return home;
    }

    static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
