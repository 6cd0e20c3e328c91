import { closeSync, openSync, readSync, statSync } from "node:fs";
import { splitLines } from "../../observe/log-lines";

const TAIL_WINDOW_BYTES = 256 * 1024;

function readRange(file: string, from: number, to: number): string {
  if (to <= from) return "";
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(to - from);
    const read = readSync(fd, buffer, 0, buffer.length, from);
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

const sizeOf = (file: string): number | null => {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
};

/** The last `tail` lines of a log file (looking at its last 256 KiB at most). */
export function tailLines(file: string, tail: number): string[] {
  const size = sizeOf(file);
  if (size === null || tail <= 0) return [];
  const text = readRange(file, Math.max(0, size - TAIL_WINDOW_BYTES), size);
  return splitLines(text).slice(-tail);
}

/** The last `tail` lines, then each new line as the file grows, until `signal` aborts or the file disappears. */
export async function* followFile(
  file: string,
  { tail, signal, pollMs = 200 }: { tail: number; signal: AbortSignal; pollMs?: number },
): AsyncIterable<string> {
  yield* tailLines(file, tail);
  let offset = sizeOf(file) ?? 0;
  let partial = "";
  while (!signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const size = sizeOf(file);
    if (size === null) return;
    if (size < offset) offset = 0;
    if (size === offset) continue;
    const pieces = (partial + readRange(file, offset, size)).split("\n");
    offset = size;
    partial = pieces.pop() ?? "";
    for (const line of pieces) yield line.replace(/\r$/, "").split("\r").pop() ?? "";
  }
}
