import "server-only";
import { createHash } from "node:crypto";
import { createDockerClient, type DockerHandle } from "./create-client";
import type { DockerEndpoint } from "./endpoint-schema";

const MAX_CLIENTS = 64;
const clients = new Map<string, DockerHandle>();

/** Same endpoint and same credentials give the same fingerprint; a rotated key gives a new one (and a new client). */
export function endpointFingerprint(endpoint: DockerEndpoint): string {
  const parts =
    endpoint.kind === "unix"
      ? [endpoint.kind, endpoint.socketPath]
      : endpoint.kind === "tcp"
        ? [
            endpoint.kind,
            endpoint.host,
            endpoint.port,
            endpoint.tls?.caPem,
            endpoint.tls?.certPem,
            endpoint.tls?.keyPem,
          ]
        : [
            endpoint.kind,
            endpoint.user,
            endpoint.host,
            endpoint.port,
            endpoint.privateKeyPem,
            endpoint.passphrase,
            endpoint.hostKeySha256,
          ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/**
 * A dockerode client for `endpoint`, reused while it stays among the 64 most recently used; the one that falls out
 * is closed. Throws CredentialsError when the credentials cannot be loaded.
 */
export function getDockerClient(endpoint: DockerEndpoint): DockerHandle {
  const key = endpointFingerprint(endpoint);
  const cached = clients.get(key);
  if (cached) {
    clients.delete(key);
    clients.set(key, cached);
    return cached;
  }
  const handle = createDockerClient(endpoint);
  clients.set(key, handle);
  if (clients.size > MAX_CLIENTS) {
    const [oldestKey, oldest] = clients.entries().next().value as [string, DockerHandle];
    clients.delete(oldestKey);
    oldest.close();
  }
  return handle;
}

/** Closes and forgets one endpoint's client (its host was removed or its credentials changed). */
export function forgetDockerClient(endpoint: DockerEndpoint): void {
  const key = endpointFingerprint(endpoint);
  clients.get(key)?.close();
  clients.delete(key);
}

export function closeDockerClients(): void {
  for (const handle of clients.values()) handle.close();
  clients.clear();
}

export const cachedClientCount = () => clients.size;
