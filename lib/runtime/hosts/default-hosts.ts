import "server-only";
import { type DbClient, db } from "../../queries/db";
import { writeAudit } from "../../queries/audit/write-audit-event";
import { countHosts } from "../../queries/hosts/count-hosts";
import { findHostIdByName } from "../../queries/hosts/find-host-id-by-name";
import { insertHost } from "../../queries/hosts/insert-host";
import { createSetting } from "../../queries/settings/create-setting";
import { findSetting } from "../../queries/settings/find-setting";
import { log } from "../../server/log";
import type { Actor } from "../../vocabulary/access";
import { createDockerClient } from "../docker/create-client";
import { dockerEndpointSchema } from "../docker/endpoint-schema";
import { pingHost } from "../docker/ping-host";

export const DEFAULT_SOCKET = "unix:///var/run/docker.sock";
export const LOCAL_SIM_HOST = {
  name: "local-simulated",
  labels: { simulated: "true" },
  simulatedGpus: { gpuId: "rtx-4090d", count: 4 },
} as const;
const OFFERED_KEY = "hosts.defaults-offered";
const SYSTEM: Actor = { kind: "user", userId: "system", label: "fleetdeck (first start)", role: "admin", ip: null };

export interface DefaultHostsOptions {
  client?: DbClient;
  /** DOCKER_HOSTS; empty: the default socket. */
  dockerHosts?: readonly string[];
  pingTimeoutMs?: number;
}

/**
 * On the first start with no host registered: registers the Docker daemons of DOCKER_HOSTS (or the default socket)
 * that answer and need no credentials; when none answers, the local simulated host (4× RTX 4090D, editable), whose
 * engines run as child processes of the simulator. Runs once per database (a setting remembers it), so a host removed
 * later is not brought back.
 */
export async function registerDefaultHosts(options: DefaultHostsOptions = {}): Promise<{ registered: string[] }> {
  const client = options.client ?? db();
  if ((await findSetting(client, OFFERED_KEY)) !== null) return { registered: [] };
  const registered: string[] = [];
  if ((await countHosts(client)) === 0) {
    const urls = options.dockerHosts?.length ? options.dockerHosts : [DEFAULT_SOCKET];
    for (const url of urls) {
      const name = await answeringDaemon(url, options.pingTimeoutMs ?? 1500, client);
      if (name) registered.push(await add(client, { name, endpoint: url, labels: {} }));
    }
    if (registered.length === 0) {
      registered.push(await add(client, { ...LOCAL_SIM_HOST, kind: "local-sim", endpoint: "" }));
      log.info({ host: LOCAL_SIM_HOST.name }, "no Docker daemon answered: registered the local simulated host");
    }
  }
  await createSetting(client, OFFERED_KEY, new Date().toISOString());
  return { registered };
}

async function add(client: DbClient, host: Parameters<typeof insertHost>[1] & { name: string }): Promise<string> {
  const id = await insertHost(client, host);
  await writeAudit(client, SYSTEM, "host.add", {
    targetType: "host",
    targetId: id,
    after: {
      name: host.name,
      kind: host.kind ?? "docker",
      endpoint: host.endpoint,
      simulatedGpus: host.simulatedGpus ?? null,
    },
  });
  return host.name;
}

/** The name to register a daemon under when it answers without credentials, else null (logged). */
async function answeringDaemon(url: string, timeoutMs: number, client: DbClient): Promise<string | null> {
  const parsed = dockerEndpointSchema.safeParse({ url });
  if (!parsed.success) {
    log.warn({ url }, "DOCKER_HOSTS: this endpoint needs credentials; register it in Settings → Hosts");
    return null;
  }
  const handle = createDockerClient(parsed.data, { connectTimeoutMs: timeoutMs });
  try {
    const ping = await pingHost(handle, timeoutMs);
    if (!ping.ok) {
      log.info({ url, failure: ping.failure.message }, "no Docker daemon answers here");
      return null;
    }
  } finally {
    handle.close();
  }
  const endpoint = parsed.data;
  const base =
    endpoint.kind === "unix"
      ? url === DEFAULT_SOCKET
        ? "local"
        : (endpoint.socketPath.split("/").pop() ?? "").replace(/\.sock$/, "")
      : endpoint.host;
  const name = base.replace(/[^A-Za-z0-9._-]/g, "-").replace(/^[^A-Za-z0-9]+/, "") || "docker";
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    if (!(await findHostIdByName(client, candidate))) return candidate;
  }
}
