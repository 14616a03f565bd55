/**
 * Package bulk provides the one-way bulk stream of the socket-buffer family:
 * {@link dev.nettune.client.bulk.BulkStream} writes verified streams in a chosen write size along
 * one {@link dev.nettune.client.bulk.IoPath}, and a {@link dev.nettune.client.bulk.StallWatchdog}
 * turns a configuration that stops moving bytes into a named {@link dev.nettune.client.bulk.StallException}
 * instead of a hung suite.
 */
package dev.nettune.client.bulk;
