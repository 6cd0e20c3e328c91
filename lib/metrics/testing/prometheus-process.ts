import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deadPort } from "./loopback-server";

export interface StaticScrapeTarget {
  address: string;
  labels: Record<string, string>;
}

export interface RunningPrometheus {
  url: string;
  pid: number;
  dir: string;
  close(): Promise<void>;
}

/**
 * Starts Debian's real `prometheus` on a temporary directory and a free loopback port, scraping `targets`
 * every `scrapeIntervalMs`, and waits until it is ready. The config is JSON (valid YAML), so labels need no quoting rules.
 */
export async function startPrometheus(
  targets: readonly StaticScrapeTarget[],
  scrapeIntervalMs: number,
  binary = "prometheus",
): Promise<RunningPrometheus> {
  return startPrometheusWith(
    [{ job_name: "fleetdeck", static_configs: targets.map((t) => ({ targets: [t.address], labels: t.labels })) }],
    scrapeIntervalMs,
    binary,
  );
}

/**
 * Prometheus discovering its targets from fleetdeck's HTTP service discovery (`/api/prometheus/sd`), with an API
 * token, refreshing every 2 s — the scrape config the README shows.
 */
export function startPrometheusWithSd(
  sdUrl: string,
  token: string,
  scrapeIntervalMs: number,
  binary = "prometheus",
): Promise<RunningPrometheus> {
  return startPrometheusWith(
    [
      {
        job_name: "fleetdeck",
        http_sd_configs: [
          { url: sdUrl, refresh_interval: "2s", authorization: { type: "Bearer", credentials: token } },
        ],
      },
    ],
    scrapeIntervalMs,
    binary,
  );
}

async function startPrometheusWith(
  scrapeConfigs: unknown[],
  scrapeIntervalMs: number,
  binary: string,
): Promise<RunningPrometheus> {
  const dir = await mkdtemp(join(tmpdir(), "fleetdeck-prometheus-"));
  const port = await deadPort();
  const interval = `${scrapeIntervalMs}ms`;
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: "1m" },
    scrape_configs: scrapeConfigs,
  };
  await writeFile(join(dir, "prometheus.yml"), JSON.stringify(config, null, 1));
  const child = spawn(
    binary,
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const spawnError = new Promise<Error>((resolve) => child.on("error", resolve));
  const url = `http://127.0.0.1:${port}`;
  const ready = waitReady(url);
  const first = await Promise.race([
    ready.then(() => "ready" as const),
    exited.then(() => "exited" as const),
    spawnError,
  ]);
  if (first instanceof Error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `cannot start ${binary} (${first.message}): install Debian's prometheus (apt-get install prometheus; scripts/test-env.sh up does)`,
    );
  }
  if (first === "exited") {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`${binary} exited at start: ${stderr.trim()}`);
  }
  return { url, pid: child.pid!, dir, close: () => stop(child, exited, dir) };
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Prometheus at ${url} not ready after 30 s`);
}

async function stop(child: ChildProcess, exited: Promise<number | null>, dir: string): Promise<void> {
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await rm(dir, { recursive: true, force: true });
}
