import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSimImage } from "../../../../sim/test-support/docker";
import { instanceSchema } from "../../../vocabulary/layout-schema";
import { buildContainerSpec, type ContainerSpec } from "../../spec/container-spec";
import { runtimeSettingsSchema } from "../../../vocabulary/runtime-settings";
import {
  dockerTestHost,
  freePort,
  newInstallationId,
  rawDocker,
  removeInstallation,
  SIM_IMAGE_HOOK_TIMEOUT_MS,
  waitFor,
} from "../../testing/docker-test-hosts";
import { seed2x2, specInput } from "../../testing/spec-fixtures";
import { DockerRuntime } from "./docker-runtime";

/** The Docker driver against the harness's real dockerd and the simulator image. */

const installationId = newInstallationId();
const docker = rawDocker(1);
const runtime = new DockerRuntime(dockerTestHost(1));
const settings = runtimeSettingsSchema.parse({ simLoadSeconds: 1 });

async function spec(
  over: Partial<Parameters<typeof specInput>[1]> = {},
  instance = seed2x2()[0]!,
): Promise<ContainerSpec> {
  const result = buildContainerSpec(
    specInput(instance, {
      installationId,
      host: { ...dockerTestHost(1), gpus: [], ...(await runtime.facts()) },
      hostPort: await freePort(),
      settings,
      ...over,
    }),
  );
  if (!result.ok) throw new Error(result.error);
  return result.spec;
}

beforeAll(() => ensureSimImage(docker), SIM_IMAGE_HOOK_TIMEOUT_MS);
afterAll(() => removeInstallation(docker, installationId));

describe("DockerRuntime on a real daemon", () => {
  it("creates and starts the container the spec describes, lists it by our labels, reads its log", async () => {
    const s = await spec();
    const id = await runtime.create(s);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const inspect = await docker.getContainer(id!).inspect();
    expect(inspect.Config.Cmd).toEqual(s.args);
    expect(inspect.Config.Env).toEqual(
      expect.arrayContaining(["NVIDIA_VISIBLE_DEVICES=0,1", "FLEETDECK_SIM_GPU=rtx-4090d"]),
    );
    expect(inspect.HostConfig).toMatchObject({
      Memory: 16 * 2 ** 30,
      NanoCpus: Math.min(8, (await runtime.facts()).cpuCores) * 1e9,
      ShmSize: 8 * 2 ** 30,
      Privileged: false,
      NetworkMode: "bridge",
      RestartPolicy: { Name: "unless-stopped" },
    });
    const listed = await waitFor("the container listed as running", async () =>
      (await runtime.list(installationId)).find((c) => c.id === id && c.state === "running"),
    );
    expect(listed.labels).toMatchObject({ instanceKey: "qwen7b-int4-1", replica: 0, specHash: s.specHash });
    expect(listed.name).toBe(s.name);
    const lines = await waitFor("the engine's start-up lines", async () => {
      const log = await runtime.logs(id!, 50);
      return log.some((l) => l.includes("Application startup complete")) && log;
    });
    expect(lines.some((l) => l.includes("GPU KV cache size"))).toBe(true);
    const res = await waitFor("GET /health through the published port", () =>
      fetch(`http://${runtime.address}:${s.hostPort}/health`).then((r) => r.ok),
    );
    expect(res).toBe(true);
  });

  it("a second create of the same replica reuses its container instead of starting a duplicate", async () => {
    const s = await spec({ key: { layoutId: "0f6c8a52-dup", instanceKey: "dup", replica: 0 } });
    const first = await runtime.create(s);
    const second = await runtime.create(s);
    expect(second).toBe(first);
    const named = await docker.listContainers({ all: true, filters: { name: [s.name] } });
    expect(named).toHaveLength(1);
  });

  it("refuses to take over a container of the same name that is not ours, saying how to clear it", async () => {
    const s = await spec({ key: { layoutId: "0f6c8a52-foreign", instanceKey: "foreign", replica: 0 } });
    const foreign = await docker.createContainer({ name: s.name, Image: "fleetdeck-sim:latest", Cmd: ["--version"] });
    try {
      await expect(runtime.create(s)).rejects.toThrow(
        /already exists on sim-node-1 and is not this replica's .*docker rm -f/,
      );
    } finally {
      await foreign.remove({ force: true });
    }
  });

  it("stops, starts and removes; a missing image starts a pull and reports its failure to the next create", async () => {
    const s = await spec({ key: { layoutId: "0f6c8a52-life", instanceKey: "life", replica: 0 } });
    const id = (await runtime.create(s))!;
    await runtime.stop(id);
    expect((await docker.getContainer(id).inspect()).State.Running).toBe(false);
    await runtime.start(id);
    expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
    await runtime.remove(id);
    await runtime.remove(id);
    expect((await runtime.list(installationId)).some((c) => c.id === id)).toBe(false);

    const missing = { ...s, image: "fleetdeck-sim:no-such-tag", name: `${s.name}-missing` };
    expect(await runtime.create(missing)).toBeNull();
    await waitFor(
      "the pull to fail (no registry is reachable here)",
      async () => runtime.pulling(missing.image) === null,
    );
    await expect(runtime.create(missing)).rejects.toThrow(/is not on sim-node-1 and pulling it failed/);
  });

  it("reports an unreachable daemon as such, within the deadline", async () => {
    const gone = new DockerRuntime({
      ...dockerTestHost(1),
      id: "gone",
      name: "gone-host",
      endpoint: {
        kind: "unix",
        url: "unix:///run/fleetdeck-test/none.sock",
        socketPath: "/run/fleetdeck-test/none.sock",
      },
    });
    await expect(gone.list(installationId)).rejects.toMatchObject({ code: "unreachable" });
  });

  it("follows the log as the engine writes it", async () => {
    const tgi = instanceSchema.parse({
      id: "tgi-follow",
      engine: "tgi",
      model: "Qwen/Qwen2.5-7B-Instruct",
      placement: { hostId: "x", gpuIndices: [3] },
    });
    const s = await spec(
      { key: { layoutId: "0f6c8a52-follow", instanceKey: "tgi-follow", replica: 0 }, gpuIndices: [3] },
      tgi,
    );
    const id = (await runtime.create(s))!;
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const line of runtime.followLogs(id, { tail: 0, signal: controller.signal })) {
      seen.push(line);
      if (/Connected/.test(line)) controller.abort();
    }
    expect(seen.some((l) => /Starting shard|Shard ready|Warming up/.test(l))).toBe(true);
  });
});
