/**
 * Docker's health check on the engine's /health, run inside the container with a program the image has: the
 * simulator image has node, vLLM's image python3, TGI's image curl. The reconciler also probes /health itself from
 * the server, so a replica shows healthy as soon as it answers, not at the next Docker interval.
 */
export type ImageFamily = "sim" | "vllm" | "tgi";

export interface HealthCheck {
  test: string[];
  intervalMs: number;
  timeoutMs: number;
  /** Failures while the model loads do not count: loading a large checkpoint takes minutes. */
  startPeriodMs: number;
  retries: number;
}

export function healthCheck(family: ImageFamily, containerPort: number): HealthCheck {
  const url = `http://127.0.0.1:${containerPort}/health`;
  const test =
    family === "sim"
      ? [
          "CMD",
          "/usr/bin/node",
          "-e",
          `fetch(${JSON.stringify(url)}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
        ]
      : family === "vllm"
        ? ["CMD", "python3", "-c", `import urllib.request; urllib.request.urlopen(${JSON.stringify(url)}, timeout=4)`]
        : ["CMD", "curl", "-fsS", "-o", "/dev/null", url];
  // Docker's default interval: each check is an exec in the container (a process spawned per check, per engine); the
  // reconciler's own GET /health covers the fast path while an engine comes up.
  return { test, intervalMs: 30_000, timeoutMs: 5_000, startPeriodMs: 600_000, retries: 3 };
}
