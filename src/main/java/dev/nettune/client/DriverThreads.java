package dev.nettune.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** DriverThreads makes the platform threads that drive client connections: daemons with small stacks. */
public final class DriverThreads {
    /** Stack of each platform driver thread: the loops are shallow, so 1,024+ threads stay cheap. */
    public static final long STACK_BYTES = 256 << 10;

    private DriverThreads() {
    }

    /** A factory of daemon platform threads named {@code prefix0, prefix1, ...}. */
    public static ThreadFactory platform(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, prefix + n.getAndIncrement(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }
}
