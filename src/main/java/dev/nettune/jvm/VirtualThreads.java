package dev.nettune.jvm;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * VirtualThreads reaches JDK 21's virtual threads reflectively, so the suite compiles with
 * --release 17 and runs everywhere; on an older JVM {@link #factory(String)} says why it cannot.
 */
public final class VirtualThreads {
    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle NAME;
    private static final MethodHandle FACTORY;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle factory = null;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual")));
            name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class, long.class));
            factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
        } catch (ReflectiveOperationException e) {
            // Expected before JDK 21: available() reports false and factory() explains.
        }
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        FACTORY = factory;
    }

    private VirtualThreads() {
    }

    public static boolean available() {
        return OF_VIRTUAL != null;
    }

    /** Why virtual threads are missing, or null when they are available. */
    public static String unavailableReason() {
        return available() ? null : "virtual threads need JDK 21+; this JVM is " + Runtime.version();
    }

    /**
     * A factory of virtual threads named {@code prefix0, prefix1, ...}.
     *
     * @throws UnsupportedOperationException on JDK 17-20, saying so
     */
    public static ThreadFactory factory(String prefix) {
        if (!available()) {
            throw new UnsupportedOperationException(unavailableReason());
        }
        try {
            Object builder = OF_VIRTUAL.invoke();
            builder = NAME.invoke(builder, prefix, 0L);
            return (ThreadFactory) FACTORY.invoke(builder);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a virtual thread factory", t);
        }
    }
}
