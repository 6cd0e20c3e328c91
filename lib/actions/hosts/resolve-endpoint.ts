import "server-only";
import type { z } from "zod";
import { CredentialsError, checkTlsCredentials, loadSshKey } from "../../runtime/docker/credentials";
import { type DockerEndpoint, dockerEndpointSchema } from "../../runtime/docker/endpoint-schema";
import type { HostCredentialValues } from "../../secrets/host-credentials";
import { ActionError } from "../../server/action-error";
import type { CredentialRole } from "../../vocabulary/hosts";
import type { endpointInputSchema } from "./inputs";

export interface ResolvedEndpoint {
  endpoint: DockerEndpoint;
  /** Credentials that came with the input: to be stored (encrypted). */
  store: HostCredentialValues;
  /** Stored credentials the endpoint no longer uses: to be deleted. */
  drop: CredentialRole[];
  sshHostKeySha256: string | null;
}

const TLS_ROLES: CredentialRole[] = ["tls-ca", "tls-cert", "tls-key"];

/**
 * The endpoint a host will be reached at, from the form's input and the credentials already stored: credentials left
 * out of an edit are kept while the scheme stays the same. Refuses what the endpoint schema refuses (plain TCP off
 * loopback, a URL without a user…) and credentials that cannot be loaded (a wrong passphrase, a key that is not the
 * certificate's), naming the field under `endpoint.` and never echoing a secret.
 */
export function resolveEndpoint(
  input: z.infer<typeof endpointInputSchema>,
  stored: HostCredentialValues = {},
  storedPin: string | null = null,
): ResolvedEndpoint {
  const scheme = /^([a-z]+):/.exec(input.url)?.[1];
  const keptTls =
    scheme === "tcp" && stored["tls-ca"] && stored["tls-cert"] && stored["tls-key"]
      ? { caPem: stored["tls-ca"], certPem: stored["tls-cert"], keyPem: stored["tls-key"] }
      : undefined;
  const tls = input.tls ?? keptTls;
  const newKey = input.ssh?.privateKeyPem;
  const privateKeyPem = newKey ?? (scheme === "ssh" ? stored["ssh-key"] : undefined);
  const passphrase = newKey !== undefined ? input.ssh?.passphrase : (input.ssh?.passphrase ?? stored["ssh-passphrase"]);
  const pinInput = input.ssh?.hostKeySha256;
  const hostKeySha256 = pinInput === undefined ? (storedPin ?? undefined) : pinInput || undefined;
  const ssh =
    scheme === "ssh" || input.ssh
      ? {
          ...(privateKeyPem !== undefined && { privateKeyPem }),
          ...(passphrase && { passphrase }),
          ...(hostKeySha256 && { hostKeySha256 }),
        }
      : undefined;

  const parsed = dockerEndpointSchema.safeParse({ url: input.url, tls, ssh });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues)
      (fieldErrors[`endpoint.${issue.path.join(".")}`] ??= []).push(issue.message);
    throw new ActionError(`Please fix the endpoint: ${parsed.error.issues.map((i) => i.message).join("; ")}`, {
      status: 422,
      fieldErrors,
    });
  }
  const endpoint = parsed.data;
  checkLoadable(endpoint);

  const store: HostCredentialValues = {};
  if (input.tls && endpoint.kind === "tcp") {
    store["tls-ca"] = input.tls.caPem;
    store["tls-cert"] = input.tls.certPem;
    store["tls-key"] = input.tls.keyPem;
  }
  if (endpoint.kind === "ssh") {
    if (newKey !== undefined) store["ssh-key"] = newKey;
    if (input.ssh?.passphrase) store["ssh-passphrase"] = input.ssh.passphrase;
  }
  const used = new Set<CredentialRole>([
    ...(endpoint.kind === "tcp" && endpoint.tls ? TLS_ROLES : []),
    ...(endpoint.kind === "ssh" ? (["ssh-key"] as const) : []),
    ...(endpoint.kind === "ssh" && endpoint.passphrase ? (["ssh-passphrase"] as const) : []),
  ]);
  const drop = (Object.keys(stored) as CredentialRole[]).filter((role) => !used.has(role));
  return { endpoint, store, drop, sshHostKeySha256: endpoint.kind === "ssh" ? (endpoint.hostKeySha256 ?? null) : null };
}

function checkLoadable(endpoint: DockerEndpoint): void {
  try {
    if (endpoint.kind === "tcp" && endpoint.tls) checkTlsCredentials(endpoint.tls);
    if (endpoint.kind === "ssh") loadSshKey(endpoint.privateKeyPem, endpoint.passphrase);
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    throw new ActionError(`${error.message}: ${error.fix}`, {
      status: 422,
      fieldErrors: { [`endpoint.${error.field}`]: [`${error.message}: ${error.fix}`] },
    });
  }
}
