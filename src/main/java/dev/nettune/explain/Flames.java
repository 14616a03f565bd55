package dev.nettune.explain;

import one.convert.Arguments;
import one.convert.JfrToFlame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Flames turns a profiled fork's JFR file into what the page shows, with async-profiler's own
 * converter ({@code tools.profiler:jfr-converter}, run in this JVM): a self-contained HTML flame
 * graph per event (offline: the page carries its script and data) and the event's collapsed stacks,
 * which {@link Differential} compares. Lambda and hidden-class names are normalized ({@code --norm})
 * so the same code has the same frame name on both JVMs.
 */
final class Flames {
    /** An Event is one kind of sample in the JFR file. */
    enum Event {
        CPU("cpu", "CPU"),
        WALL("wall", "wall clock"),
        ALLOC("alloc", "allocations");

        final String id;
        final String words;

        Event(String id, String words) {
            this.id = id;
            this.words = words;
        }
    }

    private Flames() {
    }

    /** Writes the HTML flame graph of {@code event} in {@code jfr} to {@code out}. */
    static void html(Path jfr, Event event, String title, Path out) throws IOException {
        JfrToFlame.convert(jfr.toString(), out.toString(), arguments(event, "html", title));
    }

    /** Writes the collapsed stacks of {@code event} in {@code jfr} to {@code out} and returns them. */
    static Map<String, Long> collapsed(Path jfr, Event event, Path out) throws IOException {
        JfrToFlame.convert(jfr.toString(), out.toString(), arguments(event, "collapsed", ""));
        return Collapsed.read(out);
    }

    private static Arguments arguments(Event event, String output, String title) {
        Arguments a = new Arguments();
        a.output = output;
        a.title = title;
        a.norm = true;
        a.dot = true; // java.net.Socket.write, as a Java programmer reads it
        switch (event) {
            case CPU -> a.cpu = true;
            case WALL -> a.wall = true;
            case ALLOC -> {
                a.alloc = true;
                a.total = true; // bytes, not samples: allocation samples are weighted
            }
        }
        return a;
    }
}
