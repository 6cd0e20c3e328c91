import { existsSync } from "node:fs";
import { hostname } from "node:os";
import type { SimGpu } from "../gpu/host";
import { type EngineEntry, removeEntry, writeEntry } from "./state-dir";

export interface GpuHolding {
  gpu: SimGpu;
  memoryUsedBytes: number;
  /** Cumulative busy milliseconds of the engine core running on this GPU. */
  busyMs: () => number;
}

export interface PublisherOptions {
  dir: string;
  engine: "vllm" | "tgi";
  host: string;
  model: string;
  processName: string;
  intervalMs: number;
  holdings: GpuHolding[];
}

/** This process's identity in the state directory: container id (Docker sets HOSTNAME to it) or host name, and pid. */
export function processIdentity(): { id: string; containerId: string | null } {
  const inContainer = existsSync("/.dockerenv");
  const name = process.env.HOSTNAME || hostname();
  return { id: `${name}-${process.pid}`, containerId: inContainer ? name : null };
}

/** Writes this engine's entry now and every interval; removes it on exit. */
export class StatePublisher {
  private readonly identity = processIdentity();
  private timer: NodeJS.Timeout | undefined;
  private lastBusy: number[];
  private lastAt = Date.now();

  constructor(private readonly options: PublisherOptions) {
    this.lastBusy = options.holdings.map((h) => h.busyMs());
  }

  start(): void {
    this.publish();
    this.timer = setInterval(() => this.publish(), this.options.intervalMs);
    this.timer.unref();
    process.once("exit", () => this.stop());
  }

  stop(): void {
    clearInterval(this.timer);
    removeEntry(this.options.dir, this.identity.id);
  }

  private publish(): void {
    const now = Date.now();
    const elapsed = Math.max(1, now - this.lastAt);
    const busy = this.options.holdings.map((h) => h.busyMs());
    const entry: EngineEntry = {
      version: 1,
      id: this.identity.id,
      engine: this.options.engine,
      pid: process.pid,
      containerId: this.identity.containerId,
      host: this.options.host,
      model: this.options.model,
      processName: this.options.processName,
      updatedAtMs: now,
      gpus: this.options.holdings.map((h, i) => ({
        uuid: h.gpu.uuid,
        index: h.gpu.index,
        memoryUsedBytes: h.memoryUsedBytes,
        utilization: Math.min(1, Math.max(0, (busy[i]! - this.lastBusy[i]!) / elapsed)),
      })),
    };
    this.lastBusy = busy;
    this.lastAt = now;
    try {
      writeEntry(this.options.dir, entry);
    } catch (error) {
      process.stderr.write(
        `fleetdeck-sim: cannot write the state directory ${this.options.dir}: ${(error as Error).message}\n`,
      );
    }
  }
}
