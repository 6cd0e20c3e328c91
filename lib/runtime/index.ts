/**
 * lib/runtime's public API: Docker endpoints, clients, Test connection, GPU discovery, the health poller, and
 * registered hosts as the runtime reads them (loadRuntimeHosts), their health service and discovery (issue 12); the
 * container spec, the reconcile loop and the drivers that run instances (issue 13). Server-only. The endpoint schema
 * and the parsers are pure and may also be imported directly
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
export { buildContainerSpec, type ContainerSpec, type ReplicaSpecInput, type SpecHost } from "./spec/container-spec";
export { dockerCreateOptions } from "./spec/docker-create-options";
export { dockerRunLine, dockerRunWords } from "./spec/docker-run-words";
export { LABEL, parseManagedLabels, type ManagedLabels, type ReplicaKey } from "./spec/labels";
export { planReconcile, type Plan, type PlanInput } from "./planner/plan";
export type { DesiredReplica, ObservedContainer, ReconcileAction } from "./planner/types";
export type { HostFacts, HostRuntime } from "./drivers/host-runtime";
export { DockerRuntime } from "./drivers/docker/docker-runtime";
export { LocalSimRuntime, type LocalSimOptions } from "./drivers/local-sim/local-sim-runtime";
export { createRuntimeFactory, type RuntimeFactory } from "./drivers/runtime-factory";
export { createReconciler, type PassReport, type Reconciler, type ReconcilerOptions } from "./reconcile";
export { runtimeForHost, runtimeHosts, startRuntime, stopRuntime } from "./controller";
export { describeReplicas, type ReplicaDescription } from "./describe-replicas";
