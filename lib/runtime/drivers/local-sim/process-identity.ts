import { readFileSync } from "node:fs";

/**
 * The process's start time in clock ticks since boot (/proc/<pid>/stat, field 22), or null when it is gone or a
 * zombie (dead, waiting for its parent to collect it).
 */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return null;
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether `pid` is still the process that was started as `start` (not a later process that reused the pid). */
export function sameProcess(pid: number | null, start: string | null): boolean {
  if (pid === null || start === null) return false;
  return processStart(pid) === start;
}
