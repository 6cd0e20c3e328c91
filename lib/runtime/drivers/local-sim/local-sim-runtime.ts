import "server-only";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { ObservedContainer } from "../../planner/types";
import type { ContainerSpec } from "../../spec/container-spec";
import { LABEL, parseManagedLabels } from "../../spec/labels";
import { type HostFacts, type HostRuntime, RuntimeError } from "../host-runtime";
import { followFile, tailLines } from "./log-file";
import { processStart, sameProcess } from "./process-identity";
import { type ProcessRecord, RecordStore } from "./process-record";
import { simCommand } from "./sim-command";

export interface LocalSimOptions {
  hostId: string;
  hostName: string;
  /** Where records, logs and the simulator's shared state directory live (under FLEETDECK_DATA_DIR). */
  dir: string;
  /** The simulator bundle, `sim/dist/sim.mjs` (npm run sim:bundle). */
  bundlePath: string;
  nodePath?: string;
}

/** Docker's restart policy backs off from 100 ms, doubling; we stop doubling at 10 s. */
const restartDelayMs = (restarts: number) => Math.min(10_000, 100 * 2 ** Math.max(0, restarts - 1));
/** How long an engine may take to exit after SIGTERM before it gets SIGKILL (docker stop's 10 s). */
const STOP_GRACE_MS = 10_000;
const ADOPTED_POLL_MS = 500;

const freeLocalPort = (preferred: number): Promise<number> =>
  new Promise((resolve) => {
    const tryPort = (port: number) => {
      const server = net.createServer();
      server.once("error", () => (port === 0 ? resolve(0) : tryPort(0)));
      server.listen(port, "127.0.0.1", () => {
        const chosen = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(chosen));
      });
    };
    tryPort(preferred);
  });

/**
 * The embedded default when no Docker daemon is reachable: each replica is a child process of the simulator bundle
 * on a free local port, its output in a log file, restarted when it crashes (like unless-stopped). Processes are in
 * the server's process group; a server that restarts adopts the ones still running (pid + start time in a record).
 */
export class LocalSimRuntime implements HostRuntime {
  readonly kind = "local-sim" as const;
  readonly address = "127.0.0.1";
  readonly hostId: string;
  private readonly store: RecordStore;
  private readonly stateDir: string;
  private readonly records = new Map<string, ProcessRecord>();
  private readonly children = new Map<string, ChildProcess>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly events = new EventEmitter();
  private loaded = false;
  private supervising = false;
  private closed = false;

  constructor(private readonly options: LocalSimOptions) {
    this.hostId = options.hostId;
    this.store = new RecordStore(options.dir);
    this.stateDir = path.join(options.dir, "sim-state");
    mkdirSync(this.stateDir, { recursive: true });
  }

  /** Loads the records once (reading logs needs no more). */
  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    for (const record of this.store.loadAll()) this.records.set(record.id, record);
  }

  /**
   * Takes charge of the processes, once, when the reconciler first lists this host (only the lease holder does):
   * adopts the live ones, restarts the dead ones that should run.
   */
  private supervise(): void {
    this.load();
    if (this.supervising) return;
    this.supervising = true;
    for (const record of [...this.records.values()]) {
      if (record.desired !== "running" || this.children.has(record.id)) continue;
      if (sameProcess(record.pid, record.pidStart)) this.watchAdopted(record.id);
      else this.exited(record.id, record.exitCode, { immediate: true });
    }
  }

  private update(id: string, change: Partial<ProcessRecord>): ProcessRecord | undefined {
    const current = this.records.get(id);
    if (!current) return undefined;
    const next = { ...current, ...change };
    this.records.set(id, next);
    this.store.save(next);
    this.events.emit("change");
    return next;
  }

  private spawnProcess(id: string): void {
    const record = this.records.get(id);
    if (!record || this.closed) return;
    if (!existsSync(this.options.bundlePath)) {
      this.update(id, { state: "exited", exitCode: 127, pid: null, pidStart: null });
      throw new RuntimeError(
        `the simulator bundle ${this.options.bundlePath} is missing: build it with npm run sim:bundle`,
        "refused",
      );
    }
    const log = openSync(this.store.logPath(id), "a");
    let child: ChildProcess;
    try {
      child = spawn(this.options.nodePath ?? process.execPath, [this.options.bundlePath, ...record.argv], {
        env: { ...record.env, FLEETDECK_LOCAL_SIM_ID: id } as unknown as NodeJS.ProcessEnv,
        stdio: ["ignore", log, log],
      });
    } finally {
      closeSync(log);
    }
    const pid = child.pid ?? null;
    this.children.set(id, child);
    child.once("exit", (code, signal) => {
      this.children.delete(id);
      this.exited(id, code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : null));
    });
    this.update(id, {
      state: "running",
      pid,
      pidStart: pid === null ? null : processStart(pid),
      startedAtMs: Date.now(),
    });
  }

  /** An engine that this server did not start (a previous server did): watched by polling its pid. */
  private watchAdopted(id: string): void {
    const timer = setInterval(() => {
      const record = this.records.get(id);
      if (!record || this.children.has(id) || sameProcess(record.pid, record.pidStart)) return;
      clearInterval(timer);
      this.timers.delete(`adopt:${id}`);
      this.exited(id, null);
    }, ADOPTED_POLL_MS);
    timer.unref();
    this.timers.set(`adopt:${id}`, timer);
  }

  /**
   * A dead engine's entry in the simulator's state directory (engines/<host>-<pid>.json) would hold its GPU memory
   * until it goes stale (sim/README.md, "State directory"); a GPU freed by a crash is free at once on a real host.
   */
  private forgetStateEntry(pid: number | null): void {
    if (pid === null) return;
    const engines = path.join(this.stateDir, "engines");
    if (!existsSync(engines)) return;
    for (const file of readdirSync(engines)) {
      if (file.endsWith(`-${pid}.json`)) rmSync(path.join(engines, file), { force: true });
    }
  }

  /** A process ended: stay exited if it was stopped, else restart it after the restart policy's delay. */
  private exited(id: string, exitCode: number | null, { immediate = false } = {}): void {
    const record = this.records.get(id);
    if (!record) return;
    this.forgetStateEntry(record.pid);
    if (record.desired !== "running" || this.closed) {
      this.update(id, { state: "exited", exitCode, pid: null, pidStart: null });
      return;
    }
    const restarts = record.restarts + 1;
    this.update(id, { state: "restarting", exitCode, pid: null, pidStart: null, restarts });
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        if (this.records.get(id)?.desired === "running") this.spawnProcess(id);
      },
      immediate ? 0 : restartDelayMs(restarts),
    );
    timer.unref();
    this.timers.set(id, timer);
  }

  private need(id: string): ProcessRecord {
    this.load();
    const record = this.records.get(id);
    if (!record) throw new RuntimeError(`no simulated engine ${id.slice(0, 12)} on this host`, "not-found");
    return record;
  }

  async facts(): Promise<HostFacts> {
    return { cpuCores: os.cpus().length };
  }

  async list(installationId: string): Promise<ObservedContainer[]> {
    this.supervise();
    return [...this.records.values()]
      .filter((r) => r.labels[LABEL.installation] === installationId && r.labels[LABEL.host] === this.hostId)
      .map((r) => ({
        id: r.id,
        name: r.name,
        hostId: this.hostId,
        labels: parseManagedLabels(r.labels),
        state: r.state,
        health: null,
        exitCode: r.state === "running" ? null : r.exitCode,
        createdAtMs: r.createdAtMs,
        hostPort: r.port,
      }));
  }

  pulling(): string | null {
    return null;
  }

  async create(spec: ContainerSpec): Promise<string> {
    this.supervise();
    const existing = [...this.records.values()].find((r) => r.name === spec.name);
    if (existing) {
      if (existing.labels[LABEL.specHash] === spec.specHash) return existing.id;
      throw new RuntimeError(
        `a simulated engine named ${spec.name} already runs another spec on this host`,
        "conflict",
      );
    }
    const port = await freeLocalPort(spec.hostPort);
    const command = simCommand(spec, port, this.stateDir);
    if ("error" in command) throw new RuntimeError(command.error, "refused");
    const id = randomBytes(32).toString("hex");
    const record: ProcessRecord = {
      version: 1,
      id,
      name: spec.name,
      labels: { ...spec.labels, [LABEL.specHash]: spec.specHash },
      engine: command.engine,
      argv: command.argv,
      env: command.env,
      port,
      desired: "running",
      state: "created",
      pid: null,
      pidStart: null,
      exitCode: null,
      restarts: 0,
      createdAtMs: Date.now(),
      startedAtMs: null,
    };
    this.records.set(id, record);
    this.store.save(record);
    this.spawnProcess(id);
    return id;
  }

  async start(id: string): Promise<void> {
    const record = this.need(id);
    this.update(id, { desired: "running" });
    if (record.state !== "running" && !this.timers.has(id)) this.spawnProcess(id);
  }

  async stop(id: string): Promise<void> {
    const record = this.need(id);
    this.update(id, { desired: "stopped" });
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
    if (!sameProcess(record.pid, record.pidStart)) {
      this.update(id, { state: "exited", pid: null, pidStart: null });
      return;
    }
    const pid = record.pid!;
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + STOP_GRACE_MS;
    while (sameProcess(pid, record.pidStart) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (sameProcess(pid, record.pidStart)) process.kill(pid, "SIGKILL");
    if (!this.children.has(id)) this.update(id, { state: "exited", pid: null, pidStart: null });
  }

  async remove(id: string): Promise<void> {
    if (!this.records.has(id)) return;
    await this.stop(id);
    this.records.delete(id);
    this.store.delete(id);
    this.events.emit("change");
  }

  async logs(id: string, tail: number): Promise<string[]> {
    this.need(id);
    return tailLines(this.store.logPath(id), tail);
  }

  followLogs(id: string, options: { tail: number; signal: AbortSignal }): AsyncIterable<string> {
    this.need(id);
    return followFile(this.store.logPath(id), options);
  }

  watch(onChange: () => void): { close(): void; readonly closed: boolean } {
    let closed = false;
    this.events.on("change", onChange);
    return {
      close: () => {
        closed = true;
        this.events.off("change", onChange);
      },
      get closed() {
        return closed;
      },
    };
  }

  /** Stops watching and restarting without touching the processes (they keep running; the next server adopts them). */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const child of this.children.values()) child.removeAllListeners("exit");
    this.children.clear();
  }
}
