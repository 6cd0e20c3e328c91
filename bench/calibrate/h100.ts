/** The single-card measurements beside the corpus: the H100 transformers run and the H200 non-torch probes. */
import { readFileSync } from "node:fs";
import { totalParams } from "../../lib/budget/params";
import { unquantized } from "../../lib/budget/quantization";
import { H100_MEASUREMENT } from "../../lib/budget/testing/h100-measurement";
import { estimateWeights } from "../../lib/budget/weights";
import {
  CUDA_CONTEXT_BYTES,
  CUBLAS_HANDLE_BYTES,
  NCCL_FIRST_COMMUNICATOR_BYTES,
  NCCL_NEXT_COMMUNICATOR_BYTES,
} from "../../lib/budget/non-torch";

export function h100Measurement() {
  const weights = estimateWeights(H100_MEASUREMENT.model, {
    tp: 1,
    vocabPadding: 64,
    format: unquantized(2),
  }).weightsBytesPerGpu;
  const h200 = JSON.parse(readFileSync(new URL("../results/h200-nontorch.json", import.meta.url), "utf8"));
  return {
    h100: {
      paramsTotal: { predicted: totalParams(H100_MEASUREMENT.model), measured: H100_MEASUREMENT.paramsTotal },
      weightsBytes: {
        predicted: weights,
        measuredAllocated: H100_MEASUREMENT.weightsAllocatedBytes,
        relError: (weights - H100_MEASUREMENT.weightsAllocatedBytes) / H100_MEASUREMENT.weightsAllocatedBytes,
      },
      kvBytesPerToken: { predicted: 2 * 28 * 4 * 128 * 2, measured: H100_MEASUREMENT.kvBytesPerToken },
    },
    h200: {
      gpu: h200.meta.gpu,
      constantsUsed: {
        CUDA_CONTEXT_BYTES,
        CUBLAS_HANDLE_BYTES,
        NCCL_FIRST_COMMUNICATOR_BYTES,
        NCCL_NEXT_COMMUNICATOR_BYTES,
      },
      see: "bench/results/h200-nontorch.json, bench/results/h200-nccl-logits.json, bench/gpu/README.md",
    },
  };
}
