import "server-only";
import { type DbClient, db } from "../../queries/db";
import { findHost } from "../../queries/hosts/find-host";
import type { HostView } from "../../queries/hosts/host-view";
import { listHosts } from "../../queries/hosts/list-hosts";
import { type HostCredentialsRead, readHostCredentials } from "../../secrets/host-credentials";
import { log } from "../../server/log";
import { type DockerEndpoint, dockerEndpointSchema } from "../docker/endpoint-schema";
import { runtimeGpusOf } from "./runtime-gpus";
import type { RuntimeHost } from "./runtime-host";

/** A registered host the runtime cannot use as stored: its credentials do not decrypt or no longer make an endpoint. */
export interface RuntimeHostProblem {
  hostId: string;
  hostName: string;
  message: string;
  fix: string;
}

export class RuntimeHostError extends Error {
  constructor(readonly problem: RuntimeHostProblem | { hostId: string; message: string; fix: string }) {
    super(problem.message);
    this.name = "RuntimeHostError";
  }
}

type Built = { ok: true; host: RuntimeHost } | { ok: false; problem: RuntimeHostProblem };

/** Every registered host as the runtime sees it, and the hosts it cannot use (never with a secret in the message). */
export async function loadRuntimeHostsWithProblems(
  client: DbClient = db(),
): Promise<{ hosts: RuntimeHost[]; problems: RuntimeHostProblem[] }> {
  const views = await listHosts(client);
  const credentials = await readHostCredentials(client);
  const hosts: RuntimeHost[] = [];
  const problems: RuntimeHostProblem[] = [];
  for (const view of views) {
    const built = buildRuntimeHost(view, credentials.get(view.id));
    if (built.ok) hosts.push(built.host);
    else problems.push(built.problem);
  }
  return { hosts, problems };
}

/** Every registered host the runtime can use; hosts whose credentials cannot be read are left out and logged. */
export async function loadRuntimeHosts(client: DbClient = db()): Promise<RuntimeHost[]> {
  const { hosts, problems } = await loadRuntimeHostsWithProblems(client);
  for (const problem of problems) log.warn({ hostId: problem.hostId, problem: problem.message }, "host left out");
  return hosts;
}

/** One registered host; throws RuntimeHostError when it does not exist or its credentials cannot be used. */
export async function loadRuntimeHost(hostId: string, client: DbClient = db()): Promise<RuntimeHost> {
  const view = await findHost(client, hostId);
  if (!view)
    throw new RuntimeHostError({
      hostId,
      message: `there is no host with id ${hostId}`,
      fix: "list the hosts (GET /api/v1/hosts) and use one of their ids",
    });
  const built = buildRuntimeHost(view, (await readHostCredentials(client, [hostId])).get(hostId));
  if (!built.ok) throw new RuntimeHostError(built.problem);
  return built.host;
}

export function buildRuntimeHost(view: HostView, credentials: HostCredentialsRead | undefined): Built {
  const base = {
    id: view.id,
    name: view.name,
    labels: view.labels,
    gpus: runtimeGpusOf(view).gpus,
    ...(view.simulatedGpus && { simulatedGpus: view.simulatedGpus }),
    ...(view.dcgmUrl && { dcgmUrl: view.dcgmUrl }),
  };
  if (view.kind === "local-sim") return { ok: true, host: { ...base, kind: "local-sim" } };
  const problem = (message: string, fix: string): Built => ({
    ok: false,
    problem: { hostId: view.id, hostName: view.name, message, fix },
  });
  if (credentials?.unreadable.length) {
    return problem(
      `the stored ${credentials.unreadable.join(", ")} of host ${view.name} cannot be decrypted`,
      "FLEETDECK_SECRET changed since they were stored, or the database was altered: enter the credentials again (Settings → Hosts → Edit)",
    );
  }
  const endpoint = endpointOf(view, credentials?.values ?? {});
  if (!endpoint.ok)
    return problem(`host ${view.name}: ${endpoint.message}`, "edit the host's endpoint and credentials");
  return { ok: true, host: { ...base, kind: "docker", endpoint: endpoint.endpoint } };
}

function endpointOf(
  view: HostView,
  values: HostCredentialsRead["values"],
): { ok: true; endpoint: DockerEndpoint } | { ok: false; message: string } {
  const tls =
    values["tls-ca"] && values["tls-cert"] && values["tls-key"]
      ? { caPem: values["tls-ca"], certPem: values["tls-cert"], keyPem: values["tls-key"] }
      : undefined;
  const ssh = values["ssh-key"]
    ? {
        privateKeyPem: values["ssh-key"],
        ...(values["ssh-passphrase"] && { passphrase: values["ssh-passphrase"] }),
        ...(view.sshHostKeySha256 && { hostKeySha256: view.sshHostKeySha256 }),
      }
    : undefined;
  const parsed = dockerEndpointSchema.safeParse({ url: view.endpoint, tls, ssh });
  if (parsed.success) return { ok: true, endpoint: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
}
