/**
 * Everything checked before a run starts ({@link dev.nettune.run.check.Preflight}), and the same checks inside
 * Maven ({@link dev.nettune.run.check.MavenCheck}): this room and those below it (options, plan, folder) are
 * compiled on their own in the validate phase.
 */
package dev.nettune.run.check;
