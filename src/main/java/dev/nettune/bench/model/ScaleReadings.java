package dev.nettune.bench.model;

import dev.nettune.host.ProcessProbe;
import dev.nettune.placement.PlacedServer;
import dev.nettune.server.Server;

/**
 * ScaleReadings are what a load's connections cost each side, read as the trial is set up: resident
 * memory and live heap (after a full collection) of this JVM before the connections are opened and
 * once the server has accepted all of them, the same resident memory of the server's JVM when it
 * runs apart (placement {@code process}, {@code netns}: its /proc, by pid), and how fast the
 * connections were set up (connect and accept together). Taken before the first warm-up iteration,
 * so the collection it forces never falls inside an iteration; reported with the last measurement
 * iteration's counters ({@link LoadCounters#reportScale}).
 *
 * <p>Memory is read from {@value #MEMORY_FROM_CONNECTIONS} connections on; the set-up rate always.
 * With the server in process, this JVM's growth is both sides' and the server's own figures are
 * NaN. Resident memory moves in pages and with the allocator's arenas: at a handful of connections
 * the per-connection figure is noise; it means something from hundreds on.
 *
 * @param serverPid        the server JVM's pid, or -1 when it runs in this JVM (or elsewhere, unreadable)
 * @param rssBefore        this JVM's resident bytes before connecting, -1 when unknown
 * @param heapBefore       this JVM's heap in use after a collection before connecting, bytes; -1 when not read
 * @param serverRssBefore  the server JVM's resident bytes before connecting, -1 when unknown
 * @param connections      connections set up (0 until {@link #connected})
 * @param setupNanos       from the first connect until the server had accepted every connection
 * @param rssGrowth        this JVM's resident growth over the set-up, bytes
 * @param heapGrowth       this JVM's live heap growth over the set-up, bytes
 * @param serverRssGrowth  the server JVM's resident growth over the set-up, bytes, or NaN
 */
record ScaleReadings(long serverPid, long rssBefore, long heapBefore, long serverRssBefore, int connections, long setupNanos,
                     double rssGrowth, double heapGrowth, double serverRssGrowth) {

    /**
     * Connections from which the memory readings are taken: below, a page or an arena more reads as
     * kilobytes per connection, and the full collections they force would change the forks of the
     * quick profile's points (at most 256 connections) for nothing.
     */
    static final int MEMORY_FROM_CONNECTIONS = 1000;

    /** Readings before {@code connections} connections open, against the running {@code server}; memory only from {@value #MEMORY_FROM_CONNECTIONS}. */
    static ScaleReadings before(Server server, int connections) {
        long pid = serverPid(server);
        if (connections < MEMORY_FROM_CONNECTIONS) {
            return new ScaleReadings(pid, -1, -1, -1, 0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new ScaleReadings(pid, ProcessProbe.residentBytes(), ProcessProbe.heapUsedAfterGc(),
                pid < 0 ? -1 : ProcessProbe.residentBytes(pid), 0, 0, Double.NaN, Double.NaN, Double.NaN);
    }

    /** These readings completed once the server has accepted all {@code connections}, {@code setupNanos} after the first connect. */
    ScaleReadings connected(int connections, long setupNanos) {
        if (heapBefore < 0) {
            return new ScaleReadings(serverPid, rssBefore, heapBefore, serverRssBefore, connections, setupNanos, Double.NaN, Double.NaN,
                    Double.NaN);
        }
        long rss = ProcessProbe.residentBytes();
        long heap = ProcessProbe.heapUsedAfterGc();
        long serverRss = serverPid < 0 ? -1 : ProcessProbe.residentBytes(serverPid);
        return new ScaleReadings(serverPid, rssBefore, heapBefore, serverRssBefore, connections, setupNanos,
                rss < 0 || rssBefore < 0 ? Double.NaN : rss - rssBefore, heap - heapBefore,
                serverRss < 0 || serverRssBefore < 0 ? Double.NaN : serverRss - serverRssBefore);
    }

    /** Connections set up per second (connect on this side and accept on the server's, together). */
    double connectsPerSecond() {
        return setupNanos <= 0 ? Double.NaN : connections * 1e9 / setupNanos;
    }

    /** This JVM's resident growth per connection, bytes (both sides' with the server in process). */
    double bytesPerConnection() {
        return perConnection(rssGrowth);
    }

    /** This JVM's live-heap growth per connection, bytes (virtual threads' stacks live there). */
    double heapBytesPerConnection() {
        return perConnection(heapGrowth);
    }

    /** The server JVM's resident growth per connection, bytes; NaN with the server in process. */
    double serverBytesPerConnection() {
        return perConnection(serverRssGrowth);
    }

    /** The server JVM's resident bytes now, or -1 (in process, gone or unreadable). */
    long serverRssNow() {
        return serverPid < 0 ? -1 : ProcessProbe.residentBytes(serverPid);
    }

    /** The server JVM's threads now (the kernel's count: its own JVM threads included), or -1. */
    long serverProcessThreadsNow() {
        return serverPid < 0 ? -1 : ProcessProbe.threads(serverPid);
    }

    private double perConnection(double growth) {
        return connections == 0 || Double.isNaN(growth) ? Double.NaN : growth / connections;
    }

    /** The pid of a server JVM on this machine, or -1 for a server in this JVM or on another host. */
    static long serverPid(Server server) {
        if (!(server instanceof PlacedServer placed) || placed.placement().kind() == dev.nettune.placement.Placement.Kind.REMOTE) {
            return -1;
        }
        Object pid = placed.record().get("serverPid");
        return pid instanceof Number n ? n.longValue() : -1;
    }
}
