import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bundleSim } from "../../../sim/build/bundle";

/**
 * A simulated GPU host for tests: the simulator bundle spawned as child processes (vLLM, TGI, the gpu-exporter),
 * sharing one state directory as the containers of one host share a volume. Each process writes its output to a
 * log file, as a runtime keeps an engine's log.
 */
let bundle: Promise<string> | null = null;

/** Builds the simulator bundle once per test process (into a temporary file, so it never races another worktree). */
export function simBundlePath(): Promise<string> {
  bundle ??= bundleSim(join(mkdtempSync(join(tmpdir(), "fleetdeck-sim-bundle-")), "sim.mjs")).then((b) => b.path);
  return bundle;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });

export interface SimProcess {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  logFile: string;
  log(): string;
  stop(): Promise<void>;
}

export interface SimHostOptions {
  /** Catalog GPU name, e.g. "RTX 4090D". */
  gpu: string;
  gpuCount: number;
  name?: string;
  dir?: string;
  /** Simulated load time in seconds (default 0: serve at once). */
  loadSeconds?: number;
}

export class SimHost {
  readonly dir: string;
  readonly stateDir: string;
  private readonly processes: SimProcess[] = [];

  constructor(private readonly options: SimHostOptions) {
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), "fleetdeck-sim-host-"));
    this.stateDir = join(this.dir, "state");
    mkdirSync(this.stateDir, { recursive: true });
  }

  /** `vllm serve <model> --port … [args]` on `gpus` (CUDA_VISIBLE_DEVICES), ready at "Application startup complete." */
  vllm(name: string, model: string, gpus: number[], args: string[] = []): Promise<SimProcess> {
    return this.spawn(
      name,
      (port) => ["vllm", "serve", model, "--port", String(port), "--host", "127.0.0.1", ...args],
      gpus,
      "Application startup complete.",
    );
  }

  /** `text-generation-launcher --model-id …` on `gpus`, ready at "Connected". */
  tgi(name: string, model: string, gpus: number[], args: string[] = []): Promise<SimProcess> {
    return this.spawn(
      name,
      (port) => [
        "text-generation-launcher",
        "--model-id",
        model,
        "--port",
        String(port),
        "--hostname",
        "127.0.0.1",
        ...args,
      ],
      gpus,
      "Connected",
    );
  }

  /** The dcgm-exporter face for every GPU of the host (on `port` to restart one where it was). */
  exporter(port?: number): Promise<SimProcess> {
    return this.spawn(
      "gpu-exporter",
      (p) => ["gpu-exporter", "--address", `127.0.0.1:${p}`],
      null,
      "Starting webserver",
      port,
    );
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  /** Stops everything and removes the host's directory. */
  async dispose(): Promise<void> {
    await this.stopAll();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async spawn(
    name: string,
    argv: (port: number) => string[],
    gpus: number[] | null,
    ready: string,
    fixedPort?: number,
  ): Promise<SimProcess> {
    const [path, port] = await Promise.all([simBundlePath(), fixedPort ?? freePort()]);
    const logFile = join(this.dir, `${name}.log`);
    const fd = openSync(logFile, "w");
    const env = {
      PATH: process.env.PATH ?? "",
      FLEETDECK_SIM_GPU: this.options.gpu,
      FLEETDECK_SIM_GPU_COUNT: String(this.options.gpuCount),
      FLEETDECK_SIM_HOST: this.options.name ?? "sim-host",
      FLEETDECK_SIM_STATE_DIR: this.stateDir,
      FLEETDECK_SIM_STATE_INTERVAL_MS: "500",
      FLEETDECK_SIM_LOAD_SECONDS: String(this.options.loadSeconds ?? 0),
      ...(gpus && { CUDA_VISIBLE_DEVICES: gpus.join(",") }),
    } as unknown as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, [path, ...argv(port)], { env, stdio: ["ignore", fd, fd] });
    closeSync(fd);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const log = () => readFileSync(logFile, "utf8");
    const proc: SimProcess = {
      child,
      port,
      url: `http://127.0.0.1:${port}`,
      logFile,
      log,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      },
    };
    this.processes.push(proc);
    const deadline = Date.now() + 30_000;
    while (!log().includes(ready)) {
      if (child.exitCode !== null)
        throw new Error(`${name} exited with ${child.exitCode} before "${ready}":\n${log()}`);
      if (Date.now() > deadline) throw new Error(`${name}: no "${ready}" within 30 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return proc;
  }
}
