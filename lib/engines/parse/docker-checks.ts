import type { Engine } from "../../vocabulary/layout-schema";
import type { DraftFinding } from "../patch";
import type { DockerOptions } from "./docker-options";
import { GIB } from "../../vocabulary/units";

export interface DockerCheckInput {
  engine: Engine;
  docker: DockerOptions;
  tp: number;
  /** The port the engine listens on inside the container. */
  listenPort: number;
}

/** Problems of the `docker run` wrapper itself: GPUs, shared memory, published port. */
export function checkDockerOptions({ engine, docker, tp, listenPort }: DockerCheckInput): DraftFinding[] {
  const findings: DraftFinding[] = [];
  const gpus = docker.gpus;
  if (!gpus) {
    findings.push({
      code: "docker.no-gpus",
      severity: "error",
      field: "--gpus",
      message: "The container is started without --gpus, so it sees no GPU.",
      fix:
        tp > 1
          ? `Add --gpus '"device=${[...Array(tp).keys()].join(",")}"' (one GPU per shard).`
          : "Add --gpus all or --gpus '\"device=0\"'.",
    });
  } else {
    const visible = gpus.kind === "devices" ? gpus.indices.length : gpus.kind === "count" ? gpus.count : undefined;
    if (visible !== undefined && tp > visible) {
      findings.push({
        code: "docker.too-few-gpus",
        severity: "error",
        field: "--gpus",
        message: `The engine shards over ${tp} GPUs but --gpus gives the container ${visible}.`,
        fix: `Give the container ${tp} GPUs (--gpus '"device=${[...Array(tp).keys()].join(",")}"') or lower the shard count to ${visible}.`,
        patch: { tp: visible },
      });
    }
  }
  if (engine === "vllm" && docker.ipc !== "host" && docker.shmBytes === undefined) {
    findings.push({
      code: "docker.vllm-shared-memory",
      severity: "warning",
      field: "--ipc",
      message:
        "vLLM runs without --ipc=host or --shm-size; PyTorch's shared memory (64 MB by default in Docker) is too small for its workers.",
      fix: "Add --ipc=host (or --shm-size 16g).",
    });
  }
  if (engine === "tgi" && docker.shmBytes === undefined && docker.ipc !== "host" && (tp > 1 || gpus?.kind === "all")) {
    findings.push({
      code: "docker.tgi-shared-memory",
      severity: "warning",
      field: "--shm-size",
      message: "TGI shards over several GPUs without --shm-size; NCCL needs shared memory and Docker gives 64 MB.",
      fix: "Add --shm-size 1g (TGI's README), or more.",
      patch: { limits: { shmBytes: GIB } },
    });
  }
  if (docker.publish && docker.publish.containerPort !== listenPort) {
    findings.push({
      code: "docker.port-mismatch",
      severity: "error",
      field: "-p",
      message: `-p ${docker.publish.hostPort}:${docker.publish.containerPort} publishes container port ${docker.publish.containerPort}, but the engine listens on ${listenPort}.`,
      fix: `Use -p ${docker.publish.hostPort}:${listenPort}.`,
    });
  }
  return findings;
}
