import { randomBytes } from "node:crypto";
import os from "node:os";

/** This process's name as a lease holder: machine, pid and a random part (pids are reused). */
export function leaseHolderId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/**
 * Whether a holder is a process on this machine that no longer exists: after a crash (kill -9) the restarted server
 * takes the lease at once instead of waiting for it to expire.
 */
export function holderGone(holder: string): boolean {
  const [host, pid] = holder.split(":");
  if (host !== os.hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
