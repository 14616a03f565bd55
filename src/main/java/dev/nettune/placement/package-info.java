/**
 * Package placement provides where a benchmark's server runs relative to its client: in the
 * benchmark's JVM ({@code inprocess}, the default), in a JVM of its own on loopback ({@code process}),
 * in a network namespace behind a veth link of MTU 1500, optionally shaped with tc ({@code netns}),
 * or on another host ({@code remote=HOST:PORT}). {@link dev.nettune.placement.Placement} is the
 * parameter's value, {@link dev.nettune.placement.PlacedServer} starts the server there and shows
 * it to the benchmark as a {@link dev.nettune.server.Server};
 * {@link dev.nettune.placement.Netns} makes and removes the namespace and its link.
 *
 * <p>Stance: a placement is a dimension of the point, recorded with its result, never a silent
 * change of setting; what this package creates it removes — on close, at JVM exit, and, for a
 * process killed outright, by {@link dev.nettune.placement.Netns#sweep()}; traffic goes only to
 * loopback, to namespaces created here, or to a host the user named. Where a placement cannot be
 * had (not root, no ip or tc, a qdisc the kernel lacks) the reason is given, not a failure.
 */
package dev.nettune.placement;
