import type { Finding } from "../vocabulary/finding";
import type { Instance } from "../vocabulary/layout-schema";
import { gib } from "./units";
import { GIB } from "../vocabulary/units";

export interface HostNeeds {
  ramBytes: number;
  shmBytes: number;
  cpus: number;
  explanation: string;
}

export interface HostNeedsInput {
  engine: "vllm" | "tgi";
  tp: number;
  /** Bytes of the checkpoint on disk; loading maps it (safetensors mmap) and pages it through host RAM. */
  checkpointBytes: number;
  /** V0 engine: --swap-space (4 GiB per GPU by default) of pinned CPU memory. */
  swapSpaceBytesPerGpu: number;
  /** --cpu-offload-gb per GPU: weights kept in pinned host memory. */
  cpuOffloadBytesPerGpu?: number;
}

/** Python + torch + CUDA libraries of one GPU worker/shard process, resident. */
const WORKER_RSS_BYTES = 3 * GIB;
/** The API server / router process. */
const FRONTEND_RSS_BYTES = 1.5 * GIB;

export function estimateHostNeeds(input: HostNeedsInput): HostNeeds {
  const processes = input.tp;
  const swap = input.swapSpaceBytesPerGpu * input.tp;
  const offload = (input.cpuOffloadBytesPerGpu ?? 0) * input.tp;
  const ramBytes = Math.round(
    FRONTEND_RSS_BYTES + processes * WORKER_RSS_BYTES + input.checkpointBytes + swap + offload,
  );
  // vLLM's multiprocess executor and NCCL use /dev/shm once TP > 1; TGI's documentation asks for 1g.
  const shmBytes = input.tp > 1 ? (input.engine === "vllm" ? 2 * GIB : 1 * GIB) : 64 * 1024 * 1024;
  // vLLM: API server + busy-looping engine core + one worker per GPU; TGI: router + one shard per GPU.
  const cpus = input.engine === "vllm" ? 2 + input.tp : 1 + input.tp;
  const swapNote =
    (swap > 0 ? ` + ${gib(swap)} V0 swap space (pinned)` : "") +
    (offload > 0 ? ` + ${gib(offload)} weights offloaded to CPU` : "");
  return {
    ramBytes,
    shmBytes,
    cpus,
    explanation: `Host RAM: ${gib(input.checkpointBytes)} checkpoint paged in while loading + ${input.tp} × ${gib(WORKER_RSS_BYTES)} worker processes + ${gib(FRONTEND_RSS_BYTES)} server${swapNote}; ${cpus} CPU cores`,
  };
}

/** Container limits (--memory, --cpus, --shm-size) below what the instance needs. */
export function hostLimitFindings(instance: Instance, needs: HostNeeds): Finding[] {
  const findings: Finding[] = [];
  const { memoryBytes, cpus, shmBytes } = instance.limits;
  if (memoryBytes !== undefined && memoryBytes < needs.ramBytes) {
    findings.push({
      code: "budget.container-memory-too-small",
      severity: "error",
      field: "limits.memoryBytes",
      message: `container memory limit ${gib(memoryBytes)} is below the ${gib(needs.ramBytes)} the instance needs to load its checkpoint and run; the kernel OOM-kills it while loading.`,
      fix: `raise --memory to at least ${Math.ceil(needs.ramBytes / GIB)}g.`,
      patch: { limits: { ...instance.limits, memoryBytes: Math.ceil(needs.ramBytes / GIB) * GIB } },
    });
  }
  if (cpus !== undefined && cpus < needs.cpus) {
    findings.push({
      code: "budget.container-cpus-too-few",
      severity: "warning",
      field: "limits.cpus",
      message: `--cpus ${cpus} is below the ${needs.cpus} busy processes of this instance (server, ${instance.engine === "vllm" ? "engine core, " : ""}${instance.tp} GPU worker${instance.tp > 1 ? "s" : ""}); scheduling stalls raise latency.`,
      fix: `give it --cpus ${needs.cpus} or more.`,
      patch: { limits: { ...instance.limits, cpus: needs.cpus } },
    });
  }
  if (shmBytes !== undefined && instance.tp > 1 && shmBytes < needs.shmBytes) {
    findings.push({
      code: "budget.shm-too-small",
      severity: "error",
      field: "limits.shmBytes",
      message: `--shm-size ${gib(shmBytes)} is too small for TP ${instance.tp}: ${instance.engine === "vllm" ? "vLLM's workers" : "TGI's shards"} exchange tensors and NCCL buffers through /dev/shm and crash with "Bus error" or an NCCL error.`,
      fix:
        instance.engine === "vllm"
          ? `run the container with --ipc=host, or --shm-size ${needs.shmBytes / GIB}g.`
          : `run the container with --shm-size ${needs.shmBytes / GIB}g.`,
      patch: { limits: { ...instance.limits, shmBytes: needs.shmBytes } },
    });
  }
  return findings;
}
