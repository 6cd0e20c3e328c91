import "server-only";
import { open } from "node:fs/promises";
import type { StartupLogReader } from "./gather-predicted";

/** Start-up lines come first: reading the head of the file is enough, however long the engine has run. */
const HEAD_BYTES = 1024 * 1024;

/** The default StartupLogReader: the head of the replica's log file, when the runtime keeps one. */
export const readStartupLogFile: StartupLogReader = async (_instance, replica) => {
  if (!replica.logFile) return null;
  const file = await open(replica.logFile, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString("utf8").split(/\r?\n/);
  } finally {
    await file.close();
  }
};
