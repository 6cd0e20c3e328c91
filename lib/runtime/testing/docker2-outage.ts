import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Test helper: tests that stop the harness's second dockerd (scripts/test-env.sh docker2-stop) take this lock first,
 * so two of them never overlap (vitest runs files in parallel, and one test's restart would end another's outage).
 * The lock is a directory (mkdir is atomic) holding the owner's pid; a lock whose owner died is taken over.
 */
const LOCK = "/run/fleetdeck-test/docker2-outage.lock";

function stale(): boolean {
  try {
    process.kill(Number(readFileSync(path.join(LOCK, "pid"), "utf8")), 0);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EPERM") return false;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      // No pid yet: its owner is between mkdir and writeFile, unless that was long ago.
      try {
        return Date.now() - statSync(LOCK).mtimeMs > 5000;
      } catch {
        return false;
      }
    }
    return true; // ESRCH: the owner is gone
  }
}

/** Waits for the lock (at most `timeoutMs`) and returns the function that releases it. */
export async function lockDocker2Outage(timeoutMs = 240_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (stale()) rmSync(LOCK, { recursive: true, force: true });
    }
    if (Date.now() > deadline) throw new Error(`another test held ${LOCK} for ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
