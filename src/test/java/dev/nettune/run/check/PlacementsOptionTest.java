package dev.nettune.run.check;

import dev.nettune.run.plan.Plan;
import dev.nettune.run.options.Profile;
import dev.nettune.run.plan.ProfilesTest;
import dev.nettune.run.options.SuiteOptions;
import dev.nettune.run.options.UsageException;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * -Dnettune.placements: checked as placements, the values of the placement parameter of the
 * benchmarks that take one (the others keep their points), refused when no selected benchmark
 * takes one or when -p placement gives them too.
 */
class PlacementsOptionTest {

    static Plan plan(String... args) {
        SuiteOptions o = SuiteOptions.parse(args);
        return Preflight.plan(o, Preflight.jmhOptions(o), ProfilesTest.entries());
    }

    @Test
    void placementsMultiplyThePointsOfTheBenchmarksThatTakeOne() {
        Plan quick = plan("--profile=quick");
        Plan placed = plan("--profile=quick", "--placements=inprocess,process,netns,netns:rate=1GBIT");
        for (Plan.ClassPlan c : placed.classes()) {
            int before = quick.classes().stream().filter(q -> q.className().equals(c.className())).findFirst().orElseThrow().points().size();
            boolean takes = Preflight.placementClasses(ProfilesTest.entries()).contains(c.simpleName());
            assertEquals(takes ? 4 * before : before, c.points().size(), c.simpleName());
            if (takes) {
                Set<String> seen = c.points().stream().map(p -> p.params().get("placement")).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(new TreeSet<>(List.of("inprocess", "process", "netns", "netns:rate=1gbit")), seen,
                        "each in the form it parses to");
            }
        }
        assertEquals(List.of("ConnectionReuseBenchmark", "ConnectionScalingBenchmark", "OpenLoopLatencyBenchmark", "RoundTripBenchmark",
                "SingleConnectionLatencyBenchmark", "SocketBufferStreamBenchmark"), Preflight.placementClasses(ProfilesTest.entries()));
    }

    @Test
    void badPlacementsAreRefusedWithOneLine() {
        assertEquals("nettune.placements: unknown placement 'netsn'; valid: " + dev.nettune.placement.Placement.FORMS,
                assertThrows(UsageException.class, () -> SuiteOptions.parse("--placements=inprocess,netsn")).getMessage());
        assertEquals("nettune.placements: 'netns' is listed twice",
                assertThrows(UsageException.class, () -> SuiteOptions.parse("--placements=netns,netns")).getMessage());
        assertTrue(assertThrows(UsageException.class, () -> SuiteOptions.parse("--placements=netns,,process")).getMessage()
                .startsWith("nettune.placements: 'netns,,process' has an empty entry"));
        assertEquals("nettune.placements: placements are given twice, also as -p placement in nettune.jmh; give them once",
                assertThrows(UsageException.class, () -> plan("--placements=netns", "--jmh=-p placement=process")).getMessage());
        assertEquals("nettune.placements: no selected benchmark takes a placement (include 'Nagle'); those that do: "
                        + "ConnectionReuseBenchmark, ConnectionScalingBenchmark, OpenLoopLatencyBenchmark, RoundTripBenchmark, SingleConnectionLatencyBenchmark,"
                        + " SocketBufferStreamBenchmark",
                assertThrows(UsageException.class, () -> plan("--placements=netns", "--include=Nagle")).getMessage());
    }

    @Test
    void aRemotePlacementComesOnlyFromTheUser() {
        Plan remote = plan("--profile=quick", "--include=RoundTrip", "--placements=remote=192.0.2.7:7000");
        assertEquals(List.of(Map.of("payload", "64", "placement", "remote=192.0.2.7:7000")),
                remote.classes().get(0).points().stream().map(Plan.Point::params).toList());
        for (Profile p : Profile.values()) {
            for (Plan.ClassPlan c : plan("--profile=" + p.id()).classes()) {
                assertTrue(c.points().stream().noneMatch(pt -> pt.params().getOrDefault("placement", "").startsWith("remote")),
                        p.id() + " " + c.simpleName());
            }
        }
    }
}
