package dev.nettune.socket;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketOption;
import java.nio.channels.NetworkChannel;
import java.util.Set;

/** An OptionTarget is anything whose socket options can be set and read: a Socket, ServerSocket or channel. */
public interface OptionTarget {
    <T> void set(SocketOption<T> option, T value) throws IOException;

    <T> T get(SocketOption<T> option) throws IOException;

    Set<SocketOption<?>> supported();

    static OptionTarget of(Socket s) {
        return new OptionTarget() {
            public <T> void set(SocketOption<T> o, T v) throws IOException { s.setOption(o, v); }
            public <T> T get(SocketOption<T> o) throws IOException { return s.getOption(o); }
            public Set<SocketOption<?>> supported() { return s.supportedOptions(); }
        };
    }

    static OptionTarget of(ServerSocket s) {
        return new OptionTarget() {
            public <T> void set(SocketOption<T> o, T v) throws IOException { s.setOption(o, v); }
            public <T> T get(SocketOption<T> o) throws IOException { return s.getOption(o); }
            public Set<SocketOption<?>> supported() { return s.supportedOptions(); }
        };
    }

    static OptionTarget of(NetworkChannel c) {
        return new OptionTarget() {
            public <T> void set(SocketOption<T> o, T v) throws IOException { c.setOption(o, v); }
            public <T> T get(SocketOption<T> o) throws IOException { return c.getOption(o); }
            public Set<SocketOption<?>> supported() { return c.supportedOptions(); }
        };
    }
}
