import type Docker from "dockerode";
import type { ContainerSpec } from "./container-spec";
import { LABEL } from "./labels";

const NS_PER_MS = 1_000_000;

/**
 * The Docker Engine API body that creates the container (what `docker run` sends). Only what the spec says, plus
 * hardening: no privileges, the default bridge network, no added capabilities, no new privileges.
 */
export function dockerCreateOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const port = `${spec.containerPort}/tcp`;
  const hostConfig: Docker.HostConfig = {
    PortBindings: { [port]: [{ HostIp: "", HostPort: String(spec.hostPort) }] },
    RestartPolicy: { Name: spec.restartPolicy, MaximumRetryCount: 0 },
    NetworkMode: "bridge",
    Privileged: false,
    CapAdd: [],
    SecurityOpt: ["no-new-privileges:true"],
    Mounts: spec.mounts.map((m) =>
      m.type === "volume"
        ? { Type: "volume" as const, Source: m.source, Target: m.target }
        : { Type: "bind" as const, Source: m.source, Target: m.target },
    ),
    ...(spec.ipcHost && { IpcMode: "host" }),
    ...(spec.shmBytes !== undefined && { ShmSize: spec.shmBytes }),
    ...(spec.memoryBytes !== undefined && { Memory: spec.memoryBytes }),
    ...(spec.cpus !== undefined && { NanoCpus: Math.round(spec.cpus * 1e9) }),
    ...(spec.deviceIds && {
      DeviceRequests: [{ Driver: "nvidia", Count: 0, DeviceIDs: spec.deviceIds, Capabilities: [["gpu"]], Options: {} }],
    }),
  };
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: spec.args,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: { ...spec.labels, [LABEL.specHash]: spec.specHash },
    ExposedPorts: { [port]: {} },
    Tty: false,
    Healthcheck: {
      Test: spec.healthCheck.test,
      Interval: spec.healthCheck.intervalMs * NS_PER_MS,
      Timeout: spec.healthCheck.timeoutMs * NS_PER_MS,
      StartPeriod: spec.healthCheck.startPeriodMs * NS_PER_MS,
      Retries: spec.healthCheck.retries,
    },
    HostConfig: hostConfig,
  };
}
