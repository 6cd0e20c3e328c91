import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, useTestDatabase } from "../../auth/testing/test-users";

/** What the Instances page plans against: the revision's layout, what runs, the version (real SQLite, real sessions). */

type RunAs = <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
let runAs: RunAs;
let admin: Headers;
let viewer: Headers;
let actions: {
  loadRolloutInputs: typeof import("./load-rollout-inputs").loadRolloutInputs;
  applyRevision: typeof import("./apply-revision").applyRevision;
};
let revisionId = "";
let layoutId = "";

const doc = JSON.stringify({
  name: "planned",
  hosts: [{ id: "host-p", name: "host-p", gpus: [{ index: 0, gpuId: "h100" }], ramBytes: 1, cpuCores: 1 }],
  instances: [
    {
      id: "qwen-p",
      engine: "vllm",
      model: "Qwen/Qwen2.5-7B-Instruct",
      placement: { hostId: "host-p", gpuIndices: [0] },
    },
  ],
});

beforeAll(async () => {
  await useTestDatabase();
  ({ runWithHeaders: runAs } = await import("../../auth/request-context"));
  actions = { ...(await import("./load-rollout-inputs")), ...(await import("./apply-revision")) };
  const { db } = await import("../../queries/db");
  await db().host.create({ data: { name: "host-p", endpoint: "unix:///x", labels: "{}" } });
  const layout = await db().layout.create({
    data: { name: "planned", revisions: { create: { number: 1, document: doc, note: "first" } } },
    include: { revisions: true },
  });
  layoutId = layout.id;
  revisionId = layout.revisions[0]!.id;
  admin = await sessionHeaders(await makeUser("admin"));
  viewer = await sessionHeaders(await makeUser("viewer"));
});

describe("loading what a revision's apply plan needs", () => {
  it("gives a viewer the revision's layout, nothing running and version 0 before any apply", async () => {
    const result = await runAs(viewer, () => actions.loadRolloutInputs({ revisionId }));
    expect(result).toMatchObject({
      ok: true,
      data: {
        revisionId,
        revisionNumber: 1,
        layoutId,
        layoutName: "planned",
        archived: false,
        running: [],
        deploymentVersion: 0,
        applied: null,
      },
    });
    if (result.ok) expect(result.data.layout.instances.map((i) => i.id)).toEqual(["qwen-p"]);
  });

  it("after an apply: what runs, the new version and who applied which revision", async () => {
    const applied = await runAs(admin, () => actions.applyRevision({ revisionId, expectedVersion: 0 }));
    expect(applied.ok).toBe(true);
    const result = await runAs(viewer, () => actions.loadRolloutInputs({ revisionId }));
    expect(result).toMatchObject({
      ok: true,
      data: { deploymentVersion: 1, applied: { revisionNumber: 1, by: expect.stringMatching(/^admin\d+$/) } },
    });
    if (result.ok) expect(result.data.running.map((r) => r.instanceId)).toEqual(["qwen-p"]);
  });

  it("names the field, the value and the fix for an unknown or empty revision id", async () => {
    const unknown = await runAs(viewer, () => actions.loadRolloutInputs({ revisionId: "no-such-revision" }));
    expect(unknown).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^revisionId: got "no-such-revision", which is no layout revision.*pick one/),
    });
    const empty = await runAs(viewer, () => actions.loadRolloutInputs({ revisionId: "" }));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { revisionId: [expect.stringContaining("give the id")] } });
  });

  it("refuses an anonymous caller", async () => {
    const result = await runAs(new Headers(), () => actions.loadRolloutInputs({ revisionId }));
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/not signed in/) });
  });
});
