import "server-only";
import { performance } from "node:perf_hooks";
import { daemonInfo, daemonVersion, pingDaemon } from "./docker-calls";
import { createDockerClient, type DockerHandle } from "./create-client";
import {
  apiVersionAtLeast,
  engineFacts,
  infoResponseSchema,
  MIN_API_VERSION,
  versionResponseSchema,
  type EngineFacts,
} from "./engine-info";
import type { DockerEndpoint } from "./endpoint-schema";
import { describeFailure, type ConnectionFailure } from "./failure";
import { withDeadline } from "./with-deadline";

export type TestConnectionResult =
  | {
      ok: true;
      engine: EngineFacts;
      /** One /_ping on the open connection. */
      rttMs: number;
      /** The first /_ping, connection set-up included (DNS, TCP, TLS or SSH). */
      connectMs: number;
      /** For ssh:// endpoints: the host key seen, to pin as ssh.hostKeySha256. */
      sshHostKeySha256?: string;
    }
  | { ok: false; failure: ConnectionFailure; sshHostKeySha256?: string };

export interface TestConnectionOptions {
  /** For the whole test: connecting, two pings, /version and /info. */
  timeoutMs?: number;
}

class ApiAnswerError extends Error {
  readonly name = "ApiAnswerError";
}

/** Connects with a fresh client (nothing pooled, closed afterwards) and says what the daemon is, or which step failed. */
export async function testConnection(
  endpoint: DockerEndpoint,
  { timeoutMs = 5000 }: TestConnectionOptions = {},
): Promise<TestConnectionResult> {
  let handle: DockerHandle;
  try {
    handle = createDockerClient(endpoint, { connectTimeoutMs: timeoutMs });
  } catch (error) {
    return {
      ok: false,
      failure: describeFailure(error, { endpoint, progress: { stage: "resolving" }, timedOut: false, timeoutMs }),
    };
  }
  try {
    const result = await withDeadline(timeoutMs, (signal) => interrogate(handle, signal));
    const sshHostKeySha256 = handle.progress.hostKeySha256;
    if (result.ok) return { ok: true, ...result.value, ...(sshHostKeySha256 && { sshHostKeySha256 }) };
    const failure =
      result.error instanceof ApiAnswerError
        ? {
            step: "api" as const,
            message: result.error.message,
            fix: apiFix(result.error.message),
            code: "API",
            timedOut: false,
          }
        : describeFailure(result.error, { endpoint, progress: handle.progress, timedOut: result.timedOut, timeoutMs });
    return { ok: false, failure, ...(sshHostKeySha256 && { sshHostKeySha256 }) };
  } finally {
    handle.close();
  }
}

async function interrogate({ docker, endpoint }: DockerHandle, abortSignal: AbortSignal) {
  const t0 = performance.now();
  await pingDaemon(docker, abortSignal);
  const t1 = performance.now();
  await pingDaemon(docker, abortSignal);
  const rttMs = performance.now() - t1;
  const version = versionResponseSchema.safeParse(await daemonVersion(docker, abortSignal));
  const where = endpoint.kind === "unix" ? endpoint.socketPath : `${endpoint.host}:${endpoint.port}`;
  if (!version.success)
    throw new ApiAnswerError(
      `${where} answered /version without a Docker version and API version: it is not a Docker daemon`,
    );
  if (!apiVersionAtLeast(version.data.ApiVersion, MIN_API_VERSION)) {
    throw new ApiAnswerError(
      `Docker ${version.data.Version} at ${where} speaks API ${version.data.ApiVersion}; fleetdeck needs API ${MIN_API_VERSION} or newer`,
    );
  }
  const info = infoResponseSchema.safeParse(await daemonInfo(docker, abortSignal));
  if (!info.success)
    throw new ApiAnswerError(
      `${where} answered /info without CPU and memory figures: it is not a Docker daemon fleetdeck understands`,
    );
  return { engine: engineFacts(version.data, info.data), rttMs: round(rttMs), connectMs: round(t1 - t0) };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function apiFix(message: string): string {
  if (message.includes("needs API")) return "upgrade Docker Engine on the host to 19.03 or newer";
  return "check the address and port: they must lead to dockerd";
}
