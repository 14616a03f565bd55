package dev.nettune.bench;

import dev.nettune.placement.PlacedServer;
import dev.nettune.placement.Placement;
import dev.nettune.placement.PlacementUnavailableException;
import dev.nettune.results.JsonLines;
import dev.nettune.results.PlacementLine;
import dev.nettune.results.ResultFiles;
import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * ServerPlacement starts a benchmark's server where the point's {@code placement} parameter says
 * ({@link Placement}): in the benchmark's JVM as before, or in a server JVM of its own, in a
 * network namespace, on another host. A placement that cannot be had here skips the point with the
 * reason ({@link SkipPoint}); one that runs is recorded in {@value ResultFiles#PLACEMENTS} beside the
 * sockopts file (server pid, JVM and command, namespace, link, qdiscs) and printed.
 *
 * <p>Which placements a benchmark takes: it declares {@code @Param({"inprocess"}) String placement}
 * (so a plain run and every profile without a placement key stay in process), and the suite adds
 * others with {@code -Dnettune.placements} or a profile's {@code placement} key.
 */
public final class ServerPlacement {
    /**
     * The system property that names the server JVM's pid to the fork's /proc counters
     * ({@code dev.nettune.counters.ProcCountersProfiler.SERVER_PID_PROPERTY}, which bench may not import;
     * a test holds the two equal), so that they count the server apart from the client.
     */
    static final String SERVER_PID_PROPERTY = "nettune.counters.serverPid";

    private ServerPlacement() {
    }

    /**
     * The point's server: {@code model} with {@code config} where {@code placement} (the parameter's
     * text) says. Call from a trial @Setup; close it in the trial @TearDown as any server.
     *
     * @throws IllegalArgumentException for a placement that does not parse, naming the valid forms
     * @throws UnsupportedOperationException from {@link SkipPoint} when the placement cannot be had here
     */
    public static Server start(BenchmarkParams params, String placement, ServerModel model, ServerConfig config) throws IOException {
        Placement p;
        try {
            p = Placement.parse(placement);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@Param placement: " + e.getMessage(), e);
        }
        if (p.inProcess()) {
            return model.start(config);
        }
        SkipPoint.ifUnavailable(params, PlacedServer.unavailableReason(p, model, config));
        Server server;
        try {
            server = PlacedServer.start(p, model, config, System.out::println);
        } catch (PlacementUnavailableException e) {
            SkipPoint.ifUnavailable(params, e.getMessage());
            throw new AssertionError("SkipPoint returns only for a null reason", e);
        }
        record(params, (PlacedServer) server);
        if (p.kind() != Placement.Kind.REMOTE) {
            // a JVM of its own on this machine (process, netns): its /proc is readable from here
            System.setProperty(SERVER_PID_PROPERTY, String.valueOf(((PlacedServer) server).record().get("serverPid")));
        }
        return server;
    }

    private static void record(BenchmarkParams params, PlacedServer server) {
        PlacementLine line = new PlacementLine(params.getBenchmark(), JsonLines.params(params), server.record());
        System.out.println("nettune placement: " + JsonLines.text(line));
        Path file = ResultFiles.besideSockopts(ResultFiles.PLACEMENTS);
        if (file != null) {
            JsonLines.append(file, List.of(line));
        }
    }
}
