import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { LEGACY_SCOPES, TOKEN_SCOPES, type TokenScope } from "../vocabulary/access";

/**
 * API tokens: "fd_" + 43 base64url characters (256 random bits). Only the SHA-256 of the token is
 * stored (a fast hash is right for a high-entropy secret: nothing to brute-force); the first
 * characters are kept as `prefix` so people can tell their tokens apart.
 */

export const TOKEN_PREFIX = "fd_";
const TOKEN_RE = /^fd_[A-Za-z0-9_-]{43}$/;

export const tokenScopesSchema = z
  .array(z.enum(TOKEN_SCOPES, { message: `use one of ${TOKEN_SCOPES.join(", ")}` }))
  .min(1, `give at least one scope: ${TOKEN_SCOPES.join(", ")}`)
  .transform((scopes) => [...new Set(scopes)]);

export function generateToken(): { token: string; prefix: string; hashedToken: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, 10), hashedToken: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_RE.test(value);
}

export function tokenMatches(token: string, hashedToken: string): boolean {
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(hashedToken, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

const KNOWN = new Set<string>(TOKEN_SCOPES);

/** The scopes stored with a token; older names are read as what they meant, unknown ones grant nothing. */
export function parseScopes(stored: string): TokenScope[] {
  let list: unknown;
  try {
    list = JSON.parse(stored);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  const out = new Set<TokenScope>();
  for (const item of list) {
    if (typeof item !== "string") continue;
    const scope = LEGACY_SCOPES[item] ?? item;
    if (KNOWN.has(scope)) out.add(scope as TokenScope);
  }
  return [...out];
}

export type TokenState = "active" | "expired" | "revoked";

export function tokenState(row: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): TokenState {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The bearer token in an Authorization header, or null. */
export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return m ? m[1]! : null;
}
