import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * One simulated engine process, as a file: what to run, on which port, and what it does now. The files outlive the
 * server, so a restarted server adopts the engines that still run instead of starting duplicates.
 */
export const processRecordSchema = z.object({
  version: z.literal(1),
  id: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  engine: z.enum(["vllm", "tgi"]),
  argv: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  port: z.number().int().min(1).max(65535),
  desired: z.enum(["running", "stopped"]),
  state: z.enum(["created", "running", "restarting", "exited"]),
  pid: z.number().int().nullable(),
  /** /proc/<pid>/stat's start time: tells our process from a later one that got the same pid. */
  pidStart: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  restarts: z.number().int().min(0),
  createdAtMs: z.number(),
  startedAtMs: z.number().nullable(),
});

export type ProcessRecord = z.infer<typeof processRecordSchema>;

export class RecordStore {
  readonly procs: string;
  readonly logs: string;

  constructor(readonly dir: string) {
    this.procs = path.join(dir, "procs");
    this.logs = path.join(dir, "logs");
    mkdirSync(this.procs, { recursive: true });
    mkdirSync(this.logs, { recursive: true });
  }

  logPath = (id: string) => path.join(this.logs, `${id}.log`);

  /** Written to a temporary file and renamed, so a reader never sees half a record. */
  save(record: ProcessRecord): void {
    const file = path.join(this.procs, `${record.id}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
  }

  delete(id: string): void {
    rmSync(path.join(this.procs, `${id}.json`), { force: true });
    rmSync(this.logPath(id), { force: true });
  }

  /** Every readable record; a damaged file is skipped (and left for a person to look at). */
  loadAll(): ProcessRecord[] {
    const records: ProcessRecord[] = [];
    for (const entry of readdirSync(this.procs)) {
      if (!entry.endsWith(".json")) continue;
      try {
        const parsed = processRecordSchema.safeParse(JSON.parse(readFileSync(path.join(this.procs, entry), "utf8")));
        if (parsed.success) records.push(parsed.data);
      } catch {
        // a torn or foreign file
      }
    }
    return records;
  }
}
