import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSim } from "./build/bundle";
import type { LineSink } from "./src/log";
import { main } from "./src/main";

/**
 * Child-process mode, as the embedded simulated host will run it: the bundle spawned with `node`,
 * engines on local ports, every process of the "host" sharing one local state directory.
 */
const work = mkdtempSync(join(tmpdir(), "fleetdeck-sim-child-"));
const stateDir = join(work, "state");
const children: ChildProcess[] = [];
let bundle = "";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });

const HOST_ENV = {
  FLEETDECK_SIM_GPU: "RTX 4090D",
  FLEETDECK_SIM_GPU_COUNT: "2",
  FLEETDECK_SIM_HOST: "laptop-sim",
  FLEETDECK_SIM_STATE_DIR: stateDir,
  FLEETDECK_SIM_STATE_INTERVAL_MS: "100",
  FLEETDECK_SIM_LOAD_SECONDS: "0",
};

/** The host's variables plus `extra`, typed for spawn (Next's types make NODE_ENV required). */
const childEnv = (extra: Record<string, string>) => ({ ...HOST_ENV, ...extra }) as unknown as NodeJS.ProcessEnv;

/** Spawns `node sim.mjs …` and resolves once `ready` appears in its output. */
function start(
  args: string[],
  env: Record<string, string>,
  ready: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bundle, ...args], {
    env: childEnv({ PATH: process.env.PATH ?? "", ...env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${ready}" within 15 s:\n${output}`)), 15_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes(ready)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited ${code} before "${ready}":\n${output}`)));
  });
}

const exporterValue = (text: string, name: string, gpu: number) =>
  Number(new RegExp(`${name}\\{gpu="${gpu}",[^}]*\\} ([\\d.]+)`).exec(text)?.[1]);

beforeAll(async () => {
  bundle = (await bundleSim(join(work, "sim.mjs"))).path;
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

describe("child-process mode: node sim.mjs <command> on a local port", () => {
  it("runs vLLM, TGI and the exporter side by side; the exporter and nvidia-smi see what the engines hold and how busy they are", async () => {
    const [vllmPort, tgiPort, exporterPort] = [await freePort(), await freePort(), await freePort()];
    await start(
      ["vllm", "serve", "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int4", "--port", String(vllmPort), "--max-model-len", "8192"],
      { CUDA_VISIBLE_DEVICES: "0" },
      "Application startup complete.",
    );
    const tgi = await start(
      [
        "text-generation-launcher",
        "--model-id",
        "Qwen/Qwen2.5-1.5B-Instruct",
        "--port",
        String(tgiPort),
        "--hostname",
        "127.0.0.1",
      ],
      { CUDA_VISIBLE_DEVICES: "1" },
      "Connected",
    );
    expect(tgi.output()).toContain("Setting max batch total tokens to");
    await start(["gpu-exporter", "--address", `127.0.0.1:${exporterPort}`], {}, "Starting webserver");

    const prompt = "Explain the difference between tensor and pipeline parallelism. ".repeat(8);
    const load = Promise.all(
      Array.from({ length: 16 }, () =>
        fetch(`http://127.0.0.1:${vllmPort}/v1/completions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ prompt, max_tokens: 200, ignore_eos: true }),
        }),
      ),
    );
    let busy = 0;
    let metrics = "";
    for (let i = 0; i < 40 && busy === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      metrics = await (await fetch(`http://127.0.0.1:${exporterPort}/metrics`)).text();
      busy = exporterValue(metrics, "DCGM_FI_DEV_GPU_UTIL", 0);
    }
    expect(busy).toBeGreaterThan(0);
    expect(exporterValue(metrics, "DCGM_FI_DEV_FB_USED", 0)).toBeGreaterThan(20_000);
    expect(exporterValue(metrics, "DCGM_FI_DEV_FB_USED", 1)).toBeGreaterThan(15_000);
    expect(exporterValue(metrics, "DCGM_FI_DEV_POWER_USAGE", 0)).toBeGreaterThan(
      exporterValue(metrics, "DCGM_FI_DEV_POWER_USAGE", 1),
    );
    expect((await load).map((r) => r.status)).toEqual(Array(16).fill(200));

    const smi = spawn(
      process.execPath,
      [bundle, "nvidia-smi", "--query-compute-apps=pid,process_name,used_gpu_memory", "--format=csv,noheader"],
      { env: childEnv({}) },
    );
    let csv = "";
    smi.stdout.on("data", (d: Buffer) => (csv += d.toString()));
    await new Promise((resolve) => smi.on("exit", resolve));
    expect(csv.trim().split("\n")).toHaveLength(2);
    expect(csv).toMatch(/python3, \d+ MiB/);
  }, 60_000);

  it("a second engine on a GPU already held fails like vLLM: not enough free memory for gpu_memory_utilization", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [bundle, "vllm", "serve", "Qwen/Qwen2.5-1.5B-Instruct", "--port", String(port)],
      { env: childEnv({ CUDA_VISIBLE_DEVICES: "0" }) },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toMatch(
      /ValueError: Free memory on device \([\d.]+\/23\.60 GiB\) on startup is less than desired GPU memory utilization \(0\.9, 21\.24 GiB\)/,
    );
  }, 30_000);
});

describe("in-process: the seed article's vLLM settings stop the engine with vLLM's own errors", () => {
  const run = async (argv: string[]) => {
    const lines: string[] = [];
    const sink: LineSink = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
    const code = await main(
      argv,
      { FLEETDECK_SIM_GPU: "RTX 4090D", FLEETDECK_SIM_GPU_COUNT: "4", FLEETDECK_SIM_LOAD_SECONDS: "0" },
      sink,
    );
    return { code, text: lines.join("\n") };
  };

  it("max_model_len 131072 on Qwen2.5-7B without YaRN", async () => {
    const { code, text } = await run([
      "vllm",
      "serve",
      "Qwen/Qwen2.5-7B-Instruct",
      "--quantization",
      "gptq",
      "--tensor-parallel-size",
      "4",
      "--max-model-len",
      "131072",
    ]);
    expect(code).toBe(1);
    expect(text).toContain(
      "User-specified max_model_len (131072) is greater than the derived max_model_len (max_position_embeddings=32768",
    );
  });

  it("quantization gptq on the 16-bit checkpoint, once the length is fixed", async () => {
    const { code, text } = await run([
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      "--model",
      "Qwen/Qwen2.5-7B-Instruct",
      "--quantization",
      "gptq",
      "--tensor-parallel-size",
      "4",
    ]);
    expect(code).toBe(1);
    expect(text).toContain("Starting to load model Qwen/Qwen2.5-7B-Instruct...");
    expect(text).toContain(
      "ValueError: Cannot find the config file for gptq\nRuntimeError: Engine core initialization failed.",
    );
  });

  it("says which environment variable is wrong and what it expects", async () => {
    const lines: string[] = [];
    const code = await main(
      ["nvidia-smi"],
      { FLEETDECK_SIM_GPU: "RTX 9999" },
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    );
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/^fleetdeck-sim: FLEETDECK_SIM_GPU="RTX 9999" is not a catalog GPU: use one of /);
  });
});
