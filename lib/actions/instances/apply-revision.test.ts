import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, useTestDatabase } from "../../auth/testing/test-users";

/** Apply = desired state + audit, checked against every host the revision touches (real SQLite, real sessions). */

type RunAs = <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
let runAs: RunAs;
let operator: Headers;
let actions: {
  applyRevision: typeof import("./apply-revision").applyRevision;
  startInstance: typeof import("./start-instance").startInstance;
  stopInstance: typeof import("./stop-instance").stopInstance;
};
const revisions: Record<string, string> = {};

function doc(hosts: { name: string; team: string }[]) {
  return JSON.stringify({
    name: "plan",
    hosts: hosts.map((h) => ({
      id: h.name,
      name: h.name,
      gpus: [{ index: 0, gpuId: "h100" }],
      ramBytes: 1,
      cpuCores: 1,
      labels: { team: "forged" },
    })),
    instances: hosts.map((h, i) => ({
      id: `inst-${i}`,
      engine: "vllm",
      model: "Qwen/Qwen2.5-7B-Instruct",
      placement: { hostId: h.name, gpuIndices: [0] },
    })),
  });
}

beforeAll(async () => {
  await useTestDatabase();
  ({ runWithHeaders: runAs } = await import("../../auth/request-context"));
  actions = {
    ...(await import("./apply-revision")),
    ...(await import("./start-instance")),
    ...(await import("./stop-instance")),
  };
  const { db } = await import("../../queries/db");
  for (const team of ["a", "b"])
    await db().host.create({ data: { name: `host-${team}`, endpoint: "unix:///x", labels: JSON.stringify({ team }) } });
  const plans: Record<string, { name: string; team: string }[]> = {
    a: [{ name: "host-a", team: "a" }],
    b: [{ name: "host-b", team: "b" }],
    both: [
      { name: "host-a", team: "a" },
      { name: "host-b", team: "b" },
    ],
  };
  for (const [key, hosts] of Object.entries(plans)) {
    const layout = await db().layout.create({
      data: { name: `plan-${key}`, revisions: { create: { number: 1, document: doc(hosts) } } },
      include: { revisions: true },
    });
    revisions[key] = layout.revisions[0]!.id;
  }
  operator = await sessionHeaders(await makeUser("operator", ["team=a"]));
});

describe("applying a revision", () => {
  it("records desired state on a permitted host, with an audit row naming the operator", async () => {
    const { db } = await import("../../queries/db");
    const result = await runAs(operator, () => actions.applyRevision({ revisionId: revisions.a }));
    expect(result).toMatchObject({
      ok: true,
      data: { applied: [{ instanceKey: "inst-0", hostName: "host-a", desiredState: "running" }] },
    });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "layout.apply" } });
    expect(audit.actorLabel).toMatch(/^operator\d+$/);
  });

  it("refuses a host outside the grants, using the host table's labels, not the document's", async () => {
    const result = await runAs(operator, () => actions.applyRevision({ revisionId: revisions.b }));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("host grants (team=a) don't match it") });
  });

  it("refuses a layout that touches one permitted and one forbidden host, changing nothing", async () => {
    const { db } = await import("../../queries/db");
    const before = await db().instance.count();
    const result = await runAs(operator, () => actions.applyRevision({ revisionId: revisions.both }));
    expect(result.ok).toBe(false);
    expect(await db().instance.count()).toBe(before);
  });

  it("start/stop follow the instance's host", async () => {
    const { db } = await import("../../queries/db");
    const inst = await db().instance.findFirstOrThrow();
    expect(await runAs(operator, () => actions.stopInstance({ instanceId: inst.id }))).toMatchObject({
      ok: true,
      data: { desiredState: "stopped" },
    });
    await db().host.update({ where: { id: inst.hostId! }, data: { labels: JSON.stringify({ team: "b" }) } });
    expect(await runAs(operator, () => actions.startInstance({ instanceId: inst.id }))).toMatchObject({ ok: false });
    expect((await db().instance.findUniqueOrThrow({ where: { id: inst.id } })).desiredState).toBe("stopped");
  });

  it("refuses to move an instance off a host outside the grants, even onto a permitted one", async () => {
    const { db } = await import("../../queries/db");
    const admin = await sessionHeaders(await makeUser("admin"));
    for (const [name, team] of [
      ["host-c", "a"],
      ["host-d", "b"],
    ] as const)
      await db().host.create({ data: { name, endpoint: "unix:///x", labels: JSON.stringify({ team }) } });
    const layout = await db().layout.create({
      data: {
        name: "team-b-plan",
        revisions: { create: { number: 1, document: doc([{ name: "host-d", team: "b" }]) } },
      },
      include: { revisions: true },
    });
    expect(await runAs(admin, () => actions.applyRevision({ revisionId: layout.revisions[0]!.id }))).toMatchObject({
      ok: true,
    });
    const moved = await db().layoutRevision.create({
      data: { layoutId: layout.id, number: 2, document: doc([{ name: "host-c", team: "a" }]) },
    });
    const result = await runAs(operator, () => actions.applyRevision({ revisionId: moved.id }));
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining("host host-d (team=b)") });
    const row = await db().instance.findFirstOrThrow({ where: { layoutId: layout.id }, include: { host: true } });
    expect(row.host?.name).toBe("host-d");
  });

  it("explains an unknown revision", async () => {
    expect(await runAs(operator, () => actions.applyRevision({ revisionId: "nope" }))).toMatchObject({
      ok: false,
      error: expect.stringContaining("does not exist"),
    });
  });
});
