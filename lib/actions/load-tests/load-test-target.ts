import "server-only";
import type { LoadTestTarget } from "../../metrics/load-test/load-test-run-view";
import type { MetricsInstance } from "../../metrics/targets/inventory";
import { SCRAPED_REPLICA_STATES } from "../../metrics/targets/inventory";
import { ActionError } from "../../server/action-error";

/**
 * Where a load test may go: the instance's own running replica, at the endpoint the runtime recorded for it (a
 * loopback port for the local simulator, the instance's host otherwise). The request names only the replica
 * number, never an address, so the load cannot be pointed anywhere else.
 */
export function loadTestTargetOf(instance: MetricsInstance, replicaNo: number): LoadTestTarget {
  const replica = instance.replicas.find((r) => r.replica === replicaNo);
  if (!replica?.endpoint || !SCRAPED_REPLICA_STATES.has(replica.state))
    throw new ActionError(
      `${instance.instanceKey} has no running replica ${replicaNo}: start the instance (or pick a running replica) before sending it load.`,
      { status: 409 },
    );
  const url = new URL(replica.endpoint);
  if (!/^https?:$/.test(url.protocol))
    throw new ActionError(`the endpoint of ${instance.instanceKey} is not an http(s) URL: ${replica.endpoint}`, {
      status: 409,
    });
  return {
    layoutName: instance.layoutName,
    instanceKey: instance.instanceKey,
    engine: instance.engine,
    model: instance.model,
    tp: instance.gpuIndices.length || 1,
    gpuIndices: replica.gpuIndices.length ? replica.gpuIndices : instance.gpuIndices,
    hostName: instance.hostName,
    endpoint: url.origin,
  };
}
