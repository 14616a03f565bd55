package dev.nettune.placement;

import dev.nettune.server.Server;
import dev.nettune.server.ServerConfig;
import dev.nettune.server.ServerModel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * PlacementChild is a JVM that stands in for a benchmark fork in {@link NetnsTest}: it starts a
 * SELECTOR server at the placement given as its argument, prints {@code READY} with the server's
 * address, then waits for a line on stdin — {@code exit}: exits with status 1 without closing
 * anything, as a fork does after a failed benchmark — or to be killed.
 */
public final class PlacementChild {
    private PlacementChild() {
    }

    public static void main(String[] args) throws Exception {
        Server server = PlacedServer.start(Placement.parse(args[0]), ServerModel.SELECTOR, ServerConfig.DEFAULT, System.out::println);
        System.out.println("READY " + dev.nettune.server.Main.hostPort(server.address()));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("exit")) {
                System.exit(1); // the server is deliberately left open: the JVM's exit must undo it
            }
        }
    }
}
