import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Test helpers: a lock between the tests that stop the harness's second dockerd (scripts/test-env.sh docker2-stop)
 * and the tests that need it up (TLS, SSH, its socket). vitest runs files in parallel: without it, a test that stops
 * the daemon breaks every other test talking to it meanwhile, and two outages end each other early.
 *
 * Readers register a file under USERS, then check that no outage is on (else they step back and wait); an outage
 * takes LOCK (mkdir is atomic), then waits until no live reader is left. Entries of processes that died are ignored.
 */
const ROOT = "/run/fleetdeck-test";
const LOCK = path.join(ROOT, "docker2-outage.lock");
const USERS = path.join(ROOT, "docker2-users");

/** When a process started (/proc/<pid>/stat field 22), or "?" where there is no /proc. */
function startOf(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: the fields after its closing ")" start at field 3.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "?";
  } catch {
    return "?";
  }
}

/** This process as "pid.start", so an entry it leaves behind is not taken for a later process given the same pid. */
export const me = () => `${process.pid}.${startOf(process.pid)}`;

/** Whether the process that wrote `id` ("pid.start") still runs: pids come round again (pid_max is 32,768 here). */
export const alive = (id: string) => {
  const [pid, start] = id.split(".");
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return start === "?" || startOf(Number(pid)) === start;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function lockIsStale(): boolean {
  try {
    return !alive(readFileSync(path.join(LOCK, "pid"), "utf8").trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return true;
    // No pid yet: its owner is between mkdir and writeFile, unless that was long ago.
    try {
      return Date.now() - statSync(LOCK).mtimeMs > 5000;
    } catch {
      return false;
    }
  }
}

function outageOn(): boolean {
  try {
    statSync(LOCK);
  } catch {
    return false;
  }
  if (!lockIsStale()) return true;
  rmSync(LOCK, { recursive: true, force: true });
  return false;
}

const liveReaders = () => {
  try {
    return readdirSync(USERS).filter((name) => alive(name.split("-")[0]!));
  } catch {
    return [];
  }
};

/** For tests that need the second daemon up: waits while an outage is on; returns the function that lets go. */
export async function useDocker2(timeoutMs = 240_000): Promise<() => void> {
  mkdirSync(USERS, { recursive: true });
  const entry = path.join(USERS, `${me()}-${Math.random().toString(36).slice(2)}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    writeFileSync(entry, "");
    if (!outageOn()) return () => rmSync(entry, { force: true });
    rmSync(entry, { force: true });
    if (Date.now() > deadline) throw new Error(`the second dockerd stayed stopped by another test for ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** For tests that stop the second daemon: waits for the lock and for no test using it; returns the release. */
export async function lockDocker2Outage(timeoutMs = 300_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  const release = () => rmSync(LOCK, { recursive: true, force: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, "pid"), me());
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      outageOn(); // clears a stale lock
    }
    if (Date.now() > deadline) throw new Error(`another test held ${LOCK} for ${timeoutMs} ms`);
    await sleep(250);
  }
  while (liveReaders().length > 0) {
    if (Date.now() > deadline) {
      release();
      throw new Error(`tests kept using the second dockerd for ${timeoutMs} ms: ${liveReaders().join(", ")}`);
    }
    await sleep(250);
  }
  return release;
}
