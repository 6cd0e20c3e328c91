import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instanceSchema } from "../vocabulary/layout-schema";
import { LABEL } from "./spec/labels";
import { SIM_IMAGE_HOOK_TIMEOUT_MS, waitFor } from "./testing/docker-test-hosts";
import { type Harness, seedLayout, startHarness } from "./testing/reconciler-harness";

/**
 * The reconciler end to end on the harness's two real dockerds with the simulator image, driven by the real server
 * actions on a real SQLite database: apply the seed's 2×2 INT4 layout, scale, stop, restart, apply a changed
 * revision, a crash at start, a container removed by hand, containers that are not ours.
 */

let h: Harness;
let actions: {
  applyRevision: typeof import("../actions/instances/apply-revision").applyRevision;
  scaleInstance: typeof import("../actions/instances/scale-instance").scaleInstance;
  stopInstance: typeof import("../actions/instances/stop-instance").stopInstance;
  startInstance: typeof import("../actions/instances/start-instance").startInstance;
  restartInstance: typeof import("../actions/instances/restart-instance").restartInstance;
};
let layout: Awaited<ReturnType<typeof seedLayout>>;
let layoutId: string;
const instanceIds: Record<string, string> = {};

const ok = <T>(result: { ok: true; data: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.data;
};
const replica = async (key: string, n = 0) =>
  (await h.replicas()).find((r) => r.instanceKey === key && r.replica === n);
const healthy =
  (key: string, n = 0) =>
  async () => {
    const r = await replica(key, n);
    return r?.state === "healthy" ? r : undefined;
  };
const container = async (which: 1 | 2, id: string) => (await h.containers(which)).find((c) => c.Id === id);

beforeAll(async () => {
  h = await startHarness();
  actions = {
    ...(await import("../actions/instances/apply-revision")),
    ...(await import("../actions/instances/scale-instance")),
    ...(await import("../actions/instances/stop-instance")),
    ...(await import("../actions/instances/start-instance")),
    ...(await import("../actions/instances/restart-instance")),
  };
  layout = await seedLayout();
  const saved = await h.saveLayout(layout);
  layoutId = saved.layoutId;
  const applied = ok(await h.as(h.admin, () => actions.applyRevision({ revisionId: saved.revisionId })));
  expect(applied).toMatchObject({ revisionNumber: 1, version: 1 });
  const { db } = await import("../queries/db");
  for (const i of await db().instance.findMany({ where: { layoutId } })) instanceIds[i.instanceKey] = i.id;
}, SIM_IMAGE_HOOK_TIMEOUT_MS);

afterAll(() => h?.cleanup(), 60_000);

describe("applying the seed's 2×2 INT4 layout", () => {
  it("brings up two healthy containers with the right GPU env, limits, args, labels and ports", async () => {
    const [a, b] = [
      await h.converge("qwen7b-int4-1 healthy", healthy("qwen7b-int4-1")),
      await h.converge("qwen7b-int4-2 healthy", healthy("qwen7b-int4-2")),
    ];
    for (const [r, gpus, instance] of [
      [a, "0,1", layout.instances[0]!],
      [b, "2,3", layout.instances[1]!],
    ] as const) {
      const inspect = await h.docker[1].getContainer(r.containerId!).inspect();
      expect(inspect.Config.Env).toContain(`NVIDIA_VISIBLE_DEVICES=${gpus}`);
      expect(inspect.Config.Env).toContain("FLEETDECK_SIM_GPU=rtx-4090d");
      expect(inspect.Config.Cmd).toEqual([
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
      expect(inspect.HostConfig.Memory).toBe(16 * 2 ** 30);
      expect(inspect.HostConfig.ShmSize).toBe(8 * 2 ** 30);
      expect(inspect.HostConfig.PortBindings).toEqual({
        "8000/tcp": [{ HostIp: "", HostPort: String(instance.port) }],
      });
      expect(inspect.Config.Labels).toMatchObject({
        [LABEL.layout]: layoutId,
        [LABEL.instance]: instance.id,
        [LABEL.replica]: "0",
        [LABEL.installation]: h.installationId,
        [LABEL.host]: h.hostIds[1],
      });
      expect(r.endpoint).toBe(`http://127.0.0.1:${instance.port}`);
    }
    expect(await h.containers(1)).toHaveLength(2);
  });

  it("records the way up in the state history, with the engine's own progress line", async () => {
    const { db } = await import("../queries/db");
    const events = await db().replicaEvent.findMany({
      where: { instanceId: instanceIds["qwen7b-int4-1"] },
      orderBy: { at: "asc" },
    });
    const states = events.map((e) => e.state);
    expect(states.at(-1)).toBe("healthy");
    expect(states).toContain("loading");
    expect(states.indexOf("loading")).toBeLessThan(states.indexOf("healthy"));
  });

  it("streams a chat answer from the instance's endpoint", async () => {
    const r = (await replica("qwen7b-int4-1"))!;
    const response = await fetch(`${r.endpoint}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
        stream: true,
        max_tokens: 8,
        messages: [{ role: "user", content: "hello" }],
      }),
    });
    const text = await response.text();
    expect(text.match(/^data: /gm)!.length).toBeGreaterThan(2);
    expect(text).toContain("data: [DONE]");
  });
});

describe("operating instances", () => {
  it("scales one to 2 replicas: the new one on the free GPUs of the second host", async () => {
    const scaled = ok(
      await h.as(h.admin, () => actions.scaleInstance({ instanceId: instanceIds["qwen7b-int4-1"], replicas: 2 })),
    );
    expect(scaled.added).toEqual([expect.objectContaining({ replica: 1, hostName: "sim-node-2", gpuIndices: [0, 1] })]);
    const second = await h.converge("replica 1 healthy", healthy("qwen7b-int4-1", 1));
    expect(await container(2, second.containerId!)).toBeDefined();
    const refused = await h.as(h.admin, () =>
      actions.scaleInstance({ instanceId: instanceIds["qwen7b-int4-2"], replicas: 3 }),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Cannot scale qwen7b-int4-2 to 3: no room for replica 2/),
    });
  });

  it("stops one (its container stops, the others keep running) and starts it again", async () => {
    const before = (await replica("qwen7b-int4-2"))!;
    const other = (await replica("qwen7b-int4-1"))!;
    ok(await h.as(h.admin, () => actions.stopInstance({ instanceId: instanceIds["qwen7b-int4-2"] })));
    await h.converge("qwen7b-int4-2 stopped", async () => (await replica("qwen7b-int4-2"))?.state === "stopped");
    expect((await h.docker[1].getContainer(before.containerId!).inspect()).State.Running).toBe(false);
    expect((await replica("qwen7b-int4-1"))!.containerId).toBe(other.containerId);
    ok(await h.as(h.admin, () => actions.startInstance({ instanceId: instanceIds["qwen7b-int4-2"] })));
    const after = await h.converge("qwen7b-int4-2 healthy again", healthy("qwen7b-int4-2"));
    expect(after.containerId).toBe(before.containerId);
  });

  it("restarts one: fresh containers for each of its replicas", async () => {
    const before = [(await replica("qwen7b-int4-1", 0))!, (await replica("qwen7b-int4-1", 1))!];
    const other = (await replica("qwen7b-int4-2"))!;
    ok(await h.as(h.admin, () => actions.restartInstance({ instanceId: instanceIds["qwen7b-int4-1"] })));
    const after = [
      await h.converge("replica 0 healthy after restart", async () => {
        const r = await healthy("qwen7b-int4-1", 0)();
        return r && r.containerId !== before[0]!.containerId && r;
      }),
      await h.converge("replica 1 healthy after restart", async () => {
        const r = await healthy("qwen7b-int4-1", 1)();
        return r && r.containerId !== before[1]!.containerId && r;
      }),
    ];
    expect(after.map((r) => r.containerId)).not.toContain(before[0]!.containerId);
    expect((await replica("qwen7b-int4-2"))!.containerId).toBe(other.containerId);
    expect(await container(1, before[0]!.containerId!)).toBeUndefined();
  });

  it("applies a changed revision: only the changed instance is replaced", async () => {
    const before = await h.replicas();
    const changed = {
      ...layout,
      instances: [layout.instances[0]!, instanceSchema.parse({ ...layout.instances[1], gpuMemoryUtilization: 0.8 })],
    };
    const revisionId = await h.addRevision(layoutId, changed);
    ok(await h.as(h.admin, () => actions.applyRevision({ revisionId, expectedVersion: 1 })));
    const replaced = await h.converge("the changed instance replaced and healthy", async () => {
      const r = await healthy("qwen7b-int4-2")();
      return r && r.containerId !== before.find((b) => b.instanceKey === "qwen7b-int4-2")!.containerId && r;
    });
    const inspect = await h.docker[1].getContainer(replaced.containerId!).inspect();
    expect(inspect.Config.Cmd).toContain("0.8");
    const unchanged = (await h.replicas()).filter((r) => r.instanceKey === "qwen7b-int4-1");
    expect(unchanged.map((r) => r.containerId)).toEqual(
      before.filter((b) => b.instanceKey === "qwen7b-int4-1").map((b) => b.containerId),
    );
    const stale = await h.as(h.admin, () => actions.applyRevision({ revisionId, expectedVersion: 1 }));
    expect(stale).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^revision 2 was applied by admin\d+ at .* UTC \(version 2\); review the plan again\.$/,
      ),
    });
  });
});

describe("faults the reconciler repairs or reports", () => {
  it("recreates a container removed by hand", async () => {
    const before = (await replica("qwen7b-int4-2"))!;
    await h.docker[1].getContainer(before.containerId!).remove({ force: true });
    const after = await h.converge("a new container for qwen7b-int4-2", async () => {
      const r = await healthy("qwen7b-int4-2")();
      return r && r.containerId !== before.containerId && r;
    });
    expect(after.containerId).toBeTruthy();
  });

  it("never touches containers without our labels (or another installation's), and removes our orphans", async () => {
    const foreign = await h.docker[1].createContainer({
      Image: "fleetdeck-sim:latest",
      Cmd: ["--model", "x"],
      Env: ["FLEETDECK_SIM_ENGINE=vllm"],
      Labels: { "fleetdeck.managed": "true" },
    });
    const otherInstall = await h.docker[1].createContainer({
      Image: "fleetdeck-sim:latest",
      Cmd: ["--version"],
      Labels: {
        [LABEL.managed]: "true",
        [LABEL.installation]: "someone-else",
        [LABEL.host]: h.hostIds[1],
        [LABEL.layout]: layoutId,
        [LABEL.instance]: "qwen7b-int4-1",
        [LABEL.replica]: "0",
        [LABEL.generation]: "0",
        [LABEL.specHash]: "x",
      },
    });
    const orphan = await h.docker[1].createContainer({
      Image: "fleetdeck-sim:latest",
      Cmd: ["--version"],
      Labels: {
        [LABEL.managed]: "true",
        [LABEL.installation]: h.installationId,
        [LABEL.host]: h.hostIds[1],
        [LABEL.layout]: layoutId,
        [LABEL.instance]: "gone",
        [LABEL.replica]: "0",
        [LABEL.generation]: "0",
        [LABEL.specHash]: "x",
      },
    });
    try {
      await foreign.start();
      await h.converge("the orphan removed", async () => !(await h.containers(1)).some((c) => c.Id === orphan.id));
      await h.reconciler.runOnce();
      expect((await foreign.inspect()).State.Running).toBe(true);
      expect((await otherInstall.inspect()).Id).toBe(otherInstall.id);
    } finally {
      await foreign.remove({ force: true });
      await otherInstall.remove({ force: true });
    }
  });

  it("shows a container that crashes at start with its exit code and the engine's error line", async () => {
    const broken = {
      ...layout,
      instances: [layout.instances[0]!, { ...layout.instances[1]!, quantization: "gptq_int4" }],
    };
    const revisionId = await h.addRevision(layoutId, broken);
    ok(await h.as(h.admin, () => actions.applyRevision({ revisionId })));
    const crashed = await h.converge("qwen7b-int4-2 exited", async () => {
      const r = await replica("qwen7b-int4-2");
      return r?.state === "exited" && r.detail ? r : undefined;
    });
    expect(crashed.exitCode).toBe(2);
    expect(crashed.detail).toMatch(/argument --quantization.*invalid choice: 'gptq_int4'/);
    expect(crashed.logTail).toContain("invalid choice: 'gptq_int4'");
    const fixed = await h.addRevision(layoutId, layout);
    ok(await h.as(h.admin, () => actions.applyRevision({ revisionId: fixed })));
    await h.converge("healthy after the fix", healthy("qwen7b-int4-2"));
  });

  it("reacts to a Docker event at once, without waiting for its 60 s timer", async () => {
    const before = (await replica("qwen7b-int4-1"))!;
    h.reconciler.start(); // the harness's timer is 60 s: only the container's events can start a pass this soon
    try {
      await new Promise((r) => setTimeout(r, 1_500)); // the pass at start, which subscribes to the hosts' events
      await h.docker[1].getContainer(before.containerId!).remove({ force: true });
      const removedAt = Date.now();
      const after = await waitFor(
        "a new healthy container without calling runOnce",
        async () => {
          const r = await healthy("qwen7b-int4-1")();
          return r && r.containerId !== before.containerId && r;
        },
        20_000,
      );
      expect(Date.now() - removedAt).toBeLessThan(20_000);
      expect(after.containerId).toBeTruthy();
    } finally {
      await h.reconciler.stop();
    }
  });
});
