/**
 * Package coalescing provides the client of the coalescing family:
 * {@link dev.nettune.client.coalescing.PartsClient} sends an application message of K parts with one
 * {@link dev.nettune.client.coalescing.Strategy} (a write per part, a BufferedOutputStream, a copy
 * into one buffer, a gathering write) and verifies every ack.
 */
package dev.nettune.client.coalescing;
