import type { ModelArch } from "../../catalog/types";
import type { Finding } from "../../vocabulary/finding";
import type { Instance } from "../../vocabulary/layout-schema";
import { nameOf } from "./describe";

const CANDIDATE_TPS = [1, 2, 4, 8, 16, 32, 64];

interface ShardedDim {
  what: string;
  size: number;
  /** "n" for a column-parallel output (block_n), "k" for a row-parallel input (block_k). */
  axis: "n" | "k";
}

/** The weight dimensions tensor parallelism splits, per rank, as vLLM's block-fp8 check sees them. */
function shardedDims(arch: ModelArch, tp: number, expertParallel: boolean): ShardedDim[] {
  const dims: ShardedDim[] = [];
  if (!arch.mla) {
    const q = (arch.numAttentionHeads / tp) * arch.headDim;
    dims.push({ what: "q_proj's", size: q, axis: "n" }, { what: "o_proj's input", size: q, axis: "k" });
  }
  if (arch.moe && !expertParallel) {
    const width = arch.moe.moeIntermediateSize / tp;
    dims.push(
      { what: "the experts' gate and up", size: width, axis: "n" },
      { what: "the experts' down input", size: width, axis: "k" },
    );
  }
  if (!arch.moe || (arch.moe.firstDenseLayers ?? 0) > 0) {
    const width = arch.intermediateSize / tp;
    dims.push(
      { what: "gate's and up's", size: width, axis: "n" },
      { what: "down_proj's input", size: width, axis: "k" },
    );
  }
  return dims;
}

function firstMisfit(arch: ModelArch, tp: number, blockN: number, blockK: number, ep: boolean): ShardedDim | undefined {
  return shardedDims(arch, tp, ep).find(
    (d) => !Number.isInteger(d.size) || d.size % (d.axis === "n" ? blockN : blockK) !== 0,
  );
}

/**
 * Block-wise FP8 checkpoints (`weight_block_size`, e.g. Qwen3-235B-A22B-FP8, DeepSeek-V3) keep one scale per
 * block_n × block_k tile, so every dimension TP splits must stay a whole number of tiles per rank; vLLM stops with
 * "The output_size of gate's and up's weight = 192 is not divisible by weight quantization block_n = 128."
 */
export function checkFp8BlockTp(instance: Instance, arch: ModelArch): Finding[] {
  const block = arch.quantization?.method === "fp8" ? arch.quantization.weightBlockSize : undefined;
  if (block?.length !== 2) return [];
  const [blockN, blockK] = block as [number, number];
  const ep = instance.vllm?.expertParallel ?? false;
  const misfit = firstMisfit(arch, instance.tp, blockN, blockK, ep);
  if (!misfit) return [];
  const working = CANDIDATE_TPS.filter(
    (tp) => arch.numAttentionHeads % tp === 0 && firstMisfit(arch, tp, blockN, blockK, ep) === undefined,
  );
  const flag = instance.engine === "tgi" ? "--num-shard" : "--tensor-parallel-size";
  const blockName = misfit.axis === "n" ? `block_n = ${blockN}` : `block_k = ${blockK}`;
  const size = Number.isInteger(misfit.size) ? String(misfit.size) : misfit.size.toFixed(1);
  const below = working.filter((tp) => tp < instance.tp).pop();
  return [
    {
      code: "quant.fp8-block-tp",
      severity: "error",
      instanceId: instance.id,
      field: "tp",
      message: `${nameOf(instance)}: the FP8 checkpoint keeps scales per ${blockN}×${blockK} block, and at ${flag} ${instance.tp} each rank's share of ${misfit.what} weight is ${size} wide; the engine stops with "The output_size of ${misfit.what} weight = ${size} is not divisible by weight quantization ${blockName}."`,
      fix: `Use ${flag} ${working.length ? working.join(", ") : "1"} (every split dimension stays whole blocks)${arch.moe && instance.engine === "vllm" && !ep ? ", or keep the GPUs and add --enable-expert-parallel so experts are not split" : ""}.`,
      ...(below !== undefined ? { patch: { tp: below } } : {}),
    },
  ];
}
