/**
 * `fleetdeck hosts …`: register, test, label and discover Docker hosts from the terminal, on the local database (the
 * same actions the server runs) or, with --remote, read through a server's /api/v1.
 * Exit codes: 0 ok, 1 the action was refused or the host failed (connection, discovery), 2 bad usage.
 */
import { readFileSync } from "node:fs";
import { gpuCountWords } from "../../lib/catalog/gpu-count-words";
import { formatBytes } from "../../lib/format";
import type { HostOut } from "../../lib/api/host-out";
import { RemoteClient, RemoteError } from "../remote";

const USAGE = `usage: fleetdeck hosts <command> [options]

  list [--json]                                   registered hosts: state, GPUs, labels
  add <name> --url URL [credentials] [options]    register a Docker host
  add <name> --local-sim [--sim-gpus 4xrtx-4090d] register a local simulated host
  label <host> key=value[,key=value…]             replace a host's labels (what role grants match)
  test <host>                                     test the connection: engine facts, or the failing step
  discover <host>                                 discover the host's GPUs
  remove <host>                                   remove a host (refused while instances run there)

<host> is a host's name or id. URL: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host.
credentials  --tls-ca FILE --tls-cert FILE --tls-key FILE                     for tcp:// (TLS)
             --ssh-key FILE [--ssh-passphrase-env VAR] [--ssh-host-key SHA256:…]  for ssh://
options      --labels team=a,zone=eu  --sim-gpus 4xrtx-4090d  --declare 2xh100-sxm | 1xcustom:48GiB
             --dcgm-url http://host:9400/metrics  --json

The local database is DATABASE_URL (default ./data/fleetdeck.db) with FLEETDECK_SECRET (or ./data/secret).
--remote lists through FLEETDECK_URL with FLEETDECK_TOKEN (API tokens read hosts; they never manage them).`;

class UsageError extends Error {}

type Flags = Record<string, string | true>;
const VALUED = new Set([
  "url",
  "tls-ca",
  "tls-cert",
  "tls-key",
  "ssh-key",
  "ssh-passphrase-env",
  "ssh-host-key",
  "labels",
  "sim-gpus",
  "declare",
  "dcgm-url",
]);

export function parseArgs(args: string[]): { positional: string[]; flags: Flags } {
  const positional: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (!VALUED.has(name)) {
      flags[name] = true;
      continue;
    }
    const value = args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags[name] = value;
  }
  return { positional, flags };
}

/** "4xrtx-4090d", "2×H100 SXM", "1xcustom:48GiB" → count, GPU and memory. */
export function parseGpuCount(text: string, flag: string): { count: number; gpuId: string; memoryBytes?: string } {
  const match = /^(\d+)\s*[x×]\s*(.+)$/i.exec(text.trim());
  if (!match) throw new UsageError(`--${flag} "${text}": write COUNTxGPU, e.g. 4xrtx-4090d or 1xcustom:48GiB`);
  const [gpuId, memory] = match[2]!.split(":");
  return { count: Number(match[1]), gpuId: gpuId!.trim(), ...(memory && { memoryBytes: memory.trim() }) };
}

const readPem = (flags: Flags, name: string) => {
  const file = flags[name];
  if (typeof file !== "string") return undefined;
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--${name} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
};

export function addInput(name: string, flags: Flags): Record<string, unknown> {
  const common = {
    name,
    ...(typeof flags.labels === "string" && { labels: flags.labels }),
    ...(typeof flags["sim-gpus"] === "string" && { simulatedGpus: parseGpuCount(flags["sim-gpus"], "sim-gpus") }),
  };
  if (flags["local-sim"]) return { kind: "local-sim", ...common };
  if (typeof flags.url !== "string") throw new UsageError("add needs --url (or --local-sim)");
  const tlsFiles = ["tls-ca", "tls-cert", "tls-key"].filter((f) => flags[f] !== undefined);
  if (tlsFiles.length > 0 && tlsFiles.length < 3)
    throw new UsageError("TLS needs all three: --tls-ca, --tls-cert and --tls-key");
  const passphraseVar = flags["ssh-passphrase-env"];
  const passphrase = typeof passphraseVar === "string" ? process.env[passphraseVar] : undefined;
  if (typeof passphraseVar === "string" && !passphrase)
    throw new UsageError(`--ssh-passphrase-env ${passphraseVar}: that environment variable is empty`);
  return {
    kind: "docker",
    ...common,
    endpoint: {
      url: flags.url,
      ...(tlsFiles.length === 3 && {
        tls: {
          caPem: readPem(flags, "tls-ca"),
          certPem: readPem(flags, "tls-cert"),
          keyPem: readPem(flags, "tls-key"),
        },
      }),
      ...(flags["ssh-key"] && {
        ssh: {
          privateKeyPem: readPem(flags, "ssh-key"),
          ...(passphrase && { passphrase }),
          ...(typeof flags["ssh-host-key"] === "string" && { hostKeySha256: flags["ssh-host-key"] }),
        },
      }),
    },
    ...(typeof flags.declare === "string" && { declaredGpus: parseGpuCount(flags.declare, "declare") }),
    ...(typeof flags["dcgm-url"] === "string" && { dcgmUrl: flags["dcgm-url"] }),
  };
}

export function hostLine(h: HostOut): string {
  const state =
    h.health.status === "unreachable"
      ? `unreachable since ${h.health.since ?? "?"} (${h.health.failingStep}: ${h.health.error})`
      : h.health.status === "reachable"
        ? `reachable${h.health.rttMs !== null ? `, rtt ${h.health.rttMs} ms` : ""}`
        : "not checked yet";
  const gpus =
    h.gpus.length > 0
      ? h.gpus.map((g) => `[${g.index}] ${g.name} ${formatBytes(g.memoryBytes)}`).join("; ")
      : h.simulatedGpus
        ? gpuCountWords(h.simulatedGpus.count, h.simulatedGpus.gpuId)
        : h.declaredGpus
          ? `declared ${gpuCountWords(h.declaredGpus.count, h.declaredGpus.gpuId, h.declaredGpus.memoryBytes)}`
          : "no GPUs known";
  const simulated = h.kind === "local-sim" ? " (local simulated host)" : h.simulatedGpus ? " (simulated GPUs)" : "";
  const labels =
    Object.entries(h.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(",") || "-";
  return `${h.name}${simulated}  ${h.endpoint || "local"}  ${state}  GPUs: ${gpus}  labels: ${labels}  id: ${h.id}`;
}

export async function run(args: string[]): Promise<number> {
  try {
    const [command, ...rest] = args;
    const { positional, flags } = parseArgs(rest);
    if (!command || command === "--help" || command === "help" || command === "-h") {
      console.log(USAGE);
      return command ? 0 : 2;
    }
    if (flags.remote) return await remote(command, flags);
    return await local(command, positional, flags);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`hosts: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof RemoteError) {
      console.error(`hosts: ${error.message}`);
      return error.status === 401 || error.status === 403 ? 3 : 1;
    }
    throw error;
  }
}

async function remote(command: string, flags: Flags): Promise<number> {
  if (command !== "list")
    throw new UsageError(`--remote supports list only: API tokens never manage hosts (${command})`);
  const url = process.env.FLEETDECK_URL;
  const token = process.env.FLEETDECK_TOKEN;
  if (!url || !token) throw new UsageError("--remote needs FLEETDECK_URL and FLEETDECK_TOKEN");
  const hosts = await new RemoteClient({ url, token }).allHosts();
  print(flags, hosts, () => hosts.map(hostLine).join("\n") || "no hosts registered");
  return 0;
}

function print(flags: Flags, data: unknown, text: () => string) {
  console.log(flags.json ? JSON.stringify(data, null, 2) : text());
}

async function local(command: string, positional: string[], flags: Flags): Promise<number> {
  const { runLocally } = await import("../hosts/local-actions");
  const { listHostsSpec } = await import("../../lib/api/host-specs");
  const fail = (error: string, fieldErrors?: Record<string, string[]>) => {
    console.error(`hosts ${command}: ${error}`);
    for (const [field, messages] of Object.entries(fieldErrors ?? {}))
      for (const message of messages) if (!error.includes(message)) console.error(`  ${field}: ${message}`);
    return 1;
  };
  const hosts = async () => {
    const listed = await runLocally(listHostsSpec, { limit: 1000 });
    if (!listed.ok) throw new Error(listed.error);
    return listed.data.items.sort((x, y) => x.name.localeCompare(y.name));
  };
  const hostId = async () => {
    const ref = positional[0];
    if (!ref) throw new UsageError(`${command} needs a host's name or id`);
    const host = (await hosts()).find((h) => h.name === ref || h.id === ref);
    if (!host) throw new UsageError(`there is no host "${ref}": \`hosts list\` shows the registered ones`);
    return host.id;
  };

  switch (command) {
    case "list": {
      const all = await hosts();
      print(flags, all, () => all.map(hostLine).join("\n") || "no hosts registered");
      return 0;
    }
    case "add": {
      const name = positional[0];
      if (!name) throw new UsageError("add needs the host's name");
      const { addHost } = await import("../../lib/actions/hosts/add-host");
      const result = await runLocally(addHost, addInput(name, flags));
      if (!result.ok) return fail(result.error, result.fieldErrors);
      print(flags, result.data, () => `added ${result.data.name} (id ${result.data.id})`);
      return 0;
    }
    case "label": {
      const id = await hostId();
      const labels = positional[1] ?? "";
      const { editHost } = await import("../../lib/actions/hosts/edit-host");
      const result = await runLocally(editHost, { hostId: id, labels });
      if (!result.ok) return fail(result.error, result.fieldErrors);
      print(flags, result.data, () => `labels of ${result.data.name}: ${labels || "(none)"}`);
      return 0;
    }
    case "test": {
      const { testHostConnection } = await import("../../lib/actions/hosts/test-host-connection");
      const result = await runLocally(testHostConnection, { hostId: await hostId() });
      if (!result.ok) return fail(result.error);
      const t = result.data;
      print(flags, t, () => {
        if (!t.ok) return `failed at ${t.failure.step}: ${t.failure.message}\nfix: ${t.failure.fix}`;
        if (t.simulated) return "the local simulated host: no daemon to reach (engines run as local processes)";
        const e = t.engine;
        return [
          `Docker ${e.engineVersion} (API ${e.apiVersion}) on ${e.operatingSystem}, ${e.architecture}`,
          `${e.cpus} CPUs, ${formatBytes(e.memoryBytes)} memory, cgroup ${e.cgroupDriver} v${e.cgroupVersion || "?"}, storage ${e.storageDriver}`,
          `NVIDIA runtime: ${e.nvidiaRuntime ? "registered" : "not registered"}; rtt ${t.rttMs} ms (connect ${t.connectMs} ms)`,
        ].join("\n");
      });
      return t.ok ? 0 : 1;
    }
    case "discover": {
      const { discoverGpus } = await import("../../lib/actions/hosts/discover-gpus");
      const result = await runLocally(discoverGpus, { hostId: await hostId() });
      if (!result.ok) return fail(result.error);
      const d = result.data;
      print(flags, d, () => {
        if (!d.ok) return `discovery failed at ${d.failure.step}: ${d.failure.message}\nfix: ${d.failure.fix}`;
        const head = `${d.gpus.length} GPU(s) via ${d.via}; driver ${d.driverVersion ?? "-"}, CUDA ${d.cudaVersion ?? "-"}`;
        const rows = d.gpus.map(
          (g) =>
            `[${g.index}] ${g.name}${g.catalogGpuId ? ` (catalog ${g.catalogGpuId})` : " (not in the catalog)"} ${formatBytes(g.memoryBytes)}, used ${g.memoryUsedBytes === null ? "-" : formatBytes(g.memoryUsedBytes)}${g.uuid ? ` ${g.uuid}` : ""}`,
        );
        return [head, ...rows].join("\n");
      });
      return d.ok ? 0 : 1;
    }
    case "remove": {
      const { removeHost } = await import("../../lib/actions/hosts/remove-host");
      const result = await runLocally(removeHost, { hostId: await hostId() });
      if (!result.ok) return fail(result.error);
      print(flags, result.data, () => `removed ${positional[0]}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown hosts command "${command}": use list, add, label, test, discover or remove`);
  }
}
