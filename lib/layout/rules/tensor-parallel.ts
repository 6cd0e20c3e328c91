import type { ModelArch } from "../../catalog/types";
import type { Finding } from "../../vocabulary/finding";
import type { Instance } from "../../vocabulary/layout-schema";
import { nameOf } from "./describe";

const MAX_TP = 64;

/** Tensor-parallel sizes that split the heads evenly, nearest to `tp` first (below, then above). */
export function nearestValidTps(heads: number, tp: number): number[] {
  const divisors = Array.from({ length: Math.min(heads, MAX_TP) }, (_, i) => i + 1).filter((d) => heads % d === 0);
  const below = divisors.filter((d) => d < tp).pop();
  const above = divisors.find((d) => d > tp);
  return [below, above].filter((d): d is number => d !== undefined);
}

/** vLLM and TGI both split attention heads across shards: the shard count must divide them. */
export function checkTensorParallel(instance: Instance, arch: ModelArch): Finding[] {
  const heads = arch.numAttentionHeads;
  if (heads % instance.tp === 0) return [];
  const options = nearestValidTps(heads, instance.tp);
  const flag = instance.engine === "tgi" ? "--num-shard" : "--tensor-parallel-size";
  const suggestion = options[0];
  return [
    {
      code: "tp.heads-not-divisible",
      severity: "error",
      instanceId: instance.id,
      field: "tp",
      message: `${nameOf(instance)}: ${flag} ${instance.tp} does not divide the model's ${heads} attention heads, so the shards cannot split them evenly; the engine refuses to start.`,
      fix: `Use ${flag} ${options.join(" or ")} (divisors of ${heads}) and give the instance that many GPUs.`,
      ...(suggestion !== undefined ? { patch: { tp: suggestion } } : {}),
    },
  ];
}
