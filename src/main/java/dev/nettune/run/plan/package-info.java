/**
 * What a run runs, in which order and until when: the points of the profile files ({@link dev.nettune.run.plan.Plan},
 * with {@link dev.nettune.run.plan.ParamRule} for what each {@code @Param} accepts), the spec fixed when a run
 * starts ({@link dev.nettune.run.plan.RunSpec}), the block order ({@link dev.nettune.run.plan.Schedule}) and the
 * adaptive {@link dev.nettune.run.plan.StoppingRule}. Imports options only.
 */
package dev.nettune.run.plan;
