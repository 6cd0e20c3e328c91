import { randomUUID } from "node:crypto";
import net from "node:net";
import Docker from "dockerode";
import { parseDockerEndpoint } from "../docker/endpoint-schema";
import type { RuntimeHost } from "../hosts/runtime-host";
import { LABEL } from "../spec/labels";
import { testHosts } from "./test-env";

/**
 * The harness's two real dockerds as RuntimeHosts with simulated GPUs (4× RTX 4090D each), the way the hosts code
 * will hand them to the reconciler. Every test uses its own installation id, so it sees and removes only its own
 * containers on the shared daemons.
 */
export const SIM_IMAGE = "fleetdeck-sim:latest";

export function dockerTestHost(which: 1 | 2, id = `test-host-${which}`): RuntimeHost {
  const hosts = testHosts();
  const url = which === 1 ? hosts.docker : hosts.docker2;
  return {
    id,
    name: `sim-node-${which}`,
    labels: { team: which === 1 ? "a" : "b" },
    kind: "docker",
    endpoint: parseDockerEndpoint({ url }),
    simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
    gpus: [0, 1, 2, 3].map((index) => ({ index, gpuId: "rtx-4090d", memoryBytes: 24 * 2 ** 30 })),
  };
}

export const rawDocker = (which: 1 | 2) => {
  const hosts = testHosts();
  return new Docker({ socketPath: (which === 1 ? hosts.docker : hosts.docker2).replace(/^unix:\/\//, "") });
};

export const newInstallationId = () => `test-${randomUUID()}`;

/**
 * How long a hook that builds the simulator image (`ensureSimImage`: skipped when the daemon holds this checkout's
 * build, serialized across test files by a lock) may take. A fresh machine's daemons start empty, so the files that
 * need the image build it themselves instead of depending on another file having built it first.
 */
export const SIM_IMAGE_HOOK_TIMEOUT_MS = 360_000;

/** Removes every container of one test installation. */
export async function removeInstallation(docker: Docker, installationId: string): Promise<void> {
  const rows = await docker.listContainers({
    all: true,
    filters: { label: [`${LABEL.installation}=${installationId}`] },
  });
  await Promise.all(
    rows.map((r) =>
      docker
        .getContainer(r.Id)
        .remove({ force: true })
        .catch(() => undefined),
    ),
  );
}

/** A TCP port nothing listens on now (the two test daemons share this machine's ports). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started < timeoutMs) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
}
