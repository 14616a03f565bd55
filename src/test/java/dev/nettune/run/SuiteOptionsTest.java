package dev.nettune.run;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteOptionsTest {

    @Test
    void emptyValuesAsMavenPassesThemMeanDefaults() {
        SuiteOptions o = SuiteOptions.parse("--profile=quick", "--jvms=", "--variants=", "--include=", "--skip=false",
                "--jmh=", "--results=", "--analysis=", "--baseline=", "--ignoreLock=false", "--dryRun=false");
        assertEquals(Profile.QUICK, o.profile());
        assertNull(o.jvms());
        assertNull(o.include());
        assertEquals(List.of(), o.jmhArgs());
        assertEquals(Path.of("bench-results"), o.results());
        assertEquals(Path.of("analysis"), o.analysis());
        assertFalse(o.skip());
    }

    @Test
    void smokeWritesUnderTargetSoCommittedResultsAreNeverTouched() {
        SuiteOptions o = SuiteOptions.parse("--profile=smoke");
        assertEquals(Path.of("target/bench-results-smoke"), o.results());
        assertEquals(Path.of("target/analysis-smoke"), o.analysis());
        assertEquals(Path.of("elsewhere"), SuiteOptions.parse("--profile=smoke", "--results=elsewhere").results());
    }

    @Test
    void unknownProfileListsTheValidOnes() {
        UsageException e = assertThrows(UsageException.class, () -> SuiteOptions.parse("--profile=fast"));
        assertEquals("nettune.profile: unknown profile 'fast'; valid: smoke, quick, full", e.getMessage());
    }

    @Test
    void unknownOptionsAndBadBooleansAreRefused() {
        assertThrows(UsageException.class, () -> SuiteOptions.parse("--profle=quick"));
        assertThrows(UsageException.class, () -> SuiteOptions.parse("quick"));
        UsageException e = assertThrows(UsageException.class, () -> SuiteOptions.parse("--skip=yes"));
        assertEquals("nettune.skip: 'yes' is not true or false", e.getMessage());
    }

    @Test
    void extraJmhArgumentsSplitLikeAShell() {
        assertEquals(List.of("-prof", "gc", "-jvmArgsAppend", "-Xlog:gc -Dx=1", "-p", "a=b c"),
                SuiteOptions.tokenize(" -prof gc -jvmArgsAppend \"-Xlog:gc -Dx=1\" -p 'a=b c' "));
        assertThrows(UsageException.class, () -> SuiteOptions.tokenize("-p \"a=b"));
    }

    @Test
    void helpNamesEveryOption() {
        assertTrue(SuiteOptions.parse("--help").help());
        for (String name : SuiteOptions.NAMES) {
            assertTrue(SuiteOptions.HELP.contains("  " + name + "="), name);
        }
    }
}
