package dev.nettune.run.options;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmMatrixTest {
    @TempDir
    Path tmp;
    Path jvmRoot;
    Path jdk17;
    Path jdk25;
    Path jdk11;
    Path jdk21;

    @BeforeEach
    void tree() throws IOException {
        jvmRoot = tmp.resolve("usr-lib-jvm");
        jdk17 = FakeJdks.withRelease(jvmRoot, "java-17-openjdk-amd64", "17.0.15", "Debian");
        Files.createSymbolicLink(jvmRoot.resolve("java-1.17.0-openjdk-amd64"), jdk17.getFileName()); // Debian's alias
        jdk25 = FakeJdks.withRelease(jvmRoot, "temurin-25-jdk-amd64", "25.0.3", "Eclipse Adoptium");
        jdk11 = FakeJdks.withRelease(jvmRoot, "java-11-openjdk-amd64", "11.0.22", "Debian");
        Files.createDirectories(jvmRoot.resolve("openjdk-17")); // sources only, no bin/java
        jdk21 = FakeJdks.withoutRelease(tmp.resolve("sdkman"), "21.0.2-tem", "21.0.2", "Eclipse Adoptium");
    }

    JvmMatrix.Sources sources(Path self, Map<String, String> env) {
        return new JvmMatrix.Sources(self, env, List.of(jvmRoot, tmp.resolve("sdkman"), tmp.resolve("missing")));
    }

    @Test
    void discoveryPutsTheRunningJdkFirstDedupesSymlinksAndIgnoresOldJdks() {
        JvmMatrix.Found found = JvmMatrix.discover(sources(jdk25, Map.of("JAVA_HOME", jdk17.toString(), "PATH", "/bin")));
        List<Integer> features = found.jdks().stream().map(Jdk::feature).toList();
        assertEquals(List.of(25, 17, 21), features);
        assertEquals(1, found.jdks().stream().filter(j -> j.feature() == 17).count(), "symlinked alias counted once");
        assertTrue(found.notes().stream().anyMatch(n -> n.contains("JDK 11") && n.contains("17+")), found.notes().toString());
        assertEquals(List.of("jdk25", "jdk17", "jdk21"), JvmMatrix.label(found.jdks()).stream().map(JvmTarget::label).toList());
    }

    @Test
    void jdkWithoutReleaseFileIsProbedThroughItsLauncher() throws Exception {
        Jdk j = Jdk.inspect(jdk21);
        assertEquals(21, j.feature());
        assertEquals("21.0.2", j.version());
        assertEquals("Eclipse Adoptium", j.vendor());
        assertEquals("21.0.2+1", j.runtimeVersion());
    }

    @Test
    void environmentVariablesNameJdksOutsideTheInstallRoots() throws IOException {
        Path other = FakeJdks.withRelease(tmp.resolve("opt"), "jdk-23", "23.0.1", "Oracle Corporation");
        JvmMatrix.Found found = JvmMatrix.discover(sources(jdk17, Map.of("JAVA23_HOME", other.toString())));
        assertTrue(found.jdks().stream().anyMatch(j -> j.feature() == 23), found.jdks().toString());
    }

    @Test
    void secondJdkOfOneFeatureGetsAVendorSuffix() throws Exception {
        Path temurin17 = FakeJdks.withRelease(tmp.resolve("opt"), "temurin-17", "17.0.12", "Eclipse Adoptium");
        List<JvmTarget> t = JvmMatrix.label(List.of(Jdk.inspect(jdk17), Jdk.inspect(temurin17)));
        assertEquals(List.of("jdk17", "jdk17-temurin"), t.stream().map(JvmTarget::label).toList());
    }

    @Test
    void namedJvmsAcceptPathsLabelsAndFeatureNumbers() throws IOException {
        List<JvmTarget> t = JvmMatrix.named("old=" + jdk17 + ", 25", sources(jdk17, Map.of()));
        assertEquals(List.of("old", "jdk25"), t.stream().map(JvmTarget::label).toList());
        assertEquals(jdk25.toRealPath(), t.get(1).jdk().home());
    }

    @Test
    void namedPathThatIsNotAJdkIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> JvmMatrix.named(tmp.resolve("nope").toString(), sources(jdk17, Map.of())));
        assertEquals("nettune.jvms: " + tmp.resolve("nope") + " is not a JDK (no bin/java)", e.getMessage());
    }

    @Test
    void namedJdkBelow17IsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> JvmMatrix.named(jdk11.toString(), sources(jdk17, Map.of())));
        assertEquals("nettune.jvms: " + jdk11 + " is JDK 11; nettune needs 17+", e.getMessage());
    }

    @Test
    void namedFeatureNotInstalledListsWhatWasFound() {
        UsageException e = assertThrows(UsageException.class, () -> JvmMatrix.named("22", sources(jdk17, Map.of())));
        assertTrue(e.getMessage().startsWith("nettune.jvms: no JDK 22 found; found: JDK 17"), e.getMessage());
    }

    @Test
    void sameJdkTwiceThroughASymlinkIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> JvmMatrix.named(
                jdk17 + "," + jvmRoot.resolve("java-1.17.0-openjdk-amd64"), sources(jdk17, Map.of())));
        assertTrue(e.getMessage().contains("same JDK"), e.getMessage());
    }

    @Test
    void sameJdkUnderTwoExplicitLabelsIsAnAaRun() throws IOException {
        List<JvmTarget> t = JvmMatrix.named("a=17,b=" + jvmRoot.resolve("java-1.17.0-openjdk-amd64"), sources(jdk25, Map.of()));
        assertEquals(List.of("a", "b"), t.stream().map(JvmTarget::label).toList());
        assertEquals(jdk17.toRealPath(), t.get(0).jdk().home());
        assertEquals(t.get(0).jdk().home(), t.get(1).jdk().home());
        assertTrue(JvmMatrix.sameJvm(t.get(0), t.get(1)));
    }

    @Test
    void sameJdkTwiceWithALabelMissingIsRefused() {
        for (String spec : List.of("17,17", "a=17,17", "17,b=17")) {
            UsageException e = assertThrows(UsageException.class, () -> JvmMatrix.named(spec, sources(jdk25, Map.of())), spec);
            assertTrue(e.getMessage().contains("are the same JDK") && e.getMessage().contains("label both, e.g. a=17,b=17"), e.getMessage());
        }
        assertThrows(UsageException.class, () -> JvmMatrix.named("a=17,a=25", sources(jdk25, Map.of())));
    }

    @Test
    void selfCheckIsOneJdkUnderTwoLabels() throws IOException {
        List<JvmTarget> t = JvmMatrix.selfCheck("17", sources(jdk25, Map.of()));
        assertEquals(List.of("jdk17-a", "jdk17-b"), t.stream().map(JvmTarget::label).toList());
        assertTrue(JvmMatrix.sameJvm(t.get(0), t.get(1)));
        List<JvmTarget> byPath = JvmMatrix.selfCheck(jdk25.toString(), sources(jdk17, Map.of()));
        assertEquals(List.of("jdk25-a", "jdk25-b"), byPath.stream().map(JvmTarget::label).toList());
        UsageException e = assertThrows(UsageException.class, () -> JvmMatrix.selfCheck("22", sources(jdk17, Map.of())));
        assertTrue(e.getMessage().startsWith("nettune.selfCheck: no JDK 22 found"), e.getMessage());
    }

    @Test
    void aVariantIsNotTheSameJvm() throws Exception {
        List<JvmTarget> all = JvmMatrix.withVariants(JvmMatrix.label(List.of(Jdk.inspect(jdk17))), Variant.parseList("cpu0"),
                new ArrayList<>());
        assertEquals(false, JvmMatrix.sameJvm(all.get(0), all.get(1)), "same JDK and flags, other CPU placement");
    }

    @Test
    void variantsRunOnlyOnJdksInTheirRange() throws Exception {
        List<JvmTarget> base = JvmMatrix.label(List.of(Jdk.inspect(jdk17), Jdk.inspect(jdk25)));
        List<String> notes = new ArrayList<>();
        List<JvmTarget> all = JvmMatrix.withVariants(base, Variant.parseList("plainsocket;poller1;cpu0"), notes);
        assertEquals(List.of("jdk17", "jdk25", "jdk17-plainsocket", "jdk25-poller1", "jdk17-cpu0", "jdk25-cpu0"),
                all.stream().map(JvmTarget::label).toList());
        assertEquals(List.of("-Djdk.net.usePlainSocketImpl=true"), all.get(2).flags());
        assertEquals(List.of(JvmTarget.UNSAFE_FLAG, "-Djdk.pollerMode=1"), all.get(3).flags());
        assertEquals("taskset -c 0", all.get(4).placement());
        assertEquals("free", all.get(0).placement());
        assertEquals(List.of(), all.get(0).flags(), "JDK 17 refuses the Unsafe flag: never passed below 24");
        assertEquals(2, notes.size(), notes.toString());
    }

    @Test
    void variantValidOnNoJdkOfTheMatrixIsRefused() throws Exception {
        List<JvmTarget> base = JvmMatrix.label(List.of(Jdk.inspect(jdk25)));
        UsageException e = assertThrows(UsageException.class,
                () -> JvmMatrix.withVariants(base, Variant.parseList("plainsocket"), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("nettune.variants: plainsocket is valid on JDK 13-17 only"), e.getMessage());
    }
}
