/**
 * Package jvm provides access to features of newer JDKs from code compiled for 17, with a clear
 * "not available on this JVM" instead of a failure.
 */
package dev.nettune.jvm;
