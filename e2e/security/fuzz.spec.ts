import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { seedFleet, type Seeded } from "../auth/seed";
import { ORIGIN, adminCookie, raw, serverActions, signInCookie } from "./http";
import { ensureUser, insertToken, person } from "./people";

/**
 * Issue 11: random bodies to every server action (from the build's manifest) and every /api/v1 operation (from the
 * OpenAPI document), as every kind of caller, against the running server. Nothing may answer 5xx, and no action
 * may hide an internal error behind "Something went wrong (reference …)". 8 requests in flight at a time.
 */

const CONCURRENCY = 8;
const RANDOM_BATCHES = 260; // × CONCURRENCY = 2,080 random cases, plus one sweep of {} over every target × caller

type Caller = { name: string; headers: Record<string, string>; from: string };
type Target =
  | { kind: "action"; name: string; id: string; page: string }
  | { kind: "api"; name: string; method: string; path: string; bodyKeys: string[] };
interface Case {
  target: Target;
  caller: Caller;
  body: unknown;
  raw: string | null;
  pathValues: string[];
  query: [string, string][];
}

const KEYS = [
  "layoutId",
  "revisionId",
  "instanceId",
  "userId",
  "grantId",
  "tokenId",
  "secretId",
  "document",
  "note",
  "baseNumber",
  "name",
  "email",
  "username",
  "password",
  "role",
  "selector",
  "scopes",
  "expiresInDays",
  "kind",
  "value",
  "identifier",
  "secret",
  "limit",
  "cursor",
  "archived",
];

/** Values that React's action encoding reads as something other than a string: BigInt, Date, NaN, references… */
const FLIGHT = fc.constantFrom(
  "$n1",
  "$n99999999999999999999999",
  "$D2020-01-01T00:00:00.000Z",
  "$Dnot-a-date",
  "$NaN",
  "$Infinity",
  "$-Infinity",
  "$-0",
  "$undefined",
  "$@0",
  "$@1",
  "$@ff",
  "$K1",
  "$Q0",
  "$W0",
  "$T",
  "$h0",
  "$F0",
  "$B1",
  "$i0",
  "$R0",
  "$r0",
  "$X0",
  "$l0",
  "$Y0",
  "$$literal",
  "$",
  "$0",
  "$0:a:b",
);
const NASTY = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\ud800",
  "x".repeat(5000),
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "2147483648",
  "99999999999999999999",
  "-1",
  "1e309",
  "*",
  "team=a",
  "admin",
  "read",
  "instances:operate",
  `fd_${"A".repeat(43)}`,
  "00000000-0000-0000-0000-000000000000",
);
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  FLIGHT,
  NASTY,
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...KEYS)), tie("value"), { maxKeys: 4 }),
  ),
}));

/** Close to a real layout, so the deeper checks (placement, hosts, grants) run too. */
const layoutLike = fc.record({
  name: fc.oneof(fc.string({ maxLength: 30 }), NASTY),
  hosts: fc.array(
    fc.record({
      id: fc.constantFrom("gpu-a-fuzz", "gpu-b-fuzz", "nowhere", "h"),
      name: fc.constantFrom("gpu-a-fuzz", "gpu-b-fuzz", "nowhere"),
      gpus: fc.array(
        fc.record({ index: fc.integer({ min: -1, max: 70 }), gpuId: fc.constantFrom("h100-sxm-80gb", "custom", "x") }),
        { maxLength: 3 },
      ),
      ramBytes: fc.oneof(fc.nat(), fc.constant("64GiB"), FLIGHT),
      cpuCores: fc.integer({ min: 0, max: 5000 }),
      labels: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
    }),
    { maxLength: 2 },
  ),
  instances: fc.array(
    fc.record({
      id: fc.constantFrom("q", "qwen-a", "qwen-b", "x y"),
      engine: fc.constantFrom("vllm", "tgi", "other"),
      model: fc.constantFrom("Qwen/Qwen2.5-7B-Instruct", "", "nope/nope"),
      tp: fc.integer({ min: -1, max: 16 }),
      placement: fc.option(
        fc.record({
          hostId: fc.constantFrom("gpu-a-fuzz", "gpu-b-fuzz", "h"),
          gpuIndices: fc.array(fc.integer({ min: -1, max: 70 }), { maxLength: 3 }),
        }),
      ),
    }),
    { maxLength: 3 },
  ),
});

function bodyFor(keys: string[]) {
  const known = keys.length ? keys : KEYS;
  return fc.oneof(
    fc.dictionary(fc.constantFrom(...known), fc.oneof(value, layoutLike), { maxKeys: 6 }),
    fc.record({ document: layoutLike, note: fc.string({ maxLength: 20 }), layoutId: fc.string({ maxLength: 40 }) }),
    value,
  );
}

const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.integer({ min: 1, max: 200 }).map((n) => `[${"[".repeat(n)}${"]".repeat(n)}]`),
  fc.integer({ min: 1, max: 200 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
  fc.constantFrom("[", "[{", "null", "{}", '"x"', "[1,2", "\u0000", '["$@0"]', '["$K1"]', '["$Q1",[]]'),
);

function isPaired(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (c <= 0xdbff) return at + 1 < s.length && s.charCodeAt(at + 1) >= 0xdc00 && s.charCodeAt(at + 1) <= 0xdfff;
  return at > 0 && s.charCodeAt(at - 1) >= 0xd800 && s.charCodeAt(at - 1) <= 0xdbff;
}

function fill(path: string, values: string[]): string {
  let i = 0;
  // A lone surrogate cannot be percent-encoded (it is not text): send U+FFFD, as a browser would.
  const wellFormed = (s: string) => s.replace(/[\ud800-\udfff]/g, (c, at: number) => (isPaired(s, at) ? c : "\ufffd"));
  return path.replace(/\{\w+\}/g, () => encodeURIComponent(wellFormed(values[i++] ?? "x")));
}

async function send(c: Case): Promise<{ status: number; text: string }> {
  if (c.target.kind === "action") {
    const body = c.raw ?? JSON.stringify([c.body]);
    return raw("POST", c.target.page, {
      headers: {
        "next-action": c.target.id,
        "content-type": "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: ORIGIN,
        ...c.caller.headers,
      },
      body,
      from: c.caller.from,
    });
  }
  const path = fill(c.target.path, c.pathValues);
  const query = c.query.length ? `?${new URLSearchParams(c.query)}` : "";
  const hasBody = c.target.method !== "GET";
  return raw(c.target.method, `${path}${query}`, {
    headers: { "content-type": "application/json", ...c.caller.headers },
    body: hasBody ? (c.raw ?? JSON.stringify(c.body) ?? "null") : undefined,
    from: c.caller.from,
  });
}

function problem(c: Case, r: { status: number; text: string }): string | null {
  // An error row whose digest is not Next's own redirect or not-found signal is an internal error sent as 200.
  const internal = /Something went wrong \(reference|^[0-9a-f]+:E\{"digest":"(?!NEXT_)/m.test(r.text);
  if (r.status < 500 && !internal) return null;
  const body = (c.raw ?? JSON.stringify(c.body) ?? "").slice(0, 300);
  return `${c.caller.name} ${c.target.name} → ${r.status} ${r.text.slice(0, 200)} | body ${body}`;
}

test.describe.configure({ mode: "serial" });

let callers: Caller[] = [];
let targets: Target[] = [];
let fleet: Seeded;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fleet = seedFleet(`fuzz-${Date.now().toString(36)}`);
  const viewer = person("fuzz-viewer");
  const operator = person("fuzz-operator");
  const admin = person("fuzz-admin");
  await ensureUser(viewer, "viewer");
  await ensureUser(operator, "operator", ["team=a"]);
  await ensureUser(admin, "admin");
  const cookie = async (p: typeof viewer) => ({ cookie: await signInCookie(p.username, p.password) });
  const bearer = (email: string, scopes: string[]) => ({ authorization: `Bearer ${insertToken(email, scopes)}` });
  callers = [
    { name: "anonymous", headers: {}, from: "127.0.2.1" },
    { name: "viewer", headers: await cookie(viewer), from: "127.0.2.2" },
    { name: "operator", headers: await cookie(operator), from: "127.0.2.3" },
    { name: "admin", headers: await cookie(admin), from: "127.0.2.4" },
    { name: "read token", headers: bearer(viewer.email, ["read"]), from: "127.0.2.5" },
    {
      name: "operator token",
      headers: bearer(operator.email, ["read", "layouts:write", "instances:operate"]),
      from: "127.0.2.6",
    },
    {
      name: "admin token",
      headers: bearer(admin.email, [
        "read",
        "layouts:write",
        "instances:operate",
        "hosts:manage",
        "users:manage",
        "tokens:manage",
      ]),
      from: "127.0.2.7",
    },
    { name: "forged token", headers: { authorization: `Bearer fd_${"x".repeat(43)}` }, from: "127.0.2.8" },
  ];
  // Sessions must survive the run: signing out is fuzzed only by callers without a session.
  const actions: Target[] = serverActions().map((a) => ({ kind: "action", name: a.file, id: a.id, page: a.page }));
  const doc = await raw("GET", "/api/v1/openapi.json", { headers: { cookie: adminCookie() } });
  expect(doc.status).toBe(200);
  const paths = JSON.parse(doc.text).paths as Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
        parameters?: { name: string }[];
      }
    >
  >;
  const api: Target[] = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      kind: "api" as const,
      name: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      bodyKeys: [
        ...Object.keys(op.requestBody?.content["application/json"]?.schema.properties ?? {}),
        ...(op.parameters ?? []).map((p) => p.name),
      ],
    })),
  );
  targets = [...actions, ...api];
  expect(actions.length).toBeGreaterThanOrEqual(25);
  expect(api.length).toBeGreaterThanOrEqual(25);
});

function isSessionKiller(t: Target, c: Caller): boolean {
  return t.kind === "action" && /sign-out/.test(t.name) && "cookie" in c.headers;
}

async function runAll(cases: Case[], failures: string[]): Promise<number> {
  let sent = 0;
  for (let i = 0; i < cases.length; i += CONCURRENCY) {
    const batch = cases.slice(i, i + CONCURRENCY);
    // A request the server dropped without an answer is a failure too, reported like a 5xx.
    const results = await Promise.all(
      batch.map((c) => send(c).catch((err: Error) => ({ status: 599, text: `no answer: ${err.message}` }))),
    );
    results.forEach((r, j) => {
      const p = problem(batch[j]!, r);
      if (p) failures.push(p);
    });
    sent += batch.length;
  }
  return sent;
}

test("every target, as every caller, answers {} without a server error", async () => {
  test.setTimeout(240_000);
  const ids = [fleet.layoutIds.a!, fleet.revisions.a!];
  const cases: Case[] = targets.flatMap((target) =>
    callers
      .filter((caller) => !isSessionKiller(target, caller))
      .map((caller) => ({ target, caller, body: {}, raw: null, pathValues: ids, query: [] })),
  );
  const failures: string[] = [];
  const sent = await runAll(cases, failures);
  console.log(`fuzz sweep: ${sent} requests (${targets.length} targets × ${callers.length} callers)`);
  expect(failures.slice(0, 10)).toEqual([]);
});

test("2,080 random bodies to random targets as random callers: never a server error", async () => {
  test.setTimeout(600_000);
  const real = [fleet.layoutIds.a!, fleet.layoutIds.b!, fleet.revisions.a!, fleet.revisions.b!];
  const caseArb = fc
    .record({
      t: fc.nat({ max: targets.length - 1 }),
      c: fc.nat({ max: callers.length - 1 }),
      pathValues: fc.array(fc.oneof(fc.constantFrom(...real), fc.string({ maxLength: 30 }), NASTY), {
        minLength: 2,
        maxLength: 2,
      }),
      query: fc.array(
        fc.tuple(
          fc.constantFrom("limit", "cursor", "archived", "q", "x"),
          fc.oneof(fc.string({ maxLength: 20 }), NASTY),
        ),
        { maxLength: 3 },
      ),
      useRaw: fc.nat({ max: 9 }),
      raw: rawBody,
      seed: fc.nat(),
    })
    .chain((r) => {
      const target = targets[r.t]!;
      return bodyFor(target.kind === "api" ? target.bodyKeys : []).map(
        (body): Case => ({
          target,
          caller: callers[r.c]!,
          body,
          raw: r.useRaw === 0 ? r.raw : null,
          pathValues: r.pathValues,
          query: r.query,
        }),
      );
    })
    .filter((c) => !isSessionKiller(c.target, c.caller));
  let sent = 0;
  const failures: string[] = [];
  await fc
    .assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: CONCURRENCY, maxLength: CONCURRENCY }), async (batch) => {
        const before = failures.length;
        sent += await runAll(batch, failures);
        return failures.length === before;
      }),
      {
        numRuns: RANDOM_BATCHES,
        endOnFailure: true,
        seed: Number(process.env.FLEETDECK_FUZZ_SEED ?? Date.now() % 2 ** 31),
      },
    )
    .catch((err: Error) => {
      throw new Error(
        `${err.message.split("\n").slice(0, 4).join("\n")}\nfailures:\n${failures.slice(0, 10).join("\n")}`,
      );
    });
  console.log(`fuzz: ${sent} random requests, ${failures.length} server errors`);
  expect(sent).toBeGreaterThanOrEqual(2000);
  expect(failures).toEqual([]);
});
