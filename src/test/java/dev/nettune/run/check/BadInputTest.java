package dev.nettune.run.check;

import dev.nettune.run.plan.ParamLimit;
import dev.nettune.run.plan.Plan;
import dev.nettune.run.plan.ProfilesTest;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.UsageException;

import dev.nettune.server.ServerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Extra JMH options that every fork would fail on are refused before any work, naming what was given:
 * JMH's own refusals with the whole argument, profilers JMH does not have or cannot start here, and
 * parameter values the benchmarks cannot run (the real benchmark list and the real limits).
 */
class BadInputTest {
    static String refusal(String jmh) {
        return assertThrows(UsageException.class, () -> Preflight.jmhOptions(SuiteOptions.parse("--jmh=" + jmh))).getMessage();
    }

    static String planRefusal(String include, String jmh) {
        return planRefusal(include, jmh, "quick");
    }

    static String planRefusal(String include, String jmh, String profile) {
        SuiteOptions o = SuiteOptions.parse("--include=" + include, "--jmh=" + jmh, "--profile=" + profile);
        return assertThrows(UsageException.class, () -> Preflight.plan(o, Preflight.jmhOptions(o), ProfilesTest.entries())).getMessage();
    }

    @Test
    void jmhRefusalsQuoteTheWholeArgument() {
        assertEquals("nettune.jmh: JMH refuses '-bogus': b is not a recognized option (one dash takes one-letter options: JMH read"
                + " '-bogus' as -b -o -g -u -s; JMH's options: java -jar target/benchmarks.jar -h)", refusal("-bogus"));
        assertEquals("nettune.jmh: JMH refuses '-i x': Cannot parse argument 'x' of option i", refusal("-wi 1 -i x"));
        assertEquals("nettune.jmh: JMH refuses '-p': Option p requires an argument", refusal("-i 1 -p"));
        assertEquals("nettune.jmh: JMH refuses '--nosuch': nosuch is not a recognized option", refusal("-i 1 --nosuch"));
    }

    @Test
    void profilersMustBeJmhsAndRunnableHere() {
        String none = refusal("-prof nosuchprof");
        assertTrue(none.startsWith("nettune.jmh: -prof nosuchprof: JMH has no profiler 'nosuchprof'; its profilers: "), none);
        assertTrue(none.contains(" gc,") && none.contains(" stack") && none.endsWith("(java -jar target/benchmarks.jar -lprof)"), none);
        String options = refusal("-prof gc:bogus=1");
        assertTrue(options.startsWith("nettune.jmh: -prof gc:bogus=1: JMH's gc profiler cannot run here: "), options);
        assertTrue(options.endsWith("(its options: -prof gc:help)") && !options.contains("\n"), options);
        assertEquals(1, Preflight.jmhOptions(SuiteOptions.parse("--jmh=-prof gc")).getProfilers().size());
        assertTrue(Preflight.profilerNames().containsAll(List.of("gc", "stack", "perfnorm", "async")), Preflight.profilerNames().toString());
    }

    @Test
    void payloadsAboveTheFrameCapAreRefused() {
        assertEquals((long) ServerConfig.DEFAULT_MAX_FRAME_BYTES, ParamLimit.constant(ParamLimit.FRAME_CAP, getClass().getClassLoader()));
        assertEquals("nettune.jmh: -p payload=2000000000: RoundTripBenchmark.payload=2000000000 is above the servers' frame cap of "
                + ServerConfig.DEFAULT_MAX_FRAME_BYTES + " bytes (" + ParamLimit.FRAME_CAP + "): every fork would fail",
                planRefusal("RoundTripBenchmark", "-p payload=2000000000"));
        String cap = String.valueOf(ServerConfig.DEFAULT_MAX_FRAME_BYTES);
        Plan atCap = Preflight.plan(SuiteOptions.parse("--include=RoundTripBenchmark", "--jmh=-p payload=" + cap),
                Preflight.jmhOptions(SuiteOptions.parse("--jmh=-p payload=" + cap)), ProfilesTest.entries());
        assertTrue(atCap.pointCount() > 0);
        assertTrue(planRefusal("LargeEchoBenchmark", "-p messageBytes=64,33554432", "full").contains("LargeEchoBenchmark.messageBytes=33554432 is above"));
    }

    @Test
    void connectionsBeyondTheDescriptorLimitAreRefused() {
        long limit = ParamLimit.openFileLimit();
        assertTrue(limit > 0, "this JVM's open-file limit");
        long margin = ParamLimit.constant(ParamLimit.FD_MARGIN, getClass().getClassLoader());
        long tooMany = limit / 2;
        assertEquals("nettune.jmh: -p connections=" + tooMany + ": ConnectionScalingBenchmark.connections=" + tooMany + " needs ~"
                + (2 * tooMany + margin) + " file descriptors (2 per connection + " + margin + "), above this machine's open-file limit of "
                + limit + " (ulimit -n; raise it or give fewer connections)", planRefusal("ConnectionScaling", "-p connections=" + tooMany));
        assertNull(ParamLimit.refusal("X", "connections", "16", null, margin, limit), "16 connections fit");
        assertNull(ParamLimit.refusal("X", "connections", "100000", null, null, limit), "limit unknown: not refused");
    }

    @Test
    void limitsAreOnlyCheckedWhereTheyAreKnown() {
        assertEquals("X.payload=65 is above the servers' frame cap of 64 bytes (" + ParamLimit.FRAME_CAP + "): every fork would fail",
                ParamLimit.refusal("X", "payload", "65", 64L, 0L, 1000));
        assertNull(ParamLimit.refusal("X", "payload", "64", 64L, 0L, 1000));
        assertNull(ParamLimit.refusal("X", "payload", "65", null, 0L, 1000), "no cap known (class not on the class path)");
        assertNull(ParamLimit.refusal("X", "parts", "1000000000", 64L, 0L, 1000), "not a frame payload");
        assertNull(ParamLimit.constant("no.such.Class.FIELD", getClass().getClassLoader()));
    }
}
