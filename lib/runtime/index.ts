/**
 * lib/runtime's public API so far (issue 12): Docker endpoints, clients, Test connection, GPU discovery, the health
 * poller, and registered hosts as the runtime reads them (loadRuntimeHosts), their health service and discovery.
 * Server-only. The endpoint schema and the parsers are pure and may also be imported directly
 * from their files (e.g. by a form).
 */
export {
  dockerEndpointSchema,
  parseDockerEndpoint,
  sshCredentialsSchema,
  tlsCredentialsSchema,
  type DockerEndpoint,
  type DockerEndpointInput,
  type SshCredentials,
  type TlsCredentials,
} from "./docker/endpoint-schema";
export { createDockerClient, type DockerHandle } from "./docker/create-client";
export { closeDockerClients, endpointFingerprint, forgetDockerClient, getDockerClient } from "./docker/client-cache";
export { testConnection, type TestConnectionOptions, type TestConnectionResult } from "./docker/test-connection";
export { type EngineFacts, MIN_API_VERSION } from "./docker/engine-info";
export { STEP_IN_WORDS, type ConnectionFailure, type FailureStep } from "./docker/failure";
export { pingHost, type PingResult } from "./docker/ping-host";
export { parseNvidiaSmiXml, NvidiaSmiParseError } from "./gpu/nvidia-smi-xml";
export { parseDcgmMetrics } from "./gpu/dcgm-metrics";
export { matchCatalogGpu } from "./gpu/catalog-match";
export {
  probeGpus,
  DEFAULT_PROBE_COMMAND,
  DEFAULT_PROBE_IMAGE,
  PROBE_LABELS,
  type GpuProbeOptions,
  type GpuProbeResult,
  type ProbeFailure,
  type ProbeStep,
} from "./gpu/probe";
export type { DiscoveredGpu, GpuMemory, GpuProcess, GpuReport, MigDevice } from "./gpu/gpu-types";
export {
  createHealthPoller,
  healthPollerSettingsSchema,
  pingPolledHost,
  type HealthPoller,
  type HealthPollerOptions,
  type HostCheck,
  type PolledHost,
} from "./health/poller";
export type { HealthChange, HostHealth } from "./health/host-health";
export type { RuntimeGpu, RuntimeHost, RuntimeHostKind, SimulatedGpus } from "./hosts/runtime-host";
export {
  buildRuntimeHost,
  loadRuntimeHost,
  loadRuntimeHosts,
  loadRuntimeHostsWithProblems,
  RuntimeHostError,
  type RuntimeHostProblem,
} from "./hosts/load-runtime-hosts";
export { runtimeGpusOf } from "./hosts/runtime-gpus";
export { discoverHostGpus, type DiscoveryResult, type DiscoverySource } from "./hosts/discover-host-gpus";
export { startHostHealthService, type HostHealthService } from "./hosts/health-service";
export { registerDefaultHosts, LOCAL_SIM_HOST } from "./hosts/default-hosts";
export { gpuHolders, type InstanceContainer } from "./gpu/gpu-holders";
export { INSTANCE_LABEL, listInstanceContainers } from "./gpu/list-instance-containers";
