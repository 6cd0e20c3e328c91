import { mkdirSync, rmdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { buildSimImage, SIM_IMAGE } from "../build/image";

/** The daemon the tests use: FLEETDECK_TEST_DOCKER_HOST (npm test), DOCKER_HOST, else the test socket. */
export const TEST_DOCKER_HOST =
  process.env.FLEETDECK_TEST_DOCKER_HOST ?? process.env.DOCKER_HOST ?? "unix:///run/fleetdeck-test/docker.sock";
export const TEST_LABEL = "fleetdeck.test.sim";
/** This test process's containers carry TEST_LABEL=RUN_ID, so parallel files clean up only their own. */
export const RUN_ID = `${process.pid}-${Date.now()}`;

export function testDocker(): Docker {
  if (TEST_DOCKER_HOST.startsWith("unix://"))
    return new Docker({ socketPath: TEST_DOCKER_HOST.slice("unix://".length) });
  const url = new URL(TEST_DOCKER_HOST);
  return new Docker({ host: url.hostname, port: Number(url.port) });
}

/** Whether a daemon answers; the reason when none does (the tests then skip and say so). */
export async function dockerReachable(docker: Docker): Promise<string | undefined> {
  try {
    await docker.ping();
    return undefined;
  } catch (error) {
    return `no Docker daemon answers at ${TEST_DOCKER_HOST} (${(error as Error).message}); run \`bash scripts/test-env.sh up\``;
  }
}

/** Builds the image once per bundle hash; a lock directory keeps parallel test files from building twice. */
export async function ensureSimImage(docker: Docker): Promise<void> {
  const lock = join(tmpdir(), "fleetdeck-sim-image.lock");
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs;
      if (age > 300_000) rmdirSync(lock);
      if (waited > 300_000) throw new Error(`another process has held ${lock} for 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await buildSimImage({ docker, tag: SIM_IMAGE });
  } finally {
    rmdirSync(lock);
  }
}

export interface SimContainer {
  container: Docker.Container;
  /** Host port published for each container port, e.g. ports[8000]. */
  ports: Record<number, number>;
  logs(): Promise<string>;
}

export async function runSimContainer(
  docker: Docker,
  cmd: string[],
  options: { env?: Record<string, string>; ports?: number[]; binds?: string[] } = {},
): Promise<SimContainer> {
  const ports = options.ports ?? [];
  const container = await docker.createContainer({
    Image: SIM_IMAGE,
    Cmd: cmd,
    Env: Object.entries({ FLEETDECK_SIM_LOAD_SECONDS: "0", ...options.env }).map(([k, v]) => `${k}=${v}`),
    Labels: { [TEST_LABEL]: RUN_ID },
    ExposedPorts: Object.fromEntries(ports.map((p) => [`${p}/tcp`, {}])),
    HostConfig: {
      PortBindings: Object.fromEntries(ports.map((p) => [`${p}/tcp`, [{ HostIp: "127.0.0.1", HostPort: "" }]])),
      ...(options.binds ? { Binds: options.binds } : {}),
    },
  });
  await container.start();
  const info = await container.inspect();
  const published: Record<number, number> = {};
  for (const p of ports) published[p] = Number(info.NetworkSettings.Ports[`${p}/tcp`]?.[0]?.HostPort);
  return {
    container,
    ports: published,
    logs: async () => demux(await container.logs({ stdout: true, stderr: true, follow: false })),
  };
}

/** Docker's multiplexed log stream: 8-byte frame headers (stream, 0, 0, 0, big-endian length) before each chunk. */
export function demux(buffer: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= buffer.length; ) {
    const length = buffer.readUInt32BE(at + 4);
    parts.push(buffer.subarray(at + 8, at + 8 + length));
    at += 8 + length;
  }
  return Buffer.concat(parts).toString("utf8");
}

export async function waitForHealth(url: string, timeoutMs = 20_000): Promise<number> {
  const start = Date.now();
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return Date.now() - start;
    } catch {
      // not listening yet
    }
    if (Date.now() - start > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function removeTestContainers(docker: Docker): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${RUN_ID}`] } });
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}
