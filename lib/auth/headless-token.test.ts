import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `cli admin create-token` runs beside the server, which writes to the same SQLite file. A write that lands between the
 * token transaction's first read and its insert used to fail it at once ("Operation has timed out", SQLITE_BUSY on a
 * stale snapshot). Here a second connection writes every millisecond while tokens are made.
 */
describe("headless tokens while another connection writes", () => {
  it("makes every token", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "fleetdeck-headless-busy-"));
    const url = `file:${join(dir, "db.sqlite")}`;
    const { migrate } = await import("../migrations");
    await migrate(url);
    process.env.DATABASE_URL = url;
    process.env.FLEETDECK_DATA_DIR = dir;
    const { seedAdminFromEnv } = await import("./first-run");
    await seedAdminFromEnv({ FLEETDECK_ADMIN_EMAIL: "root@example.test", FLEETDECK_ADMIN_PASSWORD: "busy passphrase" });
    const { createHeadlessToken } = await import("./headless-token");

    const file = join(dir, "db.sqlite");
    const other = new Database(file);
    other.exec(`CREATE TABLE "busy_probe" ("n" INTEGER)`);
    // Another process, as the server is: a write every millisecond until killed.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const db = new (require("better-sqlite3"))(${JSON.stringify(file)}); db.pragma("busy_timeout = 5000");
         const ins = db.prepare('INSERT INTO "busy_probe" ("n") VALUES (?)'); let n = 0;
         setInterval(() => ins.run(n++), 1);`,
      ],
      { cwd: process.cwd(), stdio: "ignore" },
    );
    try {
      while ((other.prepare(`SELECT count(*) AS c FROM "busy_probe"`).get() as { c: number }).c < 20)
        await new Promise((r) => setTimeout(r, 20));
      const made = [];
      for (let i = 0; i < 60; i++) made.push(await createHeadlessToken({ user: "admin", scopes: ["read"] }));
      expect(new Set(made.map((t) => t.id)).size).toBe(60);
    } finally {
      writer.kill("SIGKILL");
      other.close();
    }
  });
});
