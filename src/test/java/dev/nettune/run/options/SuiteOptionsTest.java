package dev.nettune.run.options;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
    void valuesAreTrimmedBooleansTakeAnyCaseAndTheLastValueCounts() {
        SuiteOptions o = SuiteOptions.parse("--blocks= 3 ", "--dryRun=TRUE", "--skip=False", "--ignoreLock=true", "--jvms=  ");
        assertEquals(3, o.blocks());
        assertTrue(o.dryRun() && o.ignoreLock() && !o.skip());
        assertNull(o.jvms());
        assertEquals(Profile.FULL, SuiteOptions.parse("--profile=smoke", "--profile=full").profile());
        assertEquals("nettune.dryRun: '1' is not true or false", refusal("--dryRun=1"));
    }

    @Test
    void helpWinsOverBadValues() {
        assertTrue(SuiteOptions.parse("--maxBlocks=20", "--help").help());
        assertTrue(SuiteOptions.parse("--blocks=x", "--help", "--colour=red").help());
        assertTrue(SuiteOptions.parse("-h").help());
        assertFalse(SuiteOptions.parse().help());
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
        assertEquals("nettune.profile: unknown profile 'fast'; valid: smoke, quick, full, scale", e.getMessage());
    }

    @Test
    void unknownOptionsAndBadBooleansAreRefused() {
        assertThrows(UsageException.class, () -> SuiteOptions.parse("--profle=quick"));
        assertThrows(UsageException.class, () -> SuiteOptions.parse("quick"));
        UsageException e = assertThrows(UsageException.class, () -> SuiteOptions.parse("--skip=yes"));
        assertEquals("nettune.skip: 'yes' is not true or false", e.getMessage());
    }

    static String refusal(String... args) {
        return assertThrows(UsageException.class, () -> SuiteOptions.parse(args)).getMessage();
    }

    @Test
    void blocksAreAtLeastOne() {
        assertEquals(1, SuiteOptions.parse("--blocks=1").startBlocks());
        assertEquals(Profile.QUICK.blocks, SuiteOptions.parse().startBlocks());
        assertEquals("nettune.blocks: '0' must be at least 1 (blocks per point)", refusal("--blocks=0"));
        assertEquals("nettune.blocks: 'many' is not a whole number (blocks per point)", refusal("--blocks=many"));
    }

    @Test
    void ciIsAFractionOrPercentageUpToOneHalf() {
        assertEquals(0.03, SuiteOptions.parse("--ci=3%").ci(), 1e-12);
        assertEquals(0.03, SuiteOptions.parse("--ci=0.03").ci(), 1e-12);
        assertEquals(0.5, SuiteOptions.parse("--ci=0.5").ci(), 1e-12);
        for (String bad : List.of("0", "-0.1", "0.6", "60%")) {
            assertTrue(refusal("--ci=" + bad).startsWith("nettune.ci: '" + bad + "' must be in (0, 0.5]"), bad);
        }
        assertEquals("nettune.ci: 'tight' is not a number or a percentage (e.g. 0.05 or 5%)", refusal("--ci=tight"));
        assertTrue(refusal("--ci=NaN").startsWith("nettune.ci: 'NaN' is not a number"));
    }

    @Test
    void maxBlocksOnlyWithCiAndNotBelowTheStartingBlocks() {
        assertEquals(null, SuiteOptions.parse().blockCap());
        assertEquals(SuiteOptions.DEFAULT_MAX_BLOCKS_FACTOR * Profile.QUICK.blocks, SuiteOptions.parse("--ci=3%").blockCap());
        assertEquals(20, SuiteOptions.parse("--ci=3%", "--maxBlocks=20").blockCap());
        assertTrue(refusal("--maxBlocks=20").startsWith("nettune.maxBlocks: '20' caps adaptive stopping, which only -Dnettune.ci turns on"));
        assertEquals("nettune.maxBlocks: '4' is below the 8 blocks every point starts with (profile quick)",
                refusal("--ci=3%", "--maxBlocks=4"));
        assertEquals("nettune.maxBlocks: '4' is below the 6 blocks every point starts with (nettune.blocks)",
                refusal("--ci=3%", "--blocks=6", "--maxBlocks=4"));
    }

    @Test
    void seedIsAnyLong() {
        assertEquals(Long.MAX_VALUE, SuiteOptions.parse("--seed=" + Long.MAX_VALUE).seed());
        assertEquals(-5L, SuiteOptions.parse("--seed=-5").seed());
        assertEquals("nettune.seed: '0x1F' is not a whole number that fits 64 bits", refusal("--seed=0x1F"));
    }

    @Test
    void failOnRegressionIsAChangeBetweenZeroAndOne() {
        assertEquals(0.05, SuiteOptions.parse("--failOnRegression=5%").failOnRegression(), 1e-12);
        assertEquals(0.05, SuiteOptions.parse("--failOnRegression=0.05").failOnRegression(), 1e-12);
        for (String bad : List.of("0", "100%", "1", "-5%", "5")) {
            assertTrue(refusal("--failOnRegression=" + bad).startsWith("nettune.failOnRegression: '" + bad + "' must be a change in (0, 1)"), bad);
        }
        assertTrue(refusal("--failOnRegression=five").startsWith("nettune.failOnRegression: 'five' is not a number"));
    }

    @Test
    void selfCheckNamesOneJdkAndNotTogetherWithJvms() {
        assertEquals("17", SuiteOptions.parse("--selfCheck=17").selfCheck());
        assertTrue(refusal("--selfCheck=17", "--jvms=17,25").startsWith("nettune.selfCheck: '17' names its own JDK; not together with nettune.jvms='17,25'"));
        assertTrue(refusal("--selfCheck=17,25").startsWith("nettune.selfCheck: '17,25' is not one JDK"));
        assertTrue(refusal("--selfCheck=a=17").startsWith("nettune.selfCheck: 'a=17' is not one JDK"));
    }

    @Test
    void resumeAndRunsAreRunIds() {
        assertEquals("2026-11-30T10-00-00Z-quick", SuiteOptions.parse("--resume=2026-11-30T10-00-00Z-quick").resume());
        assertTrue(refusal("--resume=bench-results/x").startsWith("nettune.resume: 'bench-results/x' is not a run id"));
        assertTrue(refusal("--resume=..").startsWith("nettune.resume: '..' is not a run id"));
        assertEquals(List.of("a", "b-2"), SuiteOptions.parse("--runs=a, b-2").runIdList());
        assertEquals("nettune.runs: '../x' is not a run id (a folder name under the results root)", refusal("--runs=a,../x"));
        assertEquals("nettune.runs: ',' names no run", refusal("--runs=,"));
    }

    @Test
    void filterTermsAreParamValuesOrRegularExpressions() {
        assertEquals("RoundTrip connections=16,256", SuiteOptions.parse("--filter=RoundTrip connections=16,256").filter());
        assertTrue(refusal("--filter=connections=").startsWith("nettune.filter: 'connections=' has an empty value"));
        assertTrue(refusal("--filter=connections=16,").startsWith("nettune.filter: 'connections=16,' has an empty value"));
        assertTrue(refusal("--filter=Round(").startsWith("nettune.filter: 'Round(' is neither param=values nor a regular expression"));
    }

    @Test
    void propertiesAreTheOptionsAndATypoIsRefused() {
        SuiteOptions o = SuiteOptions.fromProperties(Map.of("nettune.profile", "smoke", "nettune.blocks", "3",
                "nettune.runnerJvmArg", "-Dx", "nettune.sockopts.file", "/tmp/s", "java.home", "/x"));
        assertEquals(Profile.SMOKE, o.profile());
        assertEquals(3, o.blocks());
        UsageException e = assertThrows(UsageException.class, () -> SuiteOptions.fromProperties(Map.of("nettune.profle", "full")));
        assertTrue(e.getMessage().startsWith("nettune.profle: no such option (did you mean profile?); options: profile, jvms"), e.getMessage());
        UsageException far = assertThrows(UsageException.class, () -> SuiteOptions.fromProperties(Map.of("nettune.wibble", "red")));
        assertTrue(far.getMessage().startsWith("nettune.wibble: no such option; options:"), far.getMessage());
    }

    @Test
    void unknownOptionSuggestsTheClosestName() {
        assertEquals("nettune.profle: no such option (did you mean profile?); options: " + String.join(", ", SuiteOptions.NAMES),
                refusal("--profle=quick"));
        assertTrue(refusal("--dryrun=true").startsWith("nettune.dryrun: no such option (did you mean dryRun?)"));
        assertTrue(refusal("quick").startsWith("unexpected argument 'quick': options are --name=value"));
    }

    @Test
    void countersTakeExtraEveryOrOffAndABadValueIsRefusedNamingTheProperty() {
        assertEquals(null, SuiteOptions.parse().counters(), "not given");
        assertEquals(CountersMode.DEFAULT, SuiteOptions.parse("--counters=").countersMode(), "blank: the default");
        assertEquals(CountersMode.EVERY, SuiteOptions.parse("--counters=every").countersMode());
        assertEquals(CountersMode.OFF, SuiteOptions.parse("--counters=OFF").countersMode());
        assertEquals(CountersMode.EXTRA, SuiteOptions.fromProperties(Map.of("nettune.counters", "extra")).countersMode());
        UsageException e = assertThrows(UsageException.class, () -> SuiteOptions.parse("--counters=on"));
        assertEquals("nettune.counters: 'on' is not one of extra, every, off", e.getMessage());
        assertTrue(SuiteOptions.HELP.contains("counters=extra|every|off"), SuiteOptions.HELP);
    }

    @Test
    void explainTakesFlaggedAllOrNoneDefaultsToFlaggedAndABadValueIsRefusedNamingTheProperty() {
        assertEquals("flagged", SuiteOptions.parse().explainMode(), "not given");
        assertEquals("flagged", SuiteOptions.parse("--explain=").explainMode(), "blank: the default");
        assertEquals("none", SuiteOptions.fromProperties(Map.of("nettune.explain", "none")).explainMode());
        assertEquals("all", SuiteOptions.parse("--explain=all").explainMode());
        UsageException e = assertThrows(UsageException.class, () -> SuiteOptions.parse("--explain=yes"));
        assertEquals("nettune.explain: 'yes' is not one of flagged, all, none", e.getMessage());
        assertTrue(SuiteOptions.HELP.contains("explain=flagged|all|none"), SuiteOptions.HELP);
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
        assertEquals(List.of("profile", "jvms", "selfCheck", "variants", "placements", "counters", "explain", "include", "jmh", "blocks", "ci", "maxBlocks",
                "seed", "resume", "skip", "results", "analysis", "baseline", "runs", "filter", "failOnRegression", "ignoreLock", "dryRun"),
                SuiteOptions.NAMES);
        for (String name : SuiteOptions.NAMES) {
            assertTrue(SuiteOptions.HELP.contains("\n  " + name + "="), name);
        }
        // the label is wider than picocli's first column, so the description starts on the next line
        assertTrue(SuiteOptions.HELP.contains("  profile=smoke|quick|full|scale\n") && SuiteOptions.HELP.contains(
                "default quick. smoke: every class, 1-2 points, " + Profile.SMOKE.blocks + " blocks"), SuiteOptions.HELP);
        assertTrue(SuiteOptions.HELP.contains("built-in " + String.join(", ", Variant.BUILT_IN.keySet())), SuiteOptions.HELP);
        assertTrue(SuiteOptions.HELP.contains("<= 5%.") && SuiteOptions.HELP.contains("(0.03 or 3%;"), "% printed once: " + SuiteOptions.HELP);
        assertFalse(SuiteOptions.HELP.contains("${") || SuiteOptions.HELP.contains("%%"), SuiteOptions.HELP);
        assertTrue(SuiteOptions.HELP.contains("dev.nettune.server.Main") && SuiteOptions.HELP.contains(" name:jdks:spec "),
                "wrapped at spaces only: " + SuiteOptions.HELP);
        assertTrue(SuiteOptions.HELP.contains(" plainsocket;cpu0;par:21+:-XX:+UseParallelGC"), SuiteOptions.HELP);
        assertFalse(SuiteOptions.HELP.chars().anyMatch(c -> c >= '\uE000' && c <= '\uF8FF'), "no stand-in left: " + SuiteOptions.HELP);
    }
}
