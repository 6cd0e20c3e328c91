import { describe, expect, it } from "vitest";
import { instanceSchema } from "../../vocabulary/layout-schema";
import { GIB } from "../../vocabulary/units";
import { realHost, seed2x2, simulatedHost, specInput } from "../testing/spec-fixtures";
import { buildContainerSpec, type ContainerSpec, type ReplicaSpecInput } from "./container-spec";
import { dockerCreateOptions } from "./docker-create-options";
import { dockerRunLine } from "./docker-run-words";
import { parseManagedLabels } from "./labels";
import { DEFAULT_RUNTIME_SETTINGS, runtimeSettingsSchema } from "../../vocabulary/runtime-settings";

function build(input: ReplicaSpecInput): ContainerSpec {
  const result = buildContainerSpec(input);
  if (!result.ok) throw new Error(result.error);
  return result.spec;
}

const tgi = instanceSchema.parse({
  id: "tgi-1",
  engine: "tgi",
  engineVersion: "3.3.5",
  model: "Qwen/Qwen2.5-7B-Instruct",
  tp: 2,
  placement: { hostId: "gpu-node-9", gpuIndices: [0, 1] },
  port: 8080,
});

describe("the container spec of the seed's 2×2 INT4 layout on a simulated host", () => {
  const [first, second] = seed2x2();
  const spec = build(specInput(second!));

  it("runs the simulator image with vLLM's own arguments, one word each", () => {
    expect(spec.image).toBe("fleetdeck-sim:latest");
    expect(spec.args).toEqual([
      "--model",
      "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
      "--tensor-parallel-size",
      "2",
      "--quantization",
      "gptq",
      "--max-model-len",
      "32768",
      "--gpu-memory-utilization",
      "0.85",
    ]);
  });

  it("hands the simulator its GPUs through the environment, not device requests", () => {
    expect(spec.deviceIds).toBeNull();
    expect(spec.env).toMatchObject({
      NVIDIA_VISIBLE_DEVICES: "2,3",
      FLEETDECK_SIM_ENGINE: "vllm",
      FLEETDECK_SIM_GPU: "rtx-4090d",
      FLEETDECK_SIM_GPU_COUNT: "4",
      FLEETDECK_SIM_HOST: "gpu-node-1",
      FLEETDECK_SIM_STATE_DIR: "/run/fleetdeck-sim",
    });
    expect(spec.mounts).toContainEqual({
      type: "volume",
      source: "fleetdeck-sim-host-sim-1",
      target: "/run/fleetdeck-sim",
    });
  });

  it("takes the layout's limits, shared memory and port", () => {
    expect(spec).toMatchObject({ memoryBytes: 16 * GIB, cpus: 8, shmBytes: 8 * GIB, ipcHost: false });
    expect(spec).toMatchObject({ containerPort: 8000, hostPort: 8001 });
  });

  it("labels the container with its layout, instance, replica and spec hash, under a deterministic name", () => {
    const labels = dockerCreateOptions(spec).Labels!;
    expect(parseManagedLabels(labels)).toEqual({
      installationId: "inst-1",
      layoutId: "0f6c8a52-1111-2222-3333-444455556666",
      instanceKey: "qwen7b-int4-2",
      replica: 0,
      generation: 0,
      specHash: spec.specHash,
    });
    expect(spec.name).toBe("fd-qwen7b-int4-2-0f6c8a52-r0");
    expect(build(specInput(second!)).name).toBe(spec.name);
    expect(build(specInput(first!)).specHash).not.toBe(spec.specHash);
  });

  it("restarts unless stopped and checks /health with the node the image has", () => {
    expect(spec.restartPolicy).toBe("unless-stopped");
    expect(spec.healthCheck.test.slice(0, 2)).toEqual(["CMD", "/usr/bin/node"]);
    expect(spec.healthCheck.test.join(" ")).toContain("http://127.0.0.1:8000/health");
  });
});

describe("GPUs on a real host", () => {
  const [instance] = seed2x2();
  it("requests the GPUs by UUID when discovery found them", () => {
    const spec = build(specInput(instance!, { host: realHost(true) }));
    expect(spec.image).toBe("vllm/vllm-openai:latest");
    expect(spec.deviceIds).toEqual([
      "GPU-00000000-aaaa-bbbb-cccc-dddddddddddd",
      "GPU-00000001-aaaa-bbbb-cccc-dddddddddddd",
    ]);
    expect(spec.env.NVIDIA_VISIBLE_DEVICES).toBeUndefined();
    expect(dockerCreateOptions(spec).HostConfig?.DeviceRequests).toEqual([
      { Driver: "nvidia", Count: 0, DeviceIDs: spec.deviceIds, Capabilities: [["gpu"]], Options: {} },
    ]);
  });
  it("requests them by index otherwise", () => {
    expect(build(specInput(instance!, { host: realHost(false) })).deviceIds).toEqual(["0", "1"]);
  });
  it("refuses a GPU the host does not have, and a placement of the wrong size", () => {
    expect(buildContainerSpec(specInput(instance!, { gpuIndices: [3, 4] }))).toEqual({
      ok: false,
      error: "host gpu-node-1 has no GPU 4 (it has 0, 1, 2, 3): place instance qwen7b-int4-1 on GPUs the host has",
    });
    expect(buildContainerSpec(specInput(instance!, { gpuIndices: [0] }))).toMatchObject({
      ok: false,
      error: expect.stringContaining("has tp 2 but is placed on 1 GPU(s)"),
    });
  });
});

describe("image allow-list", () => {
  it("refuses an image the allow-list does not name, saying where to add it", () => {
    const settings = runtimeSettingsSchema.parse({ imageAllowList: ["vllm/vllm-openai:v0.11.0"] });
    const [instance] = seed2x2();
    expect(buildContainerSpec(specInput(instance!, { host: realHost(false), settings }))).toEqual({
      ok: false,
      error:
        "image vllm/vllm-openai:latest is not on the runtime's image allow-list (vllm/vllm-openai:v0.11.0): an admin can add it under Settings → Runtime",
    });
    expect(buildContainerSpec(specInput(instance!, { settings })).ok).toBe(false);
  });
  it("allows every tag of a repository:* entry, and nothing beside it", () => {
    expect(build(specInput(tgi, { host: realHost(false) })).image).toBe(
      "ghcr.io/huggingface/text-generation-inference:3.3.5",
    );
    const settings = runtimeSettingsSchema.parse({
      imageAllowList: ["ghcr.io/huggingface/text-generation-inference:*"],
    });
    const other = instanceSchema.parse({ ...tgi, engine: "vllm" });
    expect(buildContainerSpec(specInput(other, { host: realHost(false), settings })).ok).toBe(false);
  });
});

describe("engine defaults", () => {
  it("TGI: port 80, the cache at /data, 1g of shared memory, curl for the health check", () => {
    const spec = build(specInput(tgi, { host: realHost(false) }));
    expect(spec.args).toEqual(["--model-id", "Qwen/Qwen2.5-7B-Instruct", "--num-shard", "2"]);
    expect(spec).toMatchObject({ containerPort: 80, hostPort: 8080, shmBytes: GIB, ipcHost: false });
    expect(spec.mounts).toEqual([{ type: "volume", source: "fleetdeck-hf-cache", target: "/data" }]);
    expect(spec.healthCheck.test).toEqual(["CMD", "curl", "-fsS", "-o", "/dev/null", "http://127.0.0.1:80/health"]);
  });
  it("vLLM without a shared-memory size gets --ipc=host", () => {
    const plain = instanceSchema.parse({ id: "v", engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct" });
    const spec = build(specInput(plain, { host: realHost(false), gpuIndices: [0] }));
    expect(spec).toMatchObject({ ipcHost: true });
    expect(spec.shmBytes).toBeUndefined();
    expect(dockerCreateOptions(spec).HostConfig?.IpcMode).toBe("host");
  });
  it("without limits of its own, takes the budget's host needs (memory rounded up to a whole GiB)", () => {
    const plain = instanceSchema.parse({ id: "v", engine: "vllm", model: "Qwen/Qwen2.5-7B-Instruct" });
    const needs = { ramBytes: 20.3 * GIB, cpus: 3, shmBytes: 64 * 1024 * 1024 };
    const spec = build(specInput(plain, { gpuIndices: [0], needs }));
    expect(spec).toMatchObject({ memoryBytes: 21 * GIB, cpus: 3 });
    expect(dockerCreateOptions(spec).HostConfig).toMatchObject({ Memory: 21 * GIB, NanoCpus: 3e9 });
  });
  it("caps --cpus at the host's CPU count, and says so", () => {
    const [instance] = seed2x2();
    const spec = build(specInput(instance!, { host: { ...simulatedHost, cpuCores: 2 } }));
    expect(spec.cpus).toBe(2);
    expect(spec.notes).toEqual(["--cpus 8 capped at the host's 2 CPUs"]);
    expect(build(specInput(instance!, { host: { ...simulatedHost, cpuCores: 16 } })).cpus).toBe(8);
  });
});

describe("secrets and the Hugging Face cache", () => {
  const [instance] = seed2x2();
  it("passes HF_TOKEN as env, hashes its presence but not its value, and names it without a value in docker run", () => {
    const a = build(specInput(instance!, { hfToken: "hf_aaaaaaaaaaaaaaaa" }));
    const b = build(specInput(instance!, { hfToken: "hf_bbbbbbbbbbbbbbbb" }));
    const none = build(specInput(instance!));
    expect(a.env.HF_TOKEN).toBe("hf_aaaaaaaaaaaaaaaa");
    expect(a.specHash).toBe(b.specHash);
    expect(a.specHash).not.toBe(none.specHash);
    expect(dockerRunLine(a)).toContain(" -e HF_TOKEN ");
    expect(dockerRunLine(a)).not.toContain("hf_aaaa");
  });
  it("mounts an allow-listed host path when Settings say so, and refuses one that is not allowed", () => {
    const settings = runtimeSettingsSchema.parse({
      hfCache: { kind: "host-path", path: "/srv/hf" },
      hfCacheAllowedPaths: ["/srv/hf"],
    });
    expect(build(specInput(instance!, { settings })).mounts[0]).toEqual({
      type: "bind",
      source: "/srv/hf",
      target: "/root/.cache/huggingface",
    });
    const refused = runtimeSettingsSchema.safeParse({ hfCache: { kind: "host-path", path: "/etc" } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('hfCache.path "/etc" is not an allowed host path');
    expect(runtimeSettingsSchema.safeParse({ hfCache: { kind: "host-path", path: "/srv/../etc" } }).success).toBe(
      false,
    );
  });
});

describe("the spec hash", () => {
  const [instance] = seed2x2();
  it("is stable for the same input and changes with anything that needs a new container", () => {
    const base = build(specInput(instance!));
    expect(build(specInput(instance!)).specHash).toBe(base.specHash);
    const changed = instanceSchema.parse({ ...instance, gpuMemoryUtilization: 0.8 });
    expect(build(specInput(changed)).specHash).not.toBe(base.specHash);
    expect(build(specInput(instance!, { generation: 1 })).specHash).not.toBe(base.specHash);
    expect(build(specInput(instance!, { hostPort: 9000 })).specHash).not.toBe(base.specHash);
    const settings = { ...DEFAULT_RUNTIME_SETTINGS, simLoadSeconds: 1 };
    expect(build(specInput(instance!, { settings })).specHash).not.toBe(base.specHash);
  });
});

describe("the docker run equivalent", () => {
  it("spells out every part of the spec, quoted for a shell", () => {
    const [instance] = seed2x2();
    const line = dockerRunLine(build(specInput(instance!, { host: realHost(false) })));
    for (const part of [
      "docker run -d --name fd-qwen7b-int4-1-0f6c8a52-r0 --restart unless-stopped",
      "--label fleetdeck.instance=qwen7b-int4-1",
      `--gpus '"device=0,1"'`,
      "--shm-size 8g --memory 16g --cpus 8 -p 8000:8000",
      "--mount type=volume,source=fleetdeck-hf-cache,target=/root/.cache/huggingface",
      "--health-interval 30s",
      "vllm/vllm-openai:latest --model Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4 --tensor-parallel-size 2",
    ])
      expect(line).toContain(part);
    expect(simulatedHost.simulatedGpus).toBeDefined();
  });
});
