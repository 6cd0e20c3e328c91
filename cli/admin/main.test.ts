import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The real `admin create-token` command, spawned against a fresh database seeded headless (as for automation). */

const ROOT = join(import.meta.dirname, "../..");

function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", "cli/index.ts", "admin", ...args],
      { cwd: ROOT, env: { ...process.env, ...env, LOG_LEVEL: "silent" } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe("admin create-token", () => {
  it("makes a scoped token for an existing user in the local database, and explains every refusal", {
    timeout: 180_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetdeck-admin-cli-"));
    const env = { DATABASE_URL: `file:${join(dir, "db.sqlite")}`, FLEETDECK_DATA_DIR: dir };
    const missing = await cli(["create-token", "--user", "admin", "--scope", "read"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no user "admin"');

    const { migrate } = await import("../../lib/migrations");
    await migrate(env.DATABASE_URL);
    process.env.DATABASE_URL = env.DATABASE_URL;
    process.env.FLEETDECK_DATA_DIR = dir;
    const { seedAdminFromEnv } = await import("../../lib/auth/first-run");
    await seedAdminFromEnv({
      FLEETDECK_ADMIN_EMAIL: "root@example.test",
      FLEETDECK_ADMIN_PASSWORD: "headless passphrase",
    });

    const made = await cli(
      ["create-token", "--user", "ROOT@example.test", "--scope", "read,users:manage", "--json"],
      env,
    );
    expect(made.code, made.stderr).toBe(0);
    const out = JSON.parse(made.stdout);
    expect(out.token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
    expect(out).toMatchObject({ scopes: ["read", "users:manage"], user: { username: "admin", role: "admin" } });
    const { db } = await import("../../lib/queries/db");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "token.create", targetId: out.id } });
    expect(audit.actorLabel).toBe("local CLI (admin create-token)");
    expect(audit.after).not.toContain(out.token);

    for (const [args, code, message] of [
      [["--user", "admin", "--scope", "write"], 2, "--scope: use one of read, layouts:write"],
      [["--user", "admin"], 2, "--scope: give at least one scope"],
      [["--user", "admin", "--scope", "read", "--days", "400"], 2, "--days: give --days a whole number from 1 to 365"],
      [["--user", "admin", "--scope", "read", "--bogus"], 2, "Unknown option '--bogus'"],
    ] as const) {
      const r = await cli(["create-token", ...args], env);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toContain(message);
    }
  });
});
