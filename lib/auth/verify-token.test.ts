import { beforeAll, describe, expect, it } from "vitest";
import { makeUser, tokenHeaders, useTestDatabase } from "./testing/test-users";
import { generateToken } from "../tokens/token-format";

describe("token verification against the database", () => {
  let runAs: <T>(h: Headers, fn: () => Promise<T>) => Promise<T>;
  let currentActor: () => Promise<unknown>;
  beforeAll(async () => {
    await useTestDatabase();
    ({ runWithHeaders: runAs } = await import("./request-context"));
    ({ currentActor } = await import("./authorize"));
  });

  it("a valid token resolves to its owner with its scopes; revocation and expiry take effect on the next request", async () => {
    const { db } = await import("../queries/db");
    const op = await makeUser("operator");
    const { headers, tokenId } = await tokenHeaders(op.id, ["read"]);
    expect(await runAs(headers, currentActor)).toMatchObject({
      kind: "token",
      userId: op.id,
      role: "operator",
      scopes: ["read"],
      tokenId,
    });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).not.toBeNull();
    await db().apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    expect(await runAs(headers, currentActor)).toBeNull();

    const expiring = await tokenHeaders(op.id, ["read"], new Date(Date.now() - 1));
    expect(await runAs(expiring.headers, currentActor)).toBeNull();
  });

  it("a banned owner's token stops working; an unknown token is anonymous", async () => {
    const { db } = await import("../queries/db");
    const op = await makeUser("operator");
    const { headers } = await tokenHeaders(op.id, ["read", "instances:operate"]);
    await db().user.update({ where: { id: op.id }, data: { banned: true } });
    expect(await runAs(headers, currentActor)).toBeNull();
    expect(await runAs(new Headers({ authorization: `Bearer ${generateToken().token}` }), currentActor)).toBeNull();
  });
});
