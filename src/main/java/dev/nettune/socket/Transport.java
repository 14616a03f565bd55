package dev.nettune.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Transport is where a server listens: TCP on the loopback interface, or a Unix-domain socket
 * (JDK 16+) in a fresh temporary directory. Never a wildcard address.
 */
public enum Transport {
    TCP,
    UNIX;

    /** A new address to bind: loopback port 0, or a unique socket file path. */
    public SocketAddress newBindAddress() {
        if (this == TCP) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        }
        try {
            Path dir = Files.createTempDirectory("nettune-");
            return UnixDomainSocketAddress.of(dir.resolve("s.sock"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for a Unix-domain socket", e);
        }
    }

    public ServerSocketChannel openListener() throws IOException {
        return this == TCP ? ServerSocketChannel.open(family())
                : ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    }

    /** A listener for {@code bind}: of the address's own family for TCP (an IPv4 address when loopback is ::1, too). */
    public ServerSocketChannel openListener(SocketAddress bind) throws IOException {
        if (this == TCP && bind instanceof InetSocketAddress && ((InetSocketAddress) bind).getAddress() != null) {
            return ServerSocketChannel.open(((InetSocketAddress) bind).getAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        }
        return openListener();
    }

    public SocketChannel openChannel() throws IOException {
        return this == TCP ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
    }

    /** The transport of a bound address. */
    public static Transport of(SocketAddress address) {
        return address instanceof UnixDomainSocketAddress ? UNIX : TCP;
    }

    /** Removes a Unix-domain socket file and its directory; nothing to do for TCP. */
    public static void cleanUp(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            Path p = ((UnixDomainSocketAddress) address).getPath();
            try {
                Files.deleteIfExists(p);
                Files.deleteIfExists(p.getParent());
            } catch (IOException e) {
                // A leftover file in the temp directory is harmless; the server is closed either way.
            }
        }
    }

    private static StandardProtocolFamily family() {
        return InetAddress.getLoopbackAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }
}
