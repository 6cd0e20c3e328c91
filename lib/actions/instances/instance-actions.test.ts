import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, sessionHeaders, tokenHeaders, useTestDatabase } from "../../auth/testing/test-users";

/**
 * Authorization and concurrency of the instance actions and their /api/v1 handlers (built as app/api/v1 builds them), on a real SQLite database with
 * real sessions and tokens (no containers: the reconciler is not running here).
 */

type RunAs = <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
let runAs: RunAs;
let db: () => import("../../queries/db").Db;
let operatorA: Headers;
let operatorAToken: Headers;
let viewer: Headers;
let admin: Headers;
const hosts: Record<"a" | "b", string> = { a: "", b: "" };
let defineRoute: typeof import("../../api/define-route").defineRoute;
let actions: {
  applyRevision: typeof import("./apply-revision").applyRevision;
  startInstance: typeof import("./start-instance").startInstance;
  stopInstance: typeof import("./stop-instance").stopInstance;
  restartInstance: typeof import("./restart-instance").restartInstance;
  scaleInstance: typeof import("./scale-instance").scaleInstance;
  stopLayout: typeof import("./stop-layout").stopLayout;
};

function doc(placements: { key: string; host: "a" | "b"; gpus: number[] }[]) {
  return JSON.stringify({
    name: "plan",
    hosts: (["a", "b"] as const).map((t) => ({
      id: `node-${t}`,
      name: `node-${t}`,
      gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d" })),
      ramBytes: 64 * 2 ** 30,
      cpuCores: 16,
    })),
    instances: placements.map((p) => ({
      id: p.key,
      engine: "vllm",
      model: "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4",
      quantization: "gptq",
      gpuMemoryUtilization: 0.85,
      placement: { hostId: `node-${p.host}`, gpuIndices: p.gpus },
    })),
  });
}

async function layoutWith(...documents: string[]) {
  const layout = await db().layout.create({ data: { name: `plan-${Math.random()}` } });
  const ids: string[] = [];
  for (const [i, document] of documents.entries())
    ids.push((await db().layoutRevision.create({ data: { layoutId: layout.id, number: i + 1, document } })).id);
  return { layoutId: layout.id, revisions: ids };
}
const instanceId = async (layoutId: string, key: string) =>
  (await db().instance.findFirstOrThrow({ where: { layoutId, instanceKey: key } })).id;

beforeAll(async () => {
  await useTestDatabase();
  ({ runWithHeaders: runAs } = await import("../../auth/request-context"));
  db = (await import("../../queries/db")).db;
  ({ defineRoute } = await import("../../api/define-route"));
  actions = {
    ...(await import("./apply-revision")),
    ...(await import("./start-instance")),
    ...(await import("./stop-instance")),
    ...(await import("./restart-instance")),
    ...(await import("./scale-instance")),
    ...(await import("./stop-layout")),
  };
  for (const team of ["a", "b"] as const) {
    const row = await db().host.create({
      data: {
        name: `node-${team}`,
        endpoint: `tcp://127.0.0.${team === "a" ? 2 : 3}:2375`,
        labels: JSON.stringify({ team }),
      },
    });
    hosts[team] = row.id;
  }
  const op = await makeUser("operator", ["team=a"]);
  operatorA = await sessionHeaders(op);
  operatorAToken = (await tokenHeaders(op.id, ["read", "instances:operate"])).headers;
  viewer = await sessionHeaders(await makeUser("viewer"));
  admin = await sessionHeaders(await makeUser("admin"));
});

describe("an operator with a grant on team=a", () => {
  it("cannot start, stop, restart or scale an instance on a team=b host: action and API", async () => {
    const { layoutId, revisions } = await layoutWith(doc([{ key: "b1", host: "b", gpus: [0] }]));
    expect((await runAs(admin, () => actions.applyRevision({ revisionId: revisions[0] }))).ok).toBe(true);
    const id = await instanceId(layoutId, "b1");
    const calls: (() => Promise<{ ok: boolean; error?: string }>)[] = [
      () => actions.stopInstance({ instanceId: id }),
      () => actions.startInstance({ instanceId: id }),
      () => actions.restartInstance({ instanceId: id }),
      () => actions.scaleInstance({ instanceId: id, replicas: 2 }),
      () => actions.stopLayout({ layoutId }),
    ];
    for (const call of calls) {
      expect(await runAs(operatorA, call)).toMatchObject({
        ok: false,
        error: expect.stringContaining("host grants (team=a) don't match it"),
      });
    }
    const POST = defineRoute(actions.scaleInstance);
    const response = await POST(
      new Request(`http://localhost/api/v1/instances/${id}/scale`, {
        method: "POST",
        headers: operatorAToken,
        body: JSON.stringify({ replicas: 2 }),
      }),
      { params: Promise.resolve({ instanceId: id }) },
    );
    expect(response.status).toBe(403);
    expect((await db().instance.findUniqueOrThrow({ where: { id } })).replicaCount).toBe(1);
  });

  it("may scale within its grants, and the replica goes on free GPUs of a permitted host", async () => {
    const { layoutId, revisions } = await layoutWith(doc([{ key: "a1", host: "a", gpus: [0] }]));
    expect((await runAs(operatorA, () => actions.applyRevision({ revisionId: revisions[0] }))).ok).toBe(true);
    const id = await instanceId(layoutId, "a1");
    const result = await runAs(operatorA, () => actions.scaleInstance({ instanceId: id, replicas: 2 }));
    expect(result).toMatchObject({ ok: true, data: { added: [{ replica: 1 }] } });
  });

  it("cannot move an instance off a team=b host: the old placement counts too", async () => {
    const { revisions } = await layoutWith(
      doc([{ key: "m1", host: "b", gpus: [1] }]),
      doc([{ key: "m1", host: "a", gpus: [3] }]),
    );
    expect((await runAs(admin, () => actions.applyRevision({ revisionId: revisions[0] }))).ok).toBe(true);
    const moved = await runAs(operatorA, () => actions.applyRevision({ revisionId: revisions[1] }));
    expect(moved).toMatchObject({ ok: false, error: expect.stringContaining("(team=b): your host grants (team=a)") });
  });
});

describe("logs are for admins and operators within their grants", () => {
  it("refuses a viewer and an operator outside the grants; lists states for everyone", async () => {
    const { layoutId, revisions } = await layoutWith(doc([{ key: "l1", host: "b", gpus: [2] }]));
    await runAs(admin, () => actions.applyRevision({ revisionId: revisions[0] }));
    const id = await instanceId(layoutId, "l1");
    const GET = defineRoute((await import("../../api/instance-logs")).instanceLogsSpec);
    const call = (headers: Headers) =>
      GET(new Request(`http://localhost/api/v1/instances/${id}/logs`, { headers }), {
        params: Promise.resolve({ instanceId: id }),
      });
    expect((await call(viewer)).status).toBe(403);
    expect((await call(operatorA)).status).toBe(403);
    const asAdmin = await call(admin);
    expect(asAdmin.status).toBe(409);
    expect(await asAdmin.json()).toMatchObject({ error: expect.stringContaining("has no container yet") });
    const list = defineRoute((await import("../../api/read/lists")).listInstancesSpec);
    const listed = await list(
      new Request(`http://localhost/api/v1/instances?layoutId=${layoutId}`, { headers: viewer }),
      {
        params: Promise.resolve({}),
      },
    );
    const { items } = (await listed.json()) as {
      items: { instanceKey: string; replicas: Record<string, unknown>[] }[];
    };
    expect(items.map((i) => i.instanceKey)).toEqual(["l1"]);
    expect(items[0]!.replicas[0]).toMatchObject({ replica: 0, state: "pending", hostName: "node-b", gpuIndices: [2] });
    expect(Object.keys(items[0]!.replicas[0]!)).not.toContain("logTail");
  });
});

describe("concurrent applies of one layout", () => {
  it("one wins, the other is told who applied what, and nothing of it is recorded", async () => {
    const { layoutId, revisions } = await layoutWith(
      doc([{ key: "c1", host: "a", gpus: [1] }]),
      doc([{ key: "c2", host: "a", gpus: [2] }]),
    );
    const results = await Promise.all(
      revisions.map((revisionId) => runAs(admin, () => actions.applyRevision({ revisionId, expectedVersion: 0 }))),
    );
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost[0]).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^revision [12] was applied by admin\d+ at .* UTC \(version 1\); review the plan again\.$/,
      ),
    });
    const keys = (await db().instance.findMany({ where: { layoutId } })).map((i) => i.instanceKey);
    expect(keys).toHaveLength(1);
    expect((await db().layoutDeployment.findUniqueOrThrow({ where: { layoutId } })).version).toBe(1);
  });
});

describe("a host the reconciler cannot reach", () => {
  it("refuses actions on its instances with the reason, leaving desired state as it was", async () => {
    const { layoutId, revisions } = await layoutWith(doc([{ key: "u1", host: "a", gpus: [0] }]));
    await runAs(admin, () => actions.applyRevision({ revisionId: revisions[0] }));
    const id = await instanceId(layoutId, "u1");
    await db().instanceReplica.updateMany({
      where: { instanceId: id },
      data: { state: "unreachable", detail: "listing containers on node-a: connect ECONNREFUSED" },
    });
    const refused = await runAs(admin, () => actions.stopInstance({ instanceId: id }));
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^Host node-a is unreachable \(listing containers on node-a: connect ECONNREFUSED\), so u1's desired state was not changed/,
      ),
    });
    expect((await db().instance.findUniqueOrThrow({ where: { id } })).desiredState).toBe("running");
  });
});
