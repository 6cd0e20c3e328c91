/**
 * The words for registered hosts that the database rows, the runtime, the API and the UI share: a host's kind and
 * health state, what a Docker daemon said about itself, and what holds a GPU's memory.
 */

export const HOST_KINDS = ["docker", "local-sim"] as const;
/** "docker": a Docker Engine at an endpoint. "local-sim": the embedded simulated host (no daemon). */
export type HostKind = (typeof HOST_KINDS)[number];

export const HOST_STATUSES = ["unknown", "reachable", "unreachable"] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

/** A host's credentials, by role; each is one encrypted secret. */
export const CREDENTIAL_ROLES = ["tls-ca", "tls-cert", "tls-key", "ssh-key", "ssh-passphrase"] as const;
export type CredentialRole = (typeof CREDENTIAL_ROLES)[number];

/** What `docker version` and `docker info` say, as Test connection shows it. */
export interface EngineFacts {
  engineVersion: string;
  apiVersion: string;
  /** The daemon's host name (`docker info` Name). */
  name: string;
  /** "Debian GNU/Linux 12 (bookworm)", "Ubuntu 22.04.4 LTS". */
  operatingSystem: string;
  osType: string;
  kernelVersion: string;
  architecture: string;
  cpus: number;
  memoryBytes: number;
  cgroupDriver: string;
  /** "1" or "2"; empty when the daemon does not say (older than 20.10). */
  cgroupVersion: string;
  storageDriver: string;
  runtimes: string[];
  defaultRuntime: string;
  /** The NVIDIA container runtime is registered (`Runtimes.nvidia`): GPU containers can start here. */
  nvidiaRuntime: boolean;
}

/** One process holding GPU memory, and the fleetdeck instance it belongs to when its container says so. */
export interface GpuHolder {
  pid: number | null;
  /** The process name (nvidia-smi), or the container's name when only the container is known. */
  name: string;
  usedMemoryBytes: number | null;
  /** The `fleetdeck.instance` label of the container the process runs in: one of ours. Absent: a foreign process. */
  instanceKey?: string;
  containerName?: string;
}
