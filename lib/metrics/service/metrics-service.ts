import "server-only";
import { createMetricsBackend, type MetricsBackend } from "../create-metrics-source";
import type { StartupLogReader } from "../predicted/gather-predicted";
import { readStartupLogFile } from "../predicted/read-startup-log-file";
import type { ScrapeTarget } from "../scrape/scrape-target";
import type { StoreOptions } from "../store/store-options";
import type { MetricsInventory } from "../targets/inventory";
import { readStaticTargets } from "../targets/read-static-targets";
import { DEFAULT_TARGET_TIMEOUT_MS, scrapeTargetsOf } from "../targets/scrape-targets-of";
import { mergeStaticTargets } from "../targets/static-targets";

export interface MetricsServiceOptions {
  /** PROMETHEUS_URL: charts read Prometheus; unset: the embedded scraper. */
  prometheusUrl?: string;
  intervalMs: number;
  store?: StoreOptions;
  /** The instances and hosts (the database). */
  readInventory: () => Promise<MetricsInventory>;
  /** The static targets file, laid over the inventory when it exists. */
  staticTargetsFile: string | null;
  targetTimeoutMs?: number;
  /** Engines' start-up logs (WIRING: the runtime's log store); default: the replica's `logFile`. */
  readStartupLog?: StartupLogReader;
}

export interface InventoryRead {
  inventory: MetricsInventory;
  /** What is wrong with the static targets file, or entries of it that name nothing known. */
  problems: string[];
  readAtMs: number;
}

/** Reads at most this often; every metrics request authorizes against the inventory. */
const INVENTORY_MAX_AGE_MS = 1000;

/**
 * The server's metrics side: the backend (embedded scraper or Prometheus) fed by the inventory, which also answers
 * who may see which series. One per process (metrics-service-holder.ts).
 */
export class MetricsService {
  readonly backend: MetricsBackend;
  readonly intervalMs: number;
  readonly targetTimeoutMs: number;
  readonly readStartupLog: StartupLogReader;
  private cached: { atMs: number; read: Promise<InventoryRead> } | null = null;

  constructor(private readonly options: MetricsServiceOptions) {
    this.intervalMs = options.intervalMs;
    this.readStartupLog = options.readStartupLog ?? readStartupLogFile;
    this.targetTimeoutMs =
      options.targetTimeoutMs ??
      Math.max(100, Math.min(DEFAULT_TARGET_TIMEOUT_MS, Math.floor(options.intervalMs * 0.8)));
    this.backend = createMetricsBackend({
      prometheusUrl: options.prometheusUrl,
      intervalMs: options.intervalMs,
      store: options.store,
      targets: () => this.targets(),
    });
  }

  get mode(): "embedded" | "prometheus" {
    return this.backend.source.mode;
  }

  start(): Promise<void> {
    return this.backend.start();
  }

  stop(): Promise<void> {
    return this.backend.stop();
  }

  /** The inventory with the static targets laid over it, at most a second old. */
  inventory(): Promise<InventoryRead> {
    const now = Date.now();
    if (!this.cached || now - this.cached.atMs > INVENTORY_MAX_AGE_MS) {
      const read = this.readNow();
      this.cached = { atMs: now, read };
      read.catch(() => {
        if (this.cached?.read === read) this.cached = null;
      });
    }
    return this.cached.read;
  }

  /** What the embedded scraper scrapes and Prometheus service discovery lists. */
  async targets(): Promise<ScrapeTarget[]> {
    return scrapeTargetsOf((await this.inventory()).inventory, this.targetTimeoutMs);
  }

  private async readNow(): Promise<InventoryRead> {
    const [inventory, file] = await Promise.all([
      this.options.readInventory(),
      this.options.staticTargetsFile ? readStaticTargets(this.options.staticTargetsFile) : null,
    ]);
    const readAtMs = Date.now();
    if (!file || file.status === "absent") return { inventory, problems: [], readAtMs };
    if (file.status === "invalid") return { inventory, problems: [file.message], readAtMs };
    const merged = mergeStaticTargets(inventory, file.targets);
    return {
      inventory: merged.inventory,
      problems: merged.unknown.map((u) => `${this.options.staticTargetsFile}: no ${u} is known; the entry is ignored`),
      readAtMs,
    };
  }
}
