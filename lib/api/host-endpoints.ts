import { z } from "zod";
import { specOf } from "../actions/define-action";
import { addHost } from "../actions/hosts/add-host";
import { declareGpus } from "../actions/hosts/declare-gpus";
import { discoverGpus } from "../actions/hosts/discover-gpus";
import { editHost } from "../actions/hosts/edit-host";
import { removeHost } from "../actions/hosts/remove-host";
import { testHostConnection } from "../actions/hosts/test-host-connection";
import type { ActionSpec, ServerAction } from "../actions/types";
import { getHostSpec, listHostsSpec } from "./host-specs";
import type { Endpoint } from "./openapi";

/**
 * /api/v1/hosts in the OpenAPI document. Reads for every signed-in caller ("read" tokens too); changes for admins,
 * or an admin's token with the "hosts:manage" scope.
 */

function of(action: ServerAction<unknown>): Pick<ActionSpec<z.ZodType, unknown>, "name" | "input"> {
  const spec = specOf(action);
  if (!spec) throw new Error("openapi: a host endpoint's action was not built with defineAction");
  return spec;
}

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
      spec: listHostsSpec,
      action: "fleet.read",
      response: hostPageOut,
    },
    {
      method: "post",
      path: "/api/v1/hosts",
      summary:
        "Register a Docker host (unix socket, tcp:// with TLS, ssh:// with a key) or a local simulated host (admins)",
      spec: of(addHost),
      action: "host.manage",
      response: z.object({ id: z.string(), name: z.string() }),
    },
    {
      method: "get",
      path: "/api/v1/hosts/{hostId}",
      summary: "One host",
      spec: getHostSpec,
      action: "fleet.read",
      response: hostOut,
    },
    {
      method: "patch",
      path: "/api/v1/hosts/{hostId}",
      summary:
        "Edit a host: name, endpoint and credentials (left out: kept), labels, simulated or declared GPUs, dcgm URL",
      spec: of(editHost),
      action: "host.manage",
      response: z.object({ id: z.string(), name: z.string() }),
    },
    {
      method: "delete",
      path: "/api/v1/hosts/{hostId}",
      summary: "Remove a host (refused with 409 while instances placed there should run)",
      spec: of(removeHost),
      action: "host.manage",
      response: z.object({ id: z.string() }),
    },
    {
      method: "post",
      path: "/api/v1/hosts/{hostId}/test",
      summary:
        "Test the connection: engine and API version, OS, CPUs, memory, drivers, NVIDIA runtime, rtt; or the failing step",
      spec: of(testHostConnection),
      action: "host.manage",
      response: testOut,
    },
    {
      method: "post",
      path: "/api/v1/hosts/{hostId}/discover",
      summary: "Discover the host's GPUs (probe container, the simulator on simulated hosts, or dcgm-exporter)",
      spec: of(discoverGpus),
      action: "host.manage",
      response: discoverOut,
    },
    {
      method: "put",
      path: "/api/v1/hosts/{hostId}/declared-gpus",
      summary: "Declare the host's GPUs by hand (count × catalog GPU, or custom memoryBytes); null clears",
      spec: of(declareGpus),
      action: "host.manage",
      response: z.object({ id: z.string(), declaredGpus: z.unknown() }),
    },
  ];
}
