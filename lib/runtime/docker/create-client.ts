import "server-only";
import type http from "node:http";
import Docker from "dockerode";
import { newProgress, type ConnectionProgress } from "./connection-progress";
import { checkTlsCredentials, loadSshKey } from "./credentials";
import type { DockerEndpoint } from "./endpoint-schema";
import { SshDialAgent } from "./ssh-dial-agent";
import { TrackedHttpAgent, TrackedHttpsAgent } from "./tracked-agents";

/** A dockerode client with the agent that carries its connections; `close()` ends them (sockets, SSH connection). */
export interface DockerHandle {
  readonly endpoint: DockerEndpoint;
  readonly docker: Docker;
  readonly progress: ConnectionProgress;
  close(): void;
}

export interface CreateClientOptions {
  /** How long an SSH handshake may take; request deadlines are set per call. */
  connectTimeoutMs?: number;
}

/** Throws CredentialsError when the endpoint's keys cannot be loaded. */
export function createDockerClient(
  endpoint: DockerEndpoint,
  { connectTimeoutMs = 10_000 }: CreateClientOptions = {},
): DockerHandle {
  const progress = newProgress();
  const { docker, agent } = build(endpoint, progress, connectTimeoutMs);
  return { endpoint, docker, progress, close: () => agent.destroy() };
}

/** docker-modem passes `agent` to every request; @types/dockerode does not list it. */
const dockerWith = (options: Docker.DockerOptions & { agent: http.Agent }) => new Docker(options);

function build(endpoint: DockerEndpoint, progress: ConnectionProgress, connectTimeoutMs: number) {
  switch (endpoint.kind) {
    case "unix": {
      const agent = new TrackedHttpAgent(progress);
      return { agent, docker: dockerWith({ socketPath: endpoint.socketPath, agent }) };
    }
    case "tcp": {
      if (!endpoint.tls) {
        const agent = new TrackedHttpAgent(progress);
        return { agent, docker: dockerWith({ protocol: "http", host: endpoint.host, port: endpoint.port, agent }) };
      }
      checkTlsCredentials(endpoint.tls);
      const tls = { ca: endpoint.tls.caPem, cert: endpoint.tls.certPem, key: endpoint.tls.keyPem };
      const agent = new TrackedHttpsAgent(progress, tls);
      return {
        agent,
        docker: dockerWith({ protocol: "https", host: endpoint.host, port: endpoint.port, ...tls, agent }),
      };
    }
    case "ssh": {
      const key = loadSshKey(endpoint.privateKeyPem, endpoint.passphrase);
      const agent = new SshDialAgent(endpoint, key, progress, connectTimeoutMs);
      return { agent, docker: dockerWith({ protocol: "http", host: endpoint.host, port: endpoint.port, agent }) };
    }
  }
}
