import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";

export type TgiSettings = NonNullable<Instance["tgi"]>;

/** A fix drafted before the instance exists: TGI settings may be partial until merged. */
export type InstancePatch = Omit<Partial<Instance>, "tgi"> & { tgi?: Partial<TgiSettings> };

export type DraftFinding = Omit<Finding, "patch"> & { patch?: InstancePatch };

/** Completes a drafted patch against the instance it will be applied to. */
export function completePatch(patch: InstancePatch, instance: Partial<Instance>): Partial<Instance> {
  const { tgi, ...rest } = patch;
  const complete: Partial<Instance> = { ...rest };
  if (rest.limits) complete.limits = { ...instance.limits, ...rest.limits };
  if (tgi) complete.tgi = { cudaMemoryFraction: 1, ...instance.tgi, ...tgi };
  return complete;
}

export function completeFindings(drafts: readonly DraftFinding[], instance: Partial<Instance>): Finding[] {
  return drafts.map(({ patch, ...finding }) =>
    patch ? { ...finding, patch: completePatch(patch, instance) } : finding,
  );
}
