import "server-only";
import { reconcilerStore } from "../queries/runtime/reconciler-store";
import { type RuntimeSettings, runtimeSettingsSchema, DEFAULT_RUNTIME_SETTINGS } from "../vocabulary/runtime-settings";
import { instanceSchema } from "../vocabulary/layout-schema";
import { runtimeForHost, runtimeHosts } from "./controller";
import { hostNeedsOf } from "./reconciler/host-needs";
import { buildContainerSpec } from "./spec/container-spec";
import { dockerRunLine } from "./spec/docker-run-words";

export interface ReplicaDescription {
  replica: number;
  /** The exact `docker run` of the replica's container (secrets by name only), or why there is none. */
  dockerRun: string | null;
  error: string | null;
  notes: string[];
}

function parseSettings(raw: string | null): RuntimeSettings {
  try {
    const parsed = raw ? runtimeSettingsSchema.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? parsed.data : DEFAULT_RUNTIME_SETTINGS;
  } catch {
    return DEFAULT_RUNTIME_SETTINGS;
  }
}

/** The container each replica of an instance runs, as the reconciler builds it, for the instance page. */
export async function describeReplicas(instance: {
  layoutId: string;
  instanceKey: string;
  generation: number;
  spec: string;
  replicas: { replica: number; hostId: string | null; gpuIndices: number[]; hostPort: number | null }[];
}): Promise<ReplicaDescription[]> {
  const store = reconcilerStore();
  const [installationId, settings, hosts] = await Promise.all([
    store.installationId(),
    store.runtimeSettings().then(parseSettings),
    runtimeHosts(),
  ]);
  const parsed = instanceSchema.safeParse(JSON.parse(instance.spec));
  return Promise.all(
    instance.replicas.map(async (r): Promise<ReplicaDescription> => {
      const host = hosts.find((h) => h.id === r.hostId);
      if (!parsed.success || !host)
        return {
          replica: r.replica,
          dockerRun: null,
          error: host ? "the applied spec is invalid" : "its host is not registered",
          notes: [],
        };
      const facts = await runtimeForHost(host.id)
        .then((rt) => rt?.facts())
        .catch(() => undefined);
      const result = buildContainerSpec({
        installationId,
        key: { layoutId: instance.layoutId, instanceKey: instance.instanceKey, replica: r.replica },
        generation: instance.generation,
        instance: parsed.data,
        host: { ...host, ...facts },
        gpuIndices: r.gpuIndices,
        hostPort: r.hostPort ?? parsed.data.port ?? 8000,
        needs: hostNeedsOf(parsed.data, instance.spec),
        settings,
        ...(settings.hfTokenSecret && { hfToken: "(secret)" }),
      });
      return result.ok
        ? { replica: r.replica, dockerRun: dockerRunLine(result.spec), error: null, notes: result.spec.notes }
        : { replica: r.replica, dockerRun: null, error: result.error, notes: [] };
    }),
  );
}
