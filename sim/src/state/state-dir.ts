import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/**
 * The state directory shared by every simulated container of one host (sim/README.md, "State
 * directory"): each engine writes `engines/<id>.json` atomically (temporary file, then rename) every
 * interval; readers (gpu-exporter, nvidia-smi, a starting engine) keep entries younger than the
 * stale limit and ignore the rest. Version 1 of the format.
 */
export const gpuUseSchema = z.object({
  uuid: z.string(),
  index: z.number().int().nonnegative(),
  memoryUsedBytes: z.number().int().nonnegative(),
  /** Share of the last interval the GPU spent on this engine's steps, 0–1. */
  utilization: z.number().min(0).max(1),
});

export const engineEntrySchema = z.object({
  version: z.literal(1),
  id: z.string(),
  engine: z.enum(["vllm", "tgi"]),
  pid: z.number().int(),
  containerId: z.string().nullable(),
  host: z.string(),
  model: z.string(),
  processName: z.string(),
  updatedAtMs: z.number(),
  gpus: z.array(gpuUseSchema),
});

export type EngineEntry = z.infer<typeof engineEntrySchema>;
export type GpuUse = z.infer<typeof gpuUseSchema>;

const enginesDir = (dir: string) => join(dir, "engines");
/** Entry file names are the entry id with anything outside [A-Za-z0-9._-] replaced. */
const fileOf = (dir: string, id: string) => join(enginesDir(dir), `${id.replace(/[^A-Za-z0-9._-]/g, "_")}.json`);

export function writeEntry(dir: string, entry: EngineEntry): void {
  mkdirSync(enginesDir(dir), { recursive: true });
  const path = fileOf(dir, entry.id);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(entry));
  renameSync(temporary, path);
}

export function removeEntry(dir: string, id: string): void {
  rmSync(fileOf(dir, id), { force: true });
}

/** Fresh, well-formed entries; malformed files and temporary files are skipped. */
export function readEntries(dir: string, nowMs: number, staleMs: number): EngineEntry[] {
  let names: string[];
  try {
    names = readdirSync(enginesDir(dir)).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  const entries: EngineEntry[] = [];
  for (const name of names) {
    try {
      const parsed = engineEntrySchema.safeParse(JSON.parse(readFileSync(join(enginesDir(dir), name), "utf8")));
      if (parsed.success && nowMs - parsed.data.updatedAtMs <= staleMs) entries.push(parsed.data);
    } catch {
      // A file removed or replaced between readdir and read: skip it.
    }
  }
  return entries;
}

/** Memory and utilisation of one GPU summed over fresh entries. */
export function gpuLoad(
  entries: readonly EngineEntry[],
  uuid: string,
): { memoryUsedBytes: number; utilization: number; holders: Array<{ entry: EngineEntry; use: GpuUse }> } {
  const holders = entries.flatMap((entry) =>
    entry.gpus.filter((use) => use.uuid === uuid).map((use) => ({ entry, use })),
  );
  return {
    memoryUsedBytes: holders.reduce((sum, h) => sum + h.use.memoryUsedBytes, 0),
    utilization: Math.min(
      1,
      holders.reduce((sum, h) => sum + h.use.utilization, 0),
    ),
    holders,
  };
}
