package dev.nettune.run.check;

import dev.nettune.run.options.SuiteOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What pom.xml does with the suite's options: check them before compiling, pass every one to the runner. */
class MavenBuildTest {
    static final Path POM = Path.of("pom.xml");
    static final Path SOURCES = Path.of("src/main/java");

    static String pom() throws Exception {
        return Files.readString(POM, StandardCharsets.UTF_8);
    }

    /** The {@code <include>}s of the nettune-preflight compiler execution. */
    static List<String> preflightIncludes(String pom) {
        Matcher execution = Pattern.compile("<id>nettune-preflight</id>(.*?)</execution>", Pattern.DOTALL).matcher(pom);
        assertTrue(execution.find(), "pom.xml has the nettune-preflight compiler execution");
        List<String> out = new ArrayList<>();
        Matcher include = Pattern.compile("<include>(.*?)</include>").matcher(execution.group(1));
        while (include.find()) {
            out.add(include.group(1));
        }
        return out;
    }

    /**
     * The classes Maven compiles in the validate phase must compile on their own against the
     * dependencies only, or MavenCheck would pull the rest of the project into that early compile
     * (slow) or fail to load. javac without a source path and with the project's classes off the class path.
     */
    /** The source files an include names: the file, or every .java file under a {@code dir/**} pattern. */
    static List<String> sourcesOf(String include) throws Exception {
        if (!include.endsWith("/**")) {
            return List.of(SOURCES.resolve(include).toString());
        }
        try (java.util.stream.Stream<Path> files = Files.walk(SOURCES.resolve(include.substring(0, include.length() - 3)))) {
            return files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
    }

    /**
     * The classes Maven compiles in the validate phase must compile on their own against the
     * dependencies only, or MavenCheck would pull the rest of the project into that early compile
     * (slow) or fail to load. javac without a source path and with the project's classes off the class path.
     * The runner's part of them is whole rooms (packages), never single files.
     */
    @Test
    void theOptionCheckingClassesCompileWithoutTheRestOfTheProject(@TempDir Path out) throws Exception {
        List<String> includes = preflightIncludes(pom());
        assertTrue(includes.contains("dev/nettune/run/check/**"), includes.toString());
        for (String i : includes) {
            assertTrue(!i.startsWith("dev/nettune/run/") || i.endsWith("/**"), "a room of the runner, not a file: " + i);
        }
        String dependencies = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar")).collect(Collectors.joining(File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-implicit:none", "-sourcepath", "",
                "-cp", dependencies, "-d", out.toString()));
        for (String i : includes) {
            args.addAll(sourcesOf(i));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = javac.run(null, null, err, args.toArray(new String[0]));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(out.resolve("dev/nettune/run/check/MavenCheck.class")));
    }

    @Test
    void everyOptionIsAPropertyPassedToTheRunner() throws Exception {
        String pom = pom();
        for (String name : SuiteOptions.NAMES) {
            assertTrue(pom.contains("<nettune." + name + ">"), "property nettune." + name);
            assertTrue(pom.contains("<argument>--" + name + "=${nettune." + name + "}</argument>"), "argument --" + name);
        }
    }

    @Test
    void theChecksRunBeforeCompilationAndBeforeTheTestsWithoutBlockingSystemExit() throws Exception {
        String pom = pom();
        for (String[] stage : List.of(new String[]{"nettune-check-options", "validate", MavenCheck.OPTIONS},
                new String[]{"nettune-check-benchmarks", "process-classes", MavenCheck.BENCHMARKS})) {
            Matcher m = Pattern.compile("<id>" + stage[0] + "</id>(.*?)</execution>", Pattern.DOTALL).matcher(pom);
            assertTrue(m.find(), stage[0]);
            String body = m.group(1);
            assertTrue(body.contains("<phase>" + stage[1] + "</phase>"), stage[0]);
            assertTrue(body.contains("<mainClass>" + MavenCheck.class.getName() + "</mainClass>"), stage[0]);
            assertTrue(body.contains("<argument>" + stage[2] + "</argument>"), stage[0]);
            assertTrue(body.contains("<blockSystemExit>false</blockSystemExit>"), stage[0] + ": exit 2 must end mvn");
        }
    }
}
