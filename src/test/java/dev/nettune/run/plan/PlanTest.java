package dev.nettune.run.plan;

import dev.nettune.run.options.Profile;
import dev.nettune.run.options.UsageException;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Optional;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class PlanTest {
    static final String MODEL = "dev.nettune.bench.model.ModelBenchmark";
    static final String OTHER = "dev.nettune.bench.reuse.ReuseBenchmark";

    /** The benchmark list as JMH's generator writes it: one entry per method and annotated mode. */
    public static List<BenchmarkListEntry> entries() {
        Map<String, String[]> modelParams = Map.of("model", new String[]{"STREAM", "CHANNEL", "SELECTOR"},
                "payload", new String[]{"64", "1024"});
        return List.of(
                entry(MODEL, "roundTrip", Mode.Throughput, modelParams),
                entry(MODEL, "roundTrip", Mode.SampleTime, modelParams),
                entry(MODEL, "connectOnly", Mode.Throughput, Map.of("payload", new String[]{"64"})),
                entry(OTHER, "reuse", Mode.AverageTime, null));
    }

    static BenchmarkListEntry entry(String cls, String method, Mode mode, Map<String, String[]> params) {
        return new BenchmarkListEntry(cls, cls.replace("bench.", "bench.jmh_generated.") + "_" + method, method, mode,
                Optional.none(), new int[]{1}, Optional.none(), Optional.none(), Optional.<TimeValue>none(), Optional.none(),
                Optional.none(), Optional.<TimeValue>none(), Optional.none(), Optional.none(), Optional.none(), Optional.none(),
                Optional.none(), Optional.none(), Optional.none(), params == null ? Optional.none() : Optional.of(params),
                Optional.<TimeUnit>none(), Optional.none(), Optional.<TimeValue>none());
    }

    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    /** The plan with {@code modelProfile} as MODEL's profile file (null: a file without keys), an empty file for OTHER. */
    static Plan build(Profile profile, String include, Properties modelProfile) {
        Properties model = modelProfile != null ? modelProfile : new Properties();
        return Plan.build(entries(), profile, include, Map.of(), List.of(), c -> c.equals(MODEL) ? model : new Properties());
    }

    @Test
    void aClassWithoutAProfileFileIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, null, Map.of(), List.of(),
                c -> c.equals(MODEL) ? new Properties() : null));
        assertTrue(e.getMessage().contains("benchmark class " + OTHER + " has no profile file"), e.getMessage());
        assertTrue(e.getMessage().contains("src/main/resources/nettune/profiles/" + Plan.simple(OTHER) + ".properties"), e.getMessage());
        // a class the include leaves out is not planned, so it is not asked for one
        assertEquals(1, Plan.build(entries(), Profile.QUICK, "roundTrip", Map.of(), List.of(),
                c -> c.equals(MODEL) ? new Properties() : null).classes().size());
    }

    @Test
    void withoutProfileKeysEveryAnnotatedPointRuns() {
        Plan plan = build(Profile.QUICK, null, null);
        Plan.ClassPlan model = plan.classes().get(0);
        assertEquals("ModelBenchmark", model.simpleName());
        // roundTrip: 3 models x 2 payloads x 2 modes; connectOnly: 1 payload x 1 mode
        assertEquals(13, model.points().size());
        assertFalse(model.hasProfile());
        assertEquals(14, plan.pointCount());
        assertEquals(List.of(), plan.omitted());
    }

    @Test
    void profileKeysRestrictParamsAndModes() {
        Properties p = props("quick.model", "STREAM,SELECTOR", "quick.@mode", "thrpt", "smoke.model", "STREAM",
                "smoke.payload", "64");
        Plan.ClassPlan quick = build(Profile.QUICK, null, p).classes().get(0);
        // roundTrip: 2 models x 2 payloads x thrpt; connectOnly: 1 x thrpt
        assertEquals(5, quick.points().size());
        assertEquals(List.of(Mode.Throughput), quick.modes());
        assertEquals(Map.of("model", List.of("STREAM", "SELECTOR")), quick.params());
        Plan.ClassPlan smoke = build(Profile.SMOKE, null, p).classes().get(0);
        // roundTrip: 1 x 1 x 2 modes; connectOnly: 1
        assertEquals(3, smoke.points().size());
        assertTrue(smoke.points().contains(new Plan.Point(MODEL + ".roundTrip", Mode.SampleTime,
                Map.of("model", "STREAM", "payload", "64"))));
    }

    @Test
    void warmupKeySetsTheClassWarmupPerProfile() {
        Properties p = props("quick.model", "STREAM", "quick.@warmup", "4", "smoke.@warmup", "0",
                "quick.@unsteady", "slow-down:model=STREAM;payload=64");
        Plan.ClassPlan quick = build(Profile.QUICK, null, p).classes().get(0);
        assertEquals(4, quick.warmup());
        assertEquals(4, quick.warmupOr(1));
        assertEquals(List.of("slow-down:model=STREAM;payload=64"), quick.unsteady());
        Plan.ClassPlan smoke = build(Profile.SMOKE, null, p).classes().get(0);
        assertEquals(0, smoke.warmupOr(1));
        assertEquals(List.of(), smoke.unsteady());
        Plan.ClassPlan full = build(Profile.FULL, null, p).classes().get(0);
        assertEquals(null, full.warmup());
        assertEquals(3, full.warmupOr(3));
        // every point of the class carries it into the run
        assertTrue(RunSpec.pointsOf(build(Profile.QUICK, null, p)).stream()
                .filter(ps -> ps.className().equals(MODEL)).allMatch(ps -> Integer.valueOf(4).equals(ps.warmup())));
    }

    @Test
    void aBadWarmupOrUnsteadyValueNamesFileKeyAndValue() {
        for (String bad : List.of("-1", "two", "1.5")) {
            UsageException e = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quick.@warmup", bad)));
            assertEquals("nettune/profiles/ModelBenchmark.properties: quick.@warmup=" + bad
                    + ": warm-up iterations must be a non-negative integer", e.getMessage());
        }
        // another profile's bad value is refused too: a typo must not wait for the day that profile runs
        assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("full.@warmup", "x")));
        UsageException u = assertThrows(UsageException.class, () -> build(Profile.QUICK, null,
                props("quick.@unsteady", "wobbly:model=STREAM")));
        assertTrue(u.getMessage().startsWith("nettune/profiles/ModelBenchmark.properties: quick.@unsteady: 'wobbly:model=STREAM'"), u.getMessage());
        UsageException n = assertThrows(UsageException.class, () -> build(Profile.QUICK, null,
                props("quick.@unsteady", "slow-down:size=1")));
        assertTrue(n.getMessage().contains("'size=1'") && n.getMessage().contains("params: model, payload"), n.getMessage());
    }

    @Test
    void cpusKeyPinsTheMatchingPointsOnlyAndTheFirstEntryWins() {
        Properties p = props("quick.model", "STREAM,SELECTOR", "quick.@mode", "thrpt",
                "quick.@cpus", "0:model=STREAM;payload=64,1:model=STREAM", "full.@cpus", "0-1");
        Plan plan = build(Profile.QUICK, null, p);
        Plan.ClassPlan quick = plan.classes().get(0);
        assertEquals(List.of("0:model=STREAM;payload=64", "1:model=STREAM"), quick.cpus());
        Map<String, String> pinned = new java.util.TreeMap<>();
        for (RunSpec.PointSpec ps : RunSpec.pointsOf(plan)) {
            if (ps.className().equals(MODEL)) {
                pinned.put(ps.point().benchmark().replace(MODEL + ".", "") + " " + new java.util.TreeMap<>(ps.point().params()),
                        String.valueOf(ps.cpus()));
            }
        }
        assertEquals(Map.of(
                "connectOnly {payload=64}", "null", // has no model: the selector does not match
                "roundTrip {model=SELECTOR, payload=1024}", "null",
                "roundTrip {model=SELECTOR, payload=64}", "null",
                "roundTrip {model=STREAM, payload=1024}", "1",
                "roundTrip {model=STREAM, payload=64}", "0"), pinned);
        // an entry without a selector pins every point; another profile's entries do not apply
        Plan.ClassPlan full = build(Profile.FULL, null, p).classes().get(0);
        assertTrue(full.points().stream().allMatch(pt -> "0-1".equals(full.cpusOf(pt))));
        Plan.ClassPlan smoke = build(Profile.SMOKE, null, p).classes().get(0);
        assertTrue(smoke.points().stream().allMatch(pt -> smoke.cpusOf(pt) == null));
    }

    @Test
    void aBadCpusEntryNamesFileKeyAndValue() {
        for (String bad : List.of("x", "cpu0", "0-", "0:size=1")) {
            UsageException e = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quick.@cpus", bad)),
                    bad);
            assertTrue(e.getMessage().startsWith("nettune/profiles/ModelBenchmark.properties: quick.@cpus: '"), e.getMessage());
        }
        UsageException n = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quick.@cpus", "0:size=1")));
        assertTrue(n.getMessage().contains("'size=1'") && n.getMessage().contains("params: model, payload"), n.getMessage());
        UsageException c = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quick.@cpus", "cpu0")));
        assertTrue(c.getMessage().contains("does not start with a CPU or a range of CPUs"), c.getMessage());
    }

    @Test
    void includeSelectsMethodsAcrossClasses() {
        Plan plan = build(Profile.QUICK, "connectOnly|Reuse", null);
        assertEquals(List.of(List.of(MODEL + ".connectOnly"), List.of(OTHER + ".reuse")),
                plan.classes().stream().map(Plan.ClassPlan::methods).toList());
        assertEquals(2, plan.pointCount());
    }

    @Test
    void includeMatchingNothingListsTheClassesOnOneLine() {
        UsageException e = assertThrows(UsageException.class, () -> build(Profile.QUICK, "Nagle", null));
        assertEquals("nettune.include: 'Nagle' matches no benchmark (Class.method, found anywhere); classes: ModelBenchmark, ReuseBenchmark",
                e.getMessage());
    }

    @Test
    void joinedKeysListCombinationsInsteadOfTheCrossProduct() {
        Properties p = props("quick.model+payload", "STREAM+64,SELECTOR+1024", "quick.@mode", "thrpt");
        Plan.ClassPlan quick = build(Profile.QUICK, "roundTrip", p).classes().get(0);
        assertEquals(List.of(new Plan.Point(MODEL + ".roundTrip", Mode.Throughput, Map.of("model", "STREAM", "payload", "64")),
                new Plan.Point(MODEL + ".roundTrip", Mode.Throughput, Map.of("model", "SELECTOR", "payload", "1024"))), quick.points());
        // connectOnly has only payload: the joined key's payload values, each once
        Plan.ClassPlan both = build(Profile.QUICK, null, p).classes().get(0);
        assertEquals(Set.of("64", "1024"), both.points().stream().filter(x -> x.benchmark().endsWith("connectOnly"))
                .map(x -> x.params().get("payload")).collect(Collectors.toSet()));
        assertEquals(4, both.points().size());
    }

    @Test
    void commandLineParamReplacesItsPartOfAJoinedKey() {
        Properties p = props("quick.model+payload", "STREAM+64,SELECTOR+1024,SELECTOR+64");
        Plan plan = Plan.build(entries(), Profile.QUICK, "roundTrip", Map.of("model", List.of("CHANNEL")), List.of(Mode.Throughput),
                c -> c.equals(MODEL) ? p : new Properties());
        assertEquals(Set.of(Map.of("model", "CHANNEL", "payload", "64"), Map.of("model", "CHANNEL", "payload", "1024")),
                plan.classes().get(0).points().stream().map(Plan.Point::params).collect(Collectors.toSet()));
    }

    @Test
    void joinedKeysAreChecked() {
        UsageException arity = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quick.model+payload", "STREAM")));
        assertTrue(arity.getMessage().contains("'STREAM' is not 2 value(s) joined by '+'"), arity.getMessage());
        UsageException twice = assertThrows(UsageException.class, () -> build(Profile.QUICK, null,
                props("quick.model+payload", "STREAM+64", "quick.payload", "1024")));
        assertTrue(twice.getMessage().contains("parameter 'payload' already has values in another quick key"), twice.getMessage());
    }

    @Test
    void profileValuesAreCheckedLikeCommandLineValues() {
        UsageException closed = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("full.model", "STREAM,STREEM")));
        assertEquals("nettune/profiles/ModelBenchmark.properties: full.model: ModelBenchmark.model accepts STREAM, CHANNEL, SELECTOR; not 'STREEM'",
                closed.getMessage());
        UsageException number = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("smoke.payload", "64k")));
        assertTrue(number.getMessage().contains("'64k' is not a whole number"), number.getMessage());
    }

    @Test
    void pointsNoneLeavesTheClassOutVisibly() {
        Plan plan = build(Profile.QUICK, null, props("quick.@points", "none", "smoke.payload", "64"));
        assertEquals(List.of(MODEL), plan.omitted());
        assertEquals(List.of(OTHER), plan.classes().stream().map(Plan.ClassPlan::className).toList());
        assertEquals(7, build(Profile.SMOKE, null, props("quick.@points", "none", "smoke.payload", "64")).classes().get(0).points().size());
        UsageException only = assertThrows(UsageException.class, () -> build(Profile.QUICK, "Model", props("quick.@points", "none")));
        assertEquals("nettune.include: 'Model' selects only classes the quick profile leaves out (ModelBenchmark); choose another"
                + " -Dnettune.profile or include", only.getMessage());
    }

    @Test
    void pointsNoneIsExclusive() {
        assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quick.@points", "all")));
        UsageException both = assertThrows(UsageException.class, () -> build(Profile.SMOKE, null,
                props("quick.@points", "none", "quick.payload", "64")));
        assertTrue(both.getMessage().contains("quick.@points=none leaves the class out of quick, yet other quick keys give it points"),
                both.getMessage());
    }

    @Test
    void commandLineParamNamesMustBeParamsOfASelectedBenchmark() {
        UsageException e = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, "Reuse",
                Map.of("payload", List.of("64")), List.of(), c -> new Properties()));
        assertEquals("nettune.jmh: -p payload: no selected benchmark has a @Param 'payload' (they have none)", e.getMessage());
        UsageException typo = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, null,
                Map.of("paylod", List.of("64")), List.of(), c -> new Properties()));
        assertEquals("nettune.jmh: -p paylod: no selected benchmark has a @Param 'paylod'; theirs: model, payload", typo.getMessage());
    }

    @Test
    void commandLineParamValuesMustBeAccepted() {
        UsageException e = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, null,
                Map.of("model", List.of("STREAM", "VIRTUAL")), List.of(), c -> new Properties()));
        assertEquals("nettune.jmh: -p model=STREAM,VIRTUAL: ModelBenchmark.model accepts STREAM, CHANNEL, SELECTOR; not 'VIRTUAL'",
                e.getMessage());
        assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, null,
                Map.of("payload", List.of("-1")), List.of(), c -> new Properties()));
    }

    @Test
    void includeThatIsNoRegexIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> build(Profile.QUICK, "Model(", null));
        assertTrue(e.getMessage().contains("is not a regular expression"), e.getMessage());
    }

    @Test
    void profileKeyNamingNoParamIsRefused() {
        UsageException e = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("full.modle", "STREAM")));
        assertEquals("nettune/profiles/ModelBenchmark.properties: key 'full.modle' names no @Param of " + MODEL
                + "; its params: model, payload", e.getMessage().replace("payload, model", "model, payload"));
    }

    @Test
    void profileKeyWithUnknownProfileOrModeIsRefused() {
        assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quik.model", "STREAM")));
        UsageException e = assertThrows(UsageException.class, () -> build(Profile.QUICK, null, props("quick.@mode", "fast")));
        assertTrue(e.getMessage().contains("unknown mode 'fast'"), e.getMessage());
    }

    @Test
    void commandLineParamsAndModesOverrideTheProfile() {
        Plan plan = Plan.build(entries(), Profile.QUICK, "roundTrip", Map.of("payload", List.of("4096")), List.of(Mode.AverageTime),
                c -> props("quick.payload", "64,1024"));
        Collection<Plan.Point> points = plan.classes().get(0).points();
        assertEquals(3, points.size());
        assertEquals(Set.of("4096"), points.stream().map(p -> p.params().get("payload")).collect(Collectors.toSet()));
        assertEquals(Set.of(Mode.AverageTime), points.stream().map(Plan.Point::mode).collect(Collectors.toSet()));
    }

    @Test
    void aProfileFileWithoutKeysForTheProfileMeansTheFullGrid() {
        Plan.ClassPlan c = build(Profile.QUICK, null, props("smoke.payload", "64")).classes().get(0);
        assertFalse(c.hasProfile(), "no quick key: full grid, which the plan printout warns about");
        assertEquals(13, c.points().size());
    }

    @Test
    void theRealProfileFileOfRoundTripBenchmarkIsReadFromTheClassPath() {
        Properties p = Plan.profileResource("dev.nettune.bench.RoundTripBenchmark");
        assertEquals("64", p.getProperty("smoke.payload"));
        assertEquals(null, Plan.profileResource("dev.nettune.bench.NoSuchBenchmark"));
    }
}
