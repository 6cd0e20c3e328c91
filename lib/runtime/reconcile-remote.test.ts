import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL } from "./spec/labels";
import { type Harness, seedLayout, startHarness } from "./testing/reconciler-harness";
import { testHosts } from "./testing/test-env";
import { SIM_IMAGE_HOOK_TIMEOUT_MS } from "./testing/docker-test-hosts";

/**
 * Hosts reached with stored credentials, through the hosts feature's loader: sim-node-2 is the second dockerd over
 * TCP+TLS, sim-node-3 the same daemon over SSH. Each gets one instance of the seed's layout; both come up healthy,
 * and neither host's pass takes the other's container (same daemon) for an orphan.
 */

let h: Harness;
let sshHostId: string;
let actions: {
  applyRevision: typeof import("../actions/instances/apply-revision").applyRevision;
};

const ok = <T>(result: { ok: true; data: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.data;
};

beforeAll(async () => {
  h = await startHarness({ secondHostVia: "tls", needs: [2] });
  const { db } = await import("../queries/db");
  const { insertHost } = await import("../queries/hosts/insert-host");
  const { storeHostCredentials } = await import("../secrets/host-credentials");
  const { ssh } = testHosts();
  sshHostId = await insertHost(db(), {
    name: "sim-node-3",
    kind: "docker",
    endpoint: ssh.url,
    labels: { team: "b" },
    simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
    sshHostKeySha256: ssh.hostKeySha256,
  });
  await storeHostCredentials(db(), sshHostId, { "ssh-key": ssh.keyPem });
  actions = await import("../actions/instances/apply-revision");
}, SIM_IMAGE_HOOK_TIMEOUT_MS);

afterAll(() => h?.cleanup(), 60_000);

describe("hosts over TLS and SSH, with stored credentials", () => {
  it("runs an instance on each, both healthy, each container labelled with its own host", async () => {
    const seed = await seedLayout();
    const [a, b] = seed.instances;
    const layout = {
      ...seed,
      hosts: [...seed.hosts, { ...seed.hosts[1]!, id: "sim-node-3", name: "sim-node-3" }],
      instances: [
        { ...a!, placement: { hostId: "sim-node-2", gpuIndices: [0, 1] } },
        { ...b!, placement: { hostId: "sim-node-3", gpuIndices: [0, 1] } },
      ],
    };
    const { revisionId } = await h.saveLayout(layout);
    ok(await h.as(h.admin, () => actions.applyRevision({ revisionId })));
    const replicas = await h.converge(
      "both healthy",
      async () => {
        const all = await h.replicas();
        return all.length === 2 && all.every((r) => r.state === "healthy") && all;
      },
      90_000,
    );
    expect(replicas.map((r) => [r.instanceKey, r.hostName])).toEqual([
      [a!.id, "sim-node-2"],
      [b!.id, "sim-node-3"],
    ]);
    const containers = await h.containers(2);
    expect(containers).toHaveLength(2);
    const hostOf = Object.fromEntries(containers.map((c) => [c.Labels[LABEL.instance], c.Labels[LABEL.host]]));
    expect(hostOf).toEqual({ [a!.id]: h.hostIds[2], [b!.id]: sshHostId });

    // Another pass: each host lists only its own container, so neither is removed as the other's orphan.
    const report = await h.reconciler.runOnce();
    expect(report?.hosts.filter((x) => x.id !== h.hostIds[1]).map((x) => [x.reachable, x.containers])).toEqual([
      [true, 1],
      [true, 1],
    ]);
    expect(report?.actions).toEqual([]);
    expect((await h.containers(2)).map((c) => c.Id).sort()).toEqual(containers.map((c) => c.Id).sort());
  }, 150_000);
});
