import { describe, expect, it } from "vitest";
import {
  bearerToken,
  generateToken,
  hashToken,
  looksLikeToken,
  parseScopes,
  tokenMatches,
  tokenState,
} from "./token-format";

describe("token format and hashing", () => {
  it("generates fd_ tokens of 256 random bits, stores only a SHA-256", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.prefix).toBe(a.token.slice(0, 10));
    expect(a.hashedToken).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hashedToken).toBe(hashToken(a.token));
    expect(a.hashedToken).not.toContain(a.token.slice(3, 13));
    expect(tokenMatches(a.token, a.hashedToken)).toBe(true);
    expect(tokenMatches(b.token, a.hashedToken)).toBe(false);
    expect(looksLikeToken(a.token)).toBe(true);
    expect(looksLikeToken("fd_short")).toBe(false);
  });
  it("states: active, expired at its expiry instant, revoked wins", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    expect(tokenState({ expiresAt: null, revokedAt: null }, now)).toBe("active");
    expect(tokenState({ expiresAt: now, revokedAt: null }, now)).toBe("expired");
    expect(tokenState({ expiresAt: new Date(now.getTime() + 1), revokedAt: null }, now)).toBe("active");
    expect(tokenState({ expiresAt: new Date(now.getTime() + 1), revokedAt: now }, now)).toBe("revoked");
  });
  it("parses Bearer headers and stored scopes defensively", () => {
    expect(bearerToken(new Headers({ authorization: "Bearer fd_x" }))).toBe("fd_x");
    expect(bearerToken(new Headers({ authorization: "Basic abc" }))).toBeNull();
    expect(parseScopes('["read","layouts:write"]')).toEqual(["read", "layouts:write"]);
    // "write" meant apply, start and stop; an unknown scope grants nothing and does not void the others.
    expect(parseScopes('["read","write"]')).toEqual(["read", "instances:operate"]);
    expect(parseScopes('["root","read",7]')).toEqual(["read"]);
    expect(parseScopes('{"read":true}')).toEqual([]);
    expect(parseScopes("not json")).toEqual([]);
  });
});
