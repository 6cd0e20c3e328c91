import { z } from "zod";
import { addHostInput, declareGpusInput, editHostInput, hostIdInput, listHostsInput } from "../actions/hosts/inputs";
import type { Endpoint } from "./openapi";

/** /api/v1/hosts in the OpenAPI document. Reads for every signed-in caller; changes for admins (not API tokens). */

const hostId = hostIdInput;
const body = <T extends z.ZodObject>(schema: T) => schema.omit({ hostId: true } as never);

const probeFailure = z.object({ step: z.string(), message: z.string(), fix: z.string() });
const testOut = z.union([
  z.object({
    ok: z.literal(true),
    engine: z.record(z.string(), z.unknown()),
    rttMs: z.number(),
    connectMs: z.number(),
    sshHostKeySha256: z.string().optional(),
  }),
  z.object({ ok: z.literal(true), simulated: z.literal(true) }),
  z.object({ ok: z.literal(false), failure: probeFailure.extend({ timedOut: z.boolean() }) }),
]);
const discoverOut = z.union([
  z.object({
    ok: z.literal(true),
    source: z.enum(["nvidia-smi", "dcgm-exporter", "simulated"]),
    via: z.string(),
    driverVersion: z.string().nullable(),
    cudaVersion: z.string().nullable(),
    gpus: z.array(z.record(z.string(), z.unknown())),
    durationMs: z.number(),
  }),
  z.object({ ok: z.literal(false), failure: probeFailure, durationMs: z.number() }),
]);

export function hostEndpoints(hostOut: z.ZodType, hostPageOut: z.ZodType): Endpoint[] {
  return [
    {
      method: "get",
      path: "/api/v1/hosts",
      summary:
        "List registered hosts (health, GPUs, engine facts; never a secret), 100 per page by default, at most 1000",
      query: listHostsInput,
      response: hostPageOut,
      mutates: false,
    },
    {
      method: "post",
      path: "/api/v1/hosts",
      summary:
        "Register a Docker host (unix socket, tcp:// with TLS, ssh:// with a key) or a local simulated host (admins; not with an API token)",
      body: addHostInput,
      response: z.object({ id: z.string(), name: z.string() }),
      mutates: true,
    },
    {
      method: "get",
      path: "/api/v1/hosts/{hostId}",
      summary: "One host",
      params: hostId,
      response: hostOut,
      mutates: false,
    },
    {
      method: "patch",
      path: "/api/v1/hosts/{hostId}",
      summary:
        "Edit a host: name, endpoint and credentials (left out: kept), labels, simulated or declared GPUs, dcgm URL",
      params: hostId,
      body: body(editHostInput),
      response: z.object({ id: z.string(), name: z.string() }),
      mutates: true,
    },
    {
      method: "delete",
      path: "/api/v1/hosts/{hostId}",
      summary: "Remove a host (refused with 409 while instances placed there should run)",
      params: hostId,
      response: z.object({ id: z.string() }),
      mutates: true,
    },
    {
      method: "post",
      path: "/api/v1/hosts/{hostId}/test",
      summary:
        "Test the connection: engine and API version, OS, CPUs, memory, drivers, NVIDIA runtime, rtt; or the failing step",
      params: hostId,
      response: testOut,
      mutates: true,
    },
    {
      method: "post",
      path: "/api/v1/hosts/{hostId}/discover",
      summary: "Discover the host's GPUs (probe container, the simulator on simulated hosts, or dcgm-exporter)",
      params: hostId,
      response: discoverOut,
      mutates: true,
    },
    {
      method: "put",
      path: "/api/v1/hosts/{hostId}/declared-gpus",
      summary: "Declare the host's GPUs by hand (count × catalog GPU, or custom memoryBytes); null clears",
      params: hostId,
      body: body(declareGpusInput),
      response: z.object({ id: z.string(), declaredGpus: z.unknown() }),
      mutates: true,
    },
  ];
}
