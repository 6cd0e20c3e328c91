import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "./env";

/**
 * FLEETDECK_SECRET, or a secret generated on first run and kept in the data directory
 * (mode 0600) so sessions and encrypted secrets survive restarts.
 */
export function fleetdeckSecret(): string {
  const { FLEETDECK_SECRET, FLEETDECK_DATA_DIR } = env();
  if (FLEETDECK_SECRET) return FLEETDECK_SECRET;
  const file = join(FLEETDECK_DATA_DIR, "secret");
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
    throw new Error(
      `fleetdeck: ${file} holds a secret shorter than 32 characters: delete it to generate a new one, or set FLEETDECK_SECRET`,
    );
  }
  mkdirSync(FLEETDECK_DATA_DIR, { recursive: true });
  const generated = randomBytes(32).toString("hex");
  writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return generated;
}
