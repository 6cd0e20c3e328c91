import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../auth/testing/test-users";

/** The one-runner lease on a real SQLite database. */

let acquire: typeof import("../../queries/runtime/acquire-lease").acquireLease;
let release: typeof import("../../queries/runtime/release-lease").releaseLease;
let client: import("../../queries/db").Db;

beforeAll(async () => {
  await useTestDatabase();
  ({ acquireLease: acquire } = await import("../../queries/runtime/acquire-lease"));
  ({ releaseLease: release } = await import("../../queries/runtime/release-lease"));
  client = (await import("../../queries/db")).db();
});

const request = (holder: string, nowMs: number, extra = {}) => ({ name: "test", holder, ttlMs: 1000, nowMs, ...extra });

describe("acquireLease", () => {
  it("gives a free lease to the first caller and keeps others out until it expires", async () => {
    expect(await acquire(client, request("a", 0))).toBe(true);
    expect(await acquire(client, request("b", 500))).toBe(false);
    expect(await acquire(client, request("a", 900))).toBe(true); // renewed until 1900
    expect(await acquire(client, request("b", 1500))).toBe(false);
    expect(await acquire(client, request("b", 1901))).toBe(true);
    expect(await acquire(client, request("a", 1950))).toBe(false);
  });
  it("is taken at once from a holder known to be gone", async () => {
    expect(await acquire(client, request("c", 2000, { holderGone: (h: string) => h === "b" }))).toBe(true);
  });
  it("of two callers racing for an expired lease, exactly one wins", async () => {
    const results = await Promise.all(["d", "e", "f", "g"].map((h) => acquire(client, request(h, 10_000))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
  it("can be released by its holder only", async () => {
    const row = await client.runtimeLease.findUniqueOrThrow({ where: { name: "test" } });
    await release(client, "test", "someone-else");
    expect(await client.runtimeLease.count({ where: { name: "test" } })).toBe(1);
    await release(client, "test", row.holder);
    expect(await acquire(client, request("z", 10_001))).toBe(true);
  });
});
