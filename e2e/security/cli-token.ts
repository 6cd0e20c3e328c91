import { execFileSync } from "node:child_process";
import { E2E_DATA_DIR, E2E_DB } from "../../playwright.config";

/** A token made the headless way (`npm run --silent cli -- admin create-token`) on the e2e server's own database. */
export function createToken(user: string, scopes: string[]): string {
  const out = execFileSync(
    "npm",
    ["run", "--silent", "cli", "--", "admin", "create-token", "--user", user, "--scope", scopes.join(","), "--json"],
    { env: { ...process.env, DATABASE_URL: `file:./${E2E_DB}`, FLEETDECK_DATA_DIR: E2E_DATA_DIR }, encoding: "utf8" },
  );
  return JSON.parse(out).token;
}
