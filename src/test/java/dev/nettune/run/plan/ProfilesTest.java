package dev.nettune.run.plan;

import dev.nettune.run.check.Preflight;
import dev.nettune.run.options.Profile;
import dev.nettune.run.options.UsageException;

import dev.nettune.bench.reuse.CloseStyle;
import dev.nettune.client.ClientModel;
import dev.nettune.client.coalescing.Strategy;
import dev.nettune.client.load.Workload;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.Transport;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real profile files against the real benchmark list: what each profile runs, and what -p accepts. */
public class ProfilesTest {
    static final String BENCH = "dev.nettune.bench.";

    public static List<BenchmarkListEntry> entries() {
        return List.copyOf(BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT), List.of()));
    }

    static Plan plan(Profile profile) {
        return Plan.build(entries(), profile, null, Map.of(), List.of(), Plan::profileResource);
    }

    static Map<String, Integer> pointsPerClass(Plan plan) {
        Map<String, Integer> out = new TreeMap<>();
        plan.classes().forEach(c -> out.put(c.simpleName(), c.points().size()));
        return out;
    }

    @Test
    void smokeRunsEveryClassBrieflyWithinItsBudget() {
        Plan smoke = plan(Profile.SMOKE);
        Set<String> all = entries().stream().map(e -> Plan.simple(e.getUserClassQName())).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(all, pointsPerClass(smoke).keySet());
        assertTrue(smoke.classes().stream().allMatch(c -> c.hasProfile() && c.points().size() <= 2), pointsPerClass(smoke).toString());
        double perFork = Profile.SMOKE.warmupIterations * Profile.SMOKE.warmupSeconds
                + Profile.SMOKE.measurementIterations * Profile.SMOKE.measurementSeconds + RunSpec.FORK_OVERHEAD_SECONDS;
        double twoJdks = smoke.pointCount() * Profile.SMOKE.blocks * 2 * perFork;
        assertTrue(twoJdks <= Preflight.SMOKE_BUDGET_SECONDS, "CI runs smoke on 2 JDKs: " + twoJdks + " s");
    }

    @Test
    void quickKeepsTheQuestionsOfEachFamilyWithinItsBudget() {
        Plan quick = plan(Profile.QUICK);
        Map<String, Integer> expected = new TreeMap<>(Map.of("RoundTripBenchmark", 1, "ConnectionScalingBenchmark", 6,
                "SocketBufferStreamBenchmark", 2, "CoalescingBenchmark", 2, "NagleBenchmark", 2, "ConnectionReuseBenchmark", 4));
        assertEquals(expected, pointsPerClass(quick));
        assertEquals(Set.of("OpenLoopLatencyBenchmark", "SingleConnectionLatencyBenchmark", "LargeEchoBenchmark",
                "StreamIoPathBenchmark", "PipelinedCoalescingBenchmark"), quick.omitted().stream().map(Plan::simple).collect(Collectors.toSet()));
        assertTrue(quick.classes().stream().allMatch(Plan.ClassPlan::hasProfile), "no class runs its full grid in quick");
        // each class's forks with its calibrated warm-up (quick.@warmup)
        double perJvm = quick.classes().stream().mapToDouble(c -> c.points().size() * Profile.QUICK.blocks
                * (c.warmupOr(Profile.QUICK.warmupIterations) * Profile.QUICK.warmupSeconds
                + Profile.QUICK.measurementIterations * Profile.QUICK.measurementSeconds + RunSpec.FORK_OVERHEAD_SECONDS)).sum();
        assertTrue(perJvm <= Preflight.QUICK_BUDGET_SECONDS, perJvm + " s per JVM");
        assertTrue(quick.classes().stream().anyMatch(c -> c.warmup() != null), "the calibration's warm-ups are in the profile files");
    }

    private static Set<String> connections(Plan.ClassPlan scaling, String client) {
        return scaling.points().stream().filter(p -> p.params().get("client").equals(client))
                .map(p -> p.params().get("connections")).collect(Collectors.toSet());
    }

    @Test
    void quickCrossoverComparesTheTwoSymmetricPairsOnly() {
        Plan.ClassPlan scaling = plan(Profile.QUICK).classes().stream()
                .filter(c -> c.simpleName().equals("ConnectionScalingBenchmark")).findFirst().orElseThrow();
        Set<String> pairs = scaling.points().stream().map(p -> p.params().get("client") + "x" + p.params().get("server"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("STREAMxBLOCKING", "SELECTORxSELECTOR"), pairs);
        assertEquals(Set.of("1", "16", "256"), connections(scaling, "STREAM"), "both pairs at the counts the crossover needs");
        assertEquals(Set.of("1", "16", "256"), connections(scaling, "SELECTOR"));
        assertTrue(scaling.points().stream().allMatch(p -> p.mode() == Mode.Throughput));
    }

    /**
     * Full is the whole @Param grid; the classes that take a server placement add theirs with the
     * only full key they have ({@code full.placement}, or joined with one other parameter whose
     * combinations it lists), and every one of them keeps the in-process points.
     */
    @Test
    void fullIsTheWholeGridTimesThePlacements() {
        Plan full = plan(Profile.FULL);
        assertEquals(List.of(), full.omitted());
        Set<String> placed = new TreeSet<>();
        for (Plan.ClassPlan c : full.classes()) {
            java.util.Properties props = Plan.profileResource(c.className());
            List<String> keys = props == null ? List.of() : props.stringPropertyNames().stream().filter(k -> k.startsWith("full."))
                    .toList();
            Set<String> restricted = new TreeSet<>();
            long combinations = 1;
            for (String k : keys) {
                List<String> names = List.of(k.substring("full.".length()).split("\\+"));
                assertTrue(names.contains(Plan.PLACEMENT_PARAM), c.simpleName() + ": full restricts " + k);
                restricted.addAll(names);
                combinations *= Plan.split(props.getProperty(k)).size();
            }
            assertEquals(!keys.isEmpty(), c.hasProfile(), c.simpleName());
            if (!keys.isEmpty()) {
                placed.add(c.simpleName());
                assertTrue(c.points().stream().anyMatch(p -> p.params().get(Plan.PLACEMENT_PARAM).equals("inprocess")));
            }
            long grid = 0;
            Map<String, List<BenchmarkListEntry>> byMethod = entries().stream().filter(e -> e.getUserClassQName().equals(c.className()))
                    .collect(Collectors.groupingBy(BenchmarkListEntry::getUsername, LinkedHashMap::new, Collectors.toList()));
            for (List<BenchmarkListEntry> modes : byMethod.values()) {
                grid += modes.size() * modes.get(0).getParams().orElse(Map.of()).entrySet().stream()
                        .filter(e -> !restricted.contains(e.getKey())).mapToLong(e -> e.getValue().length).reduce(1, (a, b) -> a * b)
                        * combinations;
            }
            assertEquals(grid, c.points().size(), c.simpleName());
        }
        assertEquals(Set.of("ConnectionReuseBenchmark", "ConnectionScalingBenchmark", "OpenLoopLatencyBenchmark", "RoundTripBenchmark",
                "SingleConnectionLatencyBenchmark", "SocketBufferStreamBenchmark"), placed);
    }

    /**
     * Scale is the I/O-model question at 1,000 / 4,000 / 10,000 connections: ConnectionScaling alone,
     * every server model but POOLED (thread per connection, event loop, virtual threads) driven at every
     * count, the async client, and thread per connection at both ends where it still runs (1,000), the
     * server in a JVM of its own; and the open loop's latency at half that rate at the ends of the range.
     * The plan's own estimate holds iterations and JVM starts only; the
     * profile file gives the rest of about 20 minutes per JVM to what it measured beyond that (set-up
     * at scale, STREAM+BLOCKING's longer forks), so the plan's part is kept to well under it.
     */
    @Test
    void scaleAsksTheIoModelQuestionAtTenThousandConnectionsWithTheServerApart() {
        Plan scale = plan(Profile.SCALE);
        assertEquals(List.of("ConnectionScalingBenchmark", "OpenLoopLatencyBenchmark"),
                scale.classes().stream().map(Plan.ClassPlan::simpleName).toList());
        assertEquals(plan(Profile.QUICK).classes().size() + plan(Profile.QUICK).omitted().size() - 2, scale.omitted().size(),
                "every other class says scale.@points=none");
        Plan.ClassPlan open = scale.classes().get(1);
        for (Plan.Point p : open.points()) {
            assertEquals("process", p.params().get(Plan.PLACEMENT_PARAM), p.toString());
        }
        assertEquals(Set.of("1000", "10000"), open.points().stream().map(p -> p.params().get("connections")).collect(java.util.stream.Collectors.toSet()),
                "the open loop at the scale's ends");
        Plan.ClassPlan c = scale.classes().get(0);
        Set<String> servers = new TreeSet<>();
        Set<String> clients = new TreeSet<>();
        Set<String> connections = new TreeSet<>();
        for (Plan.Point p : c.points()) {
            assertEquals("process", p.params().get(Plan.PLACEMENT_PARAM), p.toString());
            servers.add(p.params().get("server"));
            clients.add(p.params().get("client"));
            connections.add(p.params().get("connections"));
        }
        assertEquals(Set.of("BLOCKING", "SELECTOR", "VIRTUAL"), servers);
        assertEquals(Set.of("ASYNC", "SELECTOR", "STREAM", "VIRTUAL"), clients);
        assertEquals(Set.of("1000", "4000", "10000"), connections);
        double perJvm = c.points().size() * Profile.SCALE.blocks * (c.warmupOr(Profile.SCALE.warmupIterations) * Profile.SCALE.warmupSeconds
                + Profile.SCALE.measurementIterations * Profile.SCALE.measurementSeconds + RunSpec.FORK_OVERHEAD_SECONDS);
        assertTrue(perJvm >= 8 * 60 && perJvm <= 13 * 60, perJvm + " s per JVM by the plan's estimate");
        for (String server : servers) {
            assertEquals(Set.of("1000", "4000", "10000"), c.points().stream().filter(p -> server.equals(p.params().get("server")))
                    .map(p -> p.params().get("connections")).collect(java.util.stream.Collectors.toSet()), server + " at every count");
        }
    }

    @Test
    void quickAndSmokeRunTheServerInProcessOnly() {
        // quick is unchanged by the scale profile: its points are the in-process ones they were
        for (Profile p : List.of(Profile.QUICK, Profile.SMOKE)) {
            for (Plan.ClassPlan c : plan(p).classes()) {
                for (Plan.Point pt : c.points()) {
                    assertEquals("inprocess", pt.params().getOrDefault(Plan.PLACEMENT_PARAM, "inprocess"), pt.toString());
                }
            }
        }
    }

    /**
     * Every String @Param of the suite names constants, so a -p value is checked against the
     * declared list ({@link ParamRule.Kind#CLOSED}); the declared list is each enum's constants,
     * except where the class documents (and refuses) a constant it does not drive.
     */
    @Test
    void everyStringParamIsAClosedSetMatchingItsEnum() {
        Map<String, List<String>> declared = new TreeMap<>();
        for (BenchmarkListEntry e : entries()) {
            e.getParams().orElse(Map.of()).forEach((k, v) -> {
                declared.put(Plan.simple(e.getUserClassQName()) + "." + k, List.of(v));
                ParamRule r = ParamRule.of(e.getUserClassQName(), k, List.of(v), getClass().getClassLoader());
                if (k.equals(Plan.PLACEMENT_PARAM)) {
                    assertEquals(ParamRule.Kind.PLACEMENT, r.kind(), r.toString());
                    assertEquals(List.of("inprocess"), List.of(v), "a placement's default is in process");
                    declared.remove(Plan.simple(e.getUserClassQName()) + "." + k);
                    return;
                }
                assertTrue(r.kind() == ParamRule.Kind.CLOSED || r.kind() == ParamRule.Kind.INTEGER, r.toString());
                if (r.type().equals("String")) {
                    assertEquals(ParamRule.Kind.CLOSED, r.kind(), r.toString());
                }
            });
        }
        Map<String, List<String>> enums = new TreeMap<>();
        for (String c : List.of("ConnectionScalingBenchmark", "SingleConnectionLatencyBenchmark", "OpenLoopLatencyBenchmark")) {
            enums.put(c + ".server", names(ServerModel.values()));
        }
        for (String c : List.of("ConnectionScalingBenchmark", "SingleConnectionLatencyBenchmark", "OpenLoopLatencyBenchmark")) {
            enums.put(c + ".client", names(ClientModel.values())); // enum @Params: models a class cannot drive are skipped with the reason
        }
        enums.put("ConnectionScalingBenchmark.transport", names(Transport.values()));
        enums.put("SingleConnectionLatencyBenchmark.transport", names(Transport.values()));
        for (String c : List.of("CoalescingBenchmark", "NagleBenchmark", "PipelinedCoalescingBenchmark")) {
            enums.put(c + ".strategy", names(Strategy.values()));
        }
        enums.put("NagleBenchmark.tcpNoDelay", List.of("true", "false"));
        enums.put("ConnectionReuseBenchmark.workload", names(Workload.values()));
        enums.put("ConnectionReuseBenchmark.close", names(CloseStyle.values()));
        // documented subsets: client models with a blocking connection per client thread; a thread
        // started per connection, a pooled one, and one event loop
        enums.put("ConnectionReuseBenchmark.io", List.of("STREAM", "CHANNEL"));
        enums.put("ConnectionReuseBenchmark.server", List.of("BLOCKING", "POOLED", "SELECTOR"));
        enums.put("SocketBufferStreamBenchmark.path", names(dev.nettune.client.bulk.IoPath.values()));
        enums.put("StreamIoPathBenchmark.path", names(dev.nettune.client.bulk.IoPath.values()));
        Map<String, List<String>> strings = new TreeMap<>();
        declared.forEach((k, v) -> {
            if (!v.stream().allMatch(x -> x.matches("-?\\d+"))) {
                strings.put(k, v);
            }
        });
        assertEquals(enums, strings);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void badParamValuesOfRealBenchmarksAreRefusedWithTheirRule() {
        UsageException number = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, "RoundTrip",
                Map.of("payload", List.of("64", "notanumber")), List.of(), Plan::profileResource));
        assertEquals("nettune.jmh: -p payload=64,notanumber: RoundTripBenchmark.payload is an int; 'notanumber' is not a whole number"
                + " of that type", number.getMessage());
        UsageException closed = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, "Reuse",
                Map.of("server", List.of("VIRTUAL")), List.of(), Plan::profileResource));
        assertEquals("nettune.jmh: -p server=VIRTUAL: ConnectionReuseBenchmark.server accepts BLOCKING, POOLED, SELECTOR; not 'VIRTUAL'",
                closed.getMessage());
        UsageException bool = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, "Nagle",
                Map.of("tcpNoDelay", List.of("off")), List.of(), Plan::profileResource));
        assertTrue(bool.getMessage().endsWith("NagleBenchmark.tcpNoDelay accepts true, false; not 'off'"), bool.getMessage());
        UsageException name = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, "RoundTrip",
                Map.of("connections", List.of("16")), List.of(), Plan::profileResource));
        assertEquals("nettune.jmh: -p connections: no selected benchmark has a @Param 'connections'; theirs: payload, placement",
                name.getMessage());
        UsageException placement = assertThrows(UsageException.class, () -> Plan.build(entries(), Profile.QUICK, "RoundTrip",
                Map.of("placement", List.of("inprocess", "netsn")), List.of(), Plan::profileResource));
        assertEquals("nettune.jmh: -p placement=inprocess,netsn: RoundTripBenchmark.placement: unknown placement 'netsn'; valid: "
                + dev.nettune.placement.Placement.FORMS, placement.getMessage());
        Plan ok = Plan.build(entries(), Profile.QUICK, "RoundTrip", Map.of("payload", List.of("0", "4096")), List.of(), Plan::profileResource);
        assertEquals(2, ok.pointCount(), "any whole number >= 0 for a size, not only the declared ones");
    }
}
