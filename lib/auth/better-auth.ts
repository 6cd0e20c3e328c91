import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import { db } from "../queries/db";
import { env } from "../server/env";
import { providerOf } from "../migrations";
import { clientProto } from "../server/http-gate/client-headers";
import { fleetdeckSecret } from "../server/master-secret";

/**
 * better-auth, for what it does well: password hashing (scrypt via node:crypto), database sessions
 * with sliding expiry, signed HttpOnly cookies. Its HTTP handler is not mounted: sign-in, sign-out
 * and first-run setup are our own server actions (rate limited, audited), which call auth.api.*.
 */

export const SESSION_SECONDS = 7 * 24 * 3600;
/** A session used after this long is extended by another SESSION_SECONDS (sliding expiry). */
export const SESSION_REFRESH_SECONDS = 24 * 3600;

function build(secureCookies: boolean) {
  const { DATABASE_URL, PORT, FLEETDECK_ALLOWED_ORIGINS, FLEETDECK_PUBLIC_URL } = env();
  return betterAuth({
    appName: "fleetdeck",
    secret: fleetdeckSecret(),
    baseURL: FLEETDECK_PUBLIC_URL ?? `http://localhost:${PORT}`,
    trustedOrigins: FLEETDECK_ALLOWED_ORIGINS.map((o) => (o.includes("://") ? o : `https://${o}`)),
    database: prismaAdapter(db(), { provider: providerOf(DATABASE_URL) }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      autoSignIn: false,
    },
    session: { expiresIn: SESSION_SECONDS, updateAge: SESSION_REFRESH_SECONDS },
    rateLimit: { enabled: false }, // our own limiter (lib/auth/rate-limit.ts) is per account and per address
    telemetry: { enabled: false },
    logger: { level: "error" }, // "User not found" on every wrong guess is what the audit log is for
    advanced: {
      useSecureCookies: secureCookies,
      cookiePrefix: "fleetdeck",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", path: "/" },
    },
    plugins: [
      username({ minUsernameLength: 2, maxUsernameLength: 40, usernameValidator: (u) => /^[A-Za-z0-9._-]+$/.test(u) }),
      nextCookies(),
    ],
  });
}

export type Auth = ReturnType<typeof build>;

const holder = globalThis as typeof globalThis & { __fleetdeckAuth?: Map<boolean, Auth> };

/**
 * Secure cookies when the public URL is https, or when the request arrived over https (directly, or through a
 * trusted proxy that says so: FLEETDECK_TRUSTED_PROXIES); plain http on localhost keeps working for development.
 * A client's own X-Forwarded-Proto or Origin decides nothing.
 */
export function wantsSecureCookies(headers: Headers): boolean {
  const { FLEETDECK_SECURE_COOKIES: forced, FLEETDECK_PUBLIC_URL } = env();
  if (forced) return forced === "true";
  if (FLEETDECK_PUBLIC_URL?.startsWith("https://")) return true;
  return clientProto(headers) === "https";
}

export function auth(headers: Headers): Auth {
  holder.__fleetdeckAuth ??= new Map();
  const secure = wantsSecureCookies(headers);
  let instance = holder.__fleetdeckAuth.get(secure);
  if (!instance) {
    instance = build(secure);
    holder.__fleetdeckAuth.set(secure, instance);
  }
  return instance;
}
